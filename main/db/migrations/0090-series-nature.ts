/**
 * Whether an item is a stock (户数, 人数, 床位数, 标准: a value at a moment) or a flow (支出, 人次: an amount over
 * time), as DESIGN.md's statistical periods need it; and who created a series the bureau defined itself.
 */
import type { WriteDb } from '../types';

export const migrate0090 = (db: WriteDb): void => {
  db.exec(`
    ALTER TABLE series ADD COLUMN nature TEXT CHECK (nature IN ('stock', 'flow'));
    ALTER TABLE series ADD COLUMN created_by TEXT;
  `);
};
