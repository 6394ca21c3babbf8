/**
 * Series whose value applies to every region below the one that has it, unless a region has its own: outside
 * references entered once for a province (全省城市低保标准低限) and used by its prefectures and counties.
 */
import type { WriteDb } from '../types';

export const migrate0050 = (db: WriteDb): void => {
  db.exec(`ALTER TABLE series ADD COLUMN inherits INTEGER NOT NULL DEFAULT 0 CHECK (inherits IN (0, 1));`);
};
