/**
 * Branded database handles: a ReadDb can only be read; a WriteDb may write. Both wrap better-sqlite3.
 * Services take the narrowest handle they need, so a reader cannot write by accident.
 */
import type Database from 'better-sqlite3';

export type ReadDb = Database.Database & { readonly __read: unique symbol };
export type WriteDb = ReadDb & { readonly __write: unique symbol };

export const asWriteDb = (db: Database.Database): WriteDb => db as WriteDb;
