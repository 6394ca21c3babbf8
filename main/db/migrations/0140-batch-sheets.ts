/**
 * A batch's sheets in the workbook's order (as JSON), so that its values are listed as the workbook has them: a year
 * of monthly sheets 1月 … 12月, not 10月, 11月, 12月, 1月 as their names sort. Batches imported before have none, and
 * are listed by sheet name.
 */
import type { WriteDb } from '../types';

export const migrate0140 = (db: WriteDb): void => {
  db.exec('ALTER TABLE import_batch ADD COLUMN sheets TEXT');
};
