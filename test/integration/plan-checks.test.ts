/**
 * Plan checks on the four seed plans as `listPlans` reports them: the inconsistencies the Chuxiong tables really
 * contain are flagged with their numbers, and rows whose arithmetic holds (recomputed here, by hand) are not;
 * Guizhou, Chengde and Dazhou carry no warnings, though a Dazhou target moved below its baseline would get one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getPlan } from '../../main/db/queries/plans';
import type { WriteDb } from '../../main/db/types';
import { listPlans, planWarnings } from '../../main/services/plans';
import type { Plan, PlanSummary } from '../../shared/types';
import { freshDb } from '../helpers/files';

type Warning = PlanSummary['warnings'][number];

let db: WriteDb;
let summaries: Map<string, PlanSummary>;
const warningsOf = (id: string): Warning[] => summaries.get(id)!.warnings;
const at = (id: string, table: number, seq: string): Warning[] => warningsOf(id).filter((w) => w.table === table && w.seq === seq);

/** Rounds at `d` decimals (toFixed); none of the values below lies near a .5 boundary. */
const round = (x: number, d: number): number => Number(x.toFixed(d));
/** Implied compound annual growth in % over 2020–2025: ((t/b)^(1/5) − 1)·100. */
const cagr = (b: number, t: number): number => ((t / b) ** (1 / 5) - 1) * 100;
/** Relative change in % from 2015 to 2020: (v2020/v2015 − 1)·100. */
const relative = (v2015: number, v2020: number): number => (v2020 / v2015 - 1) * 100;

beforeAll(() => {
  db = freshDb().db;
  summaries = new Map(listPlans(db).map((p) => [p.id, p]));
});

describe('the Chuxiong main table (表2) rows whose stated growth is the compound rate', () => {
  // seq, baseline, target, stated growth as printed, decimals compared (trailing zeros are formatting),
  // the implied rate worked out by hand: (75/60)^(1/5)−1 = 4.564%, (100/95)^(1/5)−1 = 1.031%,
  // (1450/1200)^(1/5)−1 = 3.858%, (1.8/1.5)^(1/5)−1 = 3.714%, (15/10.1)^(1/5)−1 = 8.232%.
  const ROWS: [string, number, number, string, number, number][] = [
    ['2', 60, 75, '4.56%', 2, 4.56],
    ['4', 95, 100, '1.00%', 0, 1],
    ['6', 1200, 1450, '4%', 0, 4],
    ['7', 1.5, 1.8, '3.70%', 1, 3.7],
    ['9', 10.1, 15, '8.20%', 1, 8.2],
  ];

  it.each(ROWS)('rounds row %s\'s implied rate (%d → %d) to its printed %s', (_seq, b, t, stated, d, expected) => {
    expect(round(cagr(b, t), d)).toBe(expected);
    expect(round(cagr(b, t), d)).toBe(Number.parseFloat(stated));
  });

  it('would see row 7 differ only if "3.70%" were compared at two decimals (3.71)', () => {
    expect(round(cagr(1.5, 1.8), 2)).toBe(3.71);
  });

  it.each(ROWS)('does not flag row %s', (seq) => {
    expect(at('chuxiong', 1, seq)).toEqual([]);
  });
});

describe('the Chuxiong main table row 15, 节地生态安葬率 (70% → 60%, stated growth 6%)', () => {
  it('really implies a fall of 3.04% a year, not a rise of 6%', () => {
    expect(round(cagr(70, 60), 2)).toBe(-3.04);
  });

  it('is flagged for a target below its baseline on an indicator meant to rise', () => {
    const [w] = at('chuxiong', 1, '15').filter((x) => x.check === 'wrong-side');
    expect(w?.message).toContain('60%');
    expect(w?.message).toContain('70%');
  });

  it('is flagged for a stated growth that is not the implied compound rate, with both numbers', () => {
    const [w] = at('chuxiong', 1, '15').filter((x) => x.check === 'stated-growth');
    expect(w?.message).toContain('6%');
    expect(w?.message).toContain('-3.04%');
  });

  it('carries exactly those two warnings', () => {
    expect(at('chuxiong', 1, '15').map((w) => w.check).sort()).toEqual(['stated-growth', 'wrong-side']);
  });
});

describe('the Chuxiong 13th-FYP completion table (表1)', () => {
  // seq, 2015, 2020, 增长比例 as printed, decimals printed; relative changes worked out by hand:
  // 98.67/93 → 6.10, 100/78 → 28.21, 24.87/15 → 65.80, 74/34.4 → 115.12, 52/41 → 26.83, 99/92 → 7.61,
  // 26.4/7 → 277.14, 5.5/5 → 10.00, 1.5/0.6 → 150.00, 10.1/7.2 → 40.28.
  const MATCHING: [string, number, number, number, number][] = [
    ['1', 93, 98.67, 6.1, 1],
    ['2', 78, 100, 28.2, 1],
    ['3', 15, 24.87, 65.8, 1],
    ['4', 34.4, 74, 115, 0],
    ['5', 41, 52, 26.8, 1],
    ['6', 92, 99, 7.6, 1],
    ['7', 7, 26.4, 277, 0],
    ['11', 5, 5.5, 10, 0],
    ['12', 0.6, 1.5, 150, 0],
    ['13', 7.2, 10.1, 40.3, 1],
  ];
  // seq, 2015, 2020, 增长比例 as printed = percentage-point difference, relative change at one decimal.
  const POINTS: [string, number, number, number, string][] = [
    ['8', 28.2, 100, 71.8, '254.6'],
    ['9', 22, 70, 48, '218.2'],
    ['10', 80, 100, 20, '25.0'],
  ];

  it.each(MATCHING)('computes row %s\'s relative change %d → %d as the printed %d', (_seq, a, b, stated, d) => {
    expect(round(relative(a, b), d)).toBe(stated);
  });

  it.each(MATCHING)('does not flag row %s', (seq) => {
    expect(at('chuxiong', 2, seq)).toEqual([]);
  });

  it.each(POINTS)('finds row %s\'s printed growth (%d to %d) is a point difference, not the relative change', (_seq, a, b, stated, rel) => {
    expect(round(b - a, 1)).toBe(stated);
    expect(relative(a, b).toFixed(1)).toBe(rel);
  });

  it.each(POINTS)('flags row %s as a percentage-point difference, with the point and relative figures', (seq, _a, _b, stated, rel) => {
    const w = at('chuxiong', 2, seq);
    expect(w.map((x) => x.check)).toEqual(['growth-is-points']);
    expect(w[0]!.message).toContain(String(stated));
    expect(w[0]!.message).toContain(`${rel}%`);
  });
});

describe('the Chuxiong plan as a whole', () => {
  it('has no warnings beyond row 15 of 表2 and rows 8–10 of 表1', () => {
    expect(warningsOf('chuxiong').map((w) => `${w.table}/${w.seq}/${w.check}`).sort()).toEqual(
      ['1/15/stated-growth', '1/15/wrong-side', '2/10/growth-is-points', '2/8/growth-is-points', '2/9/growth-is-points'].sort(),
    );
  });

  it('writes every warning in Chinese and English', () => {
    for (const w of warningsOf('chuxiong')) expect(w.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Z][a-z]/u);
  });
});

describe('the plans without baseline and growth columns that could disagree', () => {
  const planOf = (id: string): Plan => getPlan(db, id)!;

  it.each(['guizhou', 'chengde'])('finds no printed baseline or growth in %s', (id) => {
    const rows = planOf(id).tables.flatMap((t) => t.rows);
    expect(rows.filter((r) => r.baselineText !== '' || r.statedGrowthText !== '').map((r) => r.seq)).toEqual([]);
  });

  it.each(['guizhou', 'chengde', 'dazhou'])('gives %s no warnings', (id) => {
    expect(warningsOf(id)).toEqual([]);
  });

  it('finds every Dazhou target with a printed baseline at or above it (70→≥75, 100→100, 30→≥55, 17→20, 2.9→3.1, 0.5→0.8, 21→30, 310→330)', () => {
    const pairs = planOf('dazhou').tables[0]!.rows
      .filter((r) => r.baseline !== null)
      .map((r) => [r.seq, r.baseline, Number(r.targetText.replace('≥', ''))] as const);
    expect(pairs.map(([seq]) => seq)).toEqual(['2', '3', '4', '8', '9', '12', '13', '18']);
    expect(pairs.filter(([, b, t]) => t < b!)).toEqual([]);
  });

  it('would flag a Dazhou target moved below its printed baseline (福利彩票销售网点数量 310 → 300)', () => {
    const plan = planOf('dazhou');
    const row = plan.tables[0]!.rows.find((r) => r.seq === '18')!;
    row.targetText = '300';
    const w = planWarnings(db, plan).filter((x) => x.seq === '18');
    expect(w.map((x) => x.check)).toEqual(['wrong-side']);
    expect(w[0]!.message).toContain('310');
  });
});
