/** Regions (GB/T 2260 tree), statistical items and indicators (one `series` namespace), and their aliases. */
import type { WriteDb } from '../types';

export const migrate0010 = (db: WriteDb): void => {
  db.exec(`
    CREATE TABLE region (
      code TEXT PRIMARY KEY CHECK (length(code) IN (6, 9) AND code NOT GLOB '*[^0-9]*'),
      name TEXT NOT NULL,
      parent_code TEXT REFERENCES region(code),
      level TEXT NOT NULL CHECK (level IN ('province', 'prefecture', 'county', 'township'))
    ) STRICT;
    CREATE INDEX region_parent ON region(parent_code);

    CREATE TABLE region_alias (
      alias TEXT NOT NULL,
      region_code TEXT NOT NULL REFERENCES region(code) ON DELETE CASCADE,
      PRIMARY KEY (alias, region_code)
    ) STRICT;

    -- Items (raw figures a clerk imports) and indicators share one code space so that an observation
    -- can point at either with a real foreign key.
    CREATE TABLE series (
      code TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
      kind TEXT NOT NULL CHECK (kind IN ('item', 'indicator')),
      name TEXT NOT NULL,
      unit TEXT NOT NULL,
      aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'weighted_mean', 'none')),
      weight_code TEXT REFERENCES series(code),
      is_absolute INTEGER NOT NULL CHECK (is_absolute IN (0, 1)),
      is_growth_rate INTEGER NOT NULL DEFAULT 0 CHECK (is_growth_rate IN (0, 1)),
      note TEXT,
      CHECK ((aggregation = 'weighted_mean') = (weight_code IS NOT NULL))
    ) STRICT;

    CREATE TABLE indicator (
      code TEXT PRIMARY KEY REFERENCES series(code) ON DELETE CASCADE,
      direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease', 'range', 'keep')),
      formula TEXT
    ) STRICT;

    -- alias_key is the normalised form (full-width folded, spaces, brackets and trailing units removed).
    CREATE TABLE series_alias (
      alias_key TEXT NOT NULL,
      series_code TEXT NOT NULL REFERENCES series(code) ON DELETE CASCADE,
      alias TEXT NOT NULL,
      PRIMARY KEY (alias_key, series_code)
    ) STRICT;
  `);
};
