/**
 * Opening a workbench database file: pragmas (WAL, foreign keys), integrity of the header, migrations, and
 * the built-in catalogue and plan templates installed into every new (or older) database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import { installBuiltIns } from '../catalog/install';
import { assertNotFromNewerApp, migrate } from './migrations';
import { asWriteDb, type WriteDb } from './types';

export interface OpenOptions {
  /** Apply migrations only up to this version (tests of older schemas). */
  migrateTo?: number;
  /** Skip installing the built-in catalogue and plans (tests of migrations). */
  bare?: boolean;
  readonly?: boolean;
}

let freshImage: Buffer | null = null;

/**
 * A new database with the schema and the built-ins, serialised once per process: creating the next one is a file
 * write instead of ~90,000 inserts of the division tree.
 */
const freshDatabaseImage = (): Buffer => {
  if (!freshImage) {
    const db = asWriteDb(new Database(':memory:'));
    db.pragma('foreign_keys = ON');
    migrate(db);
    installBuiltIns(db);
    freshImage = db.serialize();
    db.close();
  }
  return freshImage;
};

const isFresh = (file: string): boolean => file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0;

export const openDb = (file: string, options: OpenOptions = {}): WriteDb => {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const useImage = !options.readonly && !options.bare && options.migrateTo === undefined && isFresh(file);
  if (useImage && file !== ':memory:') fs.writeFileSync(file, freshDatabaseImage());
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
    db.pragma('busy_timeout = 5000');
    // Refuse a database from a newer app before anything (even the journal mode) touches the file.
    assertNotFromNewerApp(db);
    if (file !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (!options.readonly) {
      migrate(db, options.migrateTo);
      if (!options.bare && options.migrateTo === undefined) installBuiltIns(db);
    }
  } catch (error) {
    db.close();
    if (error instanceof UserError) throw error;
    const message = (error as Error).message;
    if (/file is not a database|malformed/i.test(message)) {
      throw new UserError('db-corrupt', `文件 ${file} 不是工作台数据库或已损坏。 / ${file} is not a workbench database or is damaged.`);
    }
    throw error;
  }
  return db;
};
