/**
 * `pwb backup --out FILE` and `pwb restore FILE`: a consistent copy checked with integrity_check, restorable into
 * another folder; a restore that keeps what it replaces, and refuses a file that is not a workbench backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pwbRun as pwb } from '../helpers/cli';
import { sha256, tempDir } from '../helpers/files';


describe('automatic backups', () => {
  it('are taken before an import that stores, not before a refused one, and only the last five are kept', async () => {
    const { createHandlers } = await import('../../main/services/handlers');
    const { freshDb, longSheet, writeWorkbook } = await import('../helpers/files');
    const { db, dir } = freshDb();
    const h = createHandlers(db);
    const bad = await writeWorkbook(path.join(tempDir(), 'bad.xlsx'), [{ name: '2023年', rows: longSheet('地区：双柏县', [2023], [['不存在的指标', '个', 1]]) }]);
    expect((await h['import.run']({ file: bad })).ok).toBe(false);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    for (let i = 0; i < 7; i++) {
      const good = await writeWorkbook(path.join(tempDir(), `good${i}.xlsx`), [{ name: '2023年', rows: longSheet('地区：双柏县', [2023], [['养老机构床位总数', '张', 100 + i]]) }]);
      expect((await h['import.run']({ file: good })).ok).toBe(true);
    }
    const kept = fs.readdirSync(path.join(dir, 'backups'));
    expect(kept).toHaveLength(5);
    expect(kept.every((f) => f.startsWith('workbench-') && f.endsWith('-import.sqlite'))).toBe(true);
  });

  it('are not taken of a database made a moment ago, which holds nothing to keep; the next change is backed up', async () => {
    const { createHandlers } = await import('../../main/services/handlers');
    const { freshDb, longSheet, writeWorkbook } = await import('../helpers/files');
    const { db, dir } = freshDb();
    const h = createHandlers(db);
    const book = (value: number) => writeWorkbook(path.join(tempDir(), `v${value}.xlsx`), [{ name: '2023年', rows: longSheet('地区：双柏县', [2023], [['养老机构床位总数', '张', value]]) }]);
    expect((await h['import.run']({ file: await book(100) })).ok).toBe(true);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    expect((await h['import.run']({ file: await book(101) })).ok).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'backups'))).toHaveLength(1);
  });
});

describe('a damaged database', () => {
  it('is refused with the newest automatic backup offered, and restores from it', async () => {
    const { createHandlers } = await import('../../main/services/handlers');
    const { freshDb, longSheet, writeWorkbook } = await import('../helpers/files');
    const { db, dir, file } = freshDb();
    const h = createHandlers(db);
    // Two imports: the first into the database made a moment ago is not backed up (it held nothing), the second is.
    for (const value of [100, 101]) {
      const good = await writeWorkbook(path.join(tempDir(), `good${value}.xlsx`), [{ name: '2023年', rows: longSheet('地区：双柏县', [2023], [['养老机构床位总数', '张', value]]) }]);
      expect((await h['import.run']({ file: good })).ok).toBe(true);
    }
    db.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 4096, 12288); // pages 2 and 3 overwritten, as a failing disk might
    fs.writeFileSync(file, bytes);
    const run = await pwb(['plans', '--db', file]);
    expect(run.code).toBe(1);
    const offered = /最近一次自动备份为 (\S+\.sqlite)/.exec(run.err)?.[1];
    expect(offered).toBeDefined();
    expect(path.dirname(offered!)).toBe(path.join(dir, 'backups'));
    expect((await pwb(['restore', offered!, '--db', file])).code).toBe(0);
    expect((await pwb(['plans', '--db', file])).code).toBe(0);
  });
});

describe('backup and restore', () => {
  it('backs up a database with its values, and restores it on another PC (folder), keeping what it replaced', async () => {
    const a = path.join(tempDir(), 'a.sqlite');
    expect((await pwb(['set', '--region', '双柏县', '--item', '养老机构床位总数', '--year', '2023', '--value', '1350', '--by', '张三', '--db', a])).code).toBe(0);
    const backup = path.join(tempDir(), '备份.sqlite');
    const run = await pwb(['backup', '--out', backup, '--json', '--db', a]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ file: backup, integrity: 'ok', schemaVersion: expect.any(Number) });
    expect((await pwb(['backup', '--out', backup, '--db', a])).code).toBe(1); // never over an existing file

    const otherDir = tempDir();
    const b = path.join(otherDir, 'b.sqlite');
    await pwb(['plans', '--db', b]);
    const before = sha256(b);
    const restored = await pwb(['restore', backup, '--json', '--db', b]);
    expect(restored.code).toBe(0);
    const kept = JSON.parse(restored.out).kept as string;
    expect(sha256(kept)).toBe(before);
    const source = await pwb(['source', '--region', '双柏县', '--item', '养老机构床位总数', '--year', '2023', '--json', '--db', b]);
    expect(JSON.parse(source.out)).toMatchObject({ value: 1350, enteredBy: '张三' });
  });

  it('refuses to restore a file that is not a workbench backup, and changes nothing', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'w.sqlite');
    await pwb(['plans', '--db', db]);
    const before = sha256(db);
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'SQLite format 3\u0000 but not really');
    const run = await pwb(['restore', junk, '--db', db]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/不能使用/);
    expect(sha256(db)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['junk.sqlite', 'w.sqlite', 'w.sqlite-shm', 'w.sqlite-wal'].filter((f) => fs.existsSync(path.join(dir, f))));
  });
});

describe('backups of two databases in one folder, and a restore that must not lose anything quietly', () => {
  it('keeps each database’s automatic backups to itself, and leaves no -wal or -shm beside a backup', async () => {
    const { openDb } = await import('../../main/db/open');
    const { autoBackup } = await import('../../main/services/backup');
    const { backupsOf } = await import('../../main/db/backups-folder');
    const dir = tempDir();
    const w = openDb(path.join(dir, 'w.sqlite'));
    const w1 = openDb(path.join(dir, 'w-1.sqlite'));
    // Each holds a value of its own: a database made a moment ago and never changed is not backed up.
    const { setObservation } = await import('../../main/services/history');
    for (const db of [w, w1]) setObservation(db, { region: '532322', series: 'elderly_beds', year: 2023, value: 1, enteredBy: '测试' });
    await autoBackup(w1, 'import');
    for (let i = 0; i < 6; i++) await autoBackup(w, 'import');
    expect(backupsOf(path.join(dir, 'w.sqlite'))).toHaveLength(5);
    expect(backupsOf(path.join(dir, 'w-1.sqlite'))).toHaveLength(1);
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.part'))).toEqual([]);
    w.close();
    w1.close();
    const out = path.join(dir, 'copy.sqlite');
    expect((await pwb(['backup', '--out', out, '--db', path.join(dir, 'w.sqlite')])).code).toBe(0);
    expect((await pwb(['restore', out, '--db', path.join(dir, 'w.sqlite')])).code).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => /copy\.sqlite-|\.tmp/.test(f))).toEqual([]);
  });

  it('refuses to restore over a database another program is writing, and says what a restore of an older backup drops', async () => {
    const Database = (await import('better-sqlite3')).default;
    const dir = tempDir();
    const db = path.join(dir, 'w.sqlite');
    const old = path.join(dir, 'old.sqlite');
    expect((await pwb(['backup', '--out', old, '--db', db])).code).toBe(0);
    expect((await pwb(['lock', '--region', '532322', '--year', '2023', '--by', '李明', '--db', db])).code).toBe(0);
    const other = new Database(db);
    other.exec('BEGIN IMMEDIATE');
    const refused = await pwb(['restore', old, '--db', db]);
    other.exec('ROLLBACK');
    other.close();
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('正被另一程序');
    const done = await pwb(['restore', old, '--db', db]);
    expect(done.code).toBe(0);
    expect(done.out).toContain('注意：备份中没有原数据库的 1 个锁定的年度');
  });
});

describe('a restore in the running app', () => {
  it('puts the backup’s data in the open database, keeps what it replaced, and other connections see it at once', async () => {
    const Database = (await import('better-sqlite3')).default;
    const { createHandlers } = await import('../../main/services/handlers');
    const { freshDb } = await import('../helpers/files');
    const { backupsOf } = await import('../../main/db/backups-folder');
    const { db, dir, file } = freshDb();
    const h = createHandlers(db);
    const set = (value: number) => h['observations.set']({ region: '532322', series: '养老机构床位总数', year: 2023, value, enteredBy: '张三' });
    const stored = (d: { prepare(sql: string): { get(): unknown } }) => (d.prepare("SELECT value FROM observation WHERE region_code = '532322' AND year = 2023").get() as { value: number }).value;
    await set(100);
    const out = path.join(dir, 'good.sqlite');
    await h['database.backup']({ out });
    await set(999);
    await h['locks.lock']({ region: '532322', year: 2024, by: '李明' });
    const reader = new Database(file, { readonly: true });
    expect(stored(reader)).toBe(999);
    const r = await h['database.restore']({ file: out });
    expect(r.lost).toEqual(['1 个锁定的年度']);
    expect(stored(db)).toBe(100);
    expect(stored(reader)).toBe(100);
    expect(await h['locks.list']()).toEqual([]);
    // What it replaced is the newest automatic backup, and can be restored in turn.
    expect(r.kept).toBe(backupsOf(file).at(-1));
    await h['database.restore']({ file: r.kept! });
    expect(stored(db)).toBe(999);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    reader.close();
    await expect(h['database.restore']({ file: path.join(dir, 'none.sqlite') })).rejects.toThrow(/找不到备份文件/);
  });
});
