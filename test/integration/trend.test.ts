/**
 * Issue 10 (评估: the trend of one indicator on click): the course of a row over the plan period is, year by year, what
 * the evaluation of that year gives for it, through the handlers the window and browser mode call.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WriteDb } from '../../main/db/types';
import { evaluatePlan } from '../../main/services/evaluate';
import { createHandlers } from '../../main/services/handlers';
import { runImport } from '../../main/services/import/run';
import { freshDb } from '../helpers/files';
import { TWINS_PLAN_TEXT } from '../helpers/seeds';

let db: WriteDb;

beforeAll(async () => {
  ({ db } = freshDb());
  expect((await runImport(db, { file: path.resolve('samples/chuxiong-示例数据.xlsx') })).ok).toBe(true);
}, 60_000);

describe('evaluation.trend', () => {
  it('gives every year of 2021–2025 as that year’s evaluation gives the row, for the plan’s region and a county', async () => {
    const handlers = createHandlers(db);
    for (const region of [undefined, '532322']) {
      const first = evaluatePlan(db, { plan: 'chuxiong', year: 2025, ...(region ? { region } : {}) });
      let withValues = 0;
      for (const row of first.rows) {
        const trend = await handlers['evaluation.trend']({ plan: 'chuxiong', table: row.table, seq: row.seq, ...(region ? { region } : {}) });
        expect(trend.points.map((p) => p.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
        for (const p of trend.points) {
          const alone = evaluatePlan(db, { plan: 'chuxiong', year: p.year, ...(region ? { region } : {}) }).rows.find((r) => r.table === row.table && r.seq === row.seq)!;
          expect(p).toEqual({ year: p.year, value: alone.value, completion: alone.completion, status: alone.status });
        }
        expect(trend).toMatchObject({ name: row.name, unit: row.unit, baseYear: 2020, targetYear: 2025, baseline: row.baseline, target: row.target, regionName: first.regionName });
        if (trend.points.filter((p) => p.value !== null).length >= 2) withValues++;
      }
      // Not vacuous: rows with a course of several years are compared.
      expect(withValues).toBeGreaterThan(3);
    }
  });

  it('tells apart two 其中 rows of a bureau’s plan that share table and 序号 (none) by their place', async () => {
    const handlers = createHandlers(db);
    await handlers['plans.import']({ text: TWINS_PLAN_TEXT, region: '532300', id: 'twins' });
    const rows = evaluatePlan(db, { plan: 'twins', year: 2025 }).rows;
    const twins = rows.map((r, position) => ({ r, position })).filter(({ r }) => r.seq === '');
    expect(twins).toHaveLength(2);
    for (const { r, position } of twins) {
      const trend = await handlers['evaluation.trend']({ plan: 'twins', table: r.table, seq: '', position });
      expect(trend.name).toBe(r.name);
      for (const p of trend.points) expect(p.value).toBe(evaluatePlan(db, { plan: 'twins', year: p.year }).rows[position]!.value);
    }
    expect(new Set(twins.map(({ r }) => r.name)).size).toBe(2);
    // A place that is not a row of that table and 序号 is refused, not answered with another row.
    await expect(handlers['evaluation.trend']({ plan: 'twins', table: 1, seq: '', position: 0 })).rejects.toThrow(/规划中没有表1第（无序号）项/);
  });

  it('refuses a row the plan does not have, and a region outside the country, in words', async () => {
    const handlers = createHandlers(db);
    await expect(handlers['evaluation.trend']({ plan: 'chuxiong', table: 1, seq: '99' })).rejects.toThrow(/规划中没有表1第99项/);
    await expect(handlers['evaluation.trend']({ plan: 'chuxiong', table: 1, seq: '1', region: '999999' })).rejects.toThrow(/999999/);
  });
});
