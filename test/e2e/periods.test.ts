/**
 * A month's report in the window, in a real browser against the real services: the December 城市低保 form checked
 * (试导入) lists each figure with its month and kind and the year's values with the rule that made them; and the
 * data-entry workbook is made by month for one year.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeWorkbook } from '../helpers/files';
import { dibaoForm } from '../helpers/forms';
import { SHOTS, useWorkbench } from './browser-mode';
import { EvaluationView, ImportView, WorkbenchPage } from './pages';

const bench = useWorkbench();

describe('a monthly report in the window', () => {
  it('checks the December 城市低保 form: the sheet as the 1-12月 report, figures by month and kind, the year’s values with their rule', async () => {
    const form = dibaoForm();
    const file = await writeWorkbook(path.join(tempDir(), '城市低保月报2023年12月.xlsx'), [{ name: '2023年12月', ...form }]);
    await new WorkbenchPage(bench.page).open(bench.url);
    await new WorkbenchPage(bench.page).goTo('导入数据');
    await new ImportView(bench.page).check(file);
    await expect(bench.page.getByText('工作表“2023年12月”：2023年1-12月报表，双柏县', { exact: false }).isVisible()).resolves.toBe(true);
    await bench.page.getByText('将写入的数值：156 个', { exact: false }).click();
    const table = bench.page.getByRole('table', { name: '将写入的数值' });
    const row = (cell: string, when: string) => table.locator('tr', { has: bench.page.getByRole('cell', { name: `2023年12月!${cell}`, exact: true }) }).filter({ hasText: when });
    await expect(row('J10', '2023年12月 当月').locator('td').nth(4).textContent()).resolves.toBe('9.6');
    await expect(row('L10', '2023年12月 累计').count()).resolves.toBe(1);
    await expect(row('L10', '全年数，1-12月累计').count()).resolves.toBe(1);
    await expect(row('C10', '全年数，年末数').count()).resolves.toBe(1);
    await bench.page.screenshot({ path: path.join(SHOTS, 'import-monthly.png'), fullPage: true });
  });

  it('shows under a row of 评估 where its value comes from: the December form’s cell and the rule that made the year', async () => {
    await new ImportView(bench.page).confirm();
    await new WorkbenchPage(bench.page).goTo('评估');
    await new EvaluationView(bench.page).choose({ plan: '楚雄州民政事业发展“十四五”规划', year: '2023年', region: '532322' });
    // The table of 双柏县 itself, not the plan region's shown while the region is typed.
    await bench.page.getByRole('heading', { name: /双柏县 · 2023年/ }).waitFor();
    await expect(new EvaluationView(bench.page).regionShown()).resolves.toBe('双柏县（532322）');
    const row = new EvaluationView(bench.page).rows().filter({ hasText: '特困人员基本生活标准与城市最低生活保障标准比率' });
    await row.getByRole('button', { name: '来源' }).click();
    const source = bench.page.getByRole('region', { name: /的来源$/ });
    await source.waitFor();
    await expect(source.textContent()).resolves.toMatch(/城市最低生活保障标准（2023年）：780 元\/人·月，导入自 城市低保月报2023年12月\.xlsx 的“2023年12月”!O8（第 1 批）；全年数由月度或季度数据得出：年末数：2023年12月!O8/);
    await expect(source.textContent()).resolves.toContain('特困人员基本生活标准（2023年）：本地区没有该数值');
    await source.scrollIntoViewIfNeeded();
    await bench.page.screenshot({ path: path.join(SHOTS, 'value-source.png') });
  });

  it('makes the data-entry workbook by month for a year', async () => {
    await new WorkbenchPage(bench.page).goTo('导入数据');
    const card = bench.page.locator('details.card', { hasText: '生成填报工作簿' });
    await card.locator('summary').click();
    await card.getByLabel('填报周期').selectOption('monthly');
    await card.getByLabel('年份').fill('2024');
    await card.getByRole('button', { name: '生成' }).click();
    await card.getByText('2024年月度填报工作簿', { exact: false }).waitFor();
    await bench.page.screenshot({ path: path.join(SHOTS, 'template-monthly.png') });
  });
});
