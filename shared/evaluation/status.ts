/**
 * The status of one plan indicator row in one data year (DESIGN.md "Evaluation arithmetic"): time progress τ,
 * completion c, and the 提前实现 … 倒退 / 完成 / 未完成 vocabulary. Pure: whether the target condition holds is decided
 * elsewhere (it depends on the parsed target form and the indicator's direction) and passed in.
 */

import { BugError } from '../errors';
import { atLeast, clean, greaterThan, nearlyEqual } from './round';
import { defaultSettings, type EvaluationSettings } from './settings';

export const STATUSES = [
  '提前实现',
  '快于预期',
  '基本符合预期',
  '滞后',
  '倒退',
  '未实现',
  '偏离',
  '符合要求',
  '不符合要求',
  '缺数',
  '不适用',
  '需判断',
  '无法判断',
  '完成',
  '未完成',
] as const;

export type Status = (typeof STATUSES)[number];

export type EvaluationKind = 'annual' | 'midterm' | 'final';

export type TargetKind = 'level' | 'compare' | 'range' | 'relative' | 'cumulative' | 'hold' | 'parts' | 'text';

/** The bureau's judgement of a row the workbench cannot evaluate: 达到 / 未达到 / 无法判断. */
export type JudgementResult = 'met' | 'unmet' | 'unknown';

export interface RowInput {
  kind: EvaluationKind;
  baseYear: number;
  targetYear: number;
  year: number;
  targetKind: TargetKind;
  /** b; for a cumulative target a missing baseline counts as 0 (nothing accumulated in the base year). */
  baseline: number | null;
  /** t, the single target value; null for range, relative and text targets. */
  target: number | null;
  /** Inclusive bounds of a range target (26至36). */
  range: { low: number; high: number } | null;
  /** v in the data year. */
  value: number | null;
  /** Whether the target condition holds for v, decided elsewhere; null = undecidable. Ignored for range targets. */
  conditionHolds: boolean | null;
  /** An absolute quantity for a sub-region that has no target of its own. */
  notApplicable?: boolean;
  /** 保持X / 保持 / 保持稳定: held or not; no completion is computed. */
  keep?: boolean;
  /** A text (qualitative) target: the bureau's judgement for this year, or null when not yet judged. */
  judgement?: JudgementResult | null;
}

export interface RowStatus {
  status: Status;
  /** τ = (y − B)/(T − B), not clamped. */
  timeProgress: number;
  /** c = (v − b)/(t − b), or null when it does not exist. */
  completion: number | null;
  /** Range targets only: distance from v to the nearest bound, 0 inside the range; null otherwise. */
  rangeDistance: number | null;
  note?: string;
}

/** τ = (y − B)/(T − B). A plan whose target year is not after its base year is a broken invariant. */
export const timeProgress = (baseYear: number, targetYear: number, year: number): number => {
  if (!(targetYear > baseYear)) throw new BugError(`target year ${targetYear} is not after base year ${baseYear}`);
  return (year - baseYear) / (targetYear - baseYear);
};

/** The baseline used for arithmetic: the given one, or 0 for a cumulative target without one. */
const effectiveBaseline = (input: RowInput): number | null =>
  input.baseline ?? (input.targetKind === 'cumulative' ? 0 : null);

const hasSingleTarget = (kind: TargetKind): boolean => kind === 'level' || kind === 'compare' || kind === 'cumulative';

/** c = (v − b)/(t − b) when b, a single target t and v exist, t ≠ b and the row is judged; otherwise null. */
export const completion = (input: RowInput): number | null => {
  // A row that is not judged (a region's total without a target of its own) has no completion either.
  if (input.notApplicable || input.keep) return null;
  const b = effectiveBaseline(input);
  const { target: t, value: v } = input;
  if (!hasSingleTarget(input.targetKind) || b === null || t === null || v === null) return null;
  if (nearlyEqual(t, b)) return null;
  return (v - b) / (t - b);
};

/** Distance from v to the range [low, high]: 0 inside, else to the nearest bound; null without range or value. */
export const rangeDistance = (input: RowInput): number | null => {
  const { range, value: v } = input;
  if (input.targetKind !== 'range' || range === null || v === null) return null;
  if (!atLeast(v, range.low)) return range.low - v;
  if (!atLeast(range.high, v)) return v - range.high;
  return 0;
};

const isFinal = (input: RowInput): boolean => input.kind === 'final' || input.year >= input.targetYear;

const show = (x: number): string => String(clean(x));

const withNote = (note: string | undefined): { note?: string } => (note === undefined ? {} : { note });

/** Shared first steps of both branches: not applicable, missing value, text target. */
const precheck = (input: RowInput): { status: Status; note?: string } | null => {
  if (input.notApplicable) return { status: '不适用', note: '该区域无本级目标' };
  // A qualitative row needs no value: it is judged by the bureau, never 缺数.
  if (input.targetKind === 'text') return judged(input);
  if (input.value === null) return { status: '缺数' };
  return null;
};

const undecidable = { status: '需判断', note: '目标条件无法自动判断' } as const;

/** A text target: 需判断 until judged; 达到 → 提前实现/完成, 未达到 → 未实现/未完成, 无法判断 stays so. */
const judged = (input: RowInput): { status: Status; note?: string } => {
  switch (input.judgement ?? null) {
    case null:
      return { status: '需判断', note: '文字目标，需人工判断' };
    case 'met':
      return { status: isFinal(input) ? '完成' : '提前实现' };
    case 'unmet':
      return { status: isFinal(input) ? '未完成' : '未实现' };
    case 'unknown':
      return { status: '无法判断' };
  }
};

const rangeNote = (input: RowInput): string | undefined => {
  const { range, value: v } = input;
  if (range === null || v === null) return undefined;
  return v < range.low ? `低于区间下限${show(range.low - v)}` : `高于区间上限${show(v - range.high)}`;
};

/** Status for y = T or a final evaluation: 完成 / 未完成 (range: inside the range or not). */
const finalStatus = (input: RowInput, distance: number | null): { status: Status; note?: string } => {
  if (input.targetKind === 'range') {
    if (distance === null) return undecidable;
    return distance === 0 ? { status: '完成' } : { status: '未完成', ...withNote(rangeNote(input)) };
  }
  if (input.conditionHolds === null) return undecidable;
  return { status: input.conditionHolds ? '完成' : '未完成' };
};

/** Status for y < T: the ladder 提前实现 → 快于预期 → 基本符合预期 → 滞后 → 倒退, or its special cases. */
const interimStatus = (
  input: RowInput,
  tau: number,
  c: number | null,
  distance: number | null,
  settings: EvaluationSettings,
): { status: Status; note?: string } => {
  const { targetKind, conditionHolds, value: v, target: t } = input;
  if (targetKind === 'range') {
    if (distance === null) return undecidable;
    return distance === 0 ? { status: '提前实现' } : { status: '偏离', ...withNote(rangeNote(input)) };
  }
  if (conditionHolds === null) return undecidable;
  if (targetKind === 'relative') return { status: conditionHolds ? '符合要求' : '不符合要求' };
  if (conditionHolds) return { status: '提前实现' };
  if (c === null) {
    // No baseline, or t = b: only "met" or "not yet met" can be said; show v/t so the reader sees the gap.
    return { status: '未实现', ...withNote(v !== null && t !== null ? `${show(v)}/${show(t)}` : undefined) };
  }
  if (atLeast(c, tau + settings.delta)) return { status: '快于预期' };
  if (atLeast(c, tau - settings.delta)) return { status: '基本符合预期' };
  if (atLeast(c, 0)) return { status: '滞后' };
  return { status: '倒退', note: '较基期反向变化' };
};

/** Classifies one row in one year. Thresholds compare with a 1e-9 tolerance, so c = τ + δ exactly is 快于预期. */
export const classifyRow = (input: RowInput, settings: EvaluationSettings = defaultSettings): RowStatus => {
  const tau = timeProgress(input.baseYear, input.targetYear, input.year);
  const c = completion(input);
  const distance = rangeDistance(input);
  const numbers = {
    timeProgress: clean(tau),
    completion: c === null ? null : clean(c),
    rangeDistance: distance === null ? null : clean(distance),
  };
  const decided =
    precheck(input) ?? (isFinal(input) ? finalStatus(input, distance) : interimStatus(input, tau, c, distance, settings));
  return { status: decided.status, ...numbers, ...withNote(decided.note) };
};

/**
 * The final table's "超额完成" flag: a final evaluation of a level, compare or cumulative target whose condition holds
 * and whose value lies strictly beyond t in the direction the plan moves from b to t (v > t when t > b, v < t when
 * t < b). Without a baseline (a cumulative target counts from 0) or with t = b the direction is unknown: false, so a
 * "keep 100%" target met at 100 is 完成, never 超额完成. Float noise (55.00000000001 against 55) does not count.
 */
export const exceeded = (input: RowInput): boolean => {
  const b = effectiveBaseline(input);
  const { target: t, value: v } = input;
  if (!isFinal(input) || input.notApplicable || input.conditionHolds !== true) return false;
  if (!hasSingleTarget(input.targetKind) || b === null || t === null || v === null || nearlyEqual(t, b)) return false;
  return t > b ? greaterThan(v, t) : greaterThan(t, v);
};
