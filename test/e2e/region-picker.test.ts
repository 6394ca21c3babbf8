/**
 * 地区 in 评估: the plan's region and the regions under it as a tree (antd TreeSelect), searched by name or code as a
 * clerk types, by keyboard alone; cleared, the plan's own region again. Screenshots at 1024×768 and 1366×768 go to
 * test-output/.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api';
import { SHOTS, useWorkbench } from './browser-mode';
import { EvaluationView, WorkbenchPage } from './pages';

let services: Handlers;
const bench = useWorkbench({
  viewport: { width: 1024, height: 768 },
  seed: async (h) => {
    services = h;
  },
});
const PLAN = '楚雄州民政事业发展“十四五”规划';

describe('地区 in 评估', () => {
  it('finds 法脿镇 by a part of its name, under 双柏县, and evaluates it; cleared, the plan’s region again', async () => {
    const app = new WorkbenchPage(bench.page);
    await app.open(bench.url);
    await app.goTo('评估');
    const view = new EvaluationView(bench.page);
    await view.choose({ plan: PLAN, year: '2023年' });
    await bench.page.getByRole('heading', { name: /楚雄彝族自治州 · 2023年/ }).waitFor();
    const box = bench.page.getByRole('combobox', { name: '地区' });
    await box.click();
    await box.fill('法脿');
    // The township is shown inside its county and prefecture: the path to it, not a flat list of every match.
    const nodes = bench.page.locator('.ant-select-tree-treenode');
    await nodes.filter({ hasText: '法脿镇 532322103' }).waitFor();
    // (The virtual list keeps one empty node to measure rows by.)
    expect((await nodes.allInnerTexts()).filter((t) => t.trim() !== '')).toEqual(['楚雄彝族自治州 532300', '双柏县 532322', '法脿镇 532322103']);
    await bench.page.screenshot({ path: path.join(SHOTS, 'region-picker-1024.png') });
    await box.press('Enter');
    await bench.page.getByRole('heading', { name: /法脿镇 · 2023年/ }).waitFor();
    await expect(view.regionShown()).resolves.toBe('法脿镇（532322103）');
    expect(new URL(bench.page.url()).hash).toContain('region=532322103');

    // By code, keyboard only: the county.
    await box.focus();
    await box.fill('532322');
    await nodes.filter({ hasText: '双柏县 532322' }).first().waitFor();
    await box.press('Enter');
    await bench.page.getByRole('heading', { name: /双柏县 · 2023年/ }).waitFor();

    // Cleared: the plan's own region.
    await bench.page.locator('label.region-picker').hover();
    await bench.page.locator('label.region-picker .ant-select-clear').click();
    await bench.page.getByRole('heading', { name: /楚雄彝族自治州 · 2023年/ }).waitFor();
    await expect(view.regionShown()).resolves.toBe('');
    expect(new URL(bench.page.url()).hash).not.toContain('region=');

    await bench.page.setViewportSize({ width: 1366, height: 768 });
    await box.click();
    await box.fill('楚雄市');
    await nodes.filter({ hasText: '楚雄市 532301' }).first().waitFor();
    await bench.page.screenshot({ path: path.join(SHOTS, 'region-picker-1366.png') });
  });

  it('is fed by regions.within: the plan’s region first, then each region under its parent, and an unknown code refused', async () => {
    const within = await services['regions.within']({ code: '532322' });
    expect(within[0]).toMatchObject({ code: '532322', name: '双柏县' });
    expect(within.length).toBeGreaterThan(5);
    const seen = new Set<string>();
    for (const r of within) {
      if (r.code !== '532322') expect(seen.has(r.parentCode!)).toBe(true);
      seen.add(r.code);
    }
    await expect(services['regions.within']({ code: '999999' })).rejects.toThrow(/未知的地区代码/);
  });
});
