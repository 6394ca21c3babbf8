/**
 * Growth figures shown beside the time-progress status: required and actual compound annual growth, projection at
 * the current pace, and the pace class of the Open SDG / Statistics Canada progress measure. Never NaN: a figure that
 * cannot be computed is null, and a series that is itself a growth rate gets no CAGR at all.
 */

import { atLeast, nearlyEqual } from './round';
import { defaultSettings, type EvaluationSettings } from './settings';

export type Direction = 'increase' | 'decrease';

export const PACE_CLASSES = ['进度正常', '需加快', '进展有限', '恶化', '已实现', '无法评估'] as const;

export type PaceClass = (typeof PACE_CLASSES)[number];

/** (to/from)^(1/years) − 1, or null unless both ends are finite and > 0 and years > 0. */
const cagr = (from: number | null, to: number | null, years: number): number | null => {
  if (from === null || to === null || !Number.isFinite(from) || !Number.isFinite(to)) return null;
  if (from <= 0 || to <= 0 || !Number.isFinite(years) || years <= 0) return null;
  const growth = (to / from) ** (1 / years) - 1;
  return Number.isFinite(growth) ? growth : null;
};

/** r = (t/b)^(1/years) − 1: the annual growth that reaches t from b in `years` (T − B). Null as for actualCagr. */
export const requiredCagr = (b: number | null, t: number | null, years: number): number | null => cagr(b, t, years);

/**
 * a = (v/b)^(1/years) − 1 over `years` (y − B). Null when b or v is missing or ≤ 0 (which covers opposite signs) or
 * years ≤ 0: growth of a zero or negative base has no meaning.
 */
export const actualCagr = (b: number | null, v: number | null, years: number): number | null => cagr(b, v, years);

/** v·(1 + a)^yearsLeft: where the series ends at T if it keeps its pace. Null when v or a is missing or yearsLeft < 0. */
export const projection = (v: number | null, a: number | null, yearsLeft: number): number | null => {
  if (v === null || a === null || !Number.isFinite(yearsLeft) || yearsLeft < 0) return null;
  const projected = v * (1 + a) ** yearsLeft;
  return Number.isFinite(projected) ? projected : null;
};

/**
 * R = d·a/|r| with d = +1 for increase and −1 for decrease targets (Statistics Canada's form). It equals a/r when the
 * target lies on the desired side of the baseline, and still reads "moving the right way" as R > 0 when a plan put
 * its target on the wrong side. Null when a or r is missing or r = 0.
 */
export const paceRatio = (a: number | null, r: number | null, direction: Direction): number | null => {
  if (a === null || r === null || nearlyEqual(r, 0)) return null;
  const d = direction === 'decrease' ? -1 : 1;
  return (d * a) / Math.abs(r);
};

export interface PaceInput {
  baseYear: number;
  targetYear: number;
  year: number;
  /** b (value at B), t and v (value at y): the two data points the measure needs are (B, b) and (y, v). */
  baseline: number | null;
  target: number | null;
  value: number | null;
  direction: Direction;
  /** Whether the target condition holds for v (decided elsewhere); true overrides the trend. */
  conditionHolds: boolean | null;
  /** The series is itself a growth rate (e.g. 增速): its CAGR is never computed. */
  isGrowthRate?: boolean;
}

export interface GrowthFigures {
  requiredCagr: number | null;
  actualCagr: number | null;
  paceRatio: number | null;
  /** Value projected to T at the actual CAGR. */
  projection: number | null;
  paceClass: PaceClass;
}

/** Pace class from R: ≥ 0.95 进度正常, ≥ 0.6 需加快, ≥ 0 进展有限, else 恶化 (bounds are settings; 1e-9 tolerance). */
const classOf = (ratio: number, settings: EvaluationSettings): PaceClass => {
  if (atLeast(ratio, settings.paceOnTrack)) return '进度正常';
  if (atLeast(ratio, settings.paceAccelerate)) return '需加快';
  if (atLeast(ratio, 0)) return '进展有限';
  return '恶化';
};

/** All growth figures for one row. A growth-rate series gets nulls and 无法评估 unless its target is already met. */
export const growthFigures = (input: PaceInput, settings: EvaluationSettings = defaultSettings): GrowthFigures => {
  const met = input.conditionHolds === true;
  if (input.isGrowthRate) {
    const paceClass = met ? '已实现' : '无法评估';
    return { requiredCagr: null, actualCagr: null, paceRatio: null, projection: null, paceClass };
  }
  const r = requiredCagr(input.baseline, input.target, input.targetYear - input.baseYear);
  const a = actualCagr(input.baseline, input.value, input.year - input.baseYear);
  const ratio = paceRatio(a, r, input.direction);
  const projected = projection(input.value, a, input.targetYear - input.year);
  const paceClass = met ? '已实现' : ratio === null ? '无法评估' : classOf(ratio, settings);
  return { requiredCagr: r, actualCagr: a, paceRatio: ratio, projection: projected, paceClass };
};

/**
 * The progress-measure class: 已实现 when the target is met (whatever the trend); 无法评估 with fewer than two data
 * points (no b, no v, or y ≤ B), a zero, negative or opposite-sign base, t = b (r = 0), a missing single target, or
 * a growth-rate series; otherwise the class of R = paceRatio(a, r, direction).
 */
export const paceClass = (input: PaceInput, settings: EvaluationSettings = defaultSettings): PaceClass =>
  growthFigures(input, settings).paceClass;
