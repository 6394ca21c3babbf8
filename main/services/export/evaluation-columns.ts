/**
 * The columns of the exported indicator table: first the plan's own columns in the plan's order (序号, name, unit,
 * baseline, target as written, stated growth, attribute), then the evaluation columns (value, completion, time
 * progress, status, growth, pace class, notes). Says what each cell holds; evaluation-xlsx.ts says how it looks.
 */
import { baselineMeetsTarget, type EvaluatedRow, type EvaluationResult } from '../../../shared/evaluation/result';
import { statusLabel, type StatusLabel } from '../../../shared/evaluation/status-labels';
import { isBlankCell } from '../../../shared/targets/quantity';
import type { Plan, PlanRow } from '../../../shared/types';
import { GROWTH_FORMAT, numberFormatForUnit, PERCENT_FORMAT } from './xlsx-cells';

export type CellContent =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number | null; numFmt: string }
  | { kind: 'status'; label: StatusLabel };

export interface EvaluationColumn {
  key: PlanColumnKey | 'value' | 'completion' | 'timeProgress' | 'status' | 'requiredCagr' | 'actualCagr' | 'pace' | 'remarks';
  header: string;
  width: number;
  align: 'left' | 'center' | 'right';
  wrap: boolean;
  content(row: EvaluatedRow): CellContent;
}

export type PlanColumnKey = 'seq' | 'name' | 'unit' | 'baseline' | 'target' | 'growth' | 'attribute';

export interface ColumnOptions {
  plan?: Plan;
  /** The plan table's printed column headers (templates/plans/*.json `columns`), when the database keeps them. */
  printedColumns?: readonly string[];
}

const text = (t: string | null | undefined): CellContent => ({ kind: 'text', text: t === null || t === undefined || t === '' ? '—' : t });
const num = (value: number | null, numFmt: string): CellContent => ({ kind: 'number', value, numFmt });
const show = (x: number | null): string => (x === null ? '—' : String(Number(x.toFixed(2))));
const pct = (x: number): string => `${Number((x * 100).toFixed(1))}%`;

const rowKey = (table: number, seq: string, name: string): string => `${table}\u0000${seq}\u0000${name}`;

/** The plan's row behind an evaluated row (same table, seq and name), for the printed growth and the plan's note. */
export const planRowsOf = (plan: Plan | undefined): Map<string, PlanRow> => {
  const m = new Map<string, PlanRow>();
  for (const t of plan?.tables ?? []) if (t.kind === 'main') for (const r of t.rows) m.set(rowKey(r.tableNo, r.seq, r.name), r);
  return m;
};

/** Which semantic column a printed header is (序号, 指标名称, 2020年实际值, 2025年目标值, 年均增速, 指标属性 …). */
export const classifyPrintedColumn = (header: string): PlanColumnKey | null => {
  const h = header.normalize('NFKC').replace(/\s+/g, '');
  if (/^序号$/.test(h)) return 'seq';
  if (/属性/.test(h)) return 'attribute';
  if (/目标/.test(h)) return 'target';
  if (/增速|增长/.test(h)) return 'growth';
  if (/单位/.test(h)) return 'unit';
  if (/基期|实际值|现状值|^(19|20)\d{2}年?$/.test(h)) return 'baseline';
  if (/指标|名称|项目/.test(h)) return 'name';
  return null;
};

/**
 * The plan columns in the plan's order. With printed headers: their order, with 单位 added after the name and the
 * baseline before the target when the plan prints none (values need both). Without: 序号 | 指标名称 | 单位 | 基期值 |
 * 目标值 | [年均增速, when the plan states growth] | 属性, which is the order of all the built-in plans.
 */
export const planColumnOrder = (options: ColumnOptions, hasGrowth: boolean): PlanColumnKey[] => {
  const printed = (options.printedColumns ?? []).map(classifyPrintedColumn).filter((k): k is PlanColumnKey => k !== null);
  const keys: PlanColumnKey[] = printed.length > 0 ? [...new Set(printed)] : ['seq', 'name', 'unit', 'baseline', 'target', ...(hasGrowth ? (['growth'] as const) : []), 'attribute'];
  const insertAfter = (key: PlanColumnKey, after: PlanColumnKey) => {
    if (!keys.includes(key)) keys.splice(keys.includes(after) ? keys.indexOf(after) + 1 : keys.length, 0, key);
  };
  if (!keys.includes('seq')) keys.unshift('seq');
  insertAfter('name', 'seq');
  insertAfter('unit', 'name');
  if (!keys.includes('baseline')) keys.splice(keys.includes('target') ? keys.indexOf('target') : keys.length, 0, 'baseline');
  insertAfter('target', 'baseline');
  insertAfter('attribute', keys[keys.length - 1]!);
  return keys;
};

const remarks = (result: EvaluationResult, row: EvaluatedRow, planRow: PlanRow | undefined): string => {
  const notes: string[] = [];
  if (planRow?.note) notes.push(planRow.note);
  if (row.source === 'formula') notes.push('由统计项按公式计算');
  if (row.baselineSource === 'data') notes.push(`基期值取自${result.baseYear}年数据`);
  if (row.targetSource === 'region') notes.push('目标值为本级目标');
  if (row.note) notes.push(row.note);
  if (row.status === '缺数') notes.push(`缺${result.year}年数据`);
  for (const p of row.parts) {
    const verdict = p.holds === null ? '无法判断' : p.holds ? '符合' : '不符合';
    notes.push(`${p.label}${show(p.value)}，${p.referenceName}${show(p.reference)}，${verdict}`);
  }
  if (row.projection !== null && row.status !== '提前实现' && row.status !== '完成') {
    notes.push(`按现有增速测算${result.targetYear}年可达${show(row.projection)}`);
  }
  notes.push(...row.warnings);
  return notes.join('；');
};

export const evaluationColumns = (result: EvaluationResult, options: ColumnOptions = {}): EvaluationColumn[] => {
  const planRows = planRowsOf(options.plan);
  const planRowOf = (r: EvaluatedRow) => planRows.get(rowKey(r.table, r.seq, r.name));
  const hasGrowth = [...planRows.values()].some((r) => !isBlankCell(r.statedGrowthText));
  const final = result.kind === 'final';
  const column = (
    key: EvaluationColumn['key'],
    header: string,
    width: number,
    align: EvaluationColumn['align'],
    content: EvaluationColumn['content'],
    wrap = false,
  ): EvaluationColumn => ({ key, header, width, align, wrap, content });
  const planColumns: Record<PlanColumnKey, EvaluationColumn> = {
    seq: column('seq', '序号', 6, 'center', (r) => text(r.seq)),
    name: column('name', '指标名称', 34, 'left', (r) => ({ kind: 'text', text: r.name }), true),
    unit: column('unit', '单位', 10, 'center', (r) => text(r.unit !== '' ? r.unit : r.valueUnit), true),
    baseline: column('baseline', `基期值(${result.baseYear}年)`, 12, 'right', (r) => num(r.baseline, numberFormatForUnit(r.valueUnit))),
    target: column('target', `${result.targetYear}年目标值`, 18, 'center', (r) => ({ kind: 'text', text: r.target }), true),
    growth: column('growth', '规划年均增速', 10, 'center', (r) => {
      const g = planRowOf(r)?.statedGrowthText ?? '';
      return text(isBlankCell(g) ? '—' : g);
    }),
    attribute: column('attribute', '属性', 8, 'center', (r) => text(r.attribute)),
  };
  const evaluation: EvaluationColumn[] = [
    column('value', `${result.year}年值`, 12, 'right', (r) => num(r.value, numberFormatForUnit(r.valueUnit))),
    column('completion', '完成目标进度', 11, 'right', (r) => num(baselineMeetsTarget(r) ? null : r.completion, PERCENT_FORMAT)),
    column('timeProgress', '时序进度', 9, 'right', (r) => num(r.timeProgress, PERCENT_FORMAT)),
    column('status', final ? '完成情况' : '评价', 14, 'center', (r) => ({
      kind: 'status',
      label: statusLabel(r.status, { exceeded: r.exceeded, binding: r.attribute === '约束性' }),
    })),
    column('requiredCagr', '需要年均增速', 11, 'right', (r) => num(r.requiredCagr, GROWTH_FORMAT)),
    column('actualCagr', '实际年均增速', 11, 'right', (r) => num(r.actualCagr, GROWTH_FORMAT)),
    column('pace', '增速判断', 10, 'center', (r) => text(r.paceClass)),
    column('remarks', '备注', 42, 'left', (r) => ({ kind: 'text', text: remarks(result, r, planRowOf(r)) }), true),
  ];
  return [...planColumnOrder(options, hasGrowth).map((k) => planColumns[k]), ...evaluation];
};

/** The subtitle's time-progress clause: "时序进度60%（2023年为规划实施第3年）". */
export const timeProgressClause = (result: EvaluationResult): string =>
  `时序进度${pct(result.timeProgress)}（${result.year}年为规划实施第${result.year - result.baseYear}年）`;
