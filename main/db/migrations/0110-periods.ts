/**
 * Statistical periods (DESIGN.md): figures of a month or a quarter as the monthly and quarterly reports give them
 * (当月/本季, 累计 from January, 期末), kept beside the annual values they are derived into; where a derived annual
 * value came from (the cells, by the rule); and each series' plausible range.
 */
import type { WriteDb } from '../types';

export const migrate0110 = (db: WriteDb): void => {
  db.exec(`
    CREATE TABLE period_observation (
      region_code TEXT NOT NULL REFERENCES region(code),
      series_code TEXT NOT NULL REFERENCES series(code),
      year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
      period TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('当月', '本季', '累计', '期末')),
      value REAL NOT NULL,
      batch_id INTEGER NOT NULL REFERENCES import_batch(id),
      sheet TEXT NOT NULL,
      cell TEXT NOT NULL,
      PRIMARY KEY (region_code, series_code, period, kind)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX period_observation_batch ON period_observation(batch_id);

    CREATE TABLE period_observation_replaced (
      batch_id INTEGER NOT NULL REFERENCES import_batch(id),
      region_code TEXT NOT NULL,
      series_code TEXT NOT NULL,
      year INTEGER NOT NULL,
      period TEXT NOT NULL,
      kind TEXT NOT NULL,
      old_value REAL NOT NULL,
      old_batch_id INTEGER NOT NULL,
      old_sheet TEXT NOT NULL,
      old_cell TEXT NOT NULL,
      PRIMARY KEY (batch_id, region_code, series_code, period, kind)
    ) STRICT;

    -- A batch whose annual values were derived partly from period figures of earlier batches: those cannot be
    -- undone before it.
    CREATE TABLE derived_source (
      batch_id INTEGER NOT NULL REFERENCES import_batch(id),
      source_batch_id INTEGER NOT NULL REFERENCES import_batch(id),
      PRIMARY KEY (batch_id, source_batch_id)
    ) STRICT;

    ALTER TABLE observation ADD COLUMN derived_from TEXT;
    ALTER TABLE observation_replaced ADD COLUMN old_derived_from TEXT;
    ALTER TABLE series ADD COLUMN range_min REAL;
    ALTER TABLE series ADD COLUMN range_max REAL;
  `);
};
