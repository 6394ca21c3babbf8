/**
 * `npm run reliability`: what a bureau must be able to trust, tried for real and printed as a table. Not a test of
 * speed; each line says how many tries behaved as they must.
 *  - hostile files: every file of test/fixtures/hostile through `pwb import` in a child process with a time limit and
 *    a memory ceiling: refused with its message (the database byte for byte as before) or read where valid;
 *  - kill points: an import killed with SIGKILL at evenly spread moments, each followed by opening the database,
 *    `PRAGMA integrity_check` and the counts: all of the import or none of it;
 *  - concurrent writers: two imports of one file at once (one stores it, the other finds it stored), and a writer
 *    that meets another program's write lock (waits, then says so; nothing written);
 *  - migrations: a database of every older schema version opened by this version (integrity, foreign keys);
 *  - backup and restore: a backup taken while another process writes, checked, restored into another folder, every
 *    table's count the same.
 * `--quick` runs fewer kill points and a smaller workbook (the test suite runs it so).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { latestVersion, migrations } from '../main/db/migrations';
import { backupsOf } from '../main/db/backups-folder';
import { openDb } from '../main/db/open';
import { insertRegions } from '../main/db/queries/regions';
import { allSeries } from '../main/db/queries/series';
import { backupDatabase, restoreDatabase } from '../main/services/backup';
import { tempDir } from '../test/helpers/files';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/pwb.cjs');
const HOSTILE = path.join(ROOT, 'test/fixtures/hostile');
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

export interface ReliabilityRow {
  check: string;
  tries: number;
  /** Tries that behaved as they must. */
  ok: number;
  detail: string;
  seconds: number;
}

const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** `pwb ARGS` in a child process with a time limit; peak memory from /usr/bin/time when the machine has it. */
const pwbChild = (args: string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv }): { run: SpawnSyncReturns<string>; ms: number; peakMb: number | null } => {
  const started = Date.now();
  const node = [process.execPath, '--max-old-space-size=1024', CLI, ...args];
  const [cmd, ...argv] = TIME ? [TIME, '-f', 'PWB_MAXRSS=%M', ...node] : node;
  const run = spawnSync(cmd!, argv, { encoding: 'utf8', timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 2 ** 20, env: options.env ?? process.env });
  const rss = /PWB_MAXRSS=(\d+)/.exec(run.stderr ?? '');
  return { run, ms: Date.now() - started, peakMb: rss ? Number(rss[1]) / 1024 : null };
};

const counts = (file: string): { integrity: string; observations: number; batches: number; fkProblems: number } => {
  // Opened as the app opens it: a WAL left by a killed writer is recovered here.
  const db = openDb(file);
  try {
    return {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      observations: (db.prepare('SELECT count(*) AS n FROM observation').get() as { n: number }).n,
      batches: (db.prepare('SELECT count(*) AS n FROM import_batch').get() as { n: number }).n,
      fkProblems: (db.pragma('foreign_key_check') as unknown[]).length,
    };
  } finally {
    db.close();
  }
};

/** Quick runs try these (the test suite tries every file in hostile-files.test.ts). */
const QUICK_HOSTILE = ['valid-baseline.xlsx', 'zip-bomb-sheet-zeros.xlsx', 'billion-laughs.xlsx', 'merge-g3-xfd1048576.xlsx', 'name-10mb.xlsx', 'cols-20000.xlsx', 'csv-renamed.xlsx'];

const hostileFiles = (quick: boolean): ReliabilityRow => {
  const t0 = performance.now();
  type Expect = { kind: 'refused' | 'problems'; contains: string[] } | { kind: 'imported'; observations: number };
  const all = JSON.parse(fs.readFileSync(path.join(HOSTILE, 'manifest.json'), 'utf8')) as Record<string, { expect: Expect }>;
  const manifest = quick ? Object.fromEntries(QUICK_HOSTILE.map((f) => [f, all[f]!])) : all;
  const seed = path.join(tempDir('pwb-rel-'), 'seed.sqlite');
  openDb(seed).close();
  const failed: string[] = [];
  let slowest = 0;
  let peak = 0;
  for (const [file, { expect }] of Object.entries(manifest)) {
    const db = path.join(tempDir('pwb-rel-'), 'w.sqlite');
    fs.copyFileSync(seed, db);
    const before = sha256(db);
    const { run, ms, peakMb } = pwbChild(['import', path.join(HOSTILE, file), '--db', db, '--json'], { timeoutMs: 30_000 });
    slowest = Math.max(slowest, ms);
    peak = Math.max(peak, peakMb ?? 0);
    const text = `${run.stdout}\n${run.stderr}`;
    const good =
      run.signal === null &&
      !/内部错误|FATAL|Fatal/.test(run.stderr) &&
      (expect.kind === 'imported'
        ? run.status === 0 && (JSON.parse(run.stdout) as { observations: number }).observations === expect.observations
        : run.status !== 0 && expect.contains.every((w) => text.includes(w)) && sha256(db) === before);
    if (!good) failed.push(file);
  }
  const n = Object.keys(manifest).length;
  return {
    check: '异常与恶意文件 hostile files',
    tries: n,
    ok: n - failed.length,
    detail: `slowest ${(slowest / 1000).toFixed(1)} s${TIME ? `, peak ${Math.round(peak)} MB` : ''}${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
    seconds: (performance.now() - t0) / 1000,
  };
};

/** A database with `regions` synthetic townships, and a flat workbook of regions × 50 items × `years` values. */
export const largeImportForTest = async (dir: string, regions: number, years: number) => largeImport(dir, regions, years);
const largeImport = async (dir: string, regions: number, years: number): Promise<{ template: string; file: string; rows: number }> => {
  const template = path.join(dir, 'template.sqlite');
  const db = openDb(template);
  const towns = Array.from({ length: regions }, (_, i) => ({ code: `532322${String(500 + i)}`, name: `示例乡镇${i + 1}`, parentCode: '532322', level: 'township' as const, aliases: [] }));
  db.transaction(() => insertRegions(db, towns))();
  const series = allSeries(db).filter((s) => !s.formula && s.aggregation === 'sum').slice(0, 50);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const file = path.join(dir, 'large.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: true });
  const ws = wb.addWorksheet('观测值');
  ws.addRow(['地区代码', '地区', '指标或统计项', '年份', '数值', '单位']).commit();
  let rows = 0;
  for (const r of towns) {
    for (const [i, s] of series.entries()) {
      for (let y = 0; y < years; y++) {
        ws.addRow([r.code, r.name, s.name, 2025 - y, 100 + i + y * 3 + (rows % 7), s.unit]).commit();
        rows++;
      }
    }
  }
  ws.commit();
  await wb.commit();
  return { template, file, rows };
};

/** The size of a database's write-ahead log (0 when there is none): it grows once an import starts storing. */
const walSize = (db: string): number => fs.statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0;

/** One import to the end: how long it takes, and when (ms after its start) it began writing to the database. */
const timedImport = (file: string, db: string): Promise<{ total: number; writeStart: number }> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const initial = walSize(db);
    let writeStart = -1;
    const poll = setInterval(() => {
      if (writeStart < 0 && walSize(db) > initial + 64 * 1024) writeStart = Date.now() - started;
    }, 5);
    const child = spawn(process.execPath, [CLI, 'import', file, '--db', db], { stdio: 'ignore' });
    child.on('exit', (code) => {
      clearInterval(poll);
      const total = Date.now() - started;
      if (code !== 0) reject(new Error(`the uninterrupted import failed (${code})`));
      else resolve({ total, writeStart: writeStart < 0 ? Math.round(total * 0.8) : writeStart });
    });
  });

/** SIGKILL to the whole process group of an import after `ms`; resolves when it has ended. */
const importKilledAfter = (file: string, db: string, ms: number): Promise<'killed' | 'finished'> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'import', file, '--db', db], { detached: true, stdio: 'ignore' });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // It had just ended.
      }
    }, ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(killed ? 'killed' : 'finished');
    });
  });

const killPoints = async (points: number, regions: number, years: number): Promise<ReliabilityRow> => {
  const t0 = performance.now();
  const dir = tempDir('pwb-rel-');
  const { template, file, rows } = await largeImport(dir, regions, years);
  // One import to the end: how long it takes, when it starts writing, and what "all of it" is.
  const whole = path.join(dir, 'whole.sqlite');
  fs.copyFileSync(template, whole);
  const { total, writeStart } = await timedImport(file, whole);
  const after = counts(whole);
  const before = counts(template);
  let none = 0;
  let all = 0;
  let leftovers = 0;
  const half: string[] = [];
  // A third of the kills while the file is read; two thirds around the moment the log starts to grow (the write
  // transaction, its commit and the end of the process), from a little before it to the end.
  const reading = Math.max(1, Math.round(points / 3));
  const writing = points - reading;
  const from = Math.max(0, writeStart - 150);
  const moments = [
    ...Array.from({ length: reading }, (_, i) => Math.round((from * (i + 1)) / (reading + 1))),
    ...Array.from({ length: writing }, (_, i) => Math.round(from + ((total - from) * i) / Math.max(1, writing - 1))),
  ];
  for (const [i, at] of moments.entries()) {
    const db = path.join(dir, `kill-${i + 1}.sqlite`);
    fs.copyFileSync(template, db);
    await importKilledAfter(file, db, at);
    const c = counts(db);
    if (c.integrity !== 'ok' || c.fkProblems > 0) half.push(`${at} ms: ${c.integrity}`);
    else if (c.observations === before.observations && c.batches === before.batches) none += 1;
    else if (c.observations === after.observations && c.batches === after.batches) all += 1;
    else half.push(`${at} ms: ${c.observations} values, ${c.batches} batches`);
    // What a kill may leave besides the database: the pre-import backup, whole, or (killed while it was written) a
    // .part file that the next backup removes.
    const backups = path.join(dir, 'backups');
    if (fs.existsSync(backups) && fs.readdirSync(backups).some((f) => f.startsWith(`kill-${i + 1}-`) && f.includes('.part'))) leftovers += 1;
  }
  return {
    check: '导入中途强制结束 import killed (SIGKILL)',
    tries: points,
    ok: none + all,
    detail: `${rows.toLocaleString('en')} rows, ${(total / 1000).toFixed(1)} s whole, writing from ${(writeStart / 1000).toFixed(1)} s; killed ${reading}× while reading and ${points - reading}× while writing: ${none} none, ${all} all, ${half.length} half${half.length ? ` (${half.join('; ')})` : ''}; integrity_check ok${leftovers ? `; ${leftovers} left a partial pre-import backup (.part, removed by the next backup)` : ''}`,
    seconds: (performance.now() - t0) / 1000,
  };
};

export const concurrentWriters = async (): Promise<ReliabilityRow> => {
  const t0 = performance.now();
  const dir = tempDir('pwb-rel-');
  const { template, file, rows } = await largeImport(dir, 20, 5);
  const db = path.join(dir, 'both.sqlite');
  fs.copyFileSync(template, db);
  const one = () =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'import', file, '--db', db, '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => resolve({ code, out }));
    });
  const [a, b] = await Promise.all([one(), one()]);
  const c = counts(db);
  const results = [a, b].map((r) => {
    try {
      return JSON.parse(r.out) as { ok: boolean; observations: number; unchanged: number; problems: { message: string }[] };
    } catch {
      return null;
    }
  });
  // One stored the values; the other either found them all unchanged and said the file was imported before.
  const stored = results.filter((r) => r?.ok && r.observations === rows && r.unchanged === 0).length;
  const duplicate = results.filter((r) => r?.ok && r.unchanged === rows && r.problems.some((p) => /已于.*导入/.test(p.message))).length;
  const twoImports = a.code === 0 && b.code === 0 && stored === 1 && duplicate === 1 && c.integrity === 'ok' && c.observations === rows;

  // A writer meeting another program's write lock waits, then says so; nothing is written.
  const held = path.join(dir, 'held.sqlite');
  fs.copyFileSync(template, held);
  const other = new Database(held);
  other.exec('BEGIN IMMEDIATE');
  const { run } = pwbChild(['set', '--region', '532322', '--item', '养老机构床位总数', '--year', '2023', '--value', '1', '--by', '测试', '--db', held], {
    timeoutMs: 30_000,
    env: { ...process.env, PWB_BUSY_TIMEOUT_MS: '500' },
  });
  other.exec('ROLLBACK');
  other.close();
  const lockedOut = run.status === 1 && run.stderr.includes('数据库正被另一程序') && !/SqliteError/.test(run.stderr) && counts(held).observations === 0;
  return {
    check: '同时写入 concurrent writers',
    tries: 2,
    ok: Number(twoImports) + Number(lockedOut),
    detail: `two imports of one file at once: ${stored} stored them, ${duplicate} found them stored and said the file was imported before, ${c.observations}/${rows} values${twoImports ? '' : ` (${[a, b].map((r) => `exit ${r.code}: ${r.out.replace(/\s+/g, ' ').slice(0, 200)}`).join('; ')})`}; a writer against a held lock: ${lockedOut ? 'waited, then said so, wrote nothing' : `unexpected (${run.status}: ${run.stderr.slice(0, 120)})`}`,
    seconds: (performance.now() - t0) / 1000,
  };
};

const olderVersions = (): ReliabilityRow => {
  const t0 = performance.now();
  const failed: string[] = [];
  const older = migrations.filter((m) => m.version < latestVersion());
  for (const step of older) {
    const file = path.join(tempDir('pwb-rel-'), `v${step.version}.sqlite`);
    openDb(file, { migrateTo: step.version, bare: true }).close();
    const db = openDb(file);
    const version = db.pragma('user_version', { simple: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    const fk = (db.pragma('foreign_key_check') as unknown[]).length;
    const plans = (db.prepare('SELECT count(*) AS n FROM plan').get() as { n: number }).n;
    db.close();
    // The file as it was is kept in backups/ before its schema is changed.
    const kept = backupsOf(file).filter((f) => f.endsWith(`-before-migration-v${step.version}.sqlite`));
    const keptVersion = kept.length === 1 ? (() => {
      const copy = new Database(kept[0]!, { readonly: true });
      try {
        return copy.pragma('user_version', { simple: true });
      } finally {
        copy.close();
      }
    })() : null;
    if (version !== latestVersion() || integrity !== 'ok' || fk > 0 || plans === 0 || keptVersion !== step.version) failed.push(`${step.version}`);
  }
  return {
    check: '旧版本数据库升级 migrations',
    tries: older.length,
    ok: older.length - failed.length,
    detail: `from versions ${older.map((m) => m.version).join(', ')} to ${latestVersion()}, each first copied whole into backups/${failed.length ? `; failed: ${failed.join(', ')}` : ''} (rows kept across each step: test/integration/migrations.test.ts)`,
    seconds: (performance.now() - t0) / 1000,
  };
};

const tableCounts = (file: string): Record<string, number> => {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map((t) => [t.name, (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
};

const backupRoundTrip = async (): Promise<ReliabilityRow> => {
  const t0 = performance.now();
  const dir = tempDir('pwb-rel-');
  const { template, file, rows } = await largeImport(dir, 60, 10);
  const live = path.join(dir, 'live.sqlite');
  fs.copyFileSync(template, live);
  // A backup taken while another process is writing: started once the import's write-ahead log grows.
  const importing = spawn(process.execPath, [CLI, 'import', file, '--db', live], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  importing.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-400)));
  const ended = new Promise<number | null>((resolve) => importing.on('exit', resolve));
  let running = true;
  void ended.then(() => (running = false));
  const initial = walSize(live);
  while (running && walSize(live) <= initial + 64 * 1024) await new Promise((r) => setTimeout(r, 5));
  const overlapped = running;
  const db = openDb(live);
  const out = path.join(dir, 'backup.sqlite');
  const backup = await backupDatabase(db, out);
  db.close();
  const code = await ended;
  const copied = tableCounts(out);
  // Restored on "another PC": a database file in another folder.
  const elsewhere = path.join(tempDir('pwb-rel-'), 'restored.sqlite');
  restoreDatabase(elsewhere, out);
  const restored = tableCounts(elsewhere);
  const same = JSON.stringify(copied) === JSON.stringify(restored);
  const c = counts(elsewhere);
  // The copy holds the import whole or not at all, and the live database has it all.
  const liveRows = counts(live).observations;
  const consistent = (copied.observation === 0 || copied.observation === rows) && liveRows === rows && code === 0;
  const good = backup.integrity === 'ok' && same && c.integrity === 'ok' && consistent;
  const wrong = good ? '' : `; NOT AS IT MUST: the import exited with ${code}, the live database holds ${liveRows} of ${rows}, the restored copy's integrity ${c.integrity}; it said: ${stderr.trim().replace(/\s+/g, ' ')}`;
  return {
    check: '备份与恢复 backup and restore',
    tries: 1,
    ok: Number(good),
    detail: `backup ${overlapped ? 'while another process was writing' : 'after the import (it ended before its write could be caught)'}: integrity ${backup.integrity}, ${copied.observation} of the import's ${rows} values (all or none); restored in another folder: ${Object.keys(restored).length} tables, counts ${same ? 'identical' : 'DIFFERENT'}${wrong}`,
    seconds: (performance.now() - t0) / 1000,
  };
};

export const runReliability = async (options: { quick?: boolean } = {}): Promise<ReliabilityRow[]> => {
  const quick = options.quick === true;
  const rows: ReliabilityRow[] = [];
  rows.push(hostileFiles(quick));
  rows.push(await killPoints(quick ? 4 : 20, quick ? 40 : 200, quick ? 5 : 10));
  rows.push(await concurrentWriters());
  rows.push(olderVersions());
  rows.push(await backupRoundTrip());
  return rows;
};

export const formatReliability = (rows: ReliabilityRow[]): string =>
  [
    '| check | tries | as they must | time | detail |',
    '|---|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.check} | ${r.tries} | ${r.ok}${r.ok === r.tries ? ' ✓' : ' ✗'} | ${r.seconds.toFixed(1)} s | ${r.detail} |`),
  ].join('\n');

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr);
  const rows = await runReliability({ quick: process.argv.includes('--quick') });
  console.log(`Reliability, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
  console.log(formatReliability(rows));
  process.exitCode = rows.every((r) => r.ok === r.tries) ? 0 : 1;
}
