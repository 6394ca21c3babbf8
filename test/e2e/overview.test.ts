/**
 * 领导一览 in a real browser: the cards count the rows by status, the rows behind time come first with their figures
 * (a binding one before the others), and one button makes the one-page summary to print. Screenshots at 1366×768
 * and 1024×768 go to test-output/.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api';
import { SHOTS, useWorkbench } from './browser-mode';
import { WorkbenchPage } from './pages';

let services: Handlers;
const bench = useWorkbench({
  seed: async (h) => {
    services = h;
    const r = await h['import.run']({ file: path.resolve('samples/chuxiong-示例数据.xlsx') });
    expect(r.ok).toBe(true);
  },
});

describe('领导一览 in browser mode', () => {
  it('counts the rows by status, lists the rows behind with figures, and makes the one-page summary', async () => {
    const app = new WorkbenchPage(bench.page);
    await app.open(bench.url);
    await app.goTo('领导一览');
    await bench.page.getByRole('heading', { name: /楚雄彝族自治州 · 2025年总结评估 · 时序进度 100%/ }).waitFor();
    const rows = (await services['evaluation.run']({ plan: 'chuxiong', year: 2025 })).rows;
    const behind = rows.filter((r) => ['滞后', '倒退', '未实现', '不符合要求', '未完成', '偏离'].includes(r.status));
    const cards = bench.page.getByRole('list', { name: '指标状态' }).getByRole('listitem');
    await expect(cards.count()).resolves.toBe(5);
    const numbers = (await cards.allInnerTexts()).map((t) => Number(/^\d+/.exec(t)![0]));
    // Every row is in exactly one card; the third counts the rows behind.
    expect(numbers.reduce((a, b) => a + b, 0)).toBe(rows.length);
    expect(numbers[2]).toBe(behind.length);
    expect(behind.length).toBeGreaterThan(0);
    const attention = bench.page.getByRole('table', { name: '需要关注的指标' });
    await expect(attention.locator('tbody tr').count()).resolves.toBe(behind.length);
    // A binding row behind comes first, with its figure and target.
    const binding = behind.filter((r) => r.attribute === '约束性');
    const first = await attention.locator('tbody tr').first().innerText();
    if (binding.length > 0) expect(first).toContain('约束性');
    const r0 = binding[0] ?? behind[0]!;
    expect(first).toContain(r0.target);
    await bench.page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
    await bench.page.setViewportSize({ width: 1024, height: 768 });
    await bench.page.screenshot({ path: path.join(SHOTS, 'overview-1024.png') });
    await bench.page.setViewportSize({ width: 1366, height: 768 });
    await bench.page.getByRole('button', { name: '生成一页摘要（PDF，可打印）' }).click();
    const link = bench.page.getByRole('link', { name: '楚雄彝族自治州2025年评估摘要.pdf' });
    await link.waitFor({ timeout: 30_000 });
    const response = await bench.page.request.get(new URL((await link.getAttribute('href'))!, bench.url).toString());
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
