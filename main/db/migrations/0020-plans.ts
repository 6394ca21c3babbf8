/** Plans, their indicator tables and rows: every row as printed plus its parsed form. */
import type { WriteDb } from '../types';

export const migrate0020 = (db: WriteDb): void => {
  db.exec(`
    CREATE TABLE plan (
      id TEXT PRIMARY KEY CHECK (id GLOB '[a-z]*' AND id NOT GLOB '*[^a-z0-9_-]*'),
      title TEXT NOT NULL,
      issuer TEXT NOT NULL,
      region_code TEXT NOT NULL REFERENCES region(code),
      base_year INTEGER NOT NULL,
      target_year INTEGER NOT NULL CHECK (target_year > base_year),
      doc_number TEXT,
      issued_on TEXT,
      schedule TEXT NOT NULL,          -- JSON: { annual, midterm, final, text }
      source TEXT NOT NULL,            -- where the table was transcribed from
      template_version INTEGER NOT NULL,
      installed_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE plan_table (
      plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      table_no INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('main', 'completion')),
      title TEXT NOT NULL,
      base_year INTEGER NOT NULL,
      target_year INTEGER NOT NULL,
      note TEXT,
      PRIMARY KEY (plan_id, table_no)
    ) STRICT;

    CREATE TABLE plan_row (
      plan_id TEXT NOT NULL,
      table_no INTEGER NOT NULL,
      position INTEGER NOT NULL,
      seq TEXT NOT NULL,
      printed_name TEXT NOT NULL,
      name TEXT NOT NULL,
      unit_text TEXT NOT NULL,         -- the unit as printed ('' where the plan prints none)
      value_unit TEXT NOT NULL,        -- the unit values are expressed in (e.g. 个/万人 where the plan prints 个)
      baseline_text TEXT NOT NULL,
      baseline REAL,
      target_text TEXT NOT NULL,
      final_text TEXT,                 -- completion tables: the printed value at the end of the period
      stated_growth_text TEXT NOT NULL,
      stated_growth_kind TEXT NOT NULL CHECK (stated_growth_kind IN ('annual', 'total')),
      attribute TEXT CHECK (attribute IN ('预期性', '约束性')),
      category TEXT,
      indicator_code TEXT NOT NULL REFERENCES indicator(code),
      note TEXT,
      PRIMARY KEY (plan_id, table_no, position),
      FOREIGN KEY (plan_id, table_no) REFERENCES plan_table(plan_id, table_no) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX plan_row_indicator ON plan_row(indicator_code);

    -- A row compared with another series or an outside reference, possibly in parts (城市/农村).
    CREATE TABLE plan_row_part (
      plan_id TEXT NOT NULL,
      table_no INTEGER NOT NULL,
      position INTEGER NOT NULL,
      part_no INTEGER NOT NULL,
      label TEXT NOT NULL,
      indicator_code TEXT NOT NULL REFERENCES series(code),
      reference_code TEXT NOT NULL REFERENCES series(code),
      PRIMARY KEY (plan_id, table_no, position, part_no),
      FOREIGN KEY (plan_id, table_no, position) REFERENCES plan_row(plan_id, table_no, position) ON DELETE CASCADE
    ) STRICT;
  `);
};
