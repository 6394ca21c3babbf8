/**
 * 数据: the stored values a plan's evaluation uses, as a grid of region × item rows and year columns, for a region and
 * (when asked) the regions below it. Each value says where it came from (an import's file, sheet and cell; typed by
 * whom; derived from monthly figures), each year says whether it is locked, and the findings of 数据核验 sit on the
 * values that break a rule.
 */
import type { DataGridDto } from '../../shared/api';
import type { ObservationRow } from '../db/queries/observations';
import type { ReadDb } from '../db/types';
import { catalogOf, regionTreeOf } from './context';
import { dataChecks } from './data-checks';
import { requirePlan, seriesOfPlan } from './evaluate';
import { lockCovering } from './locks';
import { userRegion } from './plan-import/plan-region';

/** More rows than this are not sent: the page asks for a region lower down instead. */
const MAX_ROWS = 20_000;

type Row = ObservationRow & { file_name: string | null };

export const dataGrid = (db: ReadDb, input: { plan: string; region?: string; subregions?: boolean }): DataGridDto => {
  const plan = requirePlan(db, input.plan);
  const region = input.region === undefined || input.region.trim() === '' ? plan.regionCode : userRegion(db, input.region).code;
  const { regions, nodes } = regionTreeOf(db);
  const catalog = catalogOf(db);
  const items = [...seriesOfPlan(db, plan)].map((code) => catalog.byCode.get(code)).filter((s) => s !== undefined && s.kind === 'item');
  const covered = input.subregions ? [region, ...(nodes.get(region)?.children ?? [])] : [region];
  const lastYear = Math.min(plan.targetYear, new Date().getFullYear());
  const years = Array.from({ length: lastYear - plan.baseYear + 1 }, (_, i) => plan.baseYear + i);
  const stmt = db.prepare<[string, number, number], Row>(
    `SELECT o.region_code, o.series_code, o.year, o.value, o.batch_id, o.sheet, o.cell, o.entered_by, o.entered_at, o.derived_from, b.file_name
     FROM observation o LEFT JOIN import_batch b ON b.id = o.batch_id
     WHERE o.region_code = ? AND o.year BETWEEN ? AND ?`,
  );
  const wanted = new Set(items.map((s) => s!.code));
  const cells: DataGridDto['cells'] = [];
  for (const r of covered) {
    for (const o of stmt.all(r, plan.baseYear, lastYear)) {
      if (!wanted.has(o.series_code)) continue;
      cells.push({
        region: o.region_code,
        series: o.series_code,
        year: o.year,
        value: o.value,
        origin: o.derived_from ? 'derived' : o.batch_id === null ? 'typed' : 'import',
        source: o.derived_from ?? (o.batch_id === null ? `${o.entered_by ?? ''}手工录入` : `${o.file_name ?? ''}${o.sheet ? ` “${o.sheet}”!${o.cell ?? ''}` : ''}（批次 ${o.batch_id}）`),
        by: o.entered_by,
        at: o.entered_at,
      });
    }
  }
  const lock = lockCovering(db);
  const checks = dataChecks(db, { plan: plan.id, region, year: lastYear });
  const rows = covered.length * items.length;
  return {
    plan: plan.id,
    region,
    regionName: regions.get(region)?.name ?? region,
    years,
    regions: covered.map((code) => ({ code, name: regions.get(code)?.name ?? code })),
    items: items.map((s) => ({ code: s!.code, name: s!.name, unit: s!.unit })),
    cells: rows > MAX_ROWS ? [] : cells,
    tooMany: rows > MAX_ROWS,
    locked: covered.flatMap((code) => years.filter((y) => lock(code, y) !== null).map((year) => ({ region: code, year }))),
    findings: checks.findings.filter((f) => covered.includes(f.region)).map((f) => ({ region: f.region, series: f.series, year: f.year, message: f.message })),
  };
};
