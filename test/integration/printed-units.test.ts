/**
 * Units as the plans print them: a sheet that copies each built-in plan's rows (printed name, printed unit, a
 * value) imports without a refusal and the values reach the evaluation — 社会组织每万人占有数量（个） is 个/万人,
 * 每百户居民拥有的…面积 with 单位 平方米 is 平方米/百户. A clerk copying the plan is never refused.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltIns } from '../../main/catalog/load';
import { createHandlers } from '../../main/services/handlers';
import { parseQuantity } from '../../shared/targets/quantity';
import { freshDb, longSheet, tempDir, writeWorkbook } from '../helpers/files';

describe('a sheet that copies a plan’s printed names and units', () => {
  it.each(['guizhou', 'chuxiong', 'chengde', 'dazhou'])('imports and evaluates every row of %s', async (id) => {
    const plan = loadBuiltIns().plans.find((p) => p.id === id)!;
    const main = plan.tables.find((t) => t.kind === 'main')!;
    const { db } = freshDb();
    const h = createHandlers(db);
    // Each row as printed: its name, its printed unit (blank where the plan prints none), and a value for 2021 in
    // that unit: the printed baseline where there is one, else 1.
    const rows = main.rows.map((r) => {
      const q = r.baseline ? parseQuantity(r.baseline) : null;
      const value = q && q.ok ? q.quantity.value : 1;
      return [r.name, r.unit, value];
    });
    const file = await writeWorkbook(path.join(tempDir(), `${id}.xlsx`), [{ name: '2021年', rows: longSheet(`地区：${plan.region}`, [2021], rows) }]);
    const r = await h['import.run']({ file });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.observations).toBe(main.rows.length);
    const e = await h['evaluation.run']({ plan: id, year: 2021 });
    for (const [i, row] of e.rows.entries()) {
      if (row.parts.length > 0) continue; // compared with another series, part by part
      expect(row.value, `${row.seq} ${row.name}`).toBeCloseTo(rows[i]![2] as number, 9);
    }
  });
});
