/** Observations with their provenance: reads for the engine, writes for imports. */
import type { ValueLoader } from '../../services/values';
import type { ReadDb, WriteDb } from '../types';

export interface ObservationRecord {
  regionCode: string;
  seriesCode: string;
  year: number;
  value: number;
  batchId: number | null;
  sheet: string | null;
  cell: string | null;
  enteredBy: string | null;
  enteredAt: string;
  /** An annual value made from monthly or quarterly figures: the rule and the cells. */
  derivedFrom?: string | null;
}

export type ObservationRow = {
  region_code: string;
  series_code: string;
  year: number;
  value: number;
  batch_id: number | null;
  sheet: string | null;
  cell: string | null;
  entered_by: string | null;
  entered_at: string;
  derived_from: string | null;
};

const toObservation = (r: ObservationRow): ObservationRecord => ({
  regionCode: r.region_code,
  seriesCode: r.series_code,
  year: r.year,
  value: r.value,
  batchId: r.batch_id,
  sheet: r.sheet,
  cell: r.cell,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
  derivedFrom: r.derived_from,
});

/**
 * A loader of regions' values for the engine (ValueLoader): for each region asked for, series (by their index in
 * `series`) and year of [fromYear, toYear], the stored value, as numbers only (provenance is read by
 * `observations.source`). Many regions at once (a league table's sub-regions, a parent's children) in one statement,
 * each (region, series) one primary-key search, so a region's values of other plans are never read. The rows come
 * back as two JSON arrays (SQLite writes a REAL with the digits that read back to the same double): parsing them is
 * half the cost of one row object per value.
 */
export const valueLoader = (db: ReadDb, fromYear: number, toYear: number, series: readonly string[]): ValueLoader => {
  const stmt = db
    .prepare<[number, number, number, string, string, number, number], [string, string]>(
      // CROSS JOIN keeps this order (regions, series, then one primary-key search each); left to itself the planner
      // takes the series index and scans the region list for every row.
      `SELECT json_group_array(r.key * ? + s.key * ? + o.year - ?), json_group_array(o.value)
       FROM json_each(?) AS r CROSS JOIN json_each(?) AS s CROSS JOIN observation AS o
       WHERE o.region_code = r.value AND o.series_code = s.value AND o.year BETWEEN ? AND ?`,
    )
    .raw(true);
  const span = toYear - fromYear + 1;
  const seriesJson = JSON.stringify(series);
  return (regions) => {
    const [slots, values] = stmt.get(series.length * span, span, fromYear, JSON.stringify(regions), seriesJson, fromYear, toYear) ?? ['[]', '[]'];
    return { slots: JSON.parse(slots) as number[], values: JSON.parse(values) as number[] };
  };
};

export const observationsOfRegion = (db: ReadDb, regionCode: string): ObservationRecord[] =>
  db
    .prepare<[string], ObservationRow>('SELECT * FROM observation WHERE region_code = ? ORDER BY series_code, year')
    .all(regionCode)
    .map(toObservation);

/** A prepared lookup of stored values, for comparing an import with what is there. */
export const existingValues = (db: ReadDb) => {
  const stmt = db.prepare<[string, string, number], { value: number }>(
    'SELECT value FROM observation WHERE region_code = ? AND series_code = ? AND year = ?',
  );
  return (region: string, series: string, year: number): { value: number } | undefined => stmt.get(region, series, year);
};

/**
 * Which of these regions have any stored value: a region with none needs no lookup per value (an import of new
 * townships or of a new database stores 200,000 values without one).
 */
export const regionsWithValues = (db: ReadDb, regionCodes: Iterable<string>): Set<string> =>
  new Set(
    db
      .prepare<[string], string>('SELECT value FROM json_each(?) WHERE EXISTS (SELECT 1 FROM observation WHERE region_code = json_each.value)')
      .pluck()
      .all(JSON.stringify([...new Set(regionCodes)])),
  );

export const getObservation = (db: ReadDb, region: string, series: string, year: number): ObservationRecord | null => {
  const row = db
    .prepare<[string, string, number], ObservationRow>('SELECT * FROM observation WHERE region_code = ? AND series_code = ? AND year = ?')
    .get(region, series, year);
  return row ? toObservation(row) : null;
};

export const countObservations = (db: ReadDb): number =>
  db.prepare<[], { n: number }>('SELECT count(*) AS n FROM observation').get()!.n;

/** Writes one observation, keeping the value it replaces (with its provenance) for the batch's undo. */
export const prepareObservationWriter = (db: WriteDb) => {
  const select = db.prepare<[string, string, number], ObservationRow>(
    'SELECT * FROM observation WHERE region_code = ? AND series_code = ? AND year = ?',
  );
  const keepReplaced = db.prepare(
    `INSERT OR IGNORE INTO observation_replaced (batch_id, region_code, series_code, year, old_value, old_batch_id, old_sheet, old_cell, old_entered_by, old_entered_at, old_derived_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A plain INSERT or UPDATE by what the lookup found: an UPSERT that may set batch_id (a foreign key) costs about
  // 15 µs a row more with foreign keys on (200,000 rows: 4.0 s against 0.8 s).
  const insert = db.prepare<[string, string, number, number, number | null, string | null, string | null, string | null, string, string | null]>(
    `INSERT INTO observation (region_code, series_code, year, value, batch_id, sheet, cell, entered_by, entered_at, derived_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare<[number, number | null, string | null, string | null, string | null, string, string | null, string, string, number]>(
    `UPDATE observation SET value = ?, batch_id = ?, sheet = ?, cell = ?, entered_by = ?, entered_at = ?, derived_from = ?
     WHERE region_code = ? AND series_code = ? AND year = ?`,
  );
  /** `isNew`: the caller knows nothing is stored for the value's region (regionsWithValues, in this transaction). */
  return (o: ObservationRecord, isNew = false): 'inserted' | 'replaced' | 'unchanged' => {
    const old = isNew ? undefined : select.get(o.regionCode, o.seriesCode, o.year);
    if (old && old.value === o.value && old.batch_id === o.batchId) return 'unchanged';
    if (old && o.batchId !== null) {
      keepReplaced.run(o.batchId, old.region_code, old.series_code, old.year, old.value, old.batch_id, old.sheet, old.cell, old.entered_by, old.entered_at, old.derived_from);
    }
    if (old) update.run(o.value, o.batchId, o.sheet, o.cell, o.enteredBy, o.enteredAt, o.derivedFrom ?? null, o.regionCode, o.seriesCode, o.year);
    else insert.run(o.regionCode, o.seriesCode, o.year, o.value, o.batchId, o.sheet, o.cell, o.enteredBy, o.enteredAt, o.derivedFrom ?? null);
    return old ? 'replaced' : 'inserted';
  };
};
