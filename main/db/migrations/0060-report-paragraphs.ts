/** The bureau's own paragraphs of a report (存在问题, 下一步措施 …), kept with the evaluation they belong to. */
import type { WriteDb } from '../types';

export const migrate0060 = (db: WriteDb): void => {
  db.exec(`
    CREATE TABLE report_paragraph (
      plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      region_code TEXT NOT NULL REFERENCES region(code),
      year INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('annual', 'midterm', 'final')),
      key TEXT NOT NULL,
      text TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (plan_id, region_code, year, kind, key)
    ) STRICT;
  `);
};
