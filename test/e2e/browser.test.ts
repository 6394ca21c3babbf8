/**
 * The user interface in a real browser (Debian's Chromium, driven by playwright-core) against the real services
 * over the localhost HTTP transport: plans with their checks, the evaluation table, an import checked first and
 * then stored with its progress bar, the history and undo. Screenshots go to test-output/ for a person to look at.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startWorkbench, type Workbench } from './browser-mode';
import { SAMPLE_BOOKS } from '../../scripts/sample-data';
import { tempDir } from '../helpers/files';
import { chooseRegion, EvaluationView, ImportView, openedDialog, TargetsView, WorkbenchPage } from './pages';

const shots = SHOTS;
/** How many numbers the 楚雄州 sample workbook holds, from the script that writes it. */
const CHUXIONG_VALUES = SAMPLE_BOOKS.find((b) => b.file.startsWith('chuxiong'))!.sheets.flatMap((s) => s.rows.flatMap(([, , v]) => v.filter((x) => x !== null))).length;
let workbench: Workbench;
let url: string;
let page: Page;

beforeAll(async () => {
  workbench = await startWorkbench({ viewport: { width: 1400, height: 900 } });
  ({ url, page } = workbench);
}, 60_000);

afterAll(async () => {
  await workbench?.close();
});

describe('browser mode', () => {
  it('lists the four plans and shows the plan checks of 楚雄州 in words', async () => {
    const app = new WorkbenchPage(page);
    await app.open(url);
    await expect(page.getByRole('heading', { level: 2 }).allTextContents()).resolves.toHaveLength(4);
    await expect(page.getByText('规划文本核对：5 条提示').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/节地生态安葬率.*目标值60%低于基期值70%/).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'plans.png'), fullPage: true });
  });

  it('checks a workbook first, shows the progress, then stores it on confirmation', async () => {
    const app = new WorkbenchPage(page);
    await app.goTo('导入数据');
    const view = new ImportView(page);
    await view.check(path.resolve('samples/chuxiong-示例数据.xlsx'));
    await expect(page.getByText(`试导入（未写入）：将写入 ${CHUXIONG_VALUES} 个数值`, { exact: false }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('progressbar', { name: '读取进度' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(`将写入的数值：${CHUXIONG_VALUES} 个`, { exact: false }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'import-preview.png'), fullPage: true });
    // Another file chosen after the check: nothing may be imported until that file is checked.
    await page.getByLabel('选择文件').setInputFiles(path.resolve('samples/dazhou-示例数据.xlsx'));
    await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByText('试导入（未写入）', { exact: false }).count()).resolves.toBe(0);
    await view.check(path.resolve('samples/chuxiong-示例数据.xlsx'));
    await view.confirm();
    await expect(page.getByText(/已导入，批次 1/).isVisible()).resolves.toBe(true);
  });

  it('makes a data-entry workbook for 双柏县 and offers it for download', async () => {
    await page.getByText('生成填报工作簿').click();
    await chooseRegion(page, '532322', page.locator('details'));
    await page.getByRole('button', { name: '生成' }).click();
    const link = page.getByRole('link', { name: '双柏县填报工作簿.xlsx' });
    await link.waitFor();
    const response = await page.request.get(new URL((await link.getAttribute('href'))!, url).toString());
    expect(response.status()).toBe(200);
    expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
    await page.screenshot({ path: path.join(shots, 'template.png'), fullPage: true });
  });

  it('reports the bad cells of a bad workbook and keeps the confirm button disabled', async () => {
    const dir = tempDir();
    const file = path.join(dir, '坏表.xlsx');
    const { writeWorkbook, longSheet } = await import('../helpers/files');
    await writeWorkbook(file, [{ name: 'S', rows: longSheet('地区：楚雄州', [2023], [['养老机构床位总数', '张', '＞30'], ['不存在的指标', '个', 5]]) }]);
    await new ImportView(page).check(file);
    await expect(page.getByRole('table', { name: '问题' }).getByRole('cell', { name: 'C3', exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('试导入发现 2 个错误，修改后才能导入（未写入任何数据）').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
    // The sheet's region by its name, also when no value of it could be read.
    await expect(page.getByText('工作表“S”：楚雄彝族自治州，0 个数值').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'import-problems.png'), fullPage: true });
  });

  it('shows the mid-term evaluation of 楚雄州 with statuses in words and symbols', async () => {
    const app = new WorkbenchPage(page);
    await app.goTo('评估');
    const view = new EvaluationView(page);
    await view.choose({ plan: '楚雄州民政事业发展“十四五”规划', year: '2023年' });
    // The table of 2023, not the one of 2025 the page opened with (a loaded machine shows that one a moment longer).
    await page.getByRole('heading', { name: /楚雄彝族自治州 · 2023年/ }).waitFor();
    await view.table().waitFor();
    await expect(view.rows().count()).resolves.toBe(21);
    await expect(page.getByText('○ 基本符合预期').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('▼ 倒退').first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.scoreboard').getByText(/时序进度 60%/).isVisible()).resolves.toBe(true);
    // The chart in the page draws the time progress as a line with its label.
    await expect(page.getByRole('figure', { name: '完成进度与时序进度' }).getByText('时序进度 60%', { exact: true }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(shots, 'evaluation.png'), fullPage: true });
  });

  it('draws the completion chart, keeps the bureau’s paragraph and makes the mid-term report as a PDF', async () => {
    await expect(page.getByRole('figure', { name: '完成进度与时序进度' }).locator('svg').count()).resolves.toBe(1);
    await page.getByText(/本单位填写的报告段落/).click();
    await page.getByLabel('段落名称').selectOption({ label: '下一步工作措施及建议' });
    await page.getByLabel('段落内容').fill('加快护理型床位改造。');
    await page.locator('details').getByLabel('填写人').fill('张三');
    await page.getByRole('button', { name: '保存段落' }).click();
    await page.getByText(/已填 1 段/).waitFor();
    await page.getByRole('button', { name: '生成报告' }).click();
    const link = page.getByRole('link', { name: '楚雄彝族自治州2023年中期评估报告.pdf' });
    await link.waitFor({ timeout: 30_000 });
    const response = await page.request.get(new URL((await link.getAttribute('href'))!, url).toString());
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: path.join(shots, 'evaluation-report.png'), fullPage: true });
  });

  it('sets 双柏县’s own target, which its evaluation then uses, refuses a bad target sheet by cell, and removes the target', async () => {
    const app = new WorkbenchPage(page);
    await app.goTo('目标分解');
    const view = new TargetsView(page);
    // Wait for the list to load (a busy machine may take a moment), then for its empty state.
    await page.getByText('尚未设置下级地区目标。').waitFor();
    await view.set({ region: '双柏县', row: '6 社会组织专职工作人员数量（总量指标，须分解）', target: '100人', by: '张三' });
    const saved = view.list().getByRole('row').nth(1);
    await saved.waitFor();
    expect(await saved.innerText()).toMatch(/双柏县\s+532322\s+6\s+社会组织专职工作人员数量\s+1450人\s+100人\s+张三/);

    // 双柏县 2023 against its own target: baseline 80 (its 2020 value), 85 in 2023 → (85 − 80)/(100 − 80) = 25%, 滞后.
    await app.goTo('评估');
    const evaluation = new EvaluationView(page);
    await evaluation.choose({ plan: '楚雄州民政事业发展“十四五”规划', year: '2023年', region: '532322' });
    const row6 = evaluation.table().locator('tbody tr', { hasText: '社会组织专职工作人员数量' });
    await row6.getByText('▲ 滞后').waitFor();
    await expect(row6.getByText('100人').isVisible()).resolves.toBe(true);

    await app.goTo('目标分解');
    const sheet = path.join(tempDir(), '目标分解.xlsx');
    const { writeWorkbook } = await import('../helpers/files');
    await writeWorkbook(sheet, [{ name: '目标', rows: [['地区', '序号', '目标值'], ['楚雄市', 6, '300人'], ['达州市', 6, 100]] }]);
    await view.checkSheet(sheet, '李四');
    await page.getByRole('table', { name: '问题' }).getByRole('cell', { name: 'A3', exact: true }).waitFor();
    await expect(page.getByRole('button', { name: '确认保存' }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'targets.png'), fullPage: true });

    // 删除 asks first, in the page (antd's modal), 取消 focused.
    await page.getByRole('button', { name: '删除双柏县第6项目标' }).click();
    const ask = await openedDialog(page, '删除双柏县第6项的目标？');
    await ask.getByRole('button', { name: '删除', exact: true }).click();
    await page.getByText('尚未设置下级地区目标。').waitFor();
  });

  it('lists the import in the history and undoes it', async () => {
    const app = new WorkbenchPage(page);
    await app.goTo('导入记录');
    // 撤销 asks first: 取消 (focused, so Enter cancels) keeps the batch; 撤销 in the dialog undoes it.
    await page.getByRole('button', { name: '撤销' }).first().click();
    const ask = await openedDialog(page, '撤销第 1 批？');
    await page.screenshot({ path: path.join(shots, 'history-undo-confirm.png') });
    await page.keyboard.press('Enter');
    await ask.waitFor({ state: 'detached' });
    await expect(page.getByRole('cell', { name: '已撤销' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: '撤销' }).first().click();
    await (await openedDialog(page, '撤销第 1 批？')).getByRole('button', { name: '撤销', exact: true }).click();
    await page.getByText(`已撤销第 1 批：删除 ${CHUXIONG_VALUES} 个数值`, { exact: false }).waitFor();
    // The message comes before the list reloads: wait for the row's new state rather than look once.
    await page.getByRole('cell', { name: '已撤销' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'history.png'), fullPage: true });
  });
});
