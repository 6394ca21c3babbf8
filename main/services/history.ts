/**
 * Import history and provenance: undo a batch (restoring the values it replaced, in one transaction), where a
 * stored value came from (file, sheet, cell, batch) or who typed it, and values typed by hand.
 */
import type { ProvenanceDto } from '../../shared/api';
import { UserError } from '../../shared/errors';
import { audit, lockCovering, lockMessage } from './locks';
import type { Problem } from '../../shared/errors';
import type { WriteDb, ReadDb } from '../db/types';
import { prepareObservationWriter } from '../db/queries/observations';
import { periodValuesOf, undoPeriodBatch } from '../db/queries/period-observations';
import { catalogOf, regionTreeOf } from './context';
import { findRegion, seriesMatcher } from './import/match';

export interface UndoResult {
  batch: number;
  removed: number;
  restored: number;
}

type BatchRow = { id: number; file_name: string; status: 'active' | 'undone' };

export const undoBatch = (db: WriteDb, batchId: number): UndoResult => {
  const batch = db.prepare<[number], BatchRow>('SELECT id, file_name, status FROM import_batch WHERE id = ?').get(batchId);
  if (!batch) throw new UserError('bad-input', `没有第 ${batchId} 批导入。 / No import batch ${batchId}.`);
  if (batch.status === 'undone') throw new UserError('bad-input', `第 ${batchId} 批（${batch.file_name}）已撤销。 / Batch ${batchId} was already undone.`);
  // A later batch that replaced this batch's values must be undone first, or the history would not add up.
  const later = db
    .prepare<[number, number, number, number], { batch_id: number }>(
      `SELECT DISTINCT r.batch_id FROM observation_replaced r JOIN import_batch b ON b.id = r.batch_id
       WHERE r.old_batch_id = ? AND b.status = 'active' AND r.batch_id > ?
       UNION SELECT DISTINCT r.batch_id FROM period_observation_replaced r JOIN import_batch b ON b.id = r.batch_id
       WHERE r.old_batch_id = ? AND b.status = 'active' AND r.batch_id > ? ORDER BY 1 DESC`,
    )
    .all(batchId, batchId, batchId, batchId)
    .map((r) => r.batch_id);
  if (later.length > 0) {
    throw new UserError(
      'bad-input',
      `第 ${batchId} 批的部分数值已被第 ${later.join('、')} 批覆盖，请先撤销那些批次。 / Batch ${batchId} was partly overwritten by batch ${later.join(', ')}; undo those first.`,
    );
  }
  // A later batch made a year's value partly from this batch's months or quarters: undo that one first.
  const derivedLater = db
    .prepare<[number], { batch_id: number }>(
      `SELECT DISTINCT d.batch_id FROM derived_source d JOIN import_batch b ON b.id = d.batch_id
       WHERE d.source_batch_id = ? AND b.status = 'active' ORDER BY d.batch_id DESC`,
    )
    .all(batchId)
    .map((r) => r.batch_id);
  if (derivedLater.length > 0) {
    throw new UserError(
      'bad-input',
      `第 ${derivedLater.join('、')} 批由第 ${batchId} 批的月度或季度数据得出了全年数，请先撤销那些批次。 / Batch ${derivedLater.join(', ')} derived annual values from batch ${batchId}'s months or quarters; undo those first.`,
    );
  }
  // An undo changes the values the batch stored: refused where a year has since been locked.
  const locked = lockCovering(db);
  const touched = db
    .prepare<[number, number, number], { region_code: string; year: number }>(
      `SELECT DISTINCT region_code, year FROM observation WHERE batch_id = ? UNION SELECT DISTINCT region_code, year FROM observation_replaced WHERE batch_id = ?
       UNION SELECT DISTINCT region_code, year FROM period_observation WHERE batch_id = ?`,
    )
    .all(batchId, batchId, batchId);
  for (const t of touched) {
    const lock = locked(t.region_code, t.year);
    if (lock) throw new UserError('bad-input', `不能撤销第 ${batchId} 批：${lockMessage(lock, regionTreeOf(db).regions.get(t.region_code)?.name ?? t.region_code)}`);
  }
  return db.transaction(() => {
    const periods = undoPeriodBatch(db, batchId);
    const removed = db.prepare('DELETE FROM observation WHERE batch_id = ?').run(batchId).changes + periods.removed;
    const restored =
      db
        .prepare(
          `INSERT INTO observation (region_code, series_code, year, value, batch_id, sheet, cell, entered_by, entered_at, derived_from)
           SELECT region_code, series_code, year, old_value, old_batch_id, old_sheet, old_cell, old_entered_by, old_entered_at, old_derived_from
           FROM observation_replaced WHERE batch_id = ?
           ON CONFLICT(region_code, series_code, year) DO NOTHING`,
        )
        .run(batchId).changes + periods.restored;
    db.prepare("UPDATE import_batch SET status = 'undone', undone_at = ? WHERE id = ?").run(new Date().toISOString(), batchId);
    audit(db, { by: '本单位', action: 'undo', subject: batch.file_name, old: `${removed} 个数值`, new: `恢复 ${restored} 个原值`, batch: batchId });
    return { batch: batchId, removed, restored };
  })();
};

export type Provenance = ProvenanceDto;

const resolveSeries = (db: ReadDb, text: string): string => {
  if (catalogOf(db).byCode.has(text)) return text;
  const m = seriesMatcher(db).match(text);
  if (m && 'series' in m) return m.series.code;
  const hint = m && m.candidates.length ? `；最接近的是：${m.candidates.join('、')}` : '';
  throw new UserError('unknown-series', `未知的指标或统计项“${text}”${hint} / unknown item or indicator "${text}"`);
};

const resolveRegion = (db: ReadDb, text: string): string => {
  const r = findRegion(db, text);
  if (!r || 'ambiguous' in r) throw new UserError('unknown-region', `未知或不唯一的地区“${text}”。 / Unknown or ambiguous region "${text}".`);
  return r.code;
};

export const provenanceOf = (db: ReadDb, input: { region: string; series: string; year: number }): Provenance | null => {
  const region = resolveRegion(db, input.region);
  const series = resolveSeries(db, input.series);
  const row = db
    .prepare<[string, string, number], { value: number; batch_id: number | null; sheet: string | null; cell: string | null; entered_by: string | null; entered_at: string; derived_from: string | null; file_name: string | null }>(
      `SELECT o.*, b.file_name FROM observation o LEFT JOIN import_batch b ON b.id = o.batch_id
       WHERE o.region_code = ? AND o.series_code = ? AND o.year = ?`,
    )
    .get(region, series, input.year);
  if (!row) return null;
  const replaced = db
    .prepare<[string, string, number], { old_value: number; old_batch_id: number | null; old_sheet: string | null; old_cell: string | null; old_entered_by: string | null; file_name: string | null }>(
      `SELECT r.*, b.file_name FROM observation_replaced r
       JOIN import_batch by_batch ON by_batch.id = r.batch_id AND by_batch.status = 'active'
       LEFT JOIN import_batch b ON b.id = r.old_batch_id
       WHERE r.region_code = ? AND r.series_code = ? AND r.year = ? ORDER BY r.batch_id DESC`,
    )
    .all(region, series, input.year)
    .map((r) => ({ value: r.old_value, batch: r.old_batch_id, file: r.file_name, sheet: r.old_sheet, cell: r.old_cell, enteredBy: r.old_entered_by }));
  const s = catalogOf(db).get(series);
  return {
    region,
    regionName: regionTreeOf(db).regions.get(region)?.name ?? '',
    series,
    seriesName: s.name,
    year: input.year,
    value: row.value,
    unit: s.unit,
    origin: row.batch_id === null ? 'typed' : 'import',
    file: row.file_name,
    sheet: row.sheet,
    cell: row.cell,
    batch: row.batch_id,
    enteredBy: row.entered_by,
    enteredAt: row.entered_at,
    derivedFrom: row.derived_from,
    periods: periodValuesOf(db, region, series, input.year).map((p) => ({ period: p.period, kind: p.kind, value: p.value, sheet: p.sheet, cell: p.cell, batch: p.batchId })),
    replaced,
  };
};

/** A value typed by hand (the app's table, or `pwb set`): stored with who typed it, replacing any value. */
export const setObservation = (
  db: WriteDb,
  input: { region: string; series: string; year: number; value: number; enteredBy: string; why?: string },
): { problems: Problem[] } => {
  if (!Number.isFinite(input.value)) throw new UserError('bad-input', '数值无效。 / Invalid value.');
  if (!Number.isInteger(input.year) || input.year < 1949 || input.year > 2100) {
    throw new UserError('bad-year', `年份应在1949至2100年之间，收到“${input.year}”。 / The year must be 1949–2100.`);
  }
  if (input.enteredBy.trim() === '') throw new UserError('bad-input', '请注明录入人。 / Say who entered the value.');
  const region = resolveRegion(db, input.region);
  const series = resolveSeries(db, input.series);
  const lock = lockCovering(db)(region, input.year);
  if (lock) throw new UserError('bad-input', lockMessage(lock, regionTreeOf(db).regions.get(region)?.name ?? region));
  const before = db
    .prepare<[string, string, number], { value: number }>('SELECT value FROM observation WHERE region_code = ? AND series_code = ? AND year = ?')
    .get(region, series, input.year);
  db.transaction(() => {
    audit(db, { by: input.enteredBy.trim(), action: 'set', subject: `${region} ${series} ${input.year}`, old: before ? String(before.value) : null, new: String(input.value), why: input.why?.trim() || null });
    // A typed value has no batch; the value it replaces is not kept for undo (there is no batch to undo).
    prepareObservationWriter(db)({
      regionCode: region,
      seriesCode: series,
      year: input.year,
      value: input.value,
      batchId: null,
      sheet: null,
      cell: null,
      enteredBy: input.enteredBy.trim(),
      enteredAt: new Date().toISOString(),
    });
  })();
  return { problems: [] };
};
