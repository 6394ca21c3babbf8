/**
 * Backups of the database file: a consistent copy taken with SQLite's online backup while the app may be running,
 * checked with integrity_check; and a restore that checks the copy first, keeps a backup of what it replaces, and
 * puts the copy in place whole (written beside the database and renamed), never half.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import { latestVersion, migrate } from '../db/migrations';
import { invalidateContext } from './context';
import { backupsKept, nextBackupPath, pruneBackups, writeBackup } from '../db/backups-folder';
import type { WriteDb } from '../db/types';
import { untouchedNewDatabase } from '../db/open';

export interface BackupResult {
  file: string;
  bytes: number;
  schemaVersion: number;
  integrity: 'ok';
}

/** integrity_check and the schema version of a database file, opened read-only; a message when it is not usable. */
export const checkDatabaseFile = (file: string): { schemaVersion: number } => {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(String(result));
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name));
    if (version === 0 || !tables.has('region') || !tables.has('series')) throw new Error('not a workbench database');
    if (version > latestVersion()) throw new Error(`schema ${version} is newer than this app (${latestVersion()})`);
    return { schemaVersion: version };
  } catch (error) {
    throw new UserError('db-corrupt', `备份文件 ${file} 不能使用：${(error as Error).message} / The backup ${file} cannot be used.`);
  } finally {
    db?.close();
  }
};

export const backupDatabase = async (db: WriteDb, out: string): Promise<BackupResult> => {
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir)) throw new UserError('file-not-found', `备份文件夹不存在：${dir}。 / The folder does not exist: ${dir}.`);
  if (fs.existsSync(out)) throw new UserError('bad-input', `文件已存在：${out}，请换一个文件名。 / ${out} exists; choose another name.`);
  const tmp = path.join(dir, `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    await db.backup(tmp);
    // A backup is one file: in the rollback journal mode, so that opening it (to check or restore it) leaves no
    // -wal and -shm files beside it.
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const { schemaVersion } = checkDatabaseFile(tmp);
    fs.renameSync(tmp, out);
    return { file: out, bytes: fs.statSync(out).size, schemaVersion, integrity: 'ok' };
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  }
};

/** How many issued reports and locked years a database file holds (0 where it has no such table). */
const recordsOf = (db: Database.Database): { issued: number; locks: number } => {
  const has = (t: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
  const count = (t: string) => (has(t) ? (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n : 0);
  return { issued: count('issued_report'), locks: count('year_lock') };
};

/**
 * Puts a checked backup in place of the database `target` (which must not be open). What it replaces is kept
 * beside it as `<name>.before-restore-<time>.sqlite`.
 */
/** `lost`: what the replaced database had and the backup has not (issued reports, locked years), kept in `kept`. */
export const restoreDatabase = (target: string, from: string): { file: string; from: string; kept: string | null; schemaVersion: number; lost: string[] } => {
  if (!fs.existsSync(from)) throw new UserError('file-not-found', `找不到备份文件：${from}。 / Backup not found: ${from}.`);
  const { schemaVersion } = checkDatabaseFile(from);
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new UserError('file-not-found', `数据库所在文件夹不存在：${dir}。 / The folder does not exist: ${dir}.`);
  let kept: string | null = null;
  const lost: string[] = [];
  if (fs.existsSync(target)) {
    kept = path.join(dir, `${path.basename(target, path.extname(target))}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
    // A consistent copy of the current database (WAL included) before it is replaced; refused while another program
    // (the app, an import) has it open for writing, whose work would otherwise be lost without a word.
    const current = new Database(target, { fileMustExist: true, timeout: 2_000 });
    try {
      try {
        current.exec('BEGIN EXCLUSIVE');
        current.exec('COMMIT');
      } catch {
        throw new UserError('db-busy', `数据库 ${target} 正被另一程序（工作台窗口或正在进行的导入）使用，请关闭后再恢复。 / The database is in use; close the app first.`);
      }
      current.pragma('wal_checkpoint(TRUNCATE)');
      // What the backup does not have: issued reports and locked years recorded since it was taken.
      const from_ = new Database(from, { readonly: true, fileMustExist: true });
      try {
        const now = recordsOf(current);
        const then = recordsOf(from_);
        if (now.issued > then.issued) lost.push(`${now.issued - then.issued} 份签发的报告`);
        if (now.locks > then.locks) lost.push(`${now.locks - then.locks} 个锁定的年度`);
      } finally {
        from_.close();
      }
    } finally {
      current.close();
    }
    fs.copyFileSync(target, kept);
  }
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.restore.tmp`);
  try {
    fs.copyFileSync(from, tmp);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { file: target, from, kept, schemaVersion, lost };
};

export { DEFAULT_BACKUPS_KEPT } from '../db/backups-folder';

/**
 * An automatic backup before a change that replaces stored data (an import, an undo, a plan import or removal), in
 * the `backups` folder beside the database; the oldest beyond the number kept are deleted. A database in memory
 * has none.
 */
export const autoBackup = async (db: WriteDb, reason: string): Promise<string | null> => {
  const file = db.name;
  if (!file || file === ':memory:' || !fs.existsSync(file)) return null;
  // A database made a moment ago (`pwb import … --db NEW.db`) holds nothing that a backup would keep.
  if (untouchedNewDatabase(db)) return null;
  const keep = backupsKept(db);
  if (keep === 0) return null;
  const out = nextBackupPath(file, reason);
  await writeBackup(out, (part) => db.backup(part));
  pruneBackups(file, keep);
  return out;
};

/** Removes an automatic backup of a change that stored nothing (and the backups folder, if it is left empty). */
export const discardBackup = (backup: string | null): void => {
  if (backup === null) return;
  fs.rmSync(backup, { force: true });
  const dir = path.dirname(backup);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
};

/**
 * Runs a change with an automatic backup taken first; when the change stores nothing (it fails, or its result says
 * so), the backup is removed again, so a refused file leaves the folder as it was.
 */
export const withBackup = async <T>(db: WriteDb, reason: string, change: () => Promise<T>, stored: (result: T) => boolean = () => true): Promise<T> => {
  const backup = await autoBackup(db, reason);
  const discard = () => discardBackup(backup);
  try {
    const result = await change();
    if (!stored(result)) discard();
    return result;
  } catch (error) {
    discard();
    throw error;
  }
};

/**
 * A restore in the running app: the backup's pages are copied into the open database with SQLite's online backup
 * (so every connection sees the restored data at once), after an automatic backup of what it replaces; a backup of
 * an older version is then brought to this version's schema. `lost` says what the replaced database had and the
 * backup has not.
 */
export const restoreInPlace = async (db: WriteDb, from: string): Promise<{ from: string; kept: string | null; schemaVersion: number; lost: string[] }> => {
  if (!fs.existsSync(from)) throw new UserError('file-not-found', `找不到备份文件：${from}。 / Backup not found: ${from}.`);
  const { schemaVersion } = checkDatabaseFile(from);
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    const now = recordsOf(db as unknown as Database.Database);
    const then = recordsOf(source);
    const lost = [
      ...(now.issued > then.issued ? [`${now.issued - then.issued} 份签发的报告`] : []),
      ...(now.locks > then.locks ? [`${now.locks - then.locks} 个锁定的年度`] : []),
    ];
    const kept = await autoBackup(db, 'restore');
    await source.backup(db.name);
    migrate(db);
    invalidateContext(db);
    return { from, kept, schemaVersion, lost };
  } finally {
    source.close();
  }
};
