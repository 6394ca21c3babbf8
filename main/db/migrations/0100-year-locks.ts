/**
 * Locked years (a region's year whose report was submitted: no import or typed value may change it) and the one
 * audit log of changes that are not imports: locks, unlocks with their reason, typed values.
 */
import type { WriteDb } from '../types';

export const migrate0100 = (db: WriteDb): void => {
  db.exec(`
    CREATE TABLE year_lock (
      region_code TEXT NOT NULL REFERENCES region(code),
      year INTEGER NOT NULL,
      locked_by TEXT NOT NULL,
      locked_at TEXT NOT NULL,
      reason TEXT NOT NULL,
      PRIMARY KEY (region_code, year)
    ) STRICT;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      by TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT NOT NULL,
      old TEXT,
      new TEXT,
      why TEXT,
      batch_id INTEGER
    ) STRICT;
  `);
};
