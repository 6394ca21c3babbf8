/**
 * Numbers as the report prose writes them: "55%", "1.8‰", "1450人", "1.2万人", "31.2平方米", "1.3倍", "每人每月720元",
 * differences in 个百分点, relative changes in %. Rounds for reading (never for judging: statuses come from the
 * evaluation), with no thousands separators, and one precision per indicator so that the figures of a sentence add up.
 */
import { parseTarget } from '../targets/grammar';
import type { EvaluatedRow } from '../evaluation/result';
import { nearlyEqual, roundTo } from '../evaluation/round';
import { changeSinceBase } from '../evaluation/change';

/** How a value reads and rounds: rates and shares, permille, multiples, money, counts, counts in 万/亿, the rest. */
export type ProseKind = 'percent' | 'permille' | 'times' | 'money' | 'count' | 'scaled' | 'other';

const COUNT_UNITS = new Set(
  '人 名 个 张 户 家 所 处 床 项 次 件 座 辆 位 条 套 间 台 批 场 部 门 本 册 份 支 人次 户次 个次 处所 家次 床位'.split(' '),
);

const norm = (unit: string): string => unit.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/[•・･‧⋅∙]/g, '·');

/** The unit the sentence shows: the plan's printed unit, or the value's unit where the plan prints none. */
export const displayUnit = (valueUnit: string, printedUnit: string): string => norm(printedUnit) || norm(valueUnit);

export const proseKind = (valueUnit: string, printedUnit: string): ProseKind => {
  const value = norm(valueUnit);
  const shown = displayUnit(valueUnit, printedUnit);
  if (value === '%' || shown === '%') return 'percent';
  if (value === '‰' || shown === '‰') return 'permille';
  if (shown === '倍') return 'times';
  if (shown.startsWith('元') || /^[万亿]元/u.test(shown)) return 'money';
  if (/^[万亿]/u.test(shown) && shown.length > 1) return 'scaled';
  if (!value.includes('/') && COUNT_UNITS.has(shown)) return 'count';
  return 'other';
};

/** Places a kind rounds to by default (trailing zeros are always dropped: 55.0 → 55). */
export const defaultDecimals = (kind: ProseKind, x: number): number => {
  switch (kind) {
    case 'percent':
      return 1;
    case 'permille':
    case 'times':
    case 'money':
    case 'scaled':
      return 2;
    case 'count':
      return 0;
    case 'other':
      return Math.abs(x) >= 10 ? 1 : 2;
  }
};

/** The factor from the value's unit to the printed unit where one is the other with 万 or 亿 in front (人 → 万人). */
export const printedFactor = (valueUnit: string, printedUnit: string): number => {
  const value = norm(valueUnit);
  const printed = norm(printedUnit);
  if (value === '' || printed === '' || value === printed) return 1;
  for (const [prefix, factor] of [['万', 1e4], ['亿', 1e8]] as const) {
    if (printed === prefix + value) return 1 / factor;
    if (value === prefix + printed) return factor;
  }
  return 1;
};

/** A rounded number as prose writes it: no separators, no trailing zeros, no "-0". */
export const num = (x: number, decimals: number): string => {
  const r = roundTo(x, decimals);
  return String(r === 0 ? 0 : r);
};

const PER_PERSON = /^元\/人[·/]?(月|年)$/u;
const PER_PERIOD = /^元\/(月|年)$/u;

/** "每人每月720元" for a 元/人·月 standard, "55%", "1450人"; `n` is the number already written. */
export const withUnit = (n: string, unit: string): string => {
  const perPerson = PER_PERSON.exec(unit);
  if (perPerson) return `每人每${perPerson[1]}${n}元`;
  const perPeriod = PER_PERIOD.exec(unit);
  if (perPeriod) return `每${perPeriod[1]}${n}元`;
  return `${n}${unit}`;
};

/** The unit of a difference of two values: 元 for a per-person standard, else the unit shown. */
export const differenceUnit = (unit: string): string => (PER_PERSON.test(unit) || PER_PERIOD.test(unit) ? '元' : unit);

/**
 * A value in prose: formatValue(55, '%', '%') = "55%", formatValue(12000, '人', '万人') = "1.2万人", formatValue(29,
 * '平方米/百户', '平方米') = "29平方米", formatValue(720, '元/人·月', '') = "每人每月720元". `decimals` overrides the default
 * precision of the unit (rates 1 place, ‰ and 倍 2, counts none, other amounts 1 or 2).
 */
export const formatValue = (x: number, valueUnit: string, printedUnit: string, decimals?: number): string => {
  const shown = displayUnit(valueUnit, printedUnit);
  const y = x * printedFactor(valueUnit, printedUnit);
  return withUnit(num(y, decimals ?? defaultDecimals(proseKind(valueUnit, printedUnit), y)), shown);
};

/** A relative change or share in per cent, one place ("增长16%", "29.2%"); two when one place would show 0. */
export const percentText = (x: number): string => {
  const one = roundTo(x, 1);
  return `${one === 0 && x !== 0 ? num(x, 2) : num(one, 1)}%`;
};

/** Points of a rate: "15个百分点", "0.97个百分点"; ‰ rates change in 千分点. */
export const pointsText = (x: number, decimals: number, kind: ProseKind): string =>
  `${num(Math.abs(x), decimals)}个${kind === 'permille' ? '千分点' : '百分点'}`;

/** How one indicator's figures are written in one sentence: its kind, unit, factor to print and precision. */
export interface RowFormat {
  kind: ProseKind;
  /** The unit as the sentence shows it. */
  unit: string;
  /** Value unit → printed unit (1 unless 人 is printed as 万人). */
  factor: number;
  /** Places for the value, baseline, target, their differences and the projection. */
  decimals: number;
  /** True for a rate or share: differences are in points. */
  points: boolean;
}

const printedDecimals = (target: string): number => {
  const t = parseTarget(target);
  if (t.kind === 'level' || t.kind === 'compare' || t.kind === 'cumulative') return t.quantity.decimals;
  if (t.kind === 'range') return Math.max(t.low.decimals, t.high.decimals);
  return 0;
};

type FormatRow = Pick<EvaluatedRow, 'unit' | 'valueUnit' | 'value' | 'baseline' | 'targetValue' | 'target'> &
  Partial<Pick<EvaluatedRow, 'completion' | 'projection'>>;

/**
 * One precision for a row, the same in the sentences, the tables and the notes: the unit's default, at least the
 * places the plan prints for its target (at most 2 for a rate), and more where rounding would show two different
 * numbers as equal (99.96% against a 100% target).
 */
export const rowFormat = (row: FormatRow, extra: (number | null)[] = []): RowFormat => {
  const kind = proseKind(row.valueUnit, row.unit);
  const factor = printedFactor(row.valueUnit, row.unit);
  const v = row.value === null ? null : row.value * factor;
  let decimals = defaultDecimals(kind, v ?? (row.targetValue ?? 0) * factor);
  if (kind !== 'count') decimals = Math.max(decimals, Math.min(kind === 'percent' ? 2 : 3, printedDecimals(row.target)));
  const others = [row.baseline, row.targetValue, row.projection ?? null, ...extra].filter((x): x is number => x !== null).map((x) => x * factor);
  const limit = decimals + 2;
  const collides = (d: number): boolean =>
    v !== null && others.some((o) => !nearlyEqual(o, v) && roundTo(o, d) === roundTo(v, d));
  while (decimals < limit && collides(decimals)) decimals += 1;
  return { kind, unit: displayUnit(row.valueUnit, row.unit), factor, decimals, points: kind === 'percent' || kind === 'permille' };
};

/** A value of the row, in the row's unit and precision. */
export const rowValue = (f: RowFormat, x: number): string => withUnit(num(x * f.factor, f.decimals), f.unit);

/**
 * The size of a difference (always positive): "10个百分点", "20人", "10元". Worked out from the two figures as printed,
 * so that a reader can check it (96.4% is 3.6 points short of 100%, though the exact 96.35 is 3.65 short).
 */
export const rowDifference = (f: RowFormat, from: number, to: number): string => {
  const d = printedDifference(f, from, to);
  return f.points ? pointsText(d, f.decimals, f.kind) : `${num(Math.abs(d), f.decimals)}${differenceUnit(f.unit)}`;
};

/** to − from in the printed unit, from the two figures as printed. */
export const printedDifference = (f: RowFormat, from: number, to: number): number =>
  roundTo(roundTo(to * f.factor, f.decimals) - roundTo(from * f.factor, f.decimals), f.decimals);

/**
 * (to − from) / |from| in per cent from the two figures as printed, so that a reader can check it (27.6 → 29 is
 * 5.1%, though the exact figures give 5.2%); null when `from` prints as 0.
 */
export const printedRelative = (f: RowFormat, from: number, to: number): number | null => {
  const pf = roundTo(from * f.factor, f.decimals);
  const pt = roundTo(to * f.factor, f.decimals);
  return pf === 0 ? null : ((pt - pf) / Math.abs(pf)) * 100;
};

/** Sign of the difference as printed: 0 when the two printed figures are the same. */
export const shownSign = (f: RowFormat, from: number, to: number): -1 | 0 | 1 => {
  const d = printedDifference(f, from, to);
  return nearlyEqual(d, 0) ? 0 : d > 0 ? 1 : -1;
};

/**
 * The completion as printed, in per cent at one place: worked out from the printed baseline, target and value where
 * it is (value − baseline) / (target − baseline), so that a reader can check it (74% on a 60% → 75% path is 93.3%,
 * though the exact 74.02% is 93.5%); the evaluation's own completion otherwise. The status is judged on the exact one.
 */
export const shownCompletion = (row: FormatRow): number | null => {
  const c = row.completion ?? null;
  if (c === null) return null;
  const { value: v, baseline: b, targetValue: t } = row;
  if (v === null || b === null || t === null || nearlyEqual(t, b) || !nearlyEqual((v - b) / (t - b), c)) return percentOf(c);
  const f = rowFormat(row);
  const [pv, pb, pt] = [v, b, t].map((x) => roundTo(x * f.factor, f.decimals)) as [number, number, number];
  return nearlyEqual(pt, pb) ? percentOf(c) : roundTo(((pv - pb) / (pt - pb)) * 100, 1);
};

/** A completion or time progress given as a fraction, in per cent at one place: 0.6 → 60, 0.6127 → 61.3. */
export const percentOf = (fraction: number): number => roundTo(fraction * 100, 1);

/**
 * A change as a table cell, from the figures as printed: "+14.5百分点" for a rate, "+16.0%" for an amount, "—" without
 * one. From the baseline by default (比基期), or from the figure given (比上年增减: last year's value).
 */
export const changeCell = (row: FormatRow & Pick<EvaluatedRow, 'change'>, from: number | null = row.baseline): string => {
  const c = from === row.baseline ? row.change : from === null || row.value === null ? null : changeSinceBase(from, row.value, row.valueUnit);
  if (!c) return '—';
  const f = rowFormat(row, [from]);
  if (from === null || row.value === null) return c.unit === '%' ? signed(num(c.amount, 1), c.amount, '%') : signed(num(roundTo(c.amount, f.decimals), f.decimals), c.amount, c.unit);
  if (c.unit === '%') {
    const r = printedRelative(f, from, row.value);
    return r === null ? '—' : signed(num(r, 1), roundTo(r, 1), '%');
  }
  const d = printedDifference(f, from, row.value);
  return signed(num(d, f.decimals), d, c.unit);
};

const signed = (text: string, amount: number, unit: string): string => `${amount > 0 ? '+' : ''}${text}${unit}`;
