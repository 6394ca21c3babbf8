/**
 * A row printed with one value per part (城市11700，农村9100): each part is measured on its own series, the
 * row holds when every part holds.
 */
import type { WriteDb } from '../types';

export const migrate0080 = (db: WriteDb): void => {
  db.exec(`
    CREATE TABLE plan_row_split (
      plan_id TEXT NOT NULL,
      table_no INTEGER NOT NULL,
      position INTEGER NOT NULL,
      part_no INTEGER NOT NULL,
      label TEXT NOT NULL,
      indicator_code TEXT NOT NULL REFERENCES series(code),
      PRIMARY KEY (plan_id, table_no, position, part_no),
      FOREIGN KEY (plan_id, table_no, position) REFERENCES plan_row(plan_id, table_no, position) ON DELETE CASCADE
    ) STRICT;
  `);
};
