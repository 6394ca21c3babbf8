/**
 * The hostile-file corpus (test/fixtures/hostile/, built by scripts/make-hostile-fixtures.ts): each file goes through
 * the real `pwb import` in a child process with a time limit and a memory ceiling, so that a hang or a crash fails
 * the test instead of the run. Each is refused with its message, or read where it is valid, and after a refusal the
 * database file is byte for byte what it was.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb, sha256, tempDir } from '../helpers/files';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/hostile');
const CLI = path.join(ROOT, 'bin/pwb.cjs');
/** Per file: the slowest case (a 420 MiB inflation) takes about 3 s on a 2-core machine. */
const LIMIT_MS = 30_000;

type Expect = { kind: 'refused'; contains: string[] } | { kind: 'problems'; contains: string[] } | { kind: 'imported'; observations: number };
const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as Record<string, { what: string; expect: Expect }>;

let seeded = '';

beforeAll(() => {
  // dist/cli.cjs is what `pwb` runs: rebuilt from the sources under test.
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  const { db, file } = freshDb();
  db.close();
  seeded = file;
}, 120_000);

/** One import in a child process on a copy of the database; the copy's hash before and after. */
const importInChild = (fixture: string) => {
  const dir = tempDir();
  const db = path.join(dir, 'workbench.sqlite');
  fs.copyFileSync(seeded, db);
  const before = sha256(db);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--max-old-space-size=1024', CLI, 'import', path.join(FIXTURES, fixture), '--db', db, '--json'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: LIMIT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 2 ** 20,
  });
  return { run, ms: Date.now() - started, before, after: sha256(db), dir };
};

/** The messages a run printed: problems of the JSON result, and the error on stderr. */
const messages = (stdout: string, stderr: string): string => {
  try {
    const json = JSON.parse(stdout) as { problems?: { message: string; cell: string }[] };
    return [...(json.problems ?? []).map((p) => `${p.cell} ${p.message}`), stderr].join('\n');
  } catch {
    return `${stdout}\n${stderr}`;
  }
};

describe('hostile files: refused with a message or read, in bounded time, the database untouched after a refusal', () => {
  it('has at least 30 files, each under 1 MB', () => {
    const files = Object.keys(manifest);
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) expect(fs.statSync(path.join(FIXTURES, f)).size, f).toBeLessThan(1024 * 1024);
  });

  it.each(Object.entries(manifest).map(([file, m]) => [file, m.what, m.expect] as const))('%s (%s)', (file, _what, expect_) => {
    const { run, ms, before, after } = importInChild(file);
    expect(run.signal, `killed after ${ms} ms`).toBeNull();
    expect(run.stderr).not.toMatch(/内部错误|internal error|FATAL|Fatal/);
    const text = messages(run.stdout, run.stderr);
    if (expect_.kind === 'imported') {
      expect(run.status, text).toBe(0);
      expect((JSON.parse(run.stdout) as { observations: number }).observations).toBe(expect_.observations);
      return;
    }
    expect(run.status, text).not.toBe(0);
    for (const words of expect_.contains) expect(text).toContain(words);
    // No message echoes a hostile text whole.
    expect(text.length, text.slice(0, 300)).toBeLessThan(20_000);
    expect(after).toBe(before);
  }, LIMIT_MS + 10_000);
});

describe('a hostile file too large to keep in the corpus', () => {
  it('refuses an .xls of 50,000 sheets (17 MB, built here with SheetJS) in bounded time, the database untouched', async () => {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.utils.book_new();
    for (let i = 0; i < 50_000; i++) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), `S${i}`);
    const dir = tempDir();
    const file = path.join(dir, 'sheets-50000.xls');
    fs.writeFileSync(file, XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer);
    const db = path.join(dir, 'workbench.sqlite');
    fs.copyFileSync(seeded, db);
    const before = sha256(db);
    const run = spawnSync(process.execPath, ['--max-old-space-size=1024', CLI, 'import', file, '--db', db], { encoding: 'utf8', timeout: LIMIT_MS, killSignal: 'SIGKILL' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/sheets-50000\.xls：/);
    expect(run.stderr).not.toMatch(/内部错误|FATAL/);
    expect(sha256(db)).toBe(before);
  }, 120_000);
});
