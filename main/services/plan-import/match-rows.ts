/**
 * Ties each row of a drafted plan table to an indicator: an existing one with the same name (printed unit aside)
 * whose unit converts to the row's, or a new, directly entered indicator named and unitted as printed. A close but
 * not equal name is never taken silently: the row becomes new and lists its candidates for the app to ask.
 */
import { isKeepTarget, isQualitative, parseTarget, type Target } from '../../../shared/targets/grammar';
import type { DraftRow } from '../../../shared/plan-import/types';
import { nameKey, shortName } from '../../../shared/text/normalize';
import type { Direction, Series } from '../../../shared/types';
import { isRateUnit, isUnitText, parseUnit, printedUnitFits, rowValueUnit } from '../../../shared/units/units';
import { isAbsoluteUnit } from '../../catalog/install';
import { allAliases } from '../../db/queries/series';
import type { ReadDb } from '../../db/types';
import { catalogOf } from '../context';
import { similarity } from '../import/match';

export type TargetKindName = 'level' | 'compare' | 'range' | 'relative' | 'cumulative' | 'keep' | 'parts' | 'qualitative' | 'none';

export interface MatchedRow {
  draft: DraftRow;
  indicator: string;
  match: 'existing' | 'new';
  /** The indicator to create for a new row (code, name, unit, direction, how it adds up). */
  newSeries: Series | null;
  candidates: { code: string; name: string; unit: string }[];
  /** The series of each part of a row with a target per part (城市/农村). */
  splits: { label: string; indicator: string; newSeries: Series | null }[];
  targetKind: TargetKindName;
  /** The unit values of this row are in: the indicator's own for an existing one, else the printed unit. */
  valueUnit: string;
  notes: string[];
}

export const targetKindName = (t: Target): TargetKindName => {
  if (isKeepTarget(t)) return 'keep';
  if (t.kind === 'text') return isQualitative(t) ? 'qualitative' : 'none';
  return t.kind === 'hold' ? 'keep' : t.kind;
};

/** The printed unit if it is one the workbench can compute with, else '' (with a note). */
const usableUnit = (unit: string): string => (unit !== '' && isUnitText(unit) ? unit : '');

const directionOf = (target: Target): Direction => {
  if (target.kind === 'compare' && (target.op === '<=' || target.op === '<')) return 'decrease';
  if (target.kind === 'range') return 'range';
  return 'increase';
};

const codeFor = (planId: string, tableNo: number, position: number): string => `u_${planId.replace(/[^a-z0-9]/g, '_')}_${tableNo}_${position}`;

export interface RowMatcher {
  match(row: DraftRow, tableNo: number, position: number): MatchedRow;
}

export const rowMatcher = (db: ReadDb, planId: string): RowMatcher => {
  const catalog = catalogOf(db);
  const indicators = new Map<string, Set<string>>();
  const names: { key: string; alias: string; code: string }[] = [];
  const itemsByKey = new Map<string, Set<string>>();
  for (const a of allAliases(db)) {
    const s = catalog.get(a.code);
    if (s.kind === 'item') {
      if (!itemsByKey.has(a.key)) itemsByKey.set(a.key, new Set());
      itemsByKey.get(a.key)!.add(a.code);
    }
    if (s.kind !== 'indicator' || s.code.startsWith(`u_${planId.replace(/[^a-z0-9]/g, '_')}_`)) continue;
    if (!indicators.has(a.key)) indicators.set(a.key, new Set());
    indicators.get(a.key)!.add(a.code);
    names.push({ key: a.key, alias: a.alias, code: a.code });
  }
  /** One name in one printed unit → an existing indicator, an indicator computed from an item, or a new one. */
  const resolve = (name: string, printedUnit: string, code: string, target: Target, notes: string[]) => {
    const key = nameKey(name);
    const exact = [...(indicators.get(key) ?? [])].map((c) => catalog.get(c));
    // The unit a plan prints may be the numerator of the indicator's (社会组织每万人占有数量（个）: 个/万人).
    const fits = (s: Series): boolean => printedUnitFits(printedUnit, s.unit);
    const fitting = exact.filter(fits);
    if (fitting.length === 1) {
      const s = fitting[0]!;
      const valueUnit = rowValueUnit(printedUnit, s.unit);
      return { indicator: s.code, match: 'existing' as const, newSeries: null, candidates: [], valueUnit };
    }
    // A statistical item of the same name (城市低保标准, 养老机构床位总数): the new indicator is computed from it.
    const item = [...(itemsByKey.get(key) ?? [])].map((c) => catalog.get(c)).find(fits);
    // Another of the bureau's plans computed an indicator from the same item: that one, not a second definition.
    const fromItem = item ? [...catalog.byCode.values()].find((s) => s.kind === 'indicator' && s.formula === item.code && s.unit === item.unit && !s.code.startsWith(`u_${planId.replace(/[^a-z0-9]/g, '_')}_`)) : undefined;
    if (fromItem) return { indicator: fromItem.code, match: 'existing' as const, newSeries: null, candidates: [], valueUnit: rowValueUnit(printedUnit, fromItem.unit) };
    const close = names
      .map((n) => ({ code: n.code, score: similarity(key, n.key) }))
      .filter((n) => n.score >= 0.5 && n.score < 1)
      .sort((a, b) => b.score - a.score)
      .map((n) => n.code);
    const candidates = item
      ? []
      : [...new Set([...fitting.map((s) => s.code), ...exact.filter((s) => !fits(s)).map((s) => s.code), ...close])]
          .slice(0, 5)
          .map((c) => catalog.get(c))
          .map((s) => ({ code: s.code, name: s.name, unit: s.unit }));
    const unit = item ? item.unit : printedUnit;
    if (item) notes.push(`${name}由统计项“${item.name}”（${item.unit}）直接计算 / computed from the item ${item.code}`);
    const newSeries: Series = {
      code,
      kind: 'indicator',
      name: shortName(name),
      unit,
      aggregation: item ? 'none' : unit !== '' && isAbsoluteUnit(unit) && !isRateUnit(parseUnit(unit)) ? 'sum' : 'none',
      weightCode: null,
      isAbsolute: unit !== '' && isAbsoluteUnit(unit),
      isGrowthRate: /增速|增长率|增幅/.test(name),
      inherits: false,
      direction: directionOf(target),
      formula: item ? item.code : null,
      note: item ? `规划导入时新建，取统计项 ${item.code}` : '规划导入时新建的直接录入指标 / a directly entered indicator created by a plan import',
    };
    return { indicator: code, match: 'new' as const, newSeries, candidates, valueUnit: unit };
  };
  return {
    match(row, tableNo, position) {
      const target = parseTarget(row.target ?? '');
      const targetKind = targetKindName(target);
      const notes: string[] = [];
      const printedUnit = usableUnit(row.unit);
      if (row.unit !== '' && printedUnit === '') notes.push(`单位“${row.unit}”无法用于计算，按无单位处理 / the unit "${row.unit}" cannot be computed with`);
      const code = codeFor(planId, tableNo, position);
      const main = resolve(row.name, printedUnit, code, target, notes);
      // A row printed with a target per part (城市11700，农村9100): each part on its own series, named as a clerk's
      // sheet names it (城市特困人员基本生活标准), found among the indicators and items or created.
      const splits =
        target.kind === 'parts'
          ? target.parts.map((part, i) => {
              const base = shortName(row.name);
              const r = resolve(`${part.label}${base}`, printedUnit, `${code}_${i + 1}`, part.target, notes);
              return { label: part.label, indicator: r.indicator, newSeries: r.newSeries };
            })
          : [];
      return { draft: row, ...main, targetKind, notes, splits };
    },
  };
};
