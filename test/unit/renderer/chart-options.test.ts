/**
 * Issue 10 (charts with ECharts in the page): what the 评估 page's charts draw, from a real evaluation of the sample
 * data — every row with a completion once, in its status's series and colour, the time progress as one line; a row's
 * course from its baseline through each year, against the straight path to its target.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WriteDb } from '../../../main/db/types';
import { evaluatePlan } from '../../../main/services/evaluate';
import { runImport } from '../../../main/services/import/run';
import { indicatorTrend } from '../../../main/services/trend';
import { chartedRows, completionOption, trendOption } from '../../../renderer/features/evaluation/chartOptions';
import { statusLabel } from '../../../shared/evaluation/status-labels';
import { freshDb } from '../../helpers/files';

let db: WriteDb;

beforeAll(async () => {
  ({ db } = freshDb());
  expect((await runImport(db, { file: path.resolve('samples/chuxiong-示例数据.xlsx') })).ok).toBe(true);
}, 60_000);

interface Series {
  name: string;
  data: (number | null)[];
  itemStyle?: { color: string };
  markLine?: { data: { xAxis?: number; yAxis?: number }[] };
}

describe('the completion chart', () => {
  it('draws each row with a completion once, in its status’s series and colour, and the time progress as one line', () => {
    const result = evaluatePlan(db, { plan: 'chuxiong', year: 2023 });
    const option = completionOption(result) as { series: Series[]; yAxis: { data: string[] }; xAxis: { min: number; max: number } };
    const rows = chartedRows(result);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(result.rows.length);
    expect(option.yAxis.data).toEqual(rows.map((r) => `${r.seq} ${r.name}`));
    rows.forEach((r, k) => {
      const drawn = option.series.filter((s) => s.data[k] !== null);
      expect(drawn).toHaveLength(1);
      expect(drawn[0]!.itemStyle!.color).toBe(`#${statusLabel(r.status).fill}`);
      expect(drawn[0]!.data[k]).toBeCloseTo(Math.min(150, Math.max(-50, r.completion! * 100)), 9);
    });
    expect(option.series.flatMap((s) => s.markLine?.data ?? [])).toEqual([{ xAxis: 60 }]);
    // A row went back (倒退): the axis starts at −50%.
    expect(rows.some((r) => r.completion! < 0)).toBe(true);
    expect(option.xAxis).toMatchObject({ min: -50, max: 100 });
  });
});

describe('the trend chart', () => {
  it('starts at the baseline, gives each year’s value, and draws the straight path to the target', () => {
    const result = evaluatePlan(db, { plan: 'chuxiong', year: 2023 });
    const row = result.rows.find((r) => r.name === '养老机构护理型床位占比')!;
    const trend = indicatorTrend(db, { plan: 'chuxiong', table: row.table, seq: row.seq });
    const option = trendOption(trend) as { series: Series[]; xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['2020年', '2021年', '2022年', '2023年', '2024年', '2025年']);
    const [values, pathLine] = option.series;
    expect(values!.data).toEqual([trend.baseline, ...trend.points.map((p) => p.value)]);
    expect(values!.data[3]).toBe(row.value);
    expect(pathLine!.data[0]).toBe(trend.baseline);
    expect(pathLine!.data[5]).toBeCloseTo(trend.targetValue!, 9);
    expect(pathLine!.data[3]).toBeCloseTo(trend.baseline! + ((trend.targetValue! - trend.baseline!) * 3) / 5, 9);
    expect(pathLine!.markLine!.data).toEqual([{ yAxis: trend.targetValue }]);
  });

  it('draws no path for a target that is not a number, and leaves a year without data empty', () => {
    const result = evaluatePlan(db, { plan: 'chuxiong', year: 2023 });
    const row = result.rows.find((r) => r.targetValue === null)!;
    const trend = indicatorTrend(db, { plan: 'chuxiong', table: row.table, seq: row.seq });
    const option = trendOption(trend) as { series: Series[] };
    expect(option.series).toHaveLength(1);
    const missing = { ...trend, points: trend.points.map((p) => (p.year === 2022 ? { ...p, value: null } : p)) };
    expect((trendOption(missing) as { series: Series[] }).series[0]!.data[2]).toBeNull();
  });
});
