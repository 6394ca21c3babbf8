/**
 * Golden evaluations across the region tree, computed by hand: a plan region without values of its own aggregated
 * from its counties (sums, ratios of sums, weighted means), a county judged against its plan, and printed baselines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WriteDb } from '../../main/db/types';
import { evaluatePlan, type EvaluateInput } from '../../main/services/evaluate';
import { runImport } from '../../main/services/import/run';
import type { EvaluatedRow } from '../../shared/evaluation/result';
import { freshDb, longSheet, writeWorkbook, type CellInput } from '../helpers/files';

/** A fresh database in a temporary folder (removed after the file by test/setup.ts). */
const fresh = freshDb;

/** The ten county-level divisions of 楚雄州 (532300) in the division tree, 楚雄市 first. */
const CHUXIONG_COUNTIES = ['楚雄市', '禄丰市', '双柏县', '牟定县', '南华县', '姚安县', '大姚县', '永仁县', '元谋县', '武定县'];
/** The seven of 达州市 (511700). */
const DAZHOU_COUNTIES = ['通川区', '达川区', '宣汉县', '开江县', '大竹县', '渠县', '万源市'];

let books = 0;
/** Imports one workbook with a sheet per region, each sheet named after its region; the import must succeed. */
const load = async (db: WriteDb, dir: string, sheets: { region: string; years: number[]; rows: CellInput[][] }[]): Promise<void> => {
  const file = await writeWorkbook(
    path.join(dir, `regions-${++books}.xlsx`),
    sheets.map((s) => ({ name: s.region, rows: longSheet(null, s.years, s.rows) })),
  );
  const result = await runImport(db, { file });
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(result.sheets.every((s) => s.region !== null)).toBe(true);
};

const evaluated = async (sheets: Parameters<typeof load>[2], input: EvaluateInput) => {
  const { db, dir } = fresh();
  await load(db, dir, sheets);
  const result = evaluatePlan(db, input);
  db.close();
  return { result, row: (seq: string): EvaluatedRow => result.rows.find((r) => r.seq === seq)! };
};

// Chuxiong row 16: 养老机构护理型床位占比 = nursing_beds / elderly_beds (≥55%). 楚雄市 has 11000 beds, 7700 nursing (70%);
// the nine others 1000 beds, 500 nursing (50%) each. Sums: 11000 + 9 × 1000 = 20000 beds, 7700 + 9 × 500 = 12200 nursing.
const bedsSheets = (omit?: string) =>
  CHUXIONG_COUNTIES.map((county, i) => ({
    region: county,
    years: [2023],
    rows: [
      ['养老机构床位总数', '张', i === 0 ? 11000 : 1000],
      ['护理型床位数', '张', county === omit ? null : i === 0 ? 7700 : 500],
    ] as CellInput[][],
  }));

describe('a plan region without values of its own, from its ten counties', () => {
  it('recomputes the share from the summed beds: 12200 / 20000 = 61% ≥ 55% → 提前实现 (the mean of shares would be 52%)', async () => {
    const { row } = await evaluated(bedsSheets(), { plan: 'chuxiong', year: 2023 });
    // Mean of the county shares: (70 + 9 × 50)/10 = 52, which would miss the target; the ratio of sums does not.
    expect([row('16').value, row('16').status, row('16').source]).toEqual([61, '提前实现', 'formula']);
  });

  it('is 缺数 when one county (武定县) has no 护理型床位数: a partial sum is not a total', async () => {
    const { row } = await evaluated(bedsSheets('武定县'), { plan: 'chuxiong', year: 2023 });
    expect([row('16').value, row('16').status]).toEqual([null, '缺数']);
  });
});

// Dazhou row 1 (城乡低保标准 不低于全省标准低限), part 城市: the city's standard is the mean of its seven counties'
// standards weighted by their 城市低保对象人数. County k (k = 0 … 6) has 650 + 10k 元 and 1000 (k + 1) recipients:
// Σw = 1000 × 28 = 28000; Σv·w = 1000 × Σ(650 + 10k)(k + 1) = 1000 × (650 × 28 + 10 × 112) = 19 320 000;
// weighted mean = 19 320 000 / 28 000 = 690 元, where the plain mean is (650 + … + 710)/7 = 680 元.
describe('a weighted mean over the counties: 城市最低生活保障标准 weighted by 城市低保对象人数', () => {
  const dazhou = (urbanFloor: number) =>
    evaluated(
      [
        { region: '达州市', years: [2023], rows: [['全省城市低保标准低限', '元/人·月', urbanFloor], ['全省农村低保标准低限', '元/人·月', 530]] },
        ...DAZHOU_COUNTIES.map((county, k) => ({
          region: county,
          years: [2023],
          rows: [
            ['城市低保标准', '元/人·月', 650 + 10 * k],
            ['城市低保对象人数', '人', 1000 * (k + 1)],
            ['农村低保标准', '元/人·月', 540],
            ['农村低保对象人数', '人', 100],
          ] as CellInput[][],
        })),
      ],
      { plan: 'dazhou', year: 2023 },
    );

  it('gives 达州市 the weighted mean 690 元, not the plain mean 680 元', async () => {
    const { row } = await dazhou(685);
    expect(row('1').parts.map((p) => [p.label, p.value, p.reference])).toEqual([
      ['城市', 690, 685],
      ['农村', 540, 530], // every county 540 元: any mean is 540
    ]);
  });

  it('judges the weighted mean against the floor: 690 ≥ 685 → 符合要求 (the plain mean 680 would not be)', async () => {
    const { row } = await dazhou(685);
    expect([row('1').status, row('1').parts.map((p) => p.holds)]).toEqual(['符合要求', [true, true]]);
  });
});

// 双柏县 (532322) under the Chuxiong plan. Row 2: 2020 农村 330 / 城市 600 = 55%, 2023 420 / 700 = 60%. The plan prints
// b = 60% for the prefecture; the county's own b = 55%, t = 75%: c = (60 − 55)/(75 − 55) = 0.25 < τ − δ = 0.5 → 滞后.
describe('a county judged against its prefecture’s plan: 双柏县 in the Chuxiong plan, 2023', () => {
  const shuangbai = () =>
    evaluated(
      [
        {
          region: '双柏县',
          years: [2020, 2023],
          rows: [
            ['农村低保标准', '元/人·月', 330, 420],
            ['城市低保标准', '元/人·月', 600, 700],
            ['社会组织专职工作人员数量', '人', 80, 95],
          ],
        },
      ],
      { plan: 'chuxiong', region: '532322', year: 2023 },
    );

  it('judges a rate against the plan’s target with the county’s own 2020 value as baseline: 55 → 60 of 75 is 滞后', async () => {
    const { result, row } = await shuangbai();
    expect([result.region, result.regionName]).toEqual(['532322', '双柏县']);
    const r = row('2');
    expect([r.value, r.baseline, r.baselineSource, r.target, r.targetSource, r.status]).toEqual([60, 55, 'data', '75%', 'plan', '滞后']);
    expect(r.completion).toBeCloseTo(0.25, 10);
    expect(r.warnings).toEqual([]); // the plan's printed 60% is the prefecture's, not compared with the county's 55
    expect(r.requiredCagr).toBeCloseTo((75 / 55) ** (1 / 5) - 1, 10);
    expect(r.actualCagr).toBeCloseTo((60 / 55) ** (1 / 3) - 1, 10);
  });

  it('marks an absolute quantity (社会组织专职工作人员数量, the prefecture’s 1450 人) 不适用 for the county', async () => {
    const { row } = await shuangbai();
    expect([row('6').status, row('6').targetSource, row('6').warnings]).toEqual(['不适用', null, []]);
    // Not judged, so no completion against the prefecture's target either.
    expect(row('6').completion).toBeNull();
  });

  it('takes the county by its name as well as by its code', async () => {
    const { db } = fresh();
    expect(evaluatePlan(db, { plan: 'chuxiong', region: '双柏县', year: 2023 }).region).toBe('532322');
  });
});

// Chuxiong row 2 prints a 2020 baseline of 60% (no decimals).
describe('a printed baseline checked against the 2020 data', () => {
  const chuxiong2020 = (rural2020: number) =>
    evaluated(
      [{ region: '楚雄州', years: [2020, 2023], rows: [['农村低保标准', '元/人·月', rural2020, 544], ['城市低保标准', '元/人·月', 600, 800]] }],
      { plan: 'chuxiong', year: 2023 },
    );

  it('warns with both numbers when the data differ: printed 60% against 372/600 = 62%, and keeps the printed baseline', async () => {
    const { result, row } = await chuxiong2020(372);
    expect([row('2').baseline, row('2').baselineSource]).toEqual([60, 'plan']);
    expect(row('2').warnings).toHaveLength(1);
    expect(row('2').warnings[0]).toMatch(/60%.*2020年数据62/);
    expect(result.warnings).toEqual([expect.stringMatching(/^2 农村低保标准占城市最低生活保障标准比率：.*60%.*62/)]);
  });

  it('does not warn when the data agree at the printed precision: 360/600 = 60%', async () => {
    const { row } = await chuxiong2020(360);
    expect(row('2').warnings).toEqual([]);
  });
});
