/**
 * Opening a workbench database file: pragmas (WAL, foreign keys), integrity of the header, migrations, and
 * the built-in catalogue and plan templates installed into every new (or older) database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import { installBuiltIns } from '../catalog/install';
import { builtInsFingerprint } from '../catalog/load';
import { packageRoot } from '../catalog/paths';
import { assertNotFromNewerApp, latestVersion, migrate, schemaVersion } from './migrations';
import { backupsKept, nextBackupPath, pruneBackups } from './backups-folder';
import { databaseState } from './state';
import { BUSY_TIMEOUT_MS, lastBackupHint, userErrorOfSqlite } from './errors';
import { asWriteDb, type WriteDb } from './types';

export interface OpenOptions {
  /** Apply migrations only up to this version (tests of older schemas). */
  migrateTo?: number;
  /** Skip installing the built-in catalogue and plans (tests of migrations). */
  bare?: boolean;
  readonly?: boolean;
  /**
   * Create the file's folder when it is missing: the app's own data folder is created, an explicit --db in a
   * folder that does not exist is refused (DESIGN.md "The database file").
   */
  createFolder?: boolean;
  /** Told when a new database file was created (the CLI says so on stderr). */
  onCreate?: (file: string) => void;
}

let freshImage: Buffer | null = null;

/** A new database with the schema and the built-ins, as bytes: ~90,000 inserts of the division tree (about 1 s). */
export const buildNewDatabaseImage = (): Buffer => {
  const db = asWriteDb(new Database(':memory:'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  installBuiltIns(db);
  const bytes = db.serialize();
  db.close();
  return bytes;
};

/**
 * The image built with the code (scripts/build.mjs writes it into dist/, and it is packaged with the app), named for
 * the schema version and the built-ins it holds, so that it is used only when both are the ones this code installs.
 */
export const newDatabaseImageFile = (): string =>
  path.join(packageRoot(), 'dist', `new-database-v${latestVersion()}-${builtInsFingerprint()}.sqlite`);

const SQLITE_HEADER = 'SQLite format 3\0';

/** A whole SQLite file: its header, and as many bytes as its page size × page count say. */
export const isWholeDatabase = (bytes: Buffer): boolean => {
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) return false;
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65_536 : bytes.readUInt16BE(16);
  return bytes.length === pageSize * bytes.readUInt32BE(28);
};

/** A new database's bytes: the image built with the code when there is one, else built here once per process. */
const freshDatabaseImage = (): Buffer => {
  if (freshImage) return freshImage;
  try {
    const bytes = fs.readFileSync(newDatabaseImageFile());
    if (isWholeDatabase(bytes)) return (freshImage = bytes);
  } catch {
    // not built (a checkout before npm run build): built here
  }
  return (freshImage = buildNewDatabaseImage());
};

/** Databases this process has just created, with their state then (see untouchedNewDatabase). */
const createdHere = new WeakMap<WriteDb, string>();

/** A database this process created from the image and nobody has changed since: it holds nothing to lose. */
export const untouchedNewDatabase = (db: WriteDb): boolean => createdHere.get(db) === databaseState(db);

const isFresh = (file: string): boolean => file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0;

/** A new database written whole to a temporary file and renamed, so a full disk never leaves half a file. */
const writeAtomically = (file: string, bytes: Buffer): void => {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, { flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw new UserError('db-corrupt', `无法新建数据库文件 ${file}：${(error as Error).message} / Cannot create database file ${file}.`);
  }
};

/** Tables every workbench database has from the first migration on. */
const isWorkbenchSchema = (db: WriteDb): boolean => {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name));
  if (version === 0) return tables.size === 0;
  return tables.has('region') && tables.has('series');
};

export const openDb = (file: string, options: OpenOptions = {}): WriteDb => {
  if (file !== ':memory:') {
    const dir = path.dirname(path.resolve(file));
    if (!fs.existsSync(dir)) {
      if (!options.createFolder) {
        throw new UserError('file-not-found', `数据库所在文件夹不存在：${dir}。 / The folder of the database does not exist: ${dir}.`);
      }
      fs.mkdirSync(dir, { recursive: true });
    }
  }
  const useImage = !options.readonly && !options.bare && options.migrateTo === undefined && isFresh(file);
  if (useImage && file !== ':memory:') {
    writeAtomically(file, freshDatabaseImage());
    options.onCreate?.(file);
  }
  let raw: Database.Database;
  try {
    raw =
      useImage && file === ':memory:'
        ? new Database(freshDatabaseImage())
        : new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new UserError(
      'db-corrupt',
      `无法打开数据库文件 ${file}：${(error as Error).message} / Cannot open database file ${file}: ${(error as Error).message}`,
    );
  }
  const db = asWriteDb(raw);
  try {
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Refuse a database from a newer app, or another program's SQLite file, before anything (even the journal
    // mode) touches the file.
    assertNotFromNewerApp(db);
    if (file !== ':memory:' && !isWorkbenchSchema(db)) {
      throw new UserError('db-corrupt', `文件 ${file} 是其他程序的 SQLite 数据库，不是工作台数据库，未作改动。 / ${file} is another program's SQLite database, not a workbench database; it was left as it was.`);
    }
    if (file !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (!options.readonly) {
      // A database of an older version is copied whole into backups/ before its schema is changed.
      const from = schemaVersion(db);
      if (file !== ':memory:' && options.migrateTo === undefined && from > 0 && from < latestVersion()) {
        const keep = backupsKept(db);
        if (keep > 0) {
          // Whole or not at all: to FILE.part, then renamed.
          const out = nextBackupPath(file, `before-migration-v${from}`);
          db.prepare('VACUUM INTO ?').run(`${out}.part-${process.pid}`);
          fs.renameSync(`${out}.part-${process.pid}`, out);
          pruneBackups(file, keep);
        }
      }
      migrate(db, options.migrateTo);
      if (!options.bare && options.migrateTo === undefined) installBuiltIns(db);
    }
  } catch (error) {
    db.close();
    if (error instanceof UserError) throw error;
    const known = userErrorOfSqlite(error);
    const message = (error as Error).message;
    if ((known && known.code === 'db-corrupt') || /file is not a database|malformed/i.test(message)) {
      throw new UserError('db-corrupt', `文件 ${file} 不是工作台数据库或已损坏。${lastBackupHint(file)} / ${file} is not a workbench database or is damaged.`);
    }
    if (known) throw known;
    throw error;
  }
  if (useImage && file !== ':memory:') createdHere.set(db, databaseState(db));
  return db;
};
