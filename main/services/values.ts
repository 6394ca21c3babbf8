/**
 * The indicator engine: the value of any item or indicator for a region and year. A region's own observation
 * comes first (for an indicator: a directly entered value overrides its formula); then the indicator's formula over
 * items (with year offsets and unit conversion); then aggregation over the child regions by the series' rule.
 * Ratios are therefore recomputed from aggregated numerators and denominators, never averaged.
 */
import { BugError } from '../../shared/errors';
import { evaluateFormula } from '../../shared/formula/evaluate';
import { parseFormula, type FormulaNode } from '../../shared/formula/parser';
import type { Series, ValueSource } from '../../shared/types';
import { quantity } from '../../shared/units/quantity-math';
import { parseUnit, type Unit } from '../../shared/units/units';

export interface ResolvedValue {
  /** In the series' own unit. */
  value: number;
  source: ValueSource;
}

export interface RegionNode {
  code: string;
  parent: string | null;
  children: string[];
}

const key = (series: string, region: string, year: number): string => `${series}|${region}|${year}`;

/** A value being computed (its formula's inputs are being resolved). */
const IN_PROGRESS = Symbol('in progress');

/**
 * The stored values of some regions as the loader reads them: for each value its slot (the region's index in the
 * list asked for × series × years, + the series' index × years in the span, + year − first year) and the value. Two
 * arrays of numbers: a league table reads tens of thousands of values, and an object or a string per value is what
 * the garbage collector then spends its time on.
 */
export interface LoadedValues {
  slots: readonly number[];
  values: readonly number[];
}

/** Reads the stored values of the regions, for the series (by index) and years of the resolver. */
export type ValueLoader = (regions: readonly string[]) => LoadedValues;

/** A memo key: the series' index and the year in one number (years stay below 4096). */
const memoKey = (index: number, year: number): number => index * 4096 + year;

/** A catalogue prepared once: units and formulas parsed. */
export class SeriesCatalog {
  readonly byCode = new Map<string, Series>();
  readonly units = new Map<string, Unit>();
  readonly formulas = new Map<string, FormulaNode>();
  constructor(series: Series[]) {
    for (const s of series) {
      this.byCode.set(s.code, s);
      this.units.set(s.code, parseUnit(s.unit));
      if (s.formula) this.formulas.set(s.code, parseFormula(s.formula));
    }
  }
  get(code: string): Series {
    const s = this.byCode.get(code);
    if (!s) throw new BugError(`unknown series ${code}`);
    return s;
  }
}

/**
 * The stored values of regions for a span of years and a list of series, loaded on demand (many regions in one read)
 * and kept as one array of numbers per region: read only once loaded, so one store serves every evaluation of the
 * same database state (context.ts keeps it until the database changes).
 */
export class StoredValues {
  /** Per region: the stored value of each series (by index) and year from `fromYear` (NaN: none). */
  private readonly observed = new Map<string, Float64Array>();
  readonly span: number;

  constructor(
    private readonly load: ValueLoader,
    readonly fromYear: number,
    readonly toYear: number,
    /** The series whose stored values are loaded, in the loader's order. */
    readonly series: readonly string[],
  ) {
    this.span = toYear - fromYear + 1;
  }

  /**
   * Loads the stored values of the regions not loaded yet, all in one read: a league table's sub-regions or the
   * children a parent's sum needs cost one statement, not one per region.
   */
  preload(regions: readonly string[]): void {
    const missing = regions.filter((r) => !this.observed.has(r));
    if (missing.length === 0) return;
    const size = this.series.length * this.span;
    const arrays = missing.map((r) => {
      const values = new Float64Array(size).fill(Number.NaN);
      this.observed.set(r, values);
      return values;
    });
    const { slots, values } = this.load(missing);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      arrays[Math.floor(slot / size)]![slot % size] = values[i]!;
    }
  }

  /** The stored value of the series with this index (its place in `series`), or undefined. */
  value(index: number, region: string, year: number): number | undefined {
    if (index >= this.series.length || year < this.fromYear || year > this.toYear) return undefined;
    let values = this.observed.get(region);
    if (!values) {
      this.preload([region]);
      values = this.observed.get(region)!;
    }
    const v = values[index * this.span + year - this.fromYear]!;
    return Number.isNaN(v) ? undefined : v;
  }
}

/**
 * Resolves values over stored ones (a child region is loaded only when a parent's value has to be aggregated, all
 * the parent's children at once); memoised per (series, region, year), results keyed by a number (no string key per
 * lookup): a league table of hundreds of regions reads tens of thousands of them.
 */
export class ValueResolver {
  /** Per region: each (series, year)'s result by memoKey (undefined: not computed yet). */
  private readonly memo = new Map<string, Map<number, ResolvedValue | null | typeof IN_PROGRESS>>();
  /** Series code → index: the stored series first (their places in the store), then any other asked for. */
  private readonly index = new Map<string, number>();

  /** Series not in the store have no stored value here (their formulas and sums still resolve). */
  constructor(
    private readonly catalog: SeriesCatalog,
    private readonly tree: ReadonlyMap<string, RegionNode>,
    private readonly stored: StoredValues,
  ) {
    stored.series.forEach((code, i) => this.index.set(code, i));
  }

  private indexOf(code: string): number {
    let i = this.index.get(code);
    if (i === undefined) this.index.set(code, (i = this.index.size));
    return i;
  }

  /** Loads these regions' stored values at once (see StoredValues.preload). */
  preload(regions: readonly string[]): void {
    this.stored.preload(regions);
  }

  get(code: string, region: string, year: number): ResolvedValue | null {
    let byKey = this.memo.get(region);
    if (!byKey) this.memo.set(region, (byKey = new Map()));
    const index = this.indexOf(code);
    const k = memoKey(index, year);
    const known = byKey.get(k);
    if (known === IN_PROGRESS) throw new BugError(`formula cycle at ${key(code, region, year)}`);
    if (known !== undefined) return known;
    // Marked while it is computed: a formula that comes back to it is a cycle (no string key per lookup).
    byKey.set(k, IN_PROGRESS);
    try {
      const result = this.compute(code, index, region, year);
      byKey.set(k, result);
      return result;
    } catch (error) {
      byKey.delete(k);
      throw error;
    }
  }

  private compute(code: string, index: number, region: string, year: number): ResolvedValue | null {
    const series = this.catalog.get(code);
    // Years outside the loaded span have no stored values; formulas may still look there (last year's growth).
    const own = this.stored.value(index, region, year);
    if (own !== undefined) return { value: own, source: series.kind === 'indicator' ? 'direct' : 'data' };
    const formula = this.catalog.formulas.get(code);
    if (formula) {
      const value = evaluateFormula(
        formula,
        (dep, offset) => {
          const v = this.get(dep, region, year + offset);
          return v ? quantity(v.value, this.catalog.units.get(dep)!) : null;
        },
        this.catalog.units.get(code)!,
      );
      return value === null ? null : { value, source: 'formula' };
    }
    const aggregated = this.aggregate(series, region, year);
    if (aggregated || !series.inherits) return aggregated;
    // An outside reference entered for a region above (全省标准低限 for the province) applies here too.
    const parent = this.tree.get(region)?.parent;
    const inherited = parent ? this.get(code, parent, year) : null;
    return inherited ? { ...inherited, source: 'data' } : null;
  }

  /** A parent's value from its children, only when every child has one: a partial sum is not a total. */
  private aggregate(series: Series, region: string, year: number): ResolvedValue | null {
    if (series.aggregation === 'none') return null;
    const children = this.tree.get(region)?.children ?? [];
    if (children.length === 0) return null;
    this.stored.preload(children);
    let total = 0;
    let weights = 0;
    for (const child of children) {
      const v = this.get(series.code, child, year);
      if (!v) return null;
      if (series.aggregation === 'sum') total += v.value;
      else {
        const w = this.get(series.weightCode!, child, year);
        if (!w) return null;
        total += v.value * w.value;
        weights += w.value;
      }
    }
    if (series.aggregation === 'weighted_mean') {
      if (weights === 0) return null;
      total /= weights;
    }
    return { value: total, source: 'aggregate' };
  }
}
