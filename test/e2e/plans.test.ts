/**
 * The 规划 page in a real browser against the real services: a bureau pastes its own plan's indicator table as Word
 * copies it, reads it first, saves it, finds it in the list as 本单位, and evaluates it (a qualitative row is 需判断).
 * Screenshots at 1366×768 go to test-output/ for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useWorkbench } from './browser-mode';
import { EvaluationView, PlansView, WorkbenchPage } from './pages';

const shots = SHOTS;
const PLAN = '双柏县民政事业发展“十五五”规划';
const bench = useWorkbench();

describe('the bureau’s own plan in browser mode', () => {
  it('reads a pasted 十五五 table first: 12 rows, 双柏县, 2025—2030, the close name to decide, nothing stored', async () => {
    const app = new WorkbenchPage(bench.page);
    await app.open(bench.url);
    const view = new PlansView(bench.page);
    await view.openImport();
    await expect(view.form().getByRole('button', { name: '保存规划' }).isDisabled()).resolves.toBe(true);
    await view.tryRead(fs.readFileSync('test/fixtures/plans/plan-15th.txt', 'utf8'));
    await expect(view.readRows().count()).resolves.toBe(12);
    await expect(bench.page.getByRole('definition').filter({ hasText: /^双柏县（532322）$/ }).count()).resolves.toBe(1);
    await expect(bench.page.getByRole('definition').filter({ hasText: /^2025—2030$/ }).count()).resolves.toBe(1);
    await expect(bench.page.getByLabel(/第10项）对应指标/).inputValue()).resolves.toBe('');
    // Only 基本实现 is words; 城市11700，农村9100 is one target per part, 全覆盖 is 100%.
    await expect(bench.page.getByText('定性（需人工判断）').count()).resolves.toBe(1);
    await expect(view.readRows().filter({ hasText: '县级区域养老服务中心建设' }).getByText('定性（需人工判断）').isVisible()).resolves.toBe(true);
    await expect(bench.page.getByRole('table', { name: '试读问题' }).getByRole('cell', { name: '第15行', exact: true }).isVisible()).resolves.toBe(true);
    await expect(bench.page.getByRole('article', { name: PLAN }).count()).resolves.toBe(0);
    await bench.page.screenshot({ path: path.join(shots, 'plans-import.png'), fullPage: true });
  });

  it('saves the plan as read and lists it as 本单位 with its period', async () => {
    const view = new PlansView(bench.page);
    await view.save();
    const card = view.plan(PLAN);
    await card.waitFor();
    await expect(card.getByText('本单位', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(card.getByText(/规划期 2025—2030/).isVisible()).resolves.toBe(true);
    await expect(view.plan('楚雄州民政事业发展“十四五”规划').getByText('内置', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(view.form().getByRole('button', { name: '保存规划' }).isDisabled()).resolves.toBe(true);
    await bench.page.getByRole('button', { name: '收起导入' }).click();
    await bench.page.screenshot({ path: path.join(shots, 'plans-list.png'), fullPage: true });
  });

  it('evaluates the saved plan in 2026 with the qualitative row 需判断', async () => {
    await new PlansView(bench.page).plan(PLAN).getByRole('button', { name: '评估' }).click();
    const evaluation = new EvaluationView(bench.page);
    await evaluation.choose({ year: '2026年' });
    await bench.page.getByRole('heading', { name: /双柏县 · 2026年/ }).waitFor();
    const row = evaluation.table().locator('tbody tr', { hasText: '县级区域养老服务中心建设' });
    await expect(row.getByText(/需判断/).isVisible()).resolves.toBe(true);
    await bench.page.screenshot({ path: path.join(shots, 'plans-evaluation.png'), fullPage: true });
  });

  it('adjusts a target by document, judges the qualitative row, lists both in 修改记录 and exports the package', async () => {
    const app = new WorkbenchPage(bench.page);
    await app.goTo('规划');
    const view = new PlansView(bench.page);
    await view.manage(PLAN);
    await view.adjust({ seq: '1', target: '1000', fromYear: '2027', doc: '双民发〔2027〕8号', by: '张三' });
    await view.judge({ year: '2026年', seq: '7', result: '达到', note: '县级中心已建成运营', by: '李四' });
    const changes = bench.page.getByRole('table', { name: '修改记录' });
    await changes.getByRole('cell', { name: '判断', exact: true }).waitFor();
    await expect(changes.locator('tbody tr').count()).resolves.toBe(3);
    await expect(changes.getByRole('cell', { name: '双民发〔2027〕8号' }).isVisible()).resolves.toBe(true);
    await bench.page.getByRole('button', { name: '导出规划包' }).click();
    const link = bench.page.getByRole('link', { name: '双柏县民政事业发展“十五五”规划（规划包）.json' });
    await link.waitFor();
    const response = await bench.page.request.get(new URL((await link.getAttribute('href'))!, bench.url).toString());
    expect(JSON.parse((await response.body()).toString('utf8'))).toHaveProperty('plan');
    await bench.page.screenshot({ path: path.join(shots, 'plans-tools.png'), fullPage: true });
  });

  it('shows the judgement and the adjusted target with its document in the evaluation', async () => {
    await new PlansView(bench.page).plan(PLAN).getByRole('button', { name: '评估' }).click();
    const evaluation = new EvaluationView(bench.page);
    await evaluation.choose({ year: '2026年' });
    const judged = evaluation.table().locator('tbody tr', { hasText: '县级区域养老服务中心建设' });
    await judged.getByText('判断：达到，县级中心已建成运营（李四）').waitFor();
    await evaluation.choose({ year: '2027年' });
    const adjusted = evaluation.table().locator('tbody tr', { hasText: '城市低保标准' });
    await adjusted.getByText('调整后目标（双民发〔2027〕8号，自2027年起；原目标950）').waitFor();
    await bench.page.screenshot({ path: path.join(shots, 'plans-evaluation-2027.png'), fullPage: true });
  });

  it('corrects a printed target in 编辑指标表 with 经办人 and lists the change in 修改记录', async () => {
    await new WorkbenchPage(bench.page).goTo('规划');
    const view = new PlansView(bench.page);
    await view.manage(PLAN);
    const position = await view.positionOf('11');
    expect(position).toBe(12);
    await view.editCells(position, { 目标值: '1900' });
    await bench.page.getByText('请先填写经办人，再修改指标表。').waitFor();
    await expect(bench.page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).resolves.toBe('true');
    await view.signAs('王五', '规划文本印刷错误');
    await view.editTable().getByRole('button', { name: '保存', exact: true }).click();
    await bench.page.getByText(`已修改第${position}行（11 孤儿基本生活保障标准）：1项`).waitFor();
    await expect(view.editRow(position).getByRole('cell', { name: '1900', exact: true }).isVisible()).resolves.toBe(true);
    const edit = bench.page.getByRole('table', { name: '修改记录' }).locator('tbody tr', { hasText: '规划文本印刷错误' });
    await edit.waitFor();
    await expect(edit.locator('td').allTextContents()).resolves.toEqual([expect.any(String), '王五', '修改', '11', '目标值', '1800', '1900', '规划文本印刷错误']);
  });

  it('refuses a unit that does not convert, in the service’s words under the row, and keeps what was typed', async () => {
    const view = new PlansView(bench.page);
    await view.editCells(12, { 单位: '公里' });
    const refusal = view.editTable().getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/^单位“公里”不能换算为该指标的单位/);
    await expect(bench.page.getByLabel('第12行单位', { exact: true }).inputValue()).resolves.toBe('公里');
    await bench.page.getByRole('heading', { name: '编辑指标表' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await bench.page.screenshot({ path: path.join(shots, 'plans-edit.png') });
    await view.editTable().getByRole('button', { name: '取消', exact: true }).click();
    await expect(view.editRow(12).getByRole('cell', { name: '元/人·月', exact: true }).isVisible()).resolves.toBe(true);
  });

  it('moves row 2 up from the keyboard and keeps the focus on the row that moved', async () => {
    const view = new PlansView(bench.page);
    await bench.page.getByRole('button', { name: '上移第2行', exact: true }).focus();
    await bench.page.keyboard.press('Enter');
    await bench.page.getByText('已将第2行（2 特困人员基本生活标准）移到第1行').waitFor();
    // The message comes first; the rows reload after it.
    await view.editRow(1).getByRole('cell', { name: '特困人员基本生活标准', exact: true }).waitFor();
    await expect(view.editRow(2).getByRole('cell', { name: '城市低保标准', exact: true }).isVisible()).resolves.toBe(true);
    await expect.poll(() => bench.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('下移第1行');
    await bench.page.getByRole('table', { name: '修改记录' }).getByRole('cell', { name: '移动行', exact: true }).waitFor();
  });

  it('adds a row after the last one and says whether it is an indicator already known', async () => {
    const view = new PlansView(bench.page);
    await view.addRow({ after: '第12行（11 孤儿基本生活保障标准）之后', seq: '12', name: '社区志愿服务站覆盖率', unit: '%', baseline: '60', target: '80', attribute: '预期性' });
    await bench.page.getByText(/^已新增第13行“社区志愿服务站覆盖率”：/).waitFor();
    await expect(bench.page.getByText(/已新建指标|对应已有指标/).count()).resolves.toBe(1);
    await expect(view.editRows().count()).resolves.toBe(13);
    await expect(view.editRow(13).getByRole('cell', { name: '社区志愿服务站覆盖率', exact: true }).isVisible()).resolves.toBe(true);
    await bench.page.getByRole('table', { name: '修改记录' }).getByRole('cell', { name: '新增行', exact: true }).waitFor();
  });

  it('removes the added row only after the in-page confirmation', async () => {
    const view = new PlansView(bench.page);
    await bench.page.getByRole('button', { name: '删除第13行', exact: true }).click();
    await expect(view.editRows().count()).resolves.toBe(13);
    await bench.page.getByRole('group', { name: '删除第13行前确认' }).getByRole('button', { name: '确认删除此行' }).click();
    await bench.page.getByText('已删除第13行（12 社区志愿服务站覆盖率）').waitFor();
    await expect(view.editRows().count()).resolves.toBe(12);
    await bench.page.getByRole('table', { name: '修改记录' }).getByRole('cell', { name: '删除行', exact: true }).waitFor();
  });

  it('offers no row editing for a built-in plan and says how to edit a copy', async () => {
    const view = new PlansView(bench.page);
    await view.manage('楚雄州民政事业发展“十四五”规划');
    const tools = view.plan('楚雄州民政事业发展“十四五”规划').getByRole('region', { name: '规划管理' });
    await expect(tools.getByText('内置规划不能修改；可导出规划包后以新编号导入再修改。').isVisible()).resolves.toBe(true);
    await expect(tools.getByRole('table', { name: '编辑指标表' }).count()).resolves.toBe(0);
  });

  it('removes the plan only after the in-page confirmation', async () => {
    await new WorkbenchPage(bench.page).goTo('规划');
    const view = new PlansView(bench.page);
    await view.manage(PLAN);
    await bench.page.getByRole('button', { name: '删除规划' }).click();
    await expect(view.plan(PLAN).count()).resolves.toBe(1);
    await bench.page.getByRole('group', { name: '确认删除', exact: true }).getByRole('button', { name: '确认删除', exact: true }).click();
    await bench.page.getByText(`已删除规划“${PLAN}”。`).waitFor();
    // The message comes first; the list reloads after it.
    await view.plan(PLAN).waitFor({ state: 'detached' });
  });

  it('names the plan’s region from the whole country: each 城关镇 with the names above it, then a code chosen over the title’s region', async () => {
    const view = new PlansView(bench.page);
    await view.openImport();
    const box = view.form().getByRole('combobox', { name: '地区', exact: true });
    await box.click();
    await box.fill('城关镇');
    const options = bench.page.locator('.ant-select-item-option');
    await options.first().waitFor();
    // Many provinces have a 城关镇: each is told apart by its province and prefecture under its name.
    expect(await options.count()).toBeGreaterThan(5);
    const paths = await bench.page.locator('.ant-select-item-option .region-path').allTextContents();
    expect(new Set(paths).size).toBeGreaterThan(5);
    expect(paths.every((p) => / › /.test(p))).toBe(true);
    await expect(bench.page.getByText(/^只列出前 50 个；在前面加上县名或市名/).isVisible()).resolves.toBe(true);
    await bench.page.screenshot({ path: path.join(shots, 'plans-region-search.png') });
    await box.press('Escape');
    await view.chooseRegion('532326');
    await expect(view.form().locator('label.region-picker .ant-select-content-has-value').getAttribute('title')).resolves.toBe('大姚县（532326）');
    // The table's title says 双柏县; the region chosen is what the plan is of.
    await view.tryRead(fs.readFileSync('test/fixtures/plans/plan-15th.txt', 'utf8'));
    await expect(bench.page.getByRole('definition').filter({ hasText: /^大姚县（532326）$/ }).count()).resolves.toBe(1);
  });
});
