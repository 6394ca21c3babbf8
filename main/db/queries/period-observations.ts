/** A month's or a quarter's figures as the reports give them (DESIGN.md "Statistical periods"), kept per import batch. */
import type { ReadDb, WriteDb } from '../types';

export type PeriodKind = '当月' | '本季' | '累计' | '期末';

export interface PeriodRecord {
  regionCode: string;
  seriesCode: string;
  year: number;
  period: string;
  kind: PeriodKind;
  value: number;
  batchId: number;
  sheet: string;
  cell: string;
}

/** A prepared lookup of a stored period figure, for comparing an import with what is there. */
export const existingPeriodValues = (db: ReadDb) => {
  const stmt = db.prepare<[string, string, string, string], { value: number }>(
    'SELECT value FROM period_observation WHERE region_code = ? AND series_code = ? AND period = ? AND kind = ?',
  );
  return (region: string, series: string, period: string, kind: string): { value: number } | undefined => stmt.get(region, series, period, kind);
};

/** Writes one period figure, keeping the one it replaces for the batch's undo. */
export const preparePeriodWriter = (db: WriteDb) => {
  const select = db.prepare<[string, string, string, string], { value: number; batch_id: number; sheet: string; cell: string; year: number }>(
    'SELECT value, batch_id, sheet, cell, year FROM period_observation WHERE region_code = ? AND series_code = ? AND period = ? AND kind = ?',
  );
  const keep = db.prepare(
    `INSERT OR IGNORE INTO period_observation_replaced (batch_id, region_code, series_code, year, period, kind, old_value, old_batch_id, old_sheet, old_cell)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsert = db.prepare(
    `INSERT INTO period_observation (region_code, series_code, year, period, kind, value, batch_id, sheet, cell)
     VALUES (@regionCode, @seriesCode, @year, @period, @kind, @value, @batchId, @sheet, @cell)
     ON CONFLICT(region_code, series_code, period, kind) DO UPDATE SET value = excluded.value, batch_id = excluded.batch_id,
       sheet = excluded.sheet, cell = excluded.cell`,
  );
  return (p: PeriodRecord): void => {
    const old = select.get(p.regionCode, p.seriesCode, p.period, p.kind);
    if (old) keep.run(p.batchId, p.regionCode, p.seriesCode, old.year, p.period, p.kind, old.value, old.batch_id, old.sheet, old.cell);
    upsert.run(p);
  };
};

/** Undoing a batch: its period figures go, and those it replaced come back. */
export const undoPeriodBatch = (db: WriteDb, batchId: number): { removed: number; restored: number } => {
  const removed = db.prepare('DELETE FROM period_observation WHERE batch_id = ?').run(batchId).changes;
  const restored = db
    .prepare(
      `INSERT INTO period_observation (region_code, series_code, year, period, kind, value, batch_id, sheet, cell)
       SELECT region_code, series_code, year, period, kind, old_value, old_batch_id, old_sheet, old_cell
       FROM period_observation_replaced WHERE batch_id = ?
       ON CONFLICT(region_code, series_code, period, kind) DO NOTHING`,
    )
    .run(batchId).changes;
  return { removed, restored };
};

/** The period figures of a region (for provenance and the app's view). */
export const periodValuesOf = (db: ReadDb, region: string, series: string, year: number): PeriodRecord[] =>
  db
    .prepare<[string, string, number], { region_code: string; series_code: string; year: number; period: string; kind: PeriodKind; value: number; batch_id: number; sheet: string; cell: string }>(
      'SELECT * FROM period_observation WHERE region_code = ? AND series_code = ? AND year = ? ORDER BY period, kind',
    )
    .all(region, series, year)
    .map((r) => ({ regionCode: r.region_code, seriesCode: r.series_code, year: r.year, period: r.period, kind: r.kind, value: r.value, batchId: r.batch_id, sheet: r.sheet, cell: r.cell }));
