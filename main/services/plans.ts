/** Plans as the user sees them: the list with row counts and plan-check warnings, and one plan in full. */
import { checkPlanTable } from '../../shared/evaluation/checks';
import type { Plan, PlanSummary, PlanWarning } from '../../shared/types';
import { getPlan, listPlanIds } from '../db/queries/plans';
import type { ReadDb } from '../db/types';
import { catalogOf, regionTreeOf } from './context';
import { requirePlan } from './evaluate';

export const planWarnings = (db: ReadDb, plan: Plan): PlanWarning[] => {
  const catalog = catalogOf(db);
  return plan.tables.flatMap((t) => checkPlanTable(t, (code) => catalog.get(code).direction ?? 'increase'));
};

export const listPlans = (db: ReadDb): PlanSummary[] =>
  listPlanIds(db).map((id) => {
    const plan = getPlan(db, id)!;
    return {
      id: plan.id,
      title: plan.title,
      region: plan.regionCode,
      regionName: regionTreeOf(db).regions.get(plan.regionCode)?.name ?? '',
      indicators: plan.tables.filter((t) => t.kind === 'main').reduce((n, t) => n + t.rows.length, 0),
      baseYear: plan.baseYear,
      targetYear: plan.targetYear,
      builtIn: plan.builtIn,
      tables: plan.tables.map((t) => ({ no: t.tableNo, kind: t.kind, title: t.title, rows: t.rows.length })),
      warnings: planWarnings(db, plan).map((w) => ({ table: w.table, seq: w.seq, check: w.check, message: w.message })),
    };
  });

export const showPlan = (db: ReadDb, id: string): Plan & { warnings: PlanWarning[] } => {
  const plan = requirePlan(db, id);
  return { ...plan, warnings: planWarnings(db, plan) };
};
