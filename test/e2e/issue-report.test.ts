/**
 * 签发 in a real browser against the real services: the bureau issues 双柏县's 2023 mid-term report with its 文号 and
 * locks the year; a later correction (of 2022, which is not locked) shows under the issued report as a change, and
 * 重印 offers the document as issued, byte for byte. Screenshots at 1366×768 go to test-output/.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api';
import { seedNursingShares } from '../helpers/seeds';
import { SHOTS, useWorkbench } from './browser-mode';
import { EvaluationView, WorkbenchPage } from './pages';

let services: Handlers;
const bench = useWorkbench({
  seed: async (h) => {
    services = h;
    await seedNursingShares(h);
  },
});
const PLAN = '楚雄州民政事业发展“十四五”规划';

const download = async (name: RegExp): Promise<Buffer> => {
  const link = bench.page.getByRole('link', { name });
  await link.waitFor({ timeout: 30_000 });
  const response = await bench.page.request.get(new URL((await link.getAttribute('href'))!, bench.url).toString());
  expect(response.status()).toBe(200);
  return response.body();
};

describe('签发 in browser mode', () => {
  it('issues the mid-term report of 双柏县 with its 文号 and locks the year', async () => {
    const app = new WorkbenchPage(bench.page);
    await app.open(bench.url);
    await app.goTo('评估');
    await new EvaluationView(bench.page).choose({ plan: PLAN, year: '2023年', region: '532322' });
    await bench.page.getByRole('heading', { name: /双柏县 · 2023年中期评估/ }).waitFor();
    await bench.page.getByRole('button', { name: '签发…' }).click();
    const form = bench.page.getByRole('group', { name: '签发报告' });
    await expect(form.getByRole('button', { name: '确认签发' }).isDisabled()).resolves.toBe(true);
    await form.getByLabel('签发人（必填）').fill('李明');
    await form.getByLabel('文号').fill('双民发〔2024〕3号');
    await form.getByLabel('落款日期').fill('2024-03-01');
    await form.getByRole('button', { name: '确认签发' }).click();
    await form.getByText(/已签发第 1 份（中期评估报告，落款 2024年3月1日，双柏县2023年数据已锁定）/).waitFor({ timeout: 30_000 });
    const issued = await download(/双柏县2023年中期评估报告（签发）\.pdf/);
    expect(issued.subarray(0, 5).toString()).toBe('%PDF-');
    const list = bench.page.getByRole('region', { name: '已签发的报告' });
    await expect(list.locator('tbody tr').first().innerText()).resolves.toMatch(/1\s+.*双柏县2023年中期评估报告\s+双民发〔2024〕3号\s+李明\s+数据未变/);
    await expect(services['locks.list']()).resolves.toContainEqual(expect.objectContaining({ region: '532322', year: 2023, by: '李明' }));
    await bench.page.screenshot({ path: path.join(SHOTS, 'issue-report.png'), fullPage: true });
  });

  it('shows a later correction as a change of the issued report, and reprints it byte for byte', async () => {
    const before = (await services['reports.issued']({}))[0]!;
    await services['observations.set']({ region: '532322', series: '护理型床位数', year: 2022, value: 45, enteredBy: '张三' });
    await services['observations.set']({ region: '532322', series: '养老机构床位总数', year: 2022, value: 100, enteredBy: '张三' });
    const app = new WorkbenchPage(bench.page);
    await app.open(bench.url);
    await app.goTo('评估');
    await new EvaluationView(bench.page).choose({ plan: PLAN, year: '2023年', region: '532322' });
    const list = bench.page.getByRole('region', { name: '已签发的报告' });
    await list.getByRole('button', { name: /签发后有 \d+ 处变化/ }).click();
    const changes = list.getByRole('table', { name: '第 1 份签发后的变化' });
    await expect(changes.locator('tbody tr').first().innerText()).resolves.toMatch(/2022\s+16\s+养老机构护理型床位占比\s+数值\s+—\s+45%/);
    await list.getByRole('button', { name: '重印' }).click();
    await list.getByText('已重印，与签发件逐字节相同：').waitFor({ timeout: 30_000 });
    const again = await download(/双柏县2023年中期评估报告（第1份签发件）\.pdf/);
    expect(crypto.createHash('sha256').update(again).digest('hex')).toBe(before.sha256);
    await bench.page.screenshot({ path: path.join(SHOTS, 'issue-report-changes.png'), fullPage: true });
  });
});
