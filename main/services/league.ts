/**
 * The league table (下级地区对比) a prefecture sends its counties: every child region of a region evaluated against
 * the plan for one year, exactly as `pwb evaluate` evaluates each one alone, with each row's rank among them.
 */
import { UserError } from '../../shared/errors';
import { rankRegions } from '../../shared/evaluation/rank';
import type { LeagueTable } from '../../shared/evaluation/league';
import type { EvaluationKind } from '../../shared/types';
import { childRegions } from '../db/queries/regions';
import type { ReadDb } from '../db/types';
import { catalogOf } from './context';
import { evaluatePlan, planEvaluationContext, requirePlan } from './evaluate';

export const leagueTable = (db: ReadDb, input: { plan: string; year: number; region?: string; kind?: EvaluationKind }): LeagueTable => {
  const plan = requirePlan(db, input.plan);
  // One resolver for all: each region's observations are loaded once and shared values computed once.
  const shared = planEvaluationContext(db, plan.id, true, input.year);
  // The parent is evaluated first: that checks the region (a code or a name), the year and the kind once.
  const parent = evaluatePlan(db, { plan: plan.id, year: input.year, ...(input.region ? { region: input.region } : {}), ...(input.kind ? { kind: input.kind } : {}) }, shared);
  const children = childRegions(db, parent.region);
  if (children.length === 0) {
    throw new UserError('unknown-region', `${parent.regionName}（${parent.region}）没有下级地区。 / ${parent.region} has no sub-regions.`);
  }
  shared.resolver.preload(children.map((c) => c.code));
  const results = children.map((c) => evaluatePlan(db, { plan: plan.id, year: input.year, region: c.code, kind: parent.kind }, shared));
  const catalog = catalogOf(db);
  const ranks = parent.rows.map((row, i) =>
    rankRegions(
      results.map((r) => r.rows[i]!),
      catalog.get(row.indicator).direction ?? 'increase',
    ),
  );
  return {
    plan: plan.id,
    planTitle: plan.title,
    region: parent.region,
    regionName: parent.regionName,
    year: parent.year,
    kind: parent.kind,
    columns: parent.rows.map((r) => ({ seq: r.seq, name: r.name, unit: r.unit || r.valueUnit, target: r.target })),
    regions: results.map((r, k) => ({
      region: r.region,
      name: r.regionName,
      rows: r.rows.map((row, i) => ({ seq: row.seq, value: row.value, completion: row.completion, status: row.status, rank: ranks[i]![k]! })),
    })),
  };
};
