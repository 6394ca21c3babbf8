/** Items and indicators (the `series` code space) and their aliases. */
import { nameKey } from '../../../shared/text/normalize';
import type { Aggregation, Direction, Series } from '../../../shared/types';
import type { ReadDb, WriteDb } from '../types';

type SeriesRow = {
  code: string;
  kind: 'item' | 'indicator';
  name: string;
  unit: string;
  aggregation: Aggregation;
  weight_code: string | null;
  is_absolute: number;
  is_growth_rate: number;
  inherits: number;
  note: string | null;
  nature: 'stock' | 'flow' | null;
  range_min: number | null;
  range_max: number | null;
  direction: Direction | null;
  formula: string | null;
};

const toSeries = (r: SeriesRow): Series => ({
  code: r.code,
  kind: r.kind,
  name: r.name,
  unit: r.unit,
  aggregation: r.aggregation,
  weightCode: r.weight_code,
  isAbsolute: r.is_absolute === 1,
  isGrowthRate: r.is_growth_rate === 1,
  inherits: r.inherits === 1,
  direction: r.direction,
  formula: r.formula,
  note: r.note,
  nature: r.nature,
  range: r.range_min === null || r.range_max === null ? null : [r.range_min, r.range_max],
});

const SELECT = 'SELECT s.*, i.direction, i.formula FROM series s LEFT JOIN indicator i ON i.code = s.code';

export const allSeries = (db: ReadDb): Series[] =>
  db.prepare<[], SeriesRow>(`${SELECT} ORDER BY s.kind, s.code`).all().map(toSeries);

export const getSeries = (db: ReadDb, code: string): Series | null => {
  const row = db.prepare<[string], SeriesRow>(`${SELECT} WHERE s.code = ?`).get(code);
  return row ? toSeries(row) : null;
};

/** Series whose name or alias has the same normalised key as `name`. */
export const seriesByName = (db: ReadDb, name: string): Series[] =>
  db
    .prepare<[string], SeriesRow>(`${SELECT} WHERE s.code IN (SELECT series_code FROM series_alias WHERE alias_key = ?) ORDER BY s.code`)
    .all(nameKey(name))
    .map(toSeries);

export const allAliases = (db: ReadDb): { key: string; alias: string; code: string }[] =>
  db.prepare<[], { alias_key: string; alias: string; series_code: string }>('SELECT * FROM series_alias').all()
    .map((r) => ({ key: r.alias_key, alias: r.alias, code: r.series_code }));

export const upsertSeries = (db: WriteDb, s: Series, aliases: readonly string[]): void => {
  db.prepare(
    `INSERT INTO series (code, kind, name, unit, aggregation, weight_code, is_absolute, is_growth_rate, inherits, note, nature, range_min, range_max)
     VALUES (@code, @kind, @name, @unit, @aggregation, @weightCode, @isAbsolute, @isGrowthRate, @inherits, @note, @nature, @rangeMin, @rangeMax)
     ON CONFLICT(code) DO UPDATE SET kind = excluded.kind, name = excluded.name, unit = excluded.unit,
       aggregation = excluded.aggregation, weight_code = excluded.weight_code, is_absolute = excluded.is_absolute,
       is_growth_rate = excluded.is_growth_rate, inherits = excluded.inherits, note = excluded.note,
       nature = coalesce(excluded.nature, series.nature), range_min = excluded.range_min, range_max = excluded.range_max`,
  ).run({
    code: s.code, kind: s.kind, name: s.name, unit: s.unit, aggregation: s.aggregation, weightCode: s.weightCode, note: s.note,
    isAbsolute: s.isAbsolute ? 1 : 0, isGrowthRate: s.isGrowthRate ? 1 : 0, inherits: s.inherits ? 1 : 0,
    nature: s.nature ?? null, rangeMin: s.range?.[0] ?? null, rangeMax: s.range?.[1] ?? null,
  });
  if (s.kind === 'indicator') {
    db.prepare(
      `INSERT INTO indicator (code, direction, formula) VALUES (?, ?, ?)
       ON CONFLICT(code) DO UPDATE SET direction = excluded.direction, formula = excluded.formula`,
    ).run(s.code, s.direction ?? 'increase', s.formula);
  }
  const insertAlias = db.prepare('INSERT OR IGNORE INTO series_alias (alias_key, series_code, alias) VALUES (?, ?, ?)');
  for (const alias of [s.name, ...aliases]) insertAlias.run(nameKey(alias), s.code, alias);
};
