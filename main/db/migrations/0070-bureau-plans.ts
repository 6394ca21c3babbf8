/**
 * Plans made by the bureau: which plans are built in, plan adjustments (规划调整) with their effective year and
 * document, the bureau's judgements of qualitative rows, and the log of every change to a plan.
 */
import type { WriteDb } from '../types';

export const migrate0070 = (db: WriteDb): void => {
  db.exec(`
    ALTER TABLE plan ADD COLUMN built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1));
    ALTER TABLE plan ADD COLUMN created_by TEXT;
    UPDATE plan SET built_in = 1 WHERE id IN ('guizhou', 'chuxiong', 'chengde', 'dazhou');

    CREATE TABLE plan_adjustment (
      plan_id TEXT NOT NULL,
      table_no INTEGER NOT NULL,
      position INTEGER NOT NULL,
      from_year INTEGER NOT NULL,
      target_text TEXT NOT NULL,
      doc TEXT NOT NULL,
      made_by TEXT NOT NULL,
      made_at TEXT NOT NULL,
      PRIMARY KEY (plan_id, table_no, position, from_year),
      FOREIGN KEY (plan_id, table_no, position) REFERENCES plan_row(plan_id, table_no, position) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE plan_judgement (
      plan_id TEXT NOT NULL,
      table_no INTEGER NOT NULL,
      position INTEGER NOT NULL,
      region_code TEXT NOT NULL REFERENCES region(code),
      year INTEGER NOT NULL,
      result TEXT NOT NULL CHECK (result IN ('met', 'unmet', 'unknown')),
      note TEXT NOT NULL,
      judged_by TEXT NOT NULL,
      judged_at TEXT NOT NULL,
      PRIMARY KEY (plan_id, table_no, position, region_code, year),
      FOREIGN KEY (plan_id, table_no, position) REFERENCES plan_row(plan_id, table_no, position) ON DELETE CASCADE
    ) STRICT;

    -- Every change to a plan (import, edit, adjustment, judgement, removal): kept after the plan is removed.
    CREATE TABLE plan_change (
      id INTEGER PRIMARY KEY,
      plan_id TEXT NOT NULL,
      at TEXT NOT NULL,
      by TEXT NOT NULL,
      action TEXT NOT NULL,
      seq TEXT,
      field TEXT,
      old TEXT,
      new TEXT,
      why TEXT
    ) STRICT;
    CREATE INDEX plan_change_plan ON plan_change(plan_id, id);
  `);
};
