/**
 * Whether a value meets a parsed target: a plain target compares by the indicator's direction, a written comparison
 * by its own sign. Float noise (1e-9, relative) is forgiven; values are never rounded to display precision.
 */

import { atLeast, greaterThan, nearlyEqual } from '../evaluation/round';
import type { CompareOp, RangeTarget, Target } from './grammar';

export type Direction = 'increase' | 'decrease' | 'keep' | 'range';

export interface ConditionOptions {
  readonly direction: Direction;
  /** The value of the series or outside reference a 'relative' target names, in the same year; null if missing. */
  readonly reference?: number | null;
  /** The baseline a 'hold' target (保持, 保持稳定) keeps; null if unknown. */
  readonly baseline?: number | null;
}

/** v op t, tolerant of float noise: 54.99999999999 ≥ 55 holds, 30.0000000001 > 30 does not. */
export const compareHolds = (v: number, op: CompareOp, t: number): boolean => {
  switch (op) {
    case '>=':
      return atLeast(v, t);
    case '>':
      return greaterThan(v, t);
    case '<=':
      return atLeast(t, v);
    case '<':
      return greaterThan(t, v);
  }
};

/** A plain or cumulative target by direction; null for a 'range' direction, which needs two bounds. */
const byDirection = (v: number, t: number, direction: Direction): boolean | null => {
  switch (direction) {
    case 'increase':
      return atLeast(v, t);
    case 'decrease':
      return atLeast(t, v);
    case 'keep':
      return nearlyEqual(v, t);
    case 'range':
      return null;
  }
};

const insideRange = (t: RangeTarget, v: number): boolean => atLeast(v, t.low.value) && atLeast(t.high.value, v);

const isNumber = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Whether `value` meets target `t`; null when it cannot be decided (no value, no reference for a relative target,
 * a text target, or a plain target on an indicator whose direction is 'range').
 */
export const conditionHolds = (t: Target, value: number | null, opts: ConditionOptions): boolean | null => {
  if (!isNumber(value)) return null;
  switch (t.kind) {
    case 'level':
    case 'cumulative':
      return byDirection(value, t.quantity.value, opts.direction);
    case 'compare':
      return compareHolds(value, t.op, t.quantity.value);
    case 'range':
      return insideRange(t, value);
    case 'relative':
      return isNumber(opts.reference) ? compareHolds(value, t.op, opts.reference) : null;
    case 'hold':
      return isNumber(opts.baseline) ? byDirection(value, opts.baseline, opts.direction === 'decrease' ? 'decrease' : 'increase') : null;
    case 'parts': // each part on its own series: decided by the caller
    case 'text':
      return null;
  }
};

/** Distance from `value` to a range target: 0 inside (float noise forgiven), else to the nearest bound, positive. */
export const rangeDistance = (t: RangeTarget, value: number): number => {
  if (insideRange(t, value)) return 0;
  return value < t.low.value ? t.low.value - value : value - t.high.value;
};
