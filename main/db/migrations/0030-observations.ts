/** Import batches, observations with provenance, and the values each batch replaced (for undo). */
import type { WriteDb } from '../types';

export const migrate0030 = (db: WriteDb): void => {
  db.exec(`
    CREATE TABLE import_batch (
      id INTEGER PRIMARY KEY,
      file_name TEXT NOT NULL,
      file_hash TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      layout TEXT NOT NULL,
      observation_count INTEGER NOT NULL,
      replaced_count INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'undone')),
      undone_at TEXT
    ) STRICT;
    CREATE INDEX import_batch_hash ON import_batch(file_hash);

    CREATE TABLE observation (
      region_code TEXT NOT NULL REFERENCES region(code),
      series_code TEXT NOT NULL REFERENCES series(code),
      year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
      value REAL NOT NULL,
      batch_id INTEGER REFERENCES import_batch(id),
      sheet TEXT,
      cell TEXT,
      entered_by TEXT,
      entered_at TEXT NOT NULL,
      PRIMARY KEY (region_code, series_code, year),
      CHECK ((batch_id IS NULL) <> (entered_by IS NULL))
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX observation_series_year ON observation(series_code, year);
    CREATE INDEX observation_batch ON observation(batch_id);

    CREATE TABLE observation_replaced (
      batch_id INTEGER NOT NULL REFERENCES import_batch(id),
      region_code TEXT NOT NULL,
      series_code TEXT NOT NULL,
      year INTEGER NOT NULL,
      old_value REAL NOT NULL,
      old_batch_id INTEGER,
      old_sheet TEXT,
      old_cell TEXT,
      old_entered_by TEXT,
      old_entered_at TEXT NOT NULL,
      PRIMARY KEY (batch_id, region_code, series_code, year)
    ) STRICT;
  `);
};
