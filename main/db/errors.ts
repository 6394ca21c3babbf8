/**
 * SQLite's own errors, told to the user in words they can act on: another program is writing (busy), the file or
 * its folder cannot be written, the disk is full, the file is damaged. Anything else stays a bug.
 */
import { UserError } from '../../shared/errors';
import { backupsOf } from './backups-folder';
import { writerOf } from './writer-note';

/** The newest automatic backup beside a damaged database, offered for `pwb restore`; '' when there is none. */
export const lastBackupHint = (file: string): string => {
  const last = backupsOf(file).at(-1);
  return last ? `最近一次自动备份为 ${last}，可用 pwb restore 恢复。` : '';
};

/** How long a writer waits for another one (an import in the app while the command line writes) before saying so. */
export const BUSY_TIMEOUT_MS = Number(process.env.PWB_BUSY_TIMEOUT_MS ?? 60_000);

const codeOf = (error: unknown): string | null =>
  typeof error === 'object' && error !== null && (error as { name?: string }).name === 'SqliteError' ? String((error as { code?: string }).code ?? '') : null;

/** A UserError for SQLite's busy, read-only, full and corrupt errors; null for anything else. */
export const userErrorOfSqlite = (error: unknown, file?: string): UserError | null => {
  const code = codeOf(error);
  if (code === null) return null;
  const seconds = Math.round(BUSY_TIMEOUT_MS / 1000);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    const who = writerOf(file);
    return new UserError(
      'db-busy',
      `数据库正被另一程序（${who ?? '另一窗口的导入或命令行'}）写入，已等待${seconds}秒仍未结束；请等它完成后再试。未写入任何内容。 / The database is being written by another program; waited ${seconds} s. Nothing was written.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new UserError('db-readonly', '数据库文件或其所在文件夹只读，只能查看，不能写入；请检查文件属性或权限。未写入任何内容。 / The database or its folder is read-only: it can be read but not written. Nothing was written.');
  }
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return new UserError('db-full', '磁盘已满或无法写入，本次操作未写入任何内容，原有数据完好；请清理磁盘后重试。 / The disk is full or cannot be written; nothing was written and the stored data is intact.');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    const hint = file ? lastBackupHint(file) : '';
    return new UserError('db-corrupt', `数据库文件已损坏；${hint || '请用 pwb restore 从备份恢复。'} / The database is damaged; restore it from a backup (pwb restore).`);
  }
  return null;
};

/**
 * Whether another program holds the database's write lock now, and if so what to tell the user before waiting for
 * it ("正在等待…"), naming the writer when it left a note; null when the lock is free.
 */
export const waitingMessage = (db: { exec(sql: string): unknown; pragma(sql: string): unknown; name: string }): string | null => {
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return null;
  } catch (error) {
    if (!(codeOf(error) ?? '').startsWith('SQLITE_BUSY')) return null;
    const who = writerOf(db.name);
    return `正在等待另一程序（${who ?? '另一窗口的导入或命令行'}）写完数据库，最多等待${Math.round(BUSY_TIMEOUT_MS / 1000)}秒… / Waiting for another program to finish writing the database…`;
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
};
