/**
 * Installs the built-in regions, catalogue and plan templates into a database, in one transaction, once per
 * change of the template files (their fingerprint is kept in the setting table). A plan already in the database
 * is replaced only when its template version is newer; the bureau's own region targets are kept.
 */
import type { CatalogFile, PlanTemplate } from '../../shared/schemas/templates';
import { parseUnit, isRateUnit } from '../../shared/units/units';
import type { Series } from '../../shared/types';
import { insertRegions } from '../db/queries/regions';
import { upsertSeries } from '../db/queries/series';
import { insertPlan, planTemplateVersion, deletePlanKeepingTargets } from '../db/queries/plans';
import { getSetting, setSetting } from '../db/queries/settings';
import type { WriteDb } from '../db/types';
import { builtInsFingerprint, loadBuiltIns } from './load';

/** Absolute quantities (counts, amounts) are judged for a sub-region only against its own target. */
export const isAbsoluteUnit = (unit: string): boolean => {
  const u = parseUnit(unit);
  const dims = Object.entries(u.dims);
  return dims.length === 1 && dims[0]![1] === 1 && !isRateUnit(u);
};

export const seriesFromCatalog = (catalog: CatalogFile): { series: Series; aliases: string[] }[] => [
  ...catalog.items.map((i) => ({
    series: {
      code: i.code,
      kind: 'item' as const,
      name: i.name,
      unit: i.unit,
      aggregation: i.aggregation,
      weightCode: i.weight ?? null,
      isAbsolute: i.absolute ?? isAbsoluteUnit(i.unit),
      isGrowthRate: i.growthRate ?? false,
      inherits: i.inherit ?? false,
      direction: null,
      formula: null,
      note: i.note ?? null,
      nature: i.nature ?? null,
      range: i.range ?? null,
    },
    aliases: i.aliases,
  })),
  ...catalog.indicators.map((i) => ({
    series: {
      code: i.code,
      kind: 'indicator' as const,
      name: i.name,
      unit: i.unit,
      aggregation: i.aggregation ?? 'none',
      weightCode: i.weight ?? null,
      isAbsolute: i.absolute ?? isAbsoluteUnit(i.unit),
      isGrowthRate: i.growthRate ?? false,
      inherits: false,
      direction: i.direction,
      formula: i.formula ?? null,
      note: i.note ?? null,
      range: i.range ?? null,
    },
    aliases: i.aliases,
  })),
];

export const installPlanTemplate = (db: WriteDb, plan: PlanTemplate): void => {
  const installed = planTemplateVersion(db, plan.id);
  if (installed !== null && installed >= plan.templateVersion) return;
  const kept = installed === null ? [] : deletePlanKeepingTargets(db, plan.id);
  insertPlan(db, plan, kept);
};

export const installBuiltIns = (db: WriteDb): void => {
  if (getSetting(db, 'builtins.fingerprint') === builtInsFingerprint()) return;
  const builtIns = loadBuiltIns();
  db.transaction(() => {
    insertRegions(db, builtIns.regions);
    const entries = seriesFromCatalog(builtIns.catalog);
    // Weights refer to other series: insert without weights first, then with.
    for (const e of entries) upsertSeries(db, { ...e.series, aggregation: e.series.aggregation === 'weighted_mean' ? 'none' : e.series.aggregation, weightCode: null }, e.aliases);
    for (const e of entries) if (e.series.weightCode) upsertSeries(db, e.series, []);
    for (const plan of builtIns.plans) installPlanTemplate(db, plan);
    setSetting(db, 'builtins.fingerprint', builtIns.fingerprint);
  })();
};
