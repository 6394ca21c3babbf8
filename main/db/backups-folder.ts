/**
 * The `backups` folder beside a database: automatic copies named `<name>-<time>-<reason>.sqlite`, the newest kept
 * (setting `backup.keep`, 5 by default; 0 turns them off). Used before imports, undos and plan changes
 * (services/backup.ts) and before a schema migration (db/open.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReadDb } from './types';
import { processAlive } from './writer-note';

export const DEFAULT_BACKUPS_KEPT = 5;

/** How many automatic backups are kept; the setting is read when the database has its settings table. */
export const backupsKept = (db: ReadDb): number => {
  const hasSettings = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'setting'").get() !== undefined;
  const row = hasSettings ? db.prepare<[], { value: string }>("SELECT value FROM setting WHERE key = 'backup.keep'").get() : undefined;
  const keep = row ? Number(JSON.parse(row.value)) : DEFAULT_BACKUPS_KEPT;
  return Number.isInteger(keep) && keep > 0 ? keep : 0;
};

/** Where the next automatic backup of `file` for `reason` goes (the folder is created). */
export const nextBackupPath = (file: string, reason: string): string => {
  const dir = path.join(path.dirname(path.resolve(file)), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${path.basename(file, path.extname(file))}-${new Date().toISOString().replace(/[:.]/g, '-')}-${reason}.sqlite`);
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * The automatic backups of `file`, oldest first, as full paths: named `<name>-<time>-<reason>.sqlite`, so that the
 * backups of w.sqlite are never taken for those of w-1.sqlite beside it.
 */
const namePattern = (file: string, suffix: string): RegExp =>
  new RegExp(`^${escape(path.basename(file, path.extname(file)))}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z-[a-z0-9-]+\\.sqlite${suffix}$`, 'u');

export const backupsOf = (file: string): string[] => {
  const dir = path.join(path.dirname(path.resolve(file)), 'backups');
  if (!fs.existsSync(dir)) return [];
  const mine = namePattern(file, '');
  return fs
    .readdirSync(dir)
    .filter((f) => mine.test(f))
    .sort()
    .map((f) => path.join(dir, f));
};

/** Deletes the oldest automatic backups of `file` beyond the newest `keep`. */
export const pruneBackups = (file: string, keep: number): void => {
  const mine = backupsOf(file);
  for (const old of mine.slice(0, Math.max(0, mine.length - keep))) fs.rmSync(old, { force: true });
  // What a backup cut short by a kill left behind (FILE.part-PID and its journal), once its process is gone: another
  // process may be writing its own backup at this moment.
  const dir = path.join(path.dirname(path.resolve(file)), 'backups');
  const part = namePattern(file, '\\.part-(\\d+)(?:-journal|-wal|-shm)?');
  for (const f of fs.readdirSync(dir)) {
    const m = part.exec(f);
    if (m && !processAlive(Number(m[1]))) fs.rmSync(path.join(dir, f), { force: true });
  }
};

/** Writes a backup whole or not at all: `write` makes FILE.part-PID, which is then renamed (a kill leaves no half copy). */
export const writeBackup = async (out: string, write: (part: string) => unknown): Promise<void> => {
  const part = `${out}.part-${process.pid}`;
  try {
    await write(part);
    fs.renameSync(part, out);
  } finally {
    for (const f of [part, `${part}-journal`, `${part}-wal`, `${part}-shm`]) fs.rmSync(f, { force: true });
  }
};
