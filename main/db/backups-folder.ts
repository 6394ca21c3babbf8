/**
 * The `backups` folder beside a database: automatic copies named `<name>-<time>-<reason>.sqlite`, the newest kept
 * (setting `backup.keep`, 5 by default; 0 turns them off). Used before imports, undos and plan changes
 * (services/backup.ts) and before a schema migration (db/open.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReadDb } from './types';

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

/** Deletes the oldest automatic backups of `file` beyond the newest `keep`. */
export const pruneBackups = (file: string, keep: number): void => {
  const dir = path.join(path.dirname(path.resolve(file)), 'backups');
  const base = path.basename(file, path.extname(file));
  const mine = fs.readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.sqlite')).sort();
  for (const old of mine.slice(0, Math.max(0, mine.length - keep))) fs.rmSync(path.join(dir, old), { force: true });
};
