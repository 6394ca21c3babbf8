/**
 * Opening database files: every schema step from an empty file and from each older version, the pragmas, refusal of
 * files from a newer app or that are not databases, built-ins installed once, and hot queries that never SCAN.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors';
import { migrations, latestVersion, schemaVersion } from '../../main/db/migrations';
import { openDb } from '../../main/db/open';
import { existingValues, getObservation, observationsOfRegion, valueLoader } from '../../main/db/queries/observations';
import { getPlan, listPlanIds } from '../../main/db/queries/plans';
import type { ReadDb, WriteDb } from '../../main/db/types';
import { freshDb, sha256, tempDir } from '../helpers/files';

/** A fresh database in a temporary folder (removed after the file by test/setup.ts). */
const fresh = freshDb;

const newFile = (): string => {
  const dir = tempDir();
  return path.join(dir, 'workbench.sqlite');
};

const tableNames = (db: ReadDb): string[] =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((r) => r.name);

const count = (db: ReadDb, table: string): number => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;

/** The tables each step adds (main/db/migrations/00NN-*.ts). */
const tablesOfStep: Record<number, string[]> = {
  10: ['indicator', 'region', 'region_alias', 'series', 'series_alias'],
  20: ['plan', 'plan_row', 'plan_row_part', 'plan_table'],
  30: ['import_batch', 'observation', 'observation_replaced'],
  40: ['region_target', 'setting'],
  50: [], // adds series.inherits
  60: ['report_paragraph'],
  70: ['plan_adjustment', 'plan_judgement', 'plan_change'],
  80: ['plan_row_split'],
  90: [], // adds series.nature and series.created_by
  100: ['audit_log', 'year_lock'],
  110: ['derived_source', 'period_observation', 'period_observation_replaced'], // and observation.derived_from, series.range_min/max
  120: ['issued_report'],
  130: [], // indexes of observation_replaced and period_observation_replaced by old_batch_id; counts with periods
  140: [], // adds import_batch.sheets
};

const expectRejected = (run: () => unknown, code: string): void => {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect((caught as UserError).code).toBe(code);
};

// Representative rows a bureau could have written at each older version, with their parents first (foreign keys are ON).
const insertRegion = (db: WriteDb, code: string, name: string, parent: string | null, level: string): void => {
  db.prepare('INSERT INTO region (code, name, parent_code, level) VALUES (?, ?, ?, ?)').run(code, name, parent, level);
};
const insertSeries = (db: WriteDb, code: string, kind: 'item' | 'indicator', name: string, unit: string): void => {
  db.prepare(
    `INSERT INTO series (code, kind, name, unit, aggregation, weight_code, is_absolute, is_growth_rate, note)
     VALUES (?, ?, ?, ?, 'none', NULL, 0, 0, NULL)`,
  ).run(code, kind, name, unit);
};

const atVersion: Record<10 | 20 | 30, { insert: (db: WriteDb) => void; check: (db: WriteDb) => void }> = {
  10: {
    // A township the bureau added below 双柏县.
    insert: (db) => {
      insertRegion(db, '532322', '双柏县', null, 'county');
      insertRegion(db, '532322199', '测试镇', '532322', 'township');
    },
    check: (db) => {
      expect(db.prepare('SELECT code, name, parent_code FROM region WHERE code = ?').get('532322199')).toEqual({
        code: '532322199',
        name: '测试镇',
        parent_code: '532322',
      });
    },
  },
  20: {
    // The county's own plan with one indicator row.
    insert: (db) => {
      insertRegion(db, '532322', '双柏县', null, 'county');
      insertSeries(db, 'nursing_bed_share', 'indicator', '养老机构护理型床位占比', '%');
      db.prepare('INSERT INTO indicator (code, direction, formula) VALUES (?, ?, ?)').run('nursing_bed_share', 'increase', 'nursing_beds / elderly_beds');
      db.prepare(
        `INSERT INTO plan (id, title, issuer, region_code, base_year, target_year, doc_number, issued_on, schedule, source, template_version, installed_at)
         VALUES (?, ?, ?, ?, 2020, 2025, NULL, NULL, ?, ?, 1, ?)`,
      ).run('shuangbai', '双柏县民政事业发展“十四五”规划', '双柏县民政局', '532322', JSON.stringify({ annual: true, midterm: 2023, final: 2025, text: '' }), '测试', '2022-01-01T00:00:00Z');
      db.prepare('INSERT INTO plan_table (plan_id, table_no, kind, title, base_year, target_year, note) VALUES (?, 1, ?, ?, 2020, 2025, NULL)').run(
        'shuangbai',
        'main',
        '主要指标',
      );
      db.prepare(
        `INSERT INTO plan_row (plan_id, table_no, position, seq, printed_name, name, unit_text, value_unit, baseline_text, baseline, target_text,
           final_text, stated_growth_text, stated_growth_kind, attribute, category, indicator_code, note)
         VALUES (?, 1, 1, '1', ?, ?, '%', '%', '30%', 30, '≥55%', NULL, '', 'annual', '约束性', NULL, 'nursing_bed_share', NULL)`,
      ).run('shuangbai', '养老机构护理型床位占比', '养老机构护理型床位占比');
    },
    check: (db) => {
      const plan = getPlan(db, 'shuangbai');
      expect(plan?.regionCode).toBe('532322');
      expect(plan?.tables[0]?.rows.map((r) => [r.seq, r.indicatorCode, r.baseline, r.targetText])).toEqual([['1', 'nursing_bed_share', 30, '≥55%']]);
    },
  },
  30: {
    // A value a clerk typed by hand.
    insert: (db) => {
      insertRegion(db, '532322', '双柏县', null, 'county');
      insertSeries(db, 'dibao_urban', 'item', '城市最低生活保障标准', '元/人·月');
      db.prepare(
        `INSERT INTO observation (region_code, series_code, year, value, batch_id, sheet, cell, entered_by, entered_at)
         VALUES ('532322', 'dibao_urban', 2023, 600, NULL, NULL, NULL, '张三', '2024-01-05T08:00:00Z')`,
      ).run();
    },
    check: (db) => {
      const o = getObservation(db, '532322', 'dibao_urban', 2023);
      expect([o?.value, o?.enteredBy, o?.enteredAt]).toEqual([600, '张三', '2024-01-05T08:00:00Z']);
    },
  },
};

describe('schema migrations', () => {
  it('applies every step in turn to an empty file, each adding its own tables and setting user_version', () => {
    const file = newFile();
    const expected: string[] = [];
    for (const step of migrations) {
      const db = openDb(file, { migrateTo: step.version, bare: true });
      expected.push(...tablesOfStep[step.version]!);
      expect([schemaVersion(db), tableNames(db)]).toEqual([step.version, [...expected].sort()]);
      db.close();
    }
  });

  it('brings an empty file to the latest version (140) in one open', () => {
    const db = openDb(newFile());
    expect(latestVersion()).toBe(140);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(tableNames(db)).toEqual(Object.values(tablesOfStep).flat().sort());
    db.close();
  });

  it('opens with foreign keys ON and the WAL journal', () => {
    const { db } = fresh();
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it.each([10, 20, 30] as const)('upgrades a version-%i database to the latest and keeps the rows written at that version', (version) => {
    const file = newFile();
    const old = openDb(file, { migrateTo: version, bare: true });
    atVersion[version].insert(old);
    old.close();

    const db = openDb(file);
    expect(schemaVersion(db)).toBe(latestVersion());
    atVersion[version].check(db);
    expect(listPlanIds(db)).toEqual(expect.arrayContaining(['chengde', 'chuxiong', 'dazhou', 'guizhou']));
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

describe('a backup before a migration', () => {
  it('copies a database of an older version whole into backups/ before changing its schema, once', () => {
    const file = newFile();
    const old = openDb(file, { migrateTo: 30, bare: true });
    atVersion[30].insert(old);
    old.close();
    openDb(file).close();
    const backups = path.join(path.dirname(file), 'backups');
    const copies = fs.readdirSync(backups);
    expect(copies).toEqual([expect.stringMatching(/^workbench-.*-before-migration-v30\.sqlite$/)]);
    const copy = new Database(path.join(backups, copies[0]!), { readonly: true });
    expect([copy.pragma('user_version', { simple: true }), copy.pragma('integrity_check', { simple: true })]).toEqual([30, 'ok']);
    atVersion[30].check(copy as unknown as WriteDb);
    copy.close();
    // Opened again at the latest version: nothing more to back up.
    openDb(file).close();
    expect(fs.readdirSync(backups)).toHaveLength(1);
  });
});

describe('files the workbench must refuse', () => {
  it('refuses a database written by a newer app (db-from-newer-app) and leaves the file byte for byte unchanged', () => {
    const file = newFile();
    const newer = openDb(file);
    newer.pragma(`user_version = ${latestVersion() + 10}`);
    newer.close();
    const before = sha256(file);
    expectRejected(() => openDb(file), 'db-from-newer-app');
    expect(sha256(file)).toBe(before);
  });

  // BUG (main/db/open.ts:61): `journal_mode = WAL` is set before migrate() checks the version (line 64), so a newer
  // database kept in rollback-journal mode (a copy made by the sqlite3 tool or a backup) is rewritten (header bytes
  // 18–19, 24–27, 92–95) before it is refused.
  it('leaves a newer database in rollback-journal mode unchanged when refusing it', () => {
    const file = newFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE future_table (x TEXT) STRICT');
    raw.pragma(`user_version = ${latestVersion() + 10}`);
    raw.close();
    const before = sha256(file);
    expectRejected(() => openDb(file), 'db-from-newer-app');
    expect(sha256(file)).toBe(before);
  });

  it('refuses a file that is not a database (db-corrupt) and does not touch it', () => {
    const file = newFile();
    fs.writeFileSync(file, '指标名称,2020年\n城市低保标准,600\n'.repeat(100));
    const before = sha256(file);
    expectRejected(() => openDb(file), 'db-corrupt');
    expect(sha256(file)).toBe(before);
  });
});

describe('built-in catalogue and plans', () => {
  it('installs the built-ins once: opening the file again adds no rows and does not reinstall the plans', () => {
    const { db, file } = fresh();
    const tables = ['region', 'region_alias', 'series', 'series_alias', 'indicator', 'plan', 'plan_table', 'plan_row', 'plan_row_part', 'setting'];
    const snapshot = (d: ReadDb) => ({
      counts: Object.fromEntries(tables.map((t) => [t, count(d, t)])),
      installed: d.prepare('SELECT id, installed_at FROM plan ORDER BY id').all(),
    });
    const first = snapshot(db);
    db.close();
    const again = openDb(file);
    expect(snapshot(again)).toEqual(first);
    expect(listPlanIds(again)).toEqual(['chengde', 'chuxiong', 'dazhou', 'guizhou']);
    again.close();
  });
});

describe('hot queries use an index or the primary key', () => {
  /** The query plans of the SQL a query function prepares, with the arguments it binds. */
  const queryPlans = (db: WriteDb, run: (spy: ReadDb) => unknown): string[] => {
    const details: string[] = [];
    const spy = new Proxy(db, {
      get: (target, prop) =>
        prop === 'prepare'
          ? (sql: string) => {
              const explain = target.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`);
              const capture = (...args: unknown[]) => details.push(...explain.all(...args).map((r) => r.detail));
              const statement = { all: (...args: unknown[]) => (capture(...args), []), get: (...args: unknown[]) => void capture(...args), raw: () => statement };
              return statement;
            }
          : Reflect.get(target, prop, target),
    });
    run(spy as unknown as ReadDb);
    return details;
  };
  it('finds one observation by region, series and year through the primary key', () => {
    const { db } = fresh();
    const sql = 'SELECT * FROM observation WHERE region_code = ? AND series_code = ? AND year = ?';
    const plan = db.prepare<[string, string, number], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all('532322', 'dibao_urban', 2023);
    expect(plan.map((r) => r.detail)).toEqual(['SEARCH observation USING PRIMARY KEY (region_code=? AND series_code=? AND year=?)']);
    expect(queryPlans(db, (spy) => getObservation(spy, '532322', 'dibao_urban', 2023))).toEqual(plan.map((r) => r.detail));
    db.close();
  });

  it('reads one region’s observations in order through the primary key, without a sort', () => {
    const { db } = fresh();
    expect(queryPlans(db, (spy) => observationsOfRegion(spy, '532322'))).toEqual(['SEARCH observation USING PRIMARY KEY (region_code=?)']);
    db.close();
  });

  it('loads regions’ observations for the years of a plan (what an evaluation reads) through the primary key', () => {
    const { db } = fresh();
    const plan = queryPlans(db, (spy) => valueLoader(spy, 2018, 2025, ['dibao_urban', 'dibao_rural'])(['532300', '532322']));
    // The two lists in order, then one primary-key search per region and series (no index of series, no sort).
    expect(plan).toEqual(['SCAN r VIRTUAL TABLE INDEX 1:', 'SCAN s VIRTUAL TABLE INDEX 1:', 'SEARCH o USING PRIMARY KEY (region_code=? AND series_code=? AND year>? AND year<?)']);
    db.close();
  });

  it('compares an import with the stored values through the primary key', () => {
    const { db } = fresh();
    const plan = queryPlans(db, (spy) => existingValues(spy)('532322', 'dibao_urban', 2023));
    expect(plan).toEqual(['SEARCH observation USING PRIMARY KEY (region_code=? AND series_code=? AND year=?)']);
    db.close();
  });
});
