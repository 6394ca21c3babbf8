/**
 * Change since the base year, worded the one way the workbench allows (DESIGN.md "Change wording"): rates and shares
 * change in points (提高 X 个百分点), amounts change relatively (增长 X%). The plans mix the two; we never do.
 */

import { clean } from './round';

/** '百分点' for a % unit, '千分点' for a ‰ unit, '%' for a relative change of an amount. */
export type ChangeUnit = '百分点' | '千分点' | '%';

export interface Change {
  amount: number;
  unit: ChangeUnit;
}

/** Whether a unit text denotes a rate or share, and in which points it changes ('%' and full-width '％'; '‰'). */
export const pointUnit = (unitText: string): '百分点' | '千分点' | null => {
  const unit = unitText.trim();
  if (unit === '%' || unit === '％') return '百分点';
  if (unit === '‰') return '千分点';
  return null;
};

/**
 * Change from b to v. A rate or share changes by v − b points: '百分点' for %, and for ‰ '千分点' (as the statistical
 * communiqués write "人口自然增长率下降0.3个千分点"), so the report sentence reads "提高X个千分点". Any other unit is an
 * amount and changes relatively, (v − b)/|b| × 100 in '%' (the same as (v/b − 1) × 100 for a positive base; |b| keeps
 * the sign meaning "up" for a negative base). Null when b or v is missing or not finite, or b = 0 for a relative change.
 * Amounts are cleaned of float noise (47.5 − 30 → 17.5), not rounded.
 */
export const changeSinceBase = (b: number | null, v: number | null, unitText: string): Change | null => {
  if (b === null || v === null || !Number.isFinite(b) || !Number.isFinite(v)) return null;
  const points = pointUnit(unitText);
  if (points !== null) return { amount: clean(v - b), unit: points };
  if (b === 0) return null;
  return { amount: clean(((v - b) / Math.abs(b)) * 100), unit: '%' };
};
