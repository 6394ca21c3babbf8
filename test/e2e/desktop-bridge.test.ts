/**
 * The renderer as the desktop app runs it: the built page from the same localhost server as the other e2e tests,
 * but with a stand-in of the Electron preload bridge (`window.workbench.call`) injected before the page loads. The
 * stand-in hands every call to the services as the IPC handler of main/electron/main.ts does: through `dispatch`,
 * with the paths confined to the ones "picked" (picked-files.ts), and answers files.pickOpen / files.pickSave with
 * paths this test prepared, as the system's dialogs would. Every call is recorded, so the test sees what the
 * renderer sends: no /upload, no /api, only picked paths.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchChromium } from './browser-mode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api, Handlers } from '../../shared/api';
import { toWire } from '../../shared/errors';
import { confineToPicked, PickedFiles } from '../../main/electron/picked-files';
import { startServer } from '../../main/http/server';
import { createHandlers, dispatch } from '../../main/services/handlers';
import { freshDb, longSheet, tempDir, writeWorkbook } from '../helpers/files';
import { EvaluationView, WorkbenchPage } from './pages';

const shots = path.resolve('test-output');

/** What the renderer asked the bridge, in order. */
const calls: { name: string; input: unknown }[] = [];
/** Every request the page made to the server. */
const requests: string[] = [];
/** What the next open and save dialogs answer: a path, or null for 取消. */
const dialogs: { open: (string | null)[]; save: (string | null)[] } = { open: [], save: [] };

let browser: Browser;
let server: http.Server;
let url: string;
let page: Page;
let handlers: Handlers;
let workbook: string;
let saveDir: string;

/** The stand-in of main/electron/preload.ts: one function, errors rebuilt from the reply. Runs in the page. */
const bridgeStandIn = () => {
  const ipc = (window as unknown as { __pwbIpc: (message: string) => Promise<{ ok: true; value: unknown } | { ok: false; error: { name: string; code?: string; message: string } }> }).__pwbIpc;
  (window as unknown as { workbench: unknown }).workbench = {
    call: async (name: string, input: unknown) => {
      const reply = await ipc(JSON.stringify({ name, input }));
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), { name: reply.error.name, code: reply.error.code });
      return reply.value;
    },
  };
};

class DesktopImport {
  constructor(readonly page: Page) {}
  async choose() {
    await this.page.getByRole('group', { name: 'Excel 工作簿（.xlsx .xls）' }).getByRole('button', { name: '选择文件' }).click();
  }
  async check() {
    await this.page.getByRole('button', { name: '试导入' }).click();
    await this.page.getByText(/试导入（未写入）|发现 \d+ 个错误/).waitFor();
  }
  async confirm() {
    await this.page.getByRole('button', { name: '确认导入' }).click();
    await this.page.getByText(/已导入，批次/).waitFor();
  }
}

const called = <K extends keyof Api>(name: K) => calls.filter((c) => c.name === name).map((c) => c.input as Api[K]['input']);

beforeAll(async () => {
  ensureRendererBuilt();
  const { db } = freshDb();
  const workDir = tempDir();
  // The services as the desktop window uses them: only picked paths (or the data folder) are read or written.
  const picked = new PickedFiles(workDir);
  handlers = {
    ...confineToPicked(createHandlers(db, { workDir }), picked),
    'files.pickOpen': async () => {
      const file = dialogs.open.shift() ?? null;
      if (file === null) return { path: null, name: null };
      picked.pickedForReading(file);
      return { path: file, name: path.basename(file) };
    },
    'files.pickSave': async () => {
      const file = dialogs.save.shift() ?? null;
      if (file !== null) picked.pickedForWriting(file);
      return { path: file };
    },
    'files.show': async ({ path: file }) => {
      picked.write(file, 'path');
      return { ok: true };
    },
  };
  ({ server, url } = await startServer({ handlers: createHandlers(db, { workDir }), staticDir: path.resolve('dist/renderer'), workDir }));

  const dir = tempDir('pwb-desktop-');
  workbook = await writeWorkbook(path.join(dir, '楚雄州2023年数据.xlsx'), [
    { name: '楚雄州', rows: longSheet('地区：楚雄州', [2023], [['养老机构床位总数', '张', 12345], ['社会组织数量', '个', 678]]) },
  ]);
  saveDir = tempDir('pwb-desktop-out-');

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  await page.exposeFunction('__pwbIpc', async (message: string) => {
    const { name, input } = JSON.parse(message) as { name: string; input?: unknown };
    calls.push({ name, input });
    try {
      return { ok: true, value: (await dispatch(handlers, name, input)) ?? null };
    } catch (error) {
      return { ok: false, error: toWire(error) };
    }
  });
  await page.addInitScript(bridgeStandIn);
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  fs.mkdirSync(shots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the desktop app’s files, through a stand-in of the preload bridge', () => {
  it('imports a workbook picked in the open dialog, checked first, without uploading it', async () => {
    await new WorkbenchPage(page).open(url);
    await new WorkbenchPage(page).goTo('导入数据');
    // No browser file input in the desktop app: a button that opens the system's dialog.
    await expect(page.locator('input[type=file]').count()).resolves.toBe(0);
    const view = new DesktopImport(page);
    dialogs.open.push(workbook);
    await view.choose();
    await expect(page.getByLabel('已选择的文件').textContent()).resolves.toBe('楚雄州2023年数据.xlsx');
    expect(called('files.pickOpen')).toEqual([{ purpose: 'workbook' }]);

    await view.check();
    await expect(page.getByText('试导入（未写入）：将写入 2 个数值', { exact: false }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'desktop-import.png'), fullPage: true });
    await view.confirm();

    expect(called('import.start')).toEqual([
      { file: workbook, dryRun: true },
      { file: workbook, dryRun: false },
    ]);
    const stored = await handlers['observations.source']({ region: '532300', series: 'elderly_beds', year: 2023 });
    expect(stored).toMatchObject({ value: 12345, file: '楚雄州2023年数据.xlsx', origin: 'import' });
    // The user's own file is read where it is, and left there.
    expect(fs.existsSync(workbook)).toBe(true);
    expect(requests.filter((p) => p === '/upload' || p.startsWith('/api/'))).toEqual([]);
  });

  it('keeps the chosen file when the open dialog is cancelled', async () => {
    dialogs.open.push(null);
    await new DesktopImport(page).choose();
    await expect(page.getByLabel('已选择的文件').textContent()).resolves.toBe('楚雄州2023年数据.xlsx');
  });

  it('writes the mid-term report where the save dialog says, then opens it or shows it in its folder', async () => {
    await new WorkbenchPage(page).goTo('评估');
    await new EvaluationView(page).choose({ plan: '楚雄州民政事业发展“十四五”规划', year: '2023年' });
    await new EvaluationView(page).table().waitFor();
    // The user renames the file in the dialog: the report goes exactly there.
    const out = path.join(saveDir, '报告（已选位置）.pdf');
    dialogs.save.push(out);
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.getByRole('button', { name: '打开文件' }).waitFor({ timeout: 30_000 });
    expect(called('files.pickSave')).toEqual([{ suggestedName: '楚雄彝族自治州2023年中期评估报告.pdf' }]);
    expect(called('reports.write')).toEqual([{ plan: 'chuxiong', year: 2023, kind: 'midterm', out }]);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(page.getByText(out).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: /\.pdf/ }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: '打开文件' }).click();
    await page.getByRole('button', { name: '在文件夹中显示' }).click();
    await expect.poll(() => called('files.show')).toEqual([
      { path: out, how: 'open' },
      { path: out, how: 'folder' },
    ]);
    await page.screenshot({ path: path.join(shots, 'desktop-report.png'), fullPage: false });
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const before = fs.readdirSync(saveDir);
    dialogs.save.push(null);
    await page.getByRole('button', { name: '导出 Excel' }).click();
    await expect.poll(() => called('files.pickSave').length).toBe(2);
    expect(called('files.pickSave')[1]).toEqual({ suggestedName: '楚雄彝族自治州2023年指标完成情况表.xlsx' });
    expect(called('export.evaluation')).toEqual([]);
    expect(fs.readdirSync(saveDir)).toEqual(before);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
  });
});
