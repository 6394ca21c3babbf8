/**
 * Long imports in a process of their own (`pwb serve`, the desktop app): the result and progress come back by
 * message, and a worker that dies (a V8 fatal error on a hostile file) is a failed job with a clear message while
 * the server's own process goes on and nothing is stored.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import { forkLauncher } from '../../main/services/job-process';
import type { Handlers, JobStatus } from '../../shared/api';
import { freshDb, longSheet, sha256, tempDir, writeWorkbook } from '../helpers/files';
import { openDb } from '../../main/db/open';

const waitFor = async (h: Handlers, job: string): Promise<JobStatus> => {
  for (let i = 0; i < 600; i++) {
    const s = await h['jobs.status']({ job });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
};

describe('an import in its own process', () => {
  it('stores the workbook and reports the result, as the in-process import does', async () => {
    if (!fs.existsSync('dist/worker.cjs')) return; // built by `npm ci` (prepare) and `npm run build`
    const { db } = freshDb();
    const h = createHandlers(db, { importWorker: forkLauncher(path.resolve('dist/worker.cjs')) });
    const file = await writeWorkbook(path.join(tempDir(), 'w.xlsx'), [{ name: '2023年', rows: longSheet('地区：双柏县', [2023], [['养老机构床位总数', '张', 1350]]) }]);
    const { job } = await h['import.start']({ file });
    const s = await waitFor(h, job);
    expect(s.state).toBe('done');
    expect(s.result).toMatchObject({ ok: true, observations: 1 });
    expect(await h['observations.source']({ region: '532322', series: '养老机构床位总数', year: 2023 })).toMatchObject({ value: 1350 });
  });

  it('turns a worker that dies into a failed job with a message, and stores nothing', async () => {
    const dir = tempDir();
    const crash = path.join(dir, 'crash.cjs');
    fs.writeFileSync(crash, "process.once('message', () => process.abort());");
    const { db } = freshDb();
    const h = createHandlers(db, { importWorker: forkLauncher(crash) });
    const { job } = await h['import.start']({ file: path.join(dir, 'any.xlsx') });
    const s = await waitFor(h, job);
    expect(s.state).toBe('failed');
    expect(s.error?.message).toMatch(/导入进程意外结束/);
    expect((await h['batches.list']()).length).toBe(0);
  });

  it('runs `pwb import` in a worker too: a runaway stopped at its time limit is a clear message, nothing stored, no backup left', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'w.sqlite');
    openDb(db).close();
    const before = sha256(db);
    // 60,000 rows take longer than the 150 ms allowed here (the message rounds it up to one second).
    const rows = Array.from({ length: 60_000 }, (_, i) => [`示例${i}`, '个', i]);
    const file = await writeWorkbook(path.join(dir, 'big.xlsx'), [{ name: '2023年', rows: longSheet('地区：双柏县', [2023], rows) }]);
    const run = spawnSync(process.execPath, ['bin/pwb.cjs', 'import', file, '--db', db], { encoding: 'utf8', env: { ...process.env, PWB_JOB_TIME_LIMIT_MS: '150' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('导入超过 1 秒仍未完成，已停止；数据库未作改动。');
    expect(run.stderr).not.toMatch(/内部错误|at .*\.js/);
    expect(sha256(db)).toBe(before);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  }, 60_000);
});

describe('the worker `pwb import` starts with the command (main/worker/spare.ts)', () => {
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const gone = async (pid: number): Promise<boolean> => {
    for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    return !alive(pid);
  };

  it('leaves with a command that never imports, which does not wait for it', async () => {
    if (!fs.existsSync('dist/spare.cjs')) return; // built by `npm ci` (prepare) and `npm run build`
    const script = `const s = require(${JSON.stringify(path.resolve('dist/spare.cjs'))}); s.startSpareWorker(${JSON.stringify(path.resolve('dist/worker.cjs'))}); console.log(globalThis[Symbol.for('pwb.spare-import-worker')].child.pid);`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0); // not killed by the timeout: nothing kept the command waiting
    const pid = Number(run.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    expect(await gone(pid)).toBe(true);
  });

  it('is taken by the launcher for the same worker, and refused (and ended) for another', async () => {
    if (!fs.existsSync('dist/spare.cjs')) return;
    const { startSpareWorker, takeSpareWorker, workerExecArgv } = await import('../../main/worker/spare');
    const worker = path.resolve('dist/worker.cjs');
    startSpareWorker(worker);
    const taken = takeSpareWorker(worker, workerExecArgv());
    expect(taken?.pid).toBeGreaterThan(0);
    expect(takeSpareWorker(worker, workerExecArgv())).toBeNull(); // taken once
    taken!.kill();
    startSpareWorker(worker);
    const spare = (globalThis as Record<symbol, { child: { pid: number } }>)[Symbol.for('pwb.spare-import-worker')]!.child.pid;
    expect(takeSpareWorker(path.resolve('dist/other.cjs'), workerExecArgv())).toBeNull();
    expect(await gone(spare)).toBe(true);
  });

  it('imports through `pwb import` as before, the values stored', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'w.sqlite');
    const file = await writeWorkbook(path.join(dir, 'w.xlsx'), [{ name: '2023年', rows: longSheet('地区：双柏县', [2023], [['养老机构床位总数', '张', 1350]]) }]);
    const run = spawnSync(process.execPath, ['bin/pwb.cjs', 'import', file, '--db', db, '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, observations: 1 });
    const check = openDb(db);
    expect(check.prepare("SELECT value FROM observation WHERE region_code = '532322' AND year = 2023").get()).toEqual({ value: 1350 });
    check.close();
  });
});
