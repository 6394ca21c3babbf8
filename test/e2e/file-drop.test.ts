/**
 * 选择文件 in browser mode: a workbook dragged onto the field is chosen, as one picked with the click, and the dry run
 * reads it; the field speaks Chinese (no browser words such as "Choose File").
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorkbench } from './browser-mode';
import { WorkbenchPage } from './pages';

const bench = useWorkbench();

describe('选择文件 in browser mode', () => {
  it('takes a workbook dropped on it and checks it with 试导入', async () => {
    const page = bench.page;
    const app = new WorkbenchPage(page);
    await app.open(bench.url);
    await app.goTo('导入数据');
    const file = path.resolve('samples/chuxiong-示例数据.xlsx');
    const bytes = [...fs.readFileSync(file)];
    const drop = await page.evaluateHandle(
      ({ bytes, name }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        return dt;
      },
      { bytes, name: path.basename(file) },
    );
    const zone = page.locator('.file-field.drop .ant-upload-drag');
    await expect(zone.innerText()).resolves.toMatch(/把文件拖到这里，或点击选择/);
    await expect(page.getByText('Choose File').count()).resolves.toBe(0);
    // Dropped where the field listens (its inner area), as a drag from the file manager ends.
    const target = zone.locator('.ant-upload-btn');
    await target.dispatchEvent('dragover', { dataTransfer: drop });
    await target.dispatchEvent('drop', { dataTransfer: drop });
    await page.getByLabel('已选择的文件').filter({ hasText: 'chuxiong-示例数据.xlsx' }).waitFor();
    await page.getByRole('button', { name: '试导入' }).click();
    await page.getByText(/试导入（未写入）/).waitFor();
  });
});
