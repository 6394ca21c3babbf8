/**
 * Evaluates a plan's indicator table for a region and year: values from the engine, baseline (printed, or the
 * region's own base-year data), target (the plan's, or the region's own for absolute quantities), status, growth
 * figures and change wording, by the rules in shared/evaluation. Reads only.
 */
import { UserError } from '../../shared/errors';
import { changeSinceBase } from '../../shared/evaluation/change';
import { growthFigures } from '../../shared/evaluation/growth';
import { BASELINE_DIFFERS_WARNING, baselineMeetsTarget, type EvaluatedPart, type EvaluatedRow, type EvaluationResult } from '../../shared/evaluation/result';
import { clean, roundTo } from '../../shared/evaluation/round';
import { defaultSettings, type EvaluationSettings } from '../../shared/evaluation/settings';
import { classifyRow, exceeded, type RowInput } from '../../shared/evaluation/status';
import { conditionHolds } from '../../shared/targets/condition';
import { isKeepTarget, parseTarget, splitParts, targetValue, type PartsTarget, type Target } from '../../shared/targets/grammar';
import { dependencies } from '../../shared/formula/parser';
import { parseQuantity } from '../../shared/targets/quantity';
import { normaliseRegionCode } from '../../shared/text/region-code';
import type { EvaluationKind, Plan, PlanRow } from '../../shared/types';
import { convertValue } from '../../shared/units/units';
import { adjustmentsOf, judgementsOf, type Adjustment, type Judgement } from '../db/queries/plan-changes';
import { getPlan, listPlanIds, regionTargetsOf } from '../db/queries/plans';
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
  adjustments: Adjustment[];
  judgements: Judgement[];
  /** The bureau's targets for regions below the plan's, keyed "table|position|region" (regionTargetsOf). */
  regionTargets: ReadonlyMap<string, string>;
}

/** Targets parsed once per text: a league table or a report reads the same few dozen texts thousands of times. */
const parsedTargets = new Map<string, Target>();
const targetOf = (text: string): Target => {
  let t = parsedTargets.get(text);
  if (t === undefined) {
    if (parsedTargets.size > 10_000) parsedTargets.clear();
    parsedTargets.set(text, (t = parseTarget(text)));
  }
  return t;
};

/** The target in force for the year: the region's own, else the latest adjustment from a year ≤ y, else the printed one. */
const targetInForce = (
  ctx: RowContext,
  row: PlanRow,
): { text: string; source: 'plan' | 'adjusted' | 'region'; adjustment?: Adjustment } => {
  const own = ctx.isPlanRegion ? null : (ctx.regionTargets.get(`${row.tableNo}|${row.position}|${ctx.region}`) ?? null);
  if (own !== null) return { text: own, source: 'region' };
  const adjustment = ctx.adjustments
    .filter((a) => a.tableNo === row.tableNo && a.position === row.position && a.fromYear <= ctx.year)
    .sort((a, b) => b.fromYear - a.fromYear)[0];
  return adjustment ? { text: adjustment.targetText, source: 'adjusted', adjustment } : { text: row.targetText, source: 'plan' };
};

/** A cumulative row's running sum over B < k ≤ y; null when any year is missing (缺数, never a guess). */
const runningSum = (ctx: RowContext, row: PlanRow): { value: number; source: EvaluatedRow['source']; aggregated: boolean } | null => {
  let sum = 0;
  let source: EvaluatedRow['source'] = 'direct';
  let aggregated = false;
  for (let k = ctx.plan.baseYear + 1; k <= ctx.year; k++) {
    const v = valueIn(ctx, row.indicatorCode, k, row.valueUnit);
    if (v === null) return null;
    sum += v.value;
    if (v.source === 'formula') source = 'formula';
    aggregated ||= v.aggregated;
  }
  return { value: sum, source, aggregated };
};

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

/**
 * A row with a target per part (城市11700，农村9100), each part on its own series: the row holds when every part
 * holds, and its completion is the lowest of the parts' (the part furthest behind decides the row's progress).
 */
const splitStanding = (
  ctx: RowContext,
  row: PlanRow,
  target: PartsTarget,
  direction: 'increase' | 'decrease' | 'range' | 'keep',
): { parts: EvaluatedPart[]; input: Pick<RowInput, 'targetKind' | 'baseline' | 'target' | 'value' | 'conditionHolds'> } => {
  const printedBase = new Map((splitParts(row.baselineText) ?? []).map((p) => [p.label, parseQuantity(p.text)]));
  const standings = target.parts.map((part) => {
    const split = row.splits.find((x) => x.label === part.label);
    const v = split ? valueIn(ctx, split.indicatorCode, ctx.year, row.valueUnit)?.value ?? null : null;
    const q = printedBase.get(part.label);
    const b = ctx.isPlanRegion && q && q.ok ? q.quantity.value : split ? valueIn(ctx, split.indicatorCode, ctx.plan.baseYear, row.valueUnit)?.value ?? null : null;
    const t = targetValue(part.target);
    const holds = conditionHolds(part.target, v, { direction });
    const c = v !== null && b !== null && t !== null && Math.abs(t - b) > 1e-12 ? (v - b) / (t - b) : null;
    return { part: { label: part.label, value: optNum(v), reference: t, referenceName: `${part.label}目标`, holds }, c };
  });
  const parts = standings.map((x) => x.part);
  const allHold = parts.every((p) => p.holds === true) ? true : parts.some((p) => p.holds === false) ? false : null;
  const missing = parts.some((p) => p.value === null);
  const cs = standings.map((x) => x.c);
  const input = missing
    ? { targetKind: 'level' as const, baseline: null, target: null, value: null, conditionHolds: null }
    : cs.every((c) => c !== null)
      ? { targetKind: 'level' as const, baseline: 0, target: 1, value: Math.min(...(cs as number[])), conditionHolds: allHold }
      : { targetKind: 'level' as const, baseline: null, target: null, value: 1, conditionHolds: allHold };
  return { parts, input };
};

const evaluateRow = (ctx: RowContext, row: PlanRow): EvaluatedRow => {
  const { plan, year } = ctx;
  const indicator = catalogOf(ctx.db).get(row.indicatorCode);
  const direction = indicator.direction ?? 'increase';
  const warnings: string[] = [];

  // Target: the plan's (or an adjustment in force), or for a sub-region the bureau's own; an absolute quantity
  // without one is not applicable.
  const inForce = targetInForce(ctx, row);
  const targetText = inForce.text;
  const target = targetOf(targetText);
  const notApplicable = !ctx.isPlanRegion && inForce.source !== 'region' && indicator.isAbsolute;
  const cumulative = target.kind === 'cumulative';

  const yearOwn = valueIn(ctx, row.indicatorCode, year, row.valueUnit);
  const current = cumulative ? runningSum(ctx, row) : yearOwn;
  const v = current?.value ?? null;

  // Baseline: printed (plan region only), else the region's own base-year value from the data.
  const dataBase = valueIn(ctx, row.indicatorCode, plan.baseYear, row.valueUnit)?.value ?? null;
  let baseline: number | null = null;
  let baselineSource: EvaluatedRow['baselineSource'] = null;
  if (cumulative) {
    // A five-year cumulative target counts from 0: nothing is accumulated in the base year.
    baseline = 0;
    baselineSource = 'plan';
  } else if (ctx.isPlanRegion && row.baseline !== null) {
    baseline = row.baseline;
    baselineSource = 'plan';
    const d = decimalsOf(row.baselineText) ?? 2;
    if (dataBase !== null && roundTo(dataBase, d) !== roundTo(row.baseline, d)) {
      warnings.push(`${BASELINE_DIFFERS_WARNING}${row.baselineText}与${plan.baseYear}年数据${roundTo(dataBase, Math.max(d, 2))}不一致 / printed baseline differs from ${plan.baseYear} data`);
    }
  } else if (dataBase !== null && !indicator.isGrowthRate) {
    baseline = dataBase;
    baselineSource = 'data';
  }

  const split = target.kind === 'parts' && row.splits.length > 0 ? splitStanding(ctx, row, target, direction) : null;
  const parts = split ? split.parts : evaluateParts(ctx, row, target);
  let holds: boolean | null;
  if (target.kind === 'relative') {
    holds = parts.length === 0 ? null : parts.some((p) => p.holds === false) ? false : parts.every((p) => p.holds === true) ? true : null;
  } else {
    holds = conditionHolds(target, v, { direction, baseline });
  }
  if (split) holds = split.input.conditionHolds;
  const judgement = target.kind === 'text'
    ? ctx.judgements.find((j) => j.tableNo === row.tableNo && j.position === row.position && j.region === ctx.region && j.year === year) ?? null
    : null;
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
    keep: isKeepTarget(target),
    judgement: judgement?.result ?? null,
    ...(split ? split.input : {}),
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
  // A running sum has no growth rate of its own: pace is only "met" or "cannot assess".
  const pace = cumulative
    ? { requiredCagr: null, actualCagr: null, projection: null, paceRatio: null, paceClass: holds === true ? ('已实现' as const) : ('无法评估' as const) }
    : growth;
  return {
    table: row.tableNo,
    seq: row.seq,
    name: row.name,
    printedName: row.printedName,
    unit: row.unitText,
    valueUnit: row.valueUnit,
    attribute: row.attribute,
    indicator: row.indicatorCode,
    baseline: optNum(baseline),
    baselineSource,
    target: targetText,
    targetValue: t,
    targetSource: notApplicable ? null : inForce.source,
    ...(inForce.adjustment ? { adjustment: { doc: inForce.adjustment.doc, fromYear: inForce.adjustment.fromYear, printedTarget: row.targetText } } : {}),
    ...(cumulative ? { yearValue: optNum(yearOwn?.value ?? null) } : {}),
    ...(target.kind === 'text' ? { judgement: judgement ? { result: judgement.result, note: judgement.note, by: judgement.by, at: judgement.at } : null } : {}),
    value: optNum(v),
    completion: optNum(status.completion),
    timeProgress: status.timeProgress,
    status: status.status,
    exceeded: exceeded(input),
    requiredCagr: optNum(pace.requiredCagr),
    actualCagr: optNum(pace.actualCagr),
    projection: optNum(pace.projection),
    paceRatio: optNum(pace.paceRatio),
    paceClass: pace.paceClass,
    change: indicator.isGrowthRate || cumulative ? null : changeSinceBase(baseline, v, row.valueUnit),
    source: current?.source ?? null,
    aggregated: current?.aggregated ?? false,
    parts,
    note: status.note ?? null,
    warnings,
  };
};

/**
 * The plans of regions above the evaluated one (a prefecture's plan for a county evaluated against its own plan),
 * each ready to evaluate the same region and year: levels side by side.
 */
interface UpperPlan {
  ctx: RowContext;
  rows: Map<string, PlanRow>;
}

/** The plans of the regions above a plan's region, each with its evaluation context: found once per context. */
const upperContexts = (db: ReadDb, plan: Plan): PlanEvaluationContext[] =>
  listPlanIds(db)
    .filter((id) => id !== plan.id)
    .map((id) => getPlan(db, id)!)
    .filter((p) => p.regionCode !== plan.regionCode && isWithinTree(db, plan.regionCode, p.regionCode))
    .map((p) => planEvaluationContext(db, p.id, false));

/** An upper plan's main rows by indicator, made once per context (not once per region and year evaluated). */
const upperRows = new WeakMap<PlanEvaluationContext, Map<string, PlanRow>>();
const rowsByIndicator = (u: PlanEvaluationContext): Map<string, PlanRow> => {
  let rows = upperRows.get(u);
  if (!rows) upperRows.set(u, (rows = new Map(u.plan.tables.filter((t) => t.kind === 'main').flatMap((t) => t.rows).map((r) => [r.indicatorCode, r] as const))));
  return rows;
};

const upperPlans = (db: ReadDb, context: PlanEvaluationContext, region: string, year: number): UpperPlan[] =>
  context.uppers()
    .filter((u) => year > u.plan.baseYear && year <= u.plan.targetYear)
    .map((u) => ({
      ctx: {
        db,
        plan: u.plan,
        region,
        isPlanRegion: false,
        year,
        kind: defaultKind(u.plan, year),
        resolver: u.resolver,
        settings: u.settings,
        adjustments: u.adjustments,
        judgements: u.judgements,
        regionTargets: u.regionTargets,
      },
      rows: rowsByIndicator(u),
    }));

const withUpper = (row: EvaluatedRow, uppers: UpperPlan[]): EvaluatedRow => {
  const upper = uppers.flatMap((u) => {
    const r = u.rows.get(row.indicator);
    if (!r) return [];
    const e = evaluateRow(u.ctx, r);
    return [{ plan: u.ctx.plan.id, planTitle: u.ctx.plan.title, seq: r.seq, target: e.target, targetSource: e.targetSource, status: e.status, completion: e.completion }];
  });
  return upper.length > 0 ? { ...row, upper } : row;
};

/**
 * What evaluations of one plan share when many regions or years are evaluated at once (the league table, a report's
 * earlier years): one value resolver (observations loaded once per region, values memoised), the settings, the
 * adjustments and judgements. Results are the same as evaluating each alone.
 */
export interface PlanEvaluationContext {
  plan: Plan;
  resolver: ValueResolver;
  settings: EvaluationSettings;
  adjustments: Adjustment[];
  judgements: Judgement[];
  regionTargets: ReadonlyMap<string, string>;
  /** The last year the resolver has values for. */
  lastYear: number;
  /** The plans of the regions above this plan's, each with its own context (found on first use). */
  uppers: () => PlanEvaluationContext[];
}

/**
 * Every series a plan's rows can reach: their indicators, parts, references and split series, what their formulas
 * use (transitively) and the weights their averages need. Only these are loaded for it.
 */
export const seriesOfPlan = (db: ReadDb, plan: Plan): Set<string> => {
  const catalog = catalogOf(db);
  const out = new Set<string>();
  const visit = (code: string) => {
    if (out.has(code)) return;
    out.add(code);
    const s = catalog.byCode.get(code);
    if (s?.weightCode) visit(s.weightCode);
    const f = catalog.formulas.get(code);
    if (f) for (const d of dependencies(f)) visit(d.code);
  };
  for (const t of plan.tables) {
    for (const r of t.rows) {
      visit(r.indicatorCode);
      for (const p of r.parts) (visit(p.indicatorCode), visit(p.referenceCode));
      for (const sp of r.splits) visit(sp.indicatorCode);
    }
  }
  return out;
};

/**
 * `upTo`: the last year any evaluation with this context asks for (a league table's year): later years are not
 * loaded. A context is then used for that year and earlier ones only (evaluatePlan makes a new one otherwise).
 */
export const planEvaluationContext = (db: ReadDb, planId: string, withUppers = true, upTo?: number): PlanEvaluationContext => {
  const plan = requirePlan(db, planId);
  let uppers: PlanEvaluationContext[] | null = withUppers ? null : [];
  const lastYear = Math.min(plan.targetYear, upTo ?? plan.targetYear);
  return {
    uppers: () => (uppers ??= upperContexts(db, plan)),
    plan,
    lastYear,
    // Two years before the base year: formulas look back (last year's growth of last year's expenditure).
    resolver: resolverFor(db, plan.baseYear - 2, lastYear, seriesOfPlan(db, plan)),
    settings: evaluationSettings(db),
    adjustments: adjustmentsOf(db, plan.id),
    judgements: judgementsOf(db, plan.id),
    regionTargets: regionTargetsOf(db, plan.id),
  };
};

export const evaluatePlan = (db: ReadDb, input: EvaluateInput, shared?: PlanEvaluationContext): EvaluationResult => {
  const context = shared && shared.plan.id === input.plan && input.year <= shared.lastYear ? shared : planEvaluationContext(db, input.plan);
  const plan = context.plan;
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
    resolver: context.resolver,
    settings: context.settings,
    adjustments: context.adjustments,
    judgements: context.judgements,
    regionTargets: context.regionTargets,
  };
  const uppers = upperPlans(db, context, region, year);
  const rows = plan.tables
    .filter((t) => t.kind === 'main')
    .flatMap((t) => t.rows.map((r) => withUpper(evaluateRow(ctx, r), uppers)));
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
