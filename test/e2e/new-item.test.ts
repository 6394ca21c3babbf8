/**
 * 新建统计项 in the plan import preview, in a real browser against the real services: a new indicator's formula needs
 * a figure the catalogue lacks; the clerk defines it beside the formula, sees its code put into the formula, and
 * reads the service's refusal under the form when the name is taken.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useWorkbench } from './browser-mode';
import { NewItemView, PlansView, WorkbenchPage } from './pages';

const shots = SHOTS;
const TABLE = ['双柏县民政事业发展“十五五”规划', '序号\t指标名称\t单位\t2025年基期值\t2030年目标值\t年均增长\t属性', '1\t社区老年助餐服务人次\t万人次\t2\t5\t—\t预期性'].join('\n');
const ROW = '第1行（第1项）';
const bench = useWorkbench();

describe('新建统计项 in the plan import preview', () => {
  it('defines an item beside a new indicator’s formula and puts its code into the formula', async () => {
    await new WorkbenchPage(bench.page).open(bench.url);
    const plans = new PlansView(bench.page);
    await plans.openImport();
    await plans.chooseRegion('双柏县');
    await plans.tryRead(TABLE);
    const item = new NewItemView(bench.page, ROW);
    await item.open();
    await item.create({ name: '社区老年助餐服务人次', unit: '人次', sum: '是', nature: '时期数', by: '张三' });
    const done = item.form().getByRole('status');
    await done.waitFor();
    const code = (await done.locator('code').textContent())!;
    expect(code).toMatch(/^x_[0-9a-f]{10}$/);
    await expect(item.formula().inputValue()).resolves.toBe(code);
    await bench.page.getByRole('table', { name: '读到的指标表' }).scrollIntoViewIfNeeded();
    await bench.page.screenshot({ path: path.join(shots, 'new-item.png') });
  });

  it('shows the service’s refusal under the form when the name is taken', async () => {
    const item = new NewItemView(bench.page, ROW);
    await item.create({ name: '社区老年助餐服务人次', unit: '人次', sum: '是', nature: '时期数', by: '张三' });
    const refusal = item.form().getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/^名称“社区老年助餐服务人次”已被“社区老年助餐服务人次”（x_[0-9a-f]{10}）使用。$/);
    await item.form().getByLabel('名称').fill('助餐补贴标准');
    await item.form().getByLabel('单位').fill('元/人·月');
    await item.form().getByRole('button', { name: '新建', exact: true }).click();
    await expect.poll(() => refusal.textContent()).toMatch(/不能按下级地区相加/);
    await bench.page.screenshot({ path: path.join(shots, 'new-item-refused.png') });
  });
});
