/**
 * The 规划 page in a real browser against the real services: a bureau pastes its own plan's indicator table as Word
 * copies it, reads it first, saves it, finds it in the list as 本单位, and evaluates it (a qualitative row is 需判断).
 * Screenshots at 1366×768 go to test-output/ for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../main/http/server';
import { createHandlers } from '../../main/services/handlers';
import { freshDb, tempDir } from '../helpers/files';
import { EvaluationView, PlansView, WorkbenchPage } from './pages';

const CHROMIUM = process.env.PWB_CHROMIUM ?? '/usr/bin/chromium';
const shots = path.resolve('test-output');
const PLAN = '双柏县民政事业发展“十五五”规划';
let browser: Browser;
let server: http.Server;
let url: string;
let page: Page;

beforeAll(async () => {
  if (!fs.existsSync('dist/renderer/index.html')) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn']);
  const { db } = freshDb();
  const workDir = tempDir();
  ({ server, url } = await startServer({ handlers: createHandlers(db, { workDir }), staticDir: path.resolve('dist/renderer'), workDir }));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  fs.mkdirSync(shots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the bureau’s own plan in browser mode', () => {
  it('reads a pasted 十五五 table first: 12 rows, 双柏县, 2025—2030, the close name to decide, nothing stored', async () => {
    const app = new WorkbenchPage(page);
    await app.open(url);
    const view = new PlansView(page);
    await view.openImport();
    await expect(view.form().getByRole('button', { name: '保存规划' }).isDisabled()).resolves.toBe(true);
    await view.tryRead(fs.readFileSync('test/fixtures/plans/plan-15th.txt', 'utf8'));
    await expect(view.readRows().count()).resolves.toBe(12);
    await expect(page.getByRole('definition').filter({ hasText: /^双柏县（532322）$/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('definition').filter({ hasText: /^2025—2030$/ }).count()).resolves.toBe(1);
    await expect(page.getByLabel(/第10项）对应指标/).inputValue()).resolves.toBe('');
    await expect(page.getByText('定性（需人工判断）').count()).resolves.toBe(2);
    await expect(page.getByRole('table', { name: '试读问题' }).getByRole('cell', { name: '第15行', exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('article', { name: PLAN }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(shots, 'plans-import.png'), fullPage: true });
  });

  it('saves the plan as read and lists it as 本单位 with its period', async () => {
    const view = new PlansView(page);
    await view.save();
    const card = view.plan(PLAN);
    await card.waitFor();
    await expect(card.getByText('本单位', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(card.getByText(/规划期 2025—2030/).isVisible()).resolves.toBe(true);
    await expect(view.plan('楚雄州民政事业发展“十四五”规划').getByText('内置', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(view.form().getByRole('button', { name: '保存规划' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: '收起导入' }).click();
    await page.screenshot({ path: path.join(shots, 'plans-list.png'), fullPage: true });
  });

  it('evaluates the saved plan in 2026 with the qualitative row 需判断', async () => {
    await new PlansView(page).plan(PLAN).getByRole('button', { name: '评估' }).click();
    const evaluation = new EvaluationView(page);
    await evaluation.choose({ year: '2026年' });
    await page.getByRole('heading', { name: /双柏县 · 2026年/ }).waitFor();
    const row = evaluation.table().locator('tbody tr', { hasText: '县级区域养老服务中心建设' });
    await expect(row.getByText(/需判断/).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'plans-evaluation.png'), fullPage: true });
  });

  it('adjusts a target by document, judges the qualitative row, lists both in 修改记录 and exports the package', async () => {
    const app = new WorkbenchPage(page);
    await app.goTo('规划');
    const view = new PlansView(page);
    await view.manage(PLAN);
    await view.adjust({ seq: '1', target: '1000', fromYear: '2027', doc: '双民发〔2027〕8号', by: '张三' });
    await view.judge({ year: '2026年', seq: '7', result: '达到', note: '县级中心已建成运营', by: '李四' });
    const changes = page.getByRole('table', { name: '修改记录' });
    await changes.getByRole('cell', { name: '判断', exact: true }).waitFor();
    await expect(changes.locator('tbody tr').count()).resolves.toBe(3);
    await expect(changes.getByRole('cell', { name: '双民发〔2027〕8号' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: '导出规划包' }).click();
    const link = page.getByRole('link', { name: 'p532322-2025-2030-规划包.json' });
    await link.waitFor();
    const response = await page.request.get(new URL((await link.getAttribute('href'))!, url).toString());
    expect(JSON.parse((await response.body()).toString('utf8'))).toHaveProperty('plan');
    await page.screenshot({ path: path.join(shots, 'plans-tools.png'), fullPage: true });
  });

  it('shows the judgement and the adjusted target with its document in the evaluation', async () => {
    await new PlansView(page).plan(PLAN).getByRole('button', { name: '评估' }).click();
    const evaluation = new EvaluationView(page);
    await evaluation.choose({ year: '2026年' });
    const judged = evaluation.table().locator('tbody tr', { hasText: '县级区域养老服务中心建设' });
    await judged.getByText('判断：达到，县级中心已建成运营（李四）').waitFor();
    await evaluation.choose({ year: '2027年' });
    const adjusted = evaluation.table().locator('tbody tr', { hasText: '城市低保标准' });
    await adjusted.getByText('调整后目标（双民发〔2027〕8号，自2027年起；原目标950）').waitFor();
    await page.screenshot({ path: path.join(shots, 'plans-evaluation-2027.png'), fullPage: true });
  });

  it('removes the plan only after the in-page confirmation', async () => {
    await new WorkbenchPage(page).goTo('规划');
    const view = new PlansView(page);
    await view.manage(PLAN);
    await page.getByRole('button', { name: '删除规划' }).click();
    await expect(view.plan(PLAN).count()).resolves.toBe(1);
    await page.getByRole('group', { name: '确认删除' }).getByRole('button', { name: '确认删除' }).click();
    await page.getByText(`已删除规划“${PLAN}”。`).waitFor();
    await expect(view.plan(PLAN).count()).resolves.toBe(0);
  });
});
