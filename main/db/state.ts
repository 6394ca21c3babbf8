/**
 * A database's state as one string: changes committed by other connections (data_version) and every change made
 * through this one (total_changes). Outside a transaction, while it stays the same, so does everything stored (a
 * change rolled back still counts in total_changes: the state moves on, never back).
 */
import type { ReadDb } from './types';

export const databaseState = (db: ReadDb): string =>
  `${db.pragma('data_version', { simple: true }) as number}:${db.prepare<[], number>('SELECT total_changes()').pluck().get()!}`;
