/**
 * SQLite's errors in words a clerk can act on: a second writer says it is waiting (naming who writes, when that
 * writer left its note), waits, then says the database is being written by another program, and nothing is
 * written; no English stack reaches the user.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files';

/** `pwb set` on a database whose write lock another connection holds (and, if given, with the writer's note beside it). */
const setWhileHeld = (note?: object): { db: string; status: number; stderr: string } => {
  const db = path.join(tempDir(), 'w.sqlite');
  execFileSync('node', ['bin/pwb.cjs', 'plans', '--db', db], { encoding: 'utf8', stdio: 'pipe' });
  const other = new Database(db);
  other.exec('BEGIN IMMEDIATE');
  if (note) fs.writeFileSync(`${db}.writing`, JSON.stringify(note));
  let status = 0;
  let stderr = '';
  try {
    execFileSync('node', ['bin/pwb.cjs', 'set', '--region', '双柏县', '--item', '养老机构床位总数', '--year', '2023', '--value', '1', '--by', '张三', '--db', db], {
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, PWB_BUSY_TIMEOUT_MS: '300' },
    });
  } catch (error) {
    status = (error as { status: number }).status;
    stderr = (error as { stderr: string }).stderr;
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  return { db, status, stderr };
};

describe('a database another program is writing', () => {
  it('makes a writer wait, then say so in Chinese, write nothing, and exit 1', () => {
    const { db, status, stderr } = setWhileHeld();
    expect(status).toBe(1);
    expect(stderr).toContain('正在等待另一程序（另一窗口的导入或命令行）写完数据库');
    expect(stderr).toContain('数据库正被另一程序');
    expect(stderr).not.toMatch(/SqliteError|at .*\.js/);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM observation').get()).toEqual({ n: 0 });
    check.close();
  });

  it('says it is waiting before it waits, and names the writer that left its note', () => {
    // What an import leaves beside the database while it holds the write lock (main/db/writer-note.ts).
    const { stderr } = setWhileHeld({ what: '导入 乡镇年报.xlsx', pid: process.pid, since: new Date().toISOString() });
    expect(stderr).toMatch(/正在等待另一程序（导入 乡镇年报\.xlsx（进程 \d+，\d{2}:\d{2} 起））写完数据库/);
    expect(stderr).toMatch(/数据库正被另一程序（导入 乡镇年报\.xlsx（进程 \d+/);
  });
});

describe('the image a new database is made from (dist/, built with the code)', () => {
  it('is used only whole: a copy cut short while the build rewrote it is refused, and is then built here', async () => {
    const { buildNewDatabaseImage, isWholeDatabase, newDatabaseImageFile } = await import('../../main/db/open');
    const image = buildNewDatabaseImage();
    expect(isWholeDatabase(image)).toBe(true);
    expect(isWholeDatabase(image.subarray(0, image.length - 4096))).toBe(false);
    expect(isWholeDatabase(image.subarray(0, 100))).toBe(false);
    expect(isWholeDatabase(Buffer.concat([image, Buffer.alloc(10)]))).toBe(false);
    // Named for the schema version and the built-ins it holds.
    expect(newDatabaseImageFile()).toMatch(/dist[\\/]new-database-v\d+-[0-9a-f]+\.sqlite$/);
  });
});
