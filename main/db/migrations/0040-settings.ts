/** Evaluation settings (thresholds) and per-region targets (目标分解) that a bureau sets for sub-regions. */
import type { WriteDb } from '../types';

export const migrate0040 = (db: WriteDb): void => {
  db.exec(`
    CREATE TABLE setting (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL            -- JSON
    ) STRICT;

    CREATE TABLE region_target (
      plan_id TEXT NOT NULL,
      table_no INTEGER NOT NULL,
      position INTEGER NOT NULL,
      region_code TEXT NOT NULL REFERENCES region(code),
      target_text TEXT NOT NULL,
      set_by TEXT,
      set_at TEXT NOT NULL,
      PRIMARY KEY (plan_id, table_no, position, region_code),
      FOREIGN KEY (plan_id, table_no, position) REFERENCES plan_row(plan_id, table_no, position) ON DELETE CASCADE
    ) STRICT;
  `);
};
