/** Import history: the batches with their counts, and each batch's values (what it stored, and what became of them). */
import { MAX_BATCH_VALUES_PAGE, type BatchSummary, type BatchValueDto, type BatchValuesDto } from '../../shared/api';
import { UserError } from '../../shared/errors';
import type { ReadDb } from '../db/types';
import { catalogOf, regionTreeOf } from './context';

type BatchRow = {
  id: number;
  file_name: string;
  file_hash: string;
  imported_at: string;
  observation_count: number;
  replaced_count: number;
  status: 'active' | 'undone';
  /** The sheets read, in the workbook's order, as JSON (null for a batch imported before it was kept). */
  sheets: string | null;
};

/** A batch's sheets as VALUES_ORDER reads them. */
const sheetOrder = (sheets: string | null): string => {
  const names = sheets ? (JSON.parse(sheets) as unknown) : null;
  return Array.isArray(names) && names.length > 0 ? `/${names.join('/')}/` : '';
};

const summary = (b: BatchRow): BatchSummary => ({
  id: b.id,
  fileName: b.file_name,
  fileHash: b.file_hash,
  importedAt: b.imported_at,
  observations: b.observation_count,
  replaced: b.replaced_count,
  status: b.status,
});

export const listBatches = (db: ReadDb): BatchSummary[] => db.prepare<[], BatchRow>('SELECT * FROM import_batch ORDER BY id DESC').all().map(summary);

/**
 * A batch's values, a page at a time, by sheet in the workbook's order, then row by row and left to right, then
 * region, item and period (VALUES_ORDER): each as the batch stored it, with the value it
 * replaced, and, where a later batch (not undone) has replaced it in turn, that batch. An undone batch has none (its
 * values were removed and those it replaced restored); a value typed by hand over it since is no longer the batch's.
 */
const VALUES_SQL = `
  SELECT o.sheet, o.cell, o.region_code AS region, o.series_code AS series, o.year, CAST(o.year AS TEXT) AS period, NULL AS kind,
         o.value, o.derived_from, r.old_value AS replaced, NULL AS superseded_by, NULL AS superseded_value
  FROM observation o
  LEFT JOIN observation_replaced r ON r.batch_id = o.batch_id AND r.region_code = o.region_code AND r.series_code = o.series_code AND r.year = o.year
  WHERE o.batch_id = :batch
  UNION ALL
  SELECT r.old_sheet, r.old_cell, r.region_code, r.series_code, r.year, CAST(r.year AS TEXT), NULL, r.old_value, r.old_derived_from, p.old_value, r.batch_id,
         COALESCE(
           (SELECT o.value FROM observation o WHERE o.region_code = r.region_code AND o.series_code = r.series_code AND o.year = r.year AND o.batch_id = r.batch_id),
           (SELECT n.old_value FROM observation_replaced n JOIN import_batch nb ON nb.id = n.batch_id AND nb.status = 'active'
            WHERE n.old_batch_id = r.batch_id AND n.region_code = r.region_code AND n.series_code = r.series_code AND n.year = r.year))
  FROM observation_replaced r
  JOIN import_batch b ON b.id = r.batch_id AND b.status = 'active'
  LEFT JOIN observation_replaced p ON p.batch_id = r.old_batch_id AND p.region_code = r.region_code AND p.series_code = r.series_code AND p.year = r.year
  WHERE r.old_batch_id = :batch
  UNION ALL
  SELECT o.sheet, o.cell, o.region_code, o.series_code, o.year, o.period, o.kind, o.value, NULL, r.old_value, NULL, NULL
  FROM period_observation o
  LEFT JOIN period_observation_replaced r ON r.batch_id = o.batch_id AND r.region_code = o.region_code AND r.series_code = o.series_code
    AND r.period = o.period AND r.kind = o.kind
  WHERE o.batch_id = :batch
  UNION ALL
  SELECT r.old_sheet, r.old_cell, r.region_code, r.series_code, r.year, r.period, r.kind, r.old_value, NULL, p.old_value, r.batch_id,
         COALESCE(
           (SELECT o.value FROM period_observation o WHERE o.region_code = r.region_code AND o.series_code = r.series_code AND o.period = r.period
              AND o.kind = r.kind AND o.batch_id = r.batch_id),
           (SELECT n.old_value FROM period_observation_replaced n JOIN import_batch nb ON nb.id = n.batch_id AND nb.status = 'active'
            WHERE n.old_batch_id = r.batch_id AND n.region_code = r.region_code AND n.series_code = r.series_code AND n.period = r.period AND n.kind = r.kind))
  FROM period_observation_replaced r
  JOIN import_batch b ON b.id = r.batch_id AND b.status = 'active'
  LEFT JOIN period_observation_replaced p ON p.batch_id = r.old_batch_id AND p.region_code = r.region_code AND p.series_code = r.series_code
    AND p.period = r.period AND p.kind = r.kind
  WHERE r.old_batch_id = :batch`;

/**
 * The sheets in the workbook's order (:sheets is '/' + their names joined by '/' + '/': no sheet name holds a '/'; a
 * batch imported before the order was kept gives '' and its sheets come by name), then row by row and left to right
 * as the clerk reads a sheet (C9 before C10, B3 before C3), then the value's key.
 */
const VALUES_ORDER = `ORDER BY instr(:sheets, '/' || sheet || '/'), sheet, CAST(ltrim(cell, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') AS INTEGER), length(cell), cell,
  region, series, period, kind`;

type ValueRow = {
  sheet: string | null;
  cell: string | null;
  region: string;
  series: string;
  year: number;
  period: string;
  kind: string | null;
  value: number;
  derived_from: string | null;
  replaced: number | null;
  superseded_by: number | null;
  superseded_value: number | null;
};

export const batchValues = (db: ReadDb, input: { batch: number; offset?: number; limit?: number }): BatchValuesDto => {
  const row = db.prepare<[number], BatchRow>('SELECT * FROM import_batch WHERE id = ?').get(input.batch);
  if (!row) throw new UserError('bad-input', `没有第 ${input.batch} 批导入。 / No import batch ${input.batch}.`);
  const limit = Math.min(Math.max(1, input.limit ?? 50), MAX_BATCH_VALUES_PAGE);
  const offset = Math.max(0, input.offset ?? 0);
  return db.transaction(() => {
    const total = db.prepare<{ batch: number }, { n: number }>(`SELECT COUNT(*) AS n FROM (${VALUES_SQL})`).get({ batch: input.batch })!.n;
    const rows = db
      .prepare<{ batch: number; limit: number; offset: number; sheets: string }, ValueRow>(`SELECT * FROM (${VALUES_SQL}) ${VALUES_ORDER} LIMIT :limit OFFSET :offset`)
      .all({ batch: input.batch, limit, offset, sheets: sheetOrder(row.sheets) });
    const catalog = catalogOf(db);
    const { regions } = regionTreeOf(db);
    return {
      batch: summary(row),
      total,
      offset,
      values: rows.map((r) => {
        const series = catalog.byCode.get(r.series);
        return {
          sheet: r.sheet ?? '',
          cell: r.cell ?? '',
          region: r.region,
          regionName: regions.get(r.region)?.name ?? '',
          series: r.series,
          seriesName: series?.name ?? r.series,
          unit: series?.unit ?? '',
          year: r.year,
          period: r.period,
          periodKind: r.kind as BatchValueDto['periodKind'],
          value: r.value,
          derivedFrom: r.derived_from,
          replaced: r.replaced,
          supersededBy: r.superseded_by,
          supersededValue: r.superseded_value,
        };
      }),
    };
  }).deferred();
};
