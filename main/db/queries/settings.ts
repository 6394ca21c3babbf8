/** Key/value settings stored as JSON (evaluation thresholds, the built-ins fingerprint). */
import type { ReadDb, WriteDb } from '../types';

export const getSetting = (db: ReadDb, key: string): unknown => {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?').get(key);
  return row ? (JSON.parse(row.value) as unknown) : undefined;
};

export const setSetting = (db: WriteDb, key: string, value: unknown): void => {
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
};
