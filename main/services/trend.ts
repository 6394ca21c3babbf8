/**
 * One indicator's course over the plan period (评估: a row clicked): its value, completion and status in every year
 * from the base year to the target year, each exactly as the evaluation of that year gives it, beside the baseline
 * and the target. Years without data are there with a null value, so the chart shows the gap.
 */
import { UserError } from '../../shared/errors';
import type { Trend } from '../../shared/evaluation/trend';
import type { ReadDb } from '../db/types';
import { evaluatePlan, planEvaluationContext } from './evaluate';

export interface TrendInput {
  plan: string;
  region?: string;
  table: number;
  seq: string;
  /**
   * The row's place among the plan's evaluated rows (from 0): tells apart rows that share table and 序号 (a bureau's
   * 其中 rows have none). Must be a row of that table and 序号.
   */
  position?: number;
}

export const indicatorTrend = (db: ReadDb, input: TrendInput): Trend => {
  const context = planEvaluationContext(db, input.plan, true);
  const { baseYear, targetYear } = context.plan;
  // The target year's evaluation checks the plan and the region (a code or a name) once, and names the row.
  const last = evaluatePlan(db, { plan: input.plan, year: targetYear, ...(input.region ? { region: input.region } : {}) }, context);
  const matches = (i: number) => last.rows[i]?.table === input.table && last.rows[i]?.seq === input.seq;
  const index = input.position !== undefined ? (matches(input.position) ? input.position : -1) : last.rows.findIndex((_, i) => matches(i));
  if (index < 0) throw new UserError('bad-input', `规划中没有表${input.table}第${input.seq || "（无序号）"}项。 / No row ${input.seq} in table ${input.table}.`);
  const years = Array.from({ length: targetYear - baseYear - 1 }, (_, i) => baseYear + 1 + i);
  // One context for all the years, as the league table shares one for all its regions.
  const results = [...years.map((year) => evaluatePlan(db, { plan: input.plan, year, region: last.region }, context)), last];
  const row = last.rows[index]!;
  return {
    name: row.name,
    unit: row.unit,
    regionName: last.regionName,
    baseYear,
    baseline: row.baseline,
    targetYear,
    target: row.target,
    targetValue: row.targetValue,
    points: results.map((r) => {
      const p = r.rows[index]!;
      return { year: r.year, value: p.value, completion: p.completion, status: p.status };
    }),
  };
};
