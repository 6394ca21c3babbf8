/**
 * What an evaluation needs from the store, loaded in a few queries: the catalogue (units and formulas parsed, kept
 * per database), the region tree, and the observations of one region's subtree for the years in question.
 */
import type { Region } from '../../shared/types';
import { valueLoader } from '../db/queries/observations';
import { databaseState } from '../db/state';
import { allRegions } from '../db/queries/regions';
import { allSeries } from '../db/queries/series';
import type { ReadDb } from '../db/types';
import { SeriesCatalog, StoredValues, ValueResolver, type RegionNode } from './values';

const catalogs = new WeakMap<ReadDb, SeriesCatalog>();
const trees = new WeakMap<ReadDb, { regions: Map<string, Region>; nodes: Map<string, RegionNode> }>();

export const catalogOf = (db: ReadDb): SeriesCatalog => {
  let c = catalogs.get(db);
  if (!c) catalogs.set(db, (c = new SeriesCatalog(allSeries(db))));
  return c;
};

export const regionTreeOf = (db: ReadDb): { regions: Map<string, Region>; nodes: Map<string, RegionNode> } => {
  let t = trees.get(db);
  if (!t) {
    const regions = new Map(allRegions(db).map((r) => [r.code, r]));
    const nodes = new Map<string, RegionNode>([...regions.values()].map((r) => [r.code, { code: r.code, parent: r.parentCode, children: [] }]));
    for (const r of regions.values()) if (r.parentCode) nodes.get(r.parentCode)?.children.push(r.code);
    trees.set(db, (t = { regions, nodes }));
  }
  return t;
};

/** Forget cached catalogue and tree (after regions or series change). */
export const invalidateContext = (db: ReadDb): void => {
  catalogs.delete(db);
  trees.delete(db);
};

/** Stores of stored values per database, kept while its state stays the same (a few: a plan's years and series each). */
const stores = new WeakMap<ReadDb, { state: string; byKey: Map<string, StoredValues> }>();
const STORES_KEPT = 8;

/**
 * The stored values of [fromYear, toYear] for these series, shared by every evaluation of the same database state: a
 * league table asked for again (another year's status, the app's screen redrawn) reads nothing from the database.
 */
const storedValuesFor = (db: ReadDb, fromYear: number, toYear: number, series: readonly string[]): StoredValues => {
  const fresh = () => new StoredValues(valueLoader(db, fromYear, toYear, series), fromYear, toYear, series);
  // Inside a transaction what is read may yet be rolled back (total_changes does not go back): not kept.
  if (db.inTransaction) return fresh();
  const state = databaseState(db);
  let cache = stores.get(db);
  if (!cache || cache.state !== state) stores.set(db, (cache = { state, byKey: new Map() }));
  const key = `${fromYear}|${toYear}|${series.join(',')}`;
  let store = cache.byKey.get(key);
  if (!store) {
    if (cache.byKey.size >= STORES_KEPT) cache.byKey.delete(cache.byKey.keys().next().value!);
    cache.byKey.set(key, (store = fresh()));
  }
  return store;
};

/** A resolver over the stored values of [fromYear, toYear]; of the given series only, when they are named. */
export const resolverFor = (db: ReadDb, fromYear: number, toYear: number, series?: ReadonlySet<string>): ValueResolver => {
  const catalog = catalogOf(db);
  const loaded = [...(series ?? catalog.byCode.keys())];
  return new ValueResolver(catalog, regionTreeOf(db).nodes, storedValuesFor(db, fromYear, toYear, loaded));
};

export const isWithinTree = (db: ReadDb, code: string, ancestor: string): boolean => {
  const { regions } = regionTreeOf(db);
  for (let c: string | null = code, guard = 0; c && guard < 10; guard++) {
    if (c === ancestor) return true;
    c = regions.get(c)?.parentCode ?? null;
  }
  return false;
};
