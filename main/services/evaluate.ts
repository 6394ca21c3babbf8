/**
 * Evaluates a plan's indicator table for a region and year: values from the engine, baseline (printed, or the
 * region's own base-year data), target (the plan's, or the region's own for absolute quantities), status, growth
 * figures and change wording, by the rules in shared/evaluation. Reads only.
 */
import { UserError } from '../../shared/errors';
import { changeSinceBase } from '../../shared/evaluation/change';
import { growthFigures } from '../../shared/evaluation/growth';
import { baselineMeetsTarget, type EvaluatedPart, type EvaluatedRow, type EvaluationResult } from '../../shared/evaluation/result';
import { clean, roundTo } from '../../shared/evaluation/round';
import { defaultSettings, type EvaluationSettings } from '../../shared/evaluation/settings';
import { classifyRow, exceeded, type RowInput } from '../../shared/evaluation/status';
import { conditionHolds } from '../../shared/targets/condition';
import { parseTarget, targetValue, type Target } from '../../shared/targets/grammar';
import { parseQuantity } from '../../shared/targets/quantity';
import { normaliseRegionCode } from '../../shared/text/region-code';
import type { EvaluationKind, Plan, PlanRow } from '../../shared/types';
import { convertValue } from '../../shared/units/units';
import { getPlan, regionTargetText } from '../db/queries/plans';
import { getSetting } from '../db/queries/settings';
import type { ReadDb } from '../db/types';
import { catalogOf, isWithinTree, regionTreeOf, resolverFor } from './context';
import { findRegion } from './import/match';
import type { ValueResolver } from './values';

export interface EvaluateInput {
  plan: string;
  region?: string;
  year: number;
  kind?: EvaluationKind;
}

export const requirePlan = (db: ReadDb, id: string): Plan => {
  const plan = getPlan(db, id);
  if (!plan) throw new UserError('unknown-plan', `没有编号为“${id}”的规划。 / No plan with id "${id}".`);
  return plan;
};

export const evaluationSettings = (db: ReadDb): EvaluationSettings => ({
  ...defaultSettings,
  ...((getSetting(db, 'evaluation') as Partial<EvaluationSettings> | undefined) ?? {}),
});

/** The kind a year implies: the target year is final, the plan's mid-term year (2023 by default) is mid-term. */
export const defaultKind = (plan: Plan, year: number): EvaluationKind =>
  year >= plan.targetYear ? 'final' : year === (plan.schedule.midterm ?? plan.baseYear + 3) ? 'midterm' : 'annual';

const optNum = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : clean(x));

const decimalsOf = (text: string): number | null => {
  const q = parseQuantity(text);
  return q && q.ok ? q.quantity.decimals : null;
};

interface RowContext {
  db: ReadDb;
  plan: Plan;
  region: string;
  isPlanRegion: boolean;
  year: number;
  kind: EvaluationKind;
  resolver: ValueResolver;
  settings: EvaluationSettings;
}

/** A value in the row's unit; `source` in the words of DESIGN.md (direct or formula), `aggregated` when summed up. */
const valueIn = (
  ctx: RowContext,
  code: string,
  year: number,
  unit: string,
): { value: number; source: EvaluatedRow['source']; aggregated: boolean } | null => {
  const v = ctx.resolver.get(code, ctx.region, year);
  if (!v) return null;
  const series = catalogOf(ctx.db).get(code);
  const source = v.source === 'formula' ? 'formula' : 'direct';
  return { value: convertValue(v.value, series.unit, unit), source, aggregated: v.source === 'aggregate' };
};

const evaluateParts = (ctx: RowContext, row: PlanRow, target: Target): EvaluatedPart[] =>
  row.parts.map((part) => {
    const unit = catalogOf(ctx.db).get(part.indicatorCode).unit;
    const value = valueIn(ctx, part.indicatorCode, ctx.year, unit)?.value ?? null;
    const reference = valueIn(ctx, part.referenceCode, ctx.year, unit)?.value ?? null;
    const holds = conditionHolds(target, value, { direction: 'increase', reference });
    return { label: part.label, value: optNum(value), reference: optNum(reference), referenceName: catalogOf(ctx.db).get(part.referenceCode).name, holds };
  });

const evaluateRow = (ctx: RowContext, row: PlanRow): EvaluatedRow => {
  const { plan, year } = ctx;
  const indicator = catalogOf(ctx.db).get(row.indicatorCode);
  const direction = indicator.direction ?? 'increase';
  const warnings: string[] = [];

  // Target: the plan's, or for a sub-region the bureau's own; an absolute quantity without one is not applicable.
  const ownTarget = ctx.isPlanRegion ? null : regionTargetText(ctx.db, row.planId, row.tableNo, row.position, ctx.region);
  const targetText = ownTarget ?? row.targetText;
  const target = parseTarget(targetText);
  const notApplicable = !ctx.isPlanRegion && ownTarget === null && indicator.isAbsolute;

  const current = valueIn(ctx, row.indicatorCode, year, row.valueUnit);
  const v = current?.value ?? null;

  // Baseline: printed (plan region only), else the region's own base-year value from the data.
  const dataBase = valueIn(ctx, row.indicatorCode, plan.baseYear, row.valueUnit)?.value ?? null;
  let baseline: number | null = null;
  let baselineSource: EvaluatedRow['baselineSource'] = null;
  if (ctx.isPlanRegion && row.baseline !== null) {
    baseline = row.baseline;
    baselineSource = 'plan';
    const d = decimalsOf(row.baselineText) ?? 2;
    if (dataBase !== null && roundTo(dataBase, d) !== roundTo(row.baseline, d)) {
      warnings.push(`规划基期值${row.baselineText}与${plan.baseYear}年数据${roundTo(dataBase, Math.max(d, 2))}不一致 / printed baseline differs from ${plan.baseYear} data`);
    }
  } else if (dataBase !== null && !indicator.isGrowthRate) {
    baseline = dataBase;
    baselineSource = 'data';
  }

  const parts = evaluateParts(ctx, row, target);
  let holds: boolean | null;
  if (target.kind === 'relative') {
    holds = parts.length === 0 ? null : parts.some((p) => p.holds === false) ? false : parts.every((p) => p.holds === true) ? true : null;
  } else {
    holds = conditionHolds(target, v, { direction });
  }
  const t = targetValue(target);
  const input: RowInput = {
    kind: ctx.kind,
    baseYear: plan.baseYear,
    targetYear: plan.targetYear,
    year,
    targetKind: target.kind,
    baseline,
    target: t,
    range: target.kind === 'range' ? { low: target.low.value, high: target.high.value } : null,
    value: target.kind === 'relative' && parts.length > 0 && parts.some((p) => p.value === null || p.reference === null) ? null : v,
    conditionHolds: holds,
    notApplicable,
  };
  const status = classifyRow(input, ctx.settings);
  if (baselineMeetsTarget(status)) {
    const b = baselineSource === 'plan' ? row.baselineText : `${optNum(baseline)}${row.unitText}`;
    warnings.push(`基期值${b}已达到目标${targetText}，完成进度${roundTo((status.completion ?? 0) * 100, 1)}%无实际意义 / the baseline already meets the target, so the completion says nothing`);
  }
  const growth = growthFigures(
    {
      baseYear: plan.baseYear,
      targetYear: plan.targetYear,
      year,
      baseline,
      target: t,
      value: v,
      direction: direction === 'decrease' ? 'decrease' : 'increase',
      conditionHolds: holds,
      isGrowthRate: indicator.isGrowthRate,
    },
    ctx.settings,
  );
  return {
    table: row.tableNo,
    seq: row.seq,
    name: row.name,
    unit: row.unitText,
    valueUnit: row.valueUnit,
    attribute: row.attribute,
    indicator: row.indicatorCode,
    baseline: optNum(baseline),
    baselineSource,
    target: targetText,
    targetValue: t,
    targetSource: ownTarget !== null ? 'region' : notApplicable ? null : 'plan',
    value: optNum(v),
    completion: optNum(status.completion),
    timeProgress: status.timeProgress,
    status: status.status,
    exceeded: exceeded(input),
    requiredCagr: optNum(growth.requiredCagr),
    actualCagr: optNum(growth.actualCagr),
    projection: optNum(growth.projection),
    paceRatio: optNum(growth.paceRatio),
    paceClass: growth.paceClass,
    change: indicator.isGrowthRate ? null : changeSinceBase(baseline, v, row.valueUnit),
    source: current?.source ?? null,
    aggregated: current?.aggregated ?? false,
    parts,
    note: status.note ?? null,
    warnings,
  };
};

export const evaluatePlan = (db: ReadDb, input: EvaluateInput): EvaluationResult => {
  const plan = requirePlan(db, input.plan);
  const { regions } = regionTreeOf(db);
  // A code (6, 9 or 12 digits) or a name as the import takes it (双柏县): one that names a single region.
  const byName = (text: string): string => {
    const found = findRegion(db, text);
    return found && !('ambiguous' in found) ? found.code : text;
  };
  const region = input.region === undefined ? plan.regionCode : (normaliseRegionCode(input.region) ?? byName(input.region.trim()));
  const regionInfo = regions.get(region);
  if (!regionInfo) throw new UserError('unknown-region', `未知行政区划代码“${region}”。 / Unknown region code "${region}".`);
  if (!isWithinTree(db, region, plan.regionCode)) {
    throw new UserError(
      'unknown-region',
      `${regionInfo.name}（${region}）不在规划范围${regions.get(plan.regionCode)?.name ?? plan.regionCode}之内。 / Region ${region} is not within the plan's region ${plan.regionCode}.`,
    );
  }
  const year = input.year;
  if (!Number.isInteger(year) || year <= plan.baseYear || year > plan.targetYear) {
    throw new UserError('bad-year', `评估年份应在${plan.baseYear + 1}至${plan.targetYear}年之间，收到“${year}”。 / The year must be ${plan.baseYear + 1}–${plan.targetYear}.`);
  }
  const kind = input.kind ?? defaultKind(plan, year);
  if (kind === 'final' && year !== plan.targetYear) {
    throw new UserError('bad-year', `总结评估针对目标年${plan.targetYear}年。 / A final evaluation is for the target year ${plan.targetYear}.`);
  }
  if (kind !== 'final' && year === plan.targetYear) {
    throw new UserError('bad-year', `${plan.targetYear}年为目标年，应做总结评估（--kind final）。 / The target year ${plan.targetYear} takes a final evaluation.`);
  }
  const ctx: RowContext = {
    db,
    plan,
    region,
    isPlanRegion: region === plan.regionCode,
    year,
    kind,
    // Two years before the base year: formulas look back (last year's growth of last year's expenditure).
    resolver: resolverFor(db, plan.baseYear - 2, plan.targetYear),
    settings: evaluationSettings(db),
  };
  const rows = plan.tables.filter((t) => t.kind === 'main').flatMap((t) => t.rows.map((r) => evaluateRow(ctx, r)));
  const summary: EvaluationResult['summary'] = {};
  for (const r of rows) summary[r.status] = (summary[r.status] ?? 0) + 1;
  return {
    plan: plan.id,
    planTitle: plan.title,
    region,
    regionName: regionInfo.name,
    year,
    kind,
    baseYear: plan.baseYear,
    targetYear: plan.targetYear,
    timeProgress: clean((year - plan.baseYear) / (plan.targetYear - plan.baseYear)),
    rows,
    summary,
    warnings: rows.flatMap((r) => r.warnings.map((w) => `${r.seq} ${r.name}：${w}`)),
  };
};
