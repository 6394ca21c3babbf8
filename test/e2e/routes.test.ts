/**
 * The address keeps where the user is: a reload of 评估 opens the same plan, region, year and kind, and Back from
 * another page returns to it with its choices.
 */
import { describe, expect, it } from 'vitest';
import { useWorkbench } from './browser-mode';
import { EvaluationView, WorkbenchPage } from './pages';

const bench = useWorkbench();
const PLAN = '楚雄州民政事业发展“十四五”规划';

describe('routes in the address', () => {
  it('keeps plan, region, year and kind of 评估 across a reload, and Back returns to them', async () => {
    const app = new WorkbenchPage(bench.page);
    await app.open(bench.url);
    await app.goTo('评估');
    await new EvaluationView(bench.page).choose({ plan: PLAN, year: '2022年', region: '532322' });
    await bench.page.getByLabel('评估类型').selectOption({ label: '年度监测' });
    await bench.page.getByRole('heading', { name: /双柏县 · 2022年年度监测/ }).waitFor();
    expect(new URL(bench.page.url()).hash).toBe('#/evaluation?plan=chuxiong&region=532322&year=2022&kind=annual');

    await bench.page.reload();
    await bench.page.getByRole('heading', { name: /双柏县 · 2022年年度监测/ }).waitFor();
    await expect(new EvaluationView(bench.page).regionShown()).resolves.toBe('双柏县（532322）');
    await expect(bench.page.getByLabel('数据年份').inputValue()).resolves.toBe('2022');

    await app.goTo('数据');
    await bench.page.getByRole('grid', { name: '已存数值' }).waitFor();
    expect(new URL(bench.page.url()).hash).toBe('#/data?plan=chuxiong');
    await bench.page.goBack();
    await bench.page.getByRole('heading', { name: /双柏县 · 2022年年度监测/ }).waitFor();
    await expect(bench.page.getByRole('navigation', { name: '功能' }).getByRole('button', { name: '评估' }).getAttribute('aria-current')).resolves.toBe('page');
  });
});
