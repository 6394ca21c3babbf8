/**
 * Many evaluations of one plan in one pass (every sub-region, every year: what a league table, a report's earlier
 * years and the benchmark ask for): one context per plan, so each region's values are loaded once and every shared
 * value (a parent's sum, a formula's input) is computed once. Each result is the one evaluatePlan gives alone.
 */
import type { EvaluationResult } from '../../shared/evaluation/result';
import type { ReadDb } from '../db/types';
import { evaluatePlan, planEvaluationContext } from './evaluate';

export interface EvaluateManyInput {
  plan: string;
  /** Region codes; the plan's own region when empty. */
  regions: readonly string[];
  years: readonly number[];
}

/** Results in the order of `regions`, then `years` within each region. */
export const evaluateMany = (db: ReadDb, input: EvaluateManyInput): EvaluationResult[] => {
  const context = planEvaluationContext(db, input.plan, true, Math.max(...input.years));
  const regions = input.regions.length > 0 ? input.regions : [context.plan.regionCode];
  return regions.flatMap((region) => input.years.map((year) => evaluatePlan(db, { plan: input.plan, region, year }, context)));
};
