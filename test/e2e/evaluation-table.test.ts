/**
 * 评估's table (issue 10): sorted by 完成进度 and 评价, filtered by 评价 and 属性, its header fixed while the rows scroll,
 * warnings written under the name, and a row's course over the plan period opened by a click or by the keyboard —
 * at 1024×768 and at 1366×768. Screenshots go to test-output/.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvaluatedRow } from '../../shared/evaluation/result';
import type { Handlers } from '../../shared/api';
import { importChuxiongSample, TWINS_PLAN_TEXT } from '../helpers/seeds';
import { SHOTS, useWorkbench } from './browser-mode';
import { EvaluationView, WorkbenchPage } from './pages';

let services: Handlers;
const bench = useWorkbench({
  viewport: { width: 1024, height: 768 },
  seed: async (h) => {
    services = h;
    await importChuxiongSample(h);
  },
});
const PLAN = '楚雄州民政事业发展“十四五”规划';

/** The completion as the table prints it, or null for —. */
const percent = (text: string): number | null => (text.trim() === '—' ? null : Number(text.replace('%', '')));

describe('评估’s table', () => {
  for (const size of [
    { width: 1024, height: 768 },
    { width: 1366, height: 768 },
  ]) {
    it(`sorts, filters and opens a row’s course at ${size.width}×${size.height}`, async () => {
      const page = bench.page;
      await page.setViewportSize(size);
      const app = new WorkbenchPage(page);
      await app.open(bench.url);
      await app.goTo('评估');
      const view = new EvaluationView(page);
      await view.choose({ plan: PLAN, year: '2023年' });
      await page.getByRole('heading', { name: /楚雄彝族自治州 · 2023年中期评估/ }).waitFor();
      const evaluated = await services['evaluation.run']({ plan: 'chuxiong', year: 2023 });
      await expect(view.rows().count()).resolves.toBe(evaluated.rows.length);

      // A warning is written under its row's name, visible without hovering.
      const row6 = view.rows().filter({ hasText: '社会组织专职工作人员数量' });
      await expect(row6.getByRole('note').innerText()).resolves.toContain('规划基期值1200人与2020年数据1210不一致');

      // 完成进度, highest first: the figures in order, the rows without one last.
      const completionHeader = view.table().locator('thead th', { hasText: '完成进度' });
      await completionHeader.click();
      await completionHeader.click();
      await expect(completionHeader.getAttribute('aria-sort')).resolves.toBe('descending');
      const shown = (await view.table().locator('tbody tr.ant-table-row td:nth-child(9)').allInnerTexts()).map(percent);
      const withOne = shown.filter((x) => x !== null);
      expect(withOne).toEqual([...withOne].sort((a, b) => b! - a!));
      expect(shown.slice(withOne.length).every((x) => x === null)).toBe(true);
      expect(withOne.length).toBeGreaterThan(5);

      // Only 滞后, then only the binding rows among them.
      await view.filter('评价', '滞后');
      const lagging = evaluated.rows.filter((r) => r.status === '滞后');
      await expect.poll(() => view.rows().count()).toBe(lagging.length);
      await view.filter('属性', '约束性');
      const binding = lagging.filter((r: EvaluatedRow) => r.attribute === '约束性');
      await expect.poll(() => view.rows().count()).toBe(binding.length);
      expect(binding.length).toBeGreaterThan(0);
      await expect(view.rows().first().innerText()).resolves.toContain(binding[0]!.name);
      await page.screenshot({ path: path.join(SHOTS, `evaluation-filtered-${size.width}.png`) });
      await view.resetFilter('属性');
      await view.resetFilter('评价');
      await expect.poll(() => view.rows().count()).toBe(evaluated.rows.length);

      // The header stays in view while the rows scroll under it.
      const header = view.table().locator('thead th', { hasText: '指标名称' });
      const before = (await header.boundingBox())!.y;
      const body = view.table().locator('.ant-table-body');
      // (antd scrolls back to the first row just after a filter changes.)
      await expect.poll(() => body.evaluate((b) => (b.scrollTo(0, 600), b.scrollTop))).toBeGreaterThan(0);
      expect((await header.boundingBox())!.y).toBe(before);

      // A click on the row opens its course: each year's value as the evaluation of that year has it.
      const row16 = view.rows().filter({ hasText: '养老机构护理型床位占比' });
      await row16.locator('td').nth(4).click();
      const trend = page.getByRole('figure', { name: '养老机构护理型床位占比历年走势' });
      await trend.waitFor();
      const value2023 = evaluated.rows.find((r) => r.name === '养老机构护理型床位占比')!.value!;
      await trend.getByText(String(value2023), { exact: true }).first().waitFor();
      await expect(trend.getByText(/^目标 /).count()).resolves.toBe(1);
      await trend.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `evaluation-trend-${size.width}.png`) });
      // Closed by the keyboard, on its + / − button.
      const expander = row16.getByRole('button', { name: /关闭行|展开行/ });
      await expander.focus();
      await page.keyboard.press('Enter');
      await trend.waitFor({ state: 'detached' });
      await page.keyboard.press('Enter');
      await trend.waitFor();
      // The row itself takes the focus: the space bar closes its course, ↓ goes to the row below, Enter opens that one's.
      // One row of the table is on Tab's way (the table is passed in one step).
      await expect(view.table().locator('tr.ant-table-row[tabindex="0"]').count()).resolves.toBe(1);
      await row16.focus();
      await page.keyboard.press(' ');
      await trend.waitFor({ state: 'detached' });
      await page.keyboard.press('ArrowDown');
      const focused = page.locator('tr.ant-table-row:focus');
      const below = await focused.locator('td').nth(2).innerText();
      expect(below).not.toContain('养老机构护理型床位占比');
      await expect(focused.getAttribute('aria-expanded')).resolves.toBe('false');
      await page.keyboard.press('Enter');
      await expect(focused.getAttribute('aria-expanded')).resolves.toBe('true');
      await page.getByRole('figure', { name: /历年走势$/ }).waitFor();
      // Tab now comes to the row last visited, and only to it.
      await expect(view.table().locator('tr.ant-table-row[tabindex="0"]').count()).resolves.toBe(1);
      await expect(focused.getAttribute('tabindex')).resolves.toBe('0');
      await page.screenshot({ path: path.join(SHOTS, `evaluation-keyboard-${size.width}.png`) });
    }, 60_000);
  }

  it('opens one of two 其中 rows that share a table and 序号 (none) with its own course', async () => {
    const page = bench.page;
    await services['plans.import']({ text: TWINS_PLAN_TEXT, region: '532300', id: 'twins' });
    const app = new WorkbenchPage(page);
    await app.open(bench.url);
    await app.goTo('评估');
    const view = new EvaluationView(page);
    await view.choose({ plan: '双柏县测试规划', year: '2023年' });
    await page.getByRole('heading', { name: /双柏县测试规划 · 楚雄彝族自治州 · 2023年/ }).waitFor();
    await expect(view.rows().count()).resolves.toBe(4);
    await view.rows().nth(3).locator('td').nth(4).click();
    const trend = page.getByRole('figure', { name: /历年走势$/ });
    await trend.waitFor();
    await expect(trend.count()).resolves.toBe(1);
    await expect(trend.getAttribute('aria-label')).resolves.toBe('城市最低生活保障标准历年走势');
  }, 60_000);
});
