/**
 * Issue 14: evaluating many regions and years in one pass gives exactly what evaluating each alone gives — for every
 * county of 楚雄州 and every year of the plan, on the bundled sample workbook.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { childRegions } from '../../main/db/queries/regions';
import type { WriteDb } from '../../main/db/types';
import { evaluatePlan } from '../../main/services/evaluate';
import { evaluateMany } from '../../main/services/evaluate-many';
import { runImport } from '../../main/services/import/run';
import { createHandlers } from '../../main/services/handlers';
import { seedNursingShares } from '../helpers/seeds';
import { freshDb } from '../helpers/files';
import { openDb } from '../../main/db/open';
import { setObservation } from '../../main/services/history';

let db: WriteDb;
let file: string;

beforeAll(async () => {
  ({ db, file } = freshDb());
  expect((await runImport(db, { file: path.resolve('samples/chuxiong-示例数据.xlsx') })).ok).toBe(true);
  await seedNursingShares(createHandlers(db));
}, 60_000);

describe('evaluateMany', () => {
  it('gives for every county and year of 楚雄州 the result evaluatePlan gives for each alone', () => {
    const regions = ['532300', ...childRegions(db, '532300').map((r) => r.code)];
    const years = [2021, 2022, 2023, 2024, 2025];
    const many = evaluateMany(db, { plan: 'chuxiong', regions, years });
    expect(many).toHaveLength(regions.length * years.length);
    const alone = regions.flatMap((region) => years.map((year) => evaluatePlan(db, { plan: 'chuxiong', region, year })));
    expect(many).toEqual(alone);
    // Not vacuous: values, completions and statuses of several kinds are compared.
    const values = many.flatMap((r) => r.rows.map((x) => x.value)).filter((v) => v !== null);
    expect(values.length).toBeGreaterThan(100);
    expect(new Set(many.flatMap((r) => r.rows.map((x) => x.status))).size).toBeGreaterThan(4);
  });

  it('evaluates the plan’s own region when no region is named', () => {
    expect(evaluateMany(db, { plan: 'chuxiong', regions: [], years: [2023] })).toEqual([evaluatePlan(db, { plan: 'chuxiong', year: 2023 })]);
  });

  // Stored values are kept between evaluations while the database is unchanged (context.ts): a value set since,
  // through this connection or another one (another process: the app beside pwb), is what the next one reads.
  it('reads a value set since, through this connection or another, not the one read before', () => {
    const share = (r: ReturnType<typeof evaluatePlan>) => r.rows.find((x) => x.name.includes('护理型床位'))!.value;
    const before = share(evaluatePlan(db, { plan: 'chuxiong', region: '532322', year: 2023 }));
    expect(before).not.toBeNull();
    setObservation(db, { region: '532322', series: 'nursing_beds', year: 2023, value: 1, enteredBy: '测试' });
    const here = share(evaluatePlan(db, { plan: 'chuxiong', region: '532322', year: 2023 }));
    expect(here).not.toBe(before);
    const other = openDb(file);
    try {
      setObservation(other, { region: '532322', series: 'nursing_beds', year: 2023, value: 2, enteredBy: '测试' });
    } finally {
      other.close();
    }
    const there = share(evaluatePlan(db, { plan: 'chuxiong', region: '532322', year: 2023 }));
    expect([there, there! / here!]).toEqual([expect.any(Number), 2]);
  });
});

describe('stored values read inside a transaction', () => {
  it('are not kept: a value written, evaluated and rolled back is not what the next evaluation reads', () => {
    const share = (r: ReturnType<typeof evaluatePlan>) => r.rows.find((x) => x.name.includes('护理型床位'))!.value;
    const before = share(evaluatePlan(db, { plan: 'chuxiong', region: '532322', year: 2023 }));
    let inside: number | null = null;
    try {
      db.transaction(() => {
        setObservation(db, { region: '532322', series: 'nursing_beds', year: 2023, value: 7, enteredBy: '测试' });
        inside = share(evaluatePlan(db, { plan: 'chuxiong', region: '532322', year: 2023 }));
        throw new Error('rolled back');
      })();
    } catch (error) {
      expect((error as Error).message).toBe('rolled back');
    }
    expect(inside).not.toBe(before);
    expect(share(evaluatePlan(db, { plan: 'chuxiong', region: '532322', year: 2023 }))).toBe(before);
  });
});
