/**
 * Who is writing a database: a long write (an import's transaction) leaves a note beside the file (`FILE.writing`:
 * what, which process, since when) for as long as it holds the write lock, so that another program that has to wait
 * can say who it waits for. A note whose process has ended is ignored.
 */
import fs from 'node:fs';

const noteFile = (db: string): string => `${db}.writing`;

/** Leaves the note; the function returned removes it. Nothing for a database in memory. */
export const noteWriter = (db: string, what: string): (() => void) => {
  if (!db || db === ':memory:') return () => {};
  const file = noteFile(db);
  try {
    fs.writeFileSync(file, JSON.stringify({ what, pid: process.pid, since: new Date().toISOString() }));
  } catch {
    return () => {};
  }
  return () => fs.rmSync(file, { force: true });
};

/** Whether a process of this machine is still running. */
export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** "导入 a.xlsx（进程 1234，18:20 起）", or null when no live process has left a note. */
export const writerOf = (db: string | undefined): string | null => {
  if (!db || db === ':memory:') return null;
  try {
    const note = JSON.parse(fs.readFileSync(noteFile(db), 'utf8')) as { what: string; pid: number; since: string };
    if (note.pid === process.pid || !processAlive(note.pid)) return null;
    const since = new Date(note.since);
    return `${note.what}（进程 ${note.pid}，${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')} 起）`;
  } catch {
    return null;
  }
};
