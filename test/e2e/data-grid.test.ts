/**
 * 数据 in a real browser against the real services: the stored values of 楚雄州 and its counties for the plan, one row
 * per region and item (rendered as they scroll into view), the values 数据核验 questions marked with their finding,
 * and a correction typed with its reason, after which the finding is gone and the audit log has the reason.
 * Screenshots at 1366×768 and 1024×768 go to test-output/.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api';
import { SHOTS, useWorkbench } from './browser-mode';
import { chooseRegion, WorkbenchPage } from './pages';

let services: Handlers;
const bench = useWorkbench({
  seed: async (h) => {
    services = h;
    const r = await h['import.run']({ file: path.resolve('samples/chuxiong-示例数据.xlsx') });
    expect(r.ok).toBe(true);
    // 双柏县 2023: 620 nursing beds typed against 600 beds in all (a part above its whole).
    await h['observations.set']({ region: '532322', series: '养老机构床位总数', year: 2023, value: 600, enteredBy: '张三' });
    await h['observations.set']({ region: '532322', series: '护理型床位数', year: 2023, value: 620, enteredBy: '张三' });
  },
});

describe('数据 in browser mode', () => {
  it('shows the plan’s stored values for 楚雄州 and its counties, rendering only the rows in view', async () => {
    const app = new WorkbenchPage(bench.page);
    await app.open(bench.url);
    await app.goTo('数据');
    const grid = bench.page.getByRole('grid', { name: '已存数值' });
    await grid.getByRole('row').nth(1).waitFor();
    const total = Number(await grid.getAttribute('aria-rowcount')) - 1;
    // 楚雄州 and its 10 counties, each with every item the plan uses.
    expect(total).toBeGreaterThan(200);
    const rendered = await grid.locator('.data-grid-row').count();
    expect(rendered).toBeLessThan(60);
    await expect(bench.page.getByText(/楚雄彝族自治州及10个下级地区：\d+ 行，已存 \d+ 个数值，数据核验需核实 \d+ 处（⚠）/).count()).resolves.toBe(1);
    // Scrolled to the end, the last rows are drawn.
    await grid.locator('.data-grid-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await grid.locator(`[aria-rowindex="${total + 1}"]`).waitFor();
    await bench.page.screenshot({ path: path.join(SHOTS, 'data-grid.png') });
    // 地区 from the plan's region tree: 双柏县 and its townships only; cleared, 楚雄州 again.
    await chooseRegion(bench.page, '双柏县');
    await bench.page.getByText(/^双柏县及\d+个下级地区：\d+ 行/).waitFor();
    expect(await grid.locator('.data-grid-row', { hasText: '楚雄市' }).count()).toBe(0);
    await bench.page.locator('label.region-picker .ant-select-clear').click();
    await bench.page.getByText(/^楚雄彝族自治州及10个下级地区/).waitFor();
  });

  it('marks the value 数据核验 questions and shows its finding; a correction with its reason clears it', async () => {
    await bench.page.getByLabel('只看需核实的').check();
    const grid = bench.page.getByRole('grid', { name: '已存数值' });
    const row = grid.locator('.data-grid-row', { hasText: '双柏县' }).filter({ hasText: '养老机构护理型床位数' });
    const cell = row.getByRole('gridcell', { name: /⚠ 620/ });
    await cell.click();
    const detail = bench.page.getByRole('region', { name: '所选数值' });
    await detail.getByText(/双柏县 · 养老机构护理型床位数 · 2023年：620张，手工录入/).waitFor();
    await detail.getByText('⚠ 双柏县：养老机构护理型床位数（620，2023年）大于养老机构床位总数（600，2023年），部分不应超过整体，请核对').waitFor();
    await bench.page.setViewportSize({ width: 1024, height: 768 });
    await bench.page.screenshot({ path: path.join(SHOTS, 'data-grid-1024.png') });
    await bench.page.setViewportSize({ width: 1366, height: 768 });
    await detail.getByLabel(/更正为/).fill('410');
    const save = detail.getByRole('button', { name: '保存' });
    await detail.getByLabel('录入人').fill('王芳');
    // Correcting a stored value needs a reason.
    await expect(save.isDisabled()).resolves.toBe(true);
    await detail.getByLabel(/原因/).fill('据2023年年报更正');
    await save.click();
    await bench.page.getByRole('status').getByText('已保存：双柏县 养老机构护理型床位数 2023年 410张（据2023年年报更正）。').waitFor();
    // No longer questioned: the row leaves the rows that need checking; among all rows it shows 410.
    await bench.page.getByLabel('只看需核实的').uncheck();
    await bench.page.getByLabel('筛选').fill('护理型');
    await row.getByRole('gridcell', { name: /^410$/ }).waitFor();
    await expect(row.getByRole('gridcell', { name: /⚠ 620/ }).count()).resolves.toBe(0);
    const log = await services['audit.list']();
    expect(log[log.length - 1]).toMatchObject({ action: 'set', by: '王芳', old: '620', new: '410', why: '据2023年年报更正' });
  });

  it('refuses a correction of a locked year in the page, saying how to unlock', async () => {
    await services['locks.lock']({ region: '532322', year: 2022, by: '李明' });
    await bench.page.getByLabel('筛选').fill('养老机构床位总数');
    // The lock is read when the grid is loaded again.
    await bench.page.getByLabel('含下级地区').uncheck();
    await bench.page.getByLabel('含下级地区').check();
    const grid = bench.page.getByRole('grid', { name: '已存数值' });
    const row = grid.locator('.data-grid-row', { hasText: '双柏县' });
    await row.locator('.value-cell').nth(2).click();
    await bench.page.getByRole('region', { name: '所选数值' }).getByText(/该年数据已锁定，不能更正/).waitFor();
  });
});
