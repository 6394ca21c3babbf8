/**
 * 下级地区对比 and 锁定年度 in a real browser against the real services: a prefecture compares its counties on the
 * mid-term year, sorts by one row and opens a county's evaluation; a county's year is locked, listed and logged, and
 * unlocked only with a reason. Screenshots at 1366×768 go to test-output/ for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files';
import { seedNursingShares } from '../helpers/seeds';
import { SHOTS, useWorkbench } from './browser-mode';
import { EvaluationView, LeagueView, LocksView, WorkbenchPage } from './pages';

const shots = SHOTS;
const PLAN = '楚雄州民政事业发展“十四五”规划';
const bench = useWorkbench({ seed: seedNursingShares });

describe('下级地区对比 in browser mode', () => {
  it('ranks 楚雄市 第1 on row 16 among the counties of 楚雄州 in 2023, in the status colour', async () => {
    await new WorkbenchPage(bench.page).open(bench.url);
    await new WorkbenchPage(bench.page).goTo('下级地区对比');
    const view = new LeagueView(bench.page);
    await view.choose({ plan: PLAN, year: '2023年' });
    await bench.page.getByRole('heading', { name: /楚雄彝族自治州各下级地区 · 2023年中期评估/ }).waitFor();
    // 上级地区 left empty is the plan's own region, and says so.
    await expect(bench.page.locator('label.region-picker', { hasText: '上级地区' }).innerText()).resolves.toContain('规划地区（比较其各下级地区）');
    await expect(view.table().locator('tbody tr').count()).resolves.toBe(10);
    const first = await view.cell('楚雄市', '16');
    await expect(first.textContent()).resolves.toMatch(/55.*第1$/);
    await expect((await view.cell('双柏县', '16')).textContent()).resolves.toMatch(/50.*第2$/);
    await expect((await view.cell('南华县', '16')).textContent()).resolves.toMatch(/^—\s*$/);
    // A cell has its status's fill, not the grey of 缺数.
    await expect(first.evaluate((td) => getComputedStyle(td).backgroundColor)).resolves.not.toBe('rgb(237, 237, 237)');
  });

  it('sorts by row 16 (ranked regions first, the rest last) and back by name', async () => {
    const view = new LeagueView(bench.page);
    await view.sortBy('16');
    await expect(view.header('16').getAttribute('aria-sort')).resolves.toBe('ascending');
    const sorted = await view.regions();
    expect(sorted.slice(0, 3)).toEqual(['楚雄市', expect.stringMatching(/^(禄丰市|双柏县)$/), expect.stringMatching(/^(禄丰市|双柏县)$/)]);
    await view.sortBy('16');
    await expect(view.header('16').getAttribute('aria-sort')).resolves.toBe('descending');
    const reversed = await view.regions();
    expect(reversed.slice(0, 3)).toEqual([expect.stringMatching(/^(禄丰市|双柏县)$/), expect.stringMatching(/^(禄丰市|双柏县)$/), '楚雄市']);
    await view.table().getByRole('button', { name: /^地区/ }).click();
    await expect(view.table().locator('thead th').first().getAttribute('aria-sort')).resolves.toBe('ascending');
    const byName = await view.regions();
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(byName[0]).toBe('楚雄市');
    // Column titles break between words: "农村公益性公墓 / （骨灰堂）…", never "覆盖/率".
    await expect(view.header('14').locator('.name-line').allTextContents()).resolves.toEqual(['14 农村公益性公墓', '（骨灰堂）…']);
    await view.sortBy('16');
    await view.header('16').scrollIntoViewIfNeeded();
    await bench.page.screenshot({ path: path.join(shots, 'league.png') });
  });

  it('exports the table as a workbook to send the counties, offered for download', async () => {
    await bench.page.getByRole('button', { name: '导出 Excel' }).click();
    const link = bench.page.getByRole('link', { name: '楚雄彝族自治州各下级地区2023年主要指标完成情况对比表.xlsx' });
    await link.waitFor();
    const response = await bench.page.request.get(new URL((await link.getAttribute('href'))!, bench.url).toString());
    expect(response.status()).toBe(200);
    const saved = path.join(tempDir(), '对比表.xlsx');
    fs.writeFileSync(saved, await response.body());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.getWorksheet('下级地区对比')!;
    expect(String(ws.getCell('A1').value)).toMatch(/^楚雄彝族自治州各下级地区2023年中期评估/);
    expect(ws.getCell(3, 5).value).toBe('楚雄市');
  });

  it('opens 评估 of 双柏县 for the same plan and year from its name', async () => {
    await new LeagueView(bench.page).openRegion('双柏县');
    await bench.page.getByRole('heading', { name: /双柏县 · 2023年/ }).waitFor();
    await expect(new EvaluationView(bench.page).regionShown()).resolves.toBe('双柏县（532322）');
    await expect(bench.page.getByLabel('数据年份').inputValue()).resolves.toBe('2023');
    await expect(bench.page.getByRole('navigation', { name: '功能' }).getByRole('button', { name: '评估' }).getAttribute('aria-current')).resolves.toBe('page');
  });
});

describe('锁定年度 in browser mode', () => {
  it('locks 2023 for 双柏县 and lists it with the lock in the 操作日志', async () => {
    await new WorkbenchPage(bench.page).goTo('导入记录');
    const view = new LocksView(bench.page);
    await expect(bench.page.getByText('尚未锁定任何年度。').isVisible()).resolves.toBe(true);
    await view.lock({ scope: '楚雄彝族自治州', region: '双柏县', year: '2023', by: '王五', reason: '2023年年报已报送' });
    const row = view.locks().locator('tbody tr', { hasText: '双柏县（532322）' });
    await row.waitFor();
    await expect(row.locator('td').allTextContents()).resolves.toEqual(['双柏县（532322）', '2023', '王五', expect.any(String), '2023年年报已报送', '解锁']);
    const logged = view.audit().locator('tbody tr', { hasText: '锁定' });
    await logged.waitFor();
    await expect(logged.locator('td').allTextContents()).resolves.toEqual([expect.any(String), '王五', '锁定', '双柏县（532322） 2023年', '', '2023年年报已报送', '']);
    // The typed values of the set-up are logged too, under 填报.
    await expect(view.audit().getByRole('cell', { name: '填报', exact: true }).count()).resolves.toBe(12);
    await bench.page.getByRole('heading', { name: '锁定年度' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await bench.page.screenshot({ path: path.join(shots, 'locks.png') });
  });

  it('unlocks only with a reason given in the page, and logs the reason', async () => {
    const view = new LocksView(bench.page);
    await bench.page.getByRole('button', { name: '解锁双柏县2023年', exact: true }).click();
    const confirm = bench.page.getByRole('group', { name: '解锁双柏县2023年前确认' });
    await expect(confirm.getByRole('button', { name: '确认解锁' }).isDisabled()).resolves.toBe(true);
    await confirm.getByLabel('经办人').fill('王五');
    await bench.page.getByRole('heading', { name: '锁定年度' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await bench.page.screenshot({ path: path.join(shots, 'locks-confirm.png') });
    await confirm.getByRole('button', { name: '取消' }).click();
    await view.unlock('双柏县', '2023', '发现2023年床位数填报错误，经局长同意更正');
    await bench.page.getByText('已解锁双柏县2023年：发现2023年床位数填报错误，经局长同意更正').waitFor();
    await bench.page.getByText('尚未锁定任何年度。').waitFor();
    const logged = view.audit().locator('tbody tr', { hasText: '解锁' });
    await logged.waitFor();
    await expect(logged.locator('td').allTextContents()).resolves.toEqual([expect.any(String), '王五', '解锁', '双柏县（532322） 2023年', '2023年年报已报送', '', '发现2023年床位数填报错误，经局长同意更正']);
    await bench.page.getByRole('heading', { name: '锁定年度' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await bench.page.screenshot({ path: path.join(shots, 'locks-unlocked.png') });
  });
});
