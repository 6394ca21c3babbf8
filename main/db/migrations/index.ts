/**
 * The ordered list of schema migrations. Steps are numbered 10, 20, 30 … (room for a fix), append-only:
 * a shipped migration is never edited. Pending steps run in one transaction; PRAGMA user_version records
 * the last step applied. A database written by a newer app is refused, not touched.
 */
import { UserError } from '../../../shared/errors';
import type { WriteDb } from '../types';
import { migrate0010 } from './0010-regions-and-series';
import { migrate0020 } from './0020-plans';
import { migrate0030 } from './0030-observations';
import { migrate0040 } from './0040-settings';
import { migrate0050 } from './0050-inherited-series';
import { migrate0060 } from './0060-report-paragraphs';
import { migrate0070 } from './0070-bureau-plans';
import { migrate0080 } from './0080-row-splits';
import { migrate0090 } from './0090-series-nature';
import { migrate0100 } from './0100-year-locks';
import { migrate0110 } from './0110-periods';
import { migrate0120 } from './0120-issued-reports';
import { migrate0130 } from './0130-replaced-by-batch';
import { migrate0140 } from './0140-batch-sheets';

export interface Migration {
  version: number;
  name: string;
  up: (db: WriteDb) => void;
}

export const migrations: readonly Migration[] = [
  { version: 10, name: 'regions-and-series', up: migrate0010 },
  { version: 20, name: 'plans', up: migrate0020 },
  { version: 30, name: 'observations', up: migrate0030 },
  { version: 40, name: 'settings', up: migrate0040 },
  { version: 50, name: 'inherited-series', up: migrate0050 },
  { version: 60, name: 'report-paragraphs', up: migrate0060 },
  { version: 70, name: 'bureau-plans', up: migrate0070 },
  { version: 80, name: 'row-splits', up: migrate0080 },
  { version: 90, name: 'series-nature', up: migrate0090 },
  { version: 100, name: 'year-locks', up: migrate0100 },
  { version: 110, name: 'periods', up: migrate0110 },
  { version: 120, name: 'issued-reports', up: migrate0120 },
  { version: 130, name: 'replaced-by-batch', up: migrate0130 },
  { version: 140, name: 'batch-sheets', up: migrate0140 },
];

export const latestVersion = (): number => migrations[migrations.length - 1]?.version ?? 0;

export const schemaVersion = (db: WriteDb): number => db.pragma('user_version', { simple: true }) as number;

export const assertNotFromNewerApp = (db: WriteDb): void => {
  const current = schemaVersion(db);
  if (current > latestVersion()) {
    throw new UserError(
      'db-from-newer-app',
      `数据库文件由更新版本的工作台写入（结构版本 ${current}，本程序最高 ${latestVersion()}），请升级程序后再打开。` +
        ` / The database was written by a newer version of the workbench (schema ${current} > ${latestVersion()}); upgrade the app.`,
    );
  }
};

/** Applies every step above the database's version, up to `target` (default: the latest). */
export const migrate = (db: WriteDb, target = latestVersion()): number => {
  assertNotFromNewerApp(db);
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const step of pending) step.up(db);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
  return schemaVersion(db);
};
