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

/** One region's stored values for the resolver's years: [series code, year, value]. */
export type ValueRow = readonly [string, number, number];

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
 * Resolves values, loading a region's stored values the first time the region is needed (a child region is loaded
 * only when a parent's value has to be aggregated); memoised per (series, region, year). Values and results are kept
 * per region and series in arrays by year (no string key per lookup): a league table of hundreds of regions reads
 * tens of thousands of them.
 */
export class ValueResolver {
  /** Per region, per series: the stored value of each year from `fromYear` (NaN: none). */
  private readonly observed = new Map<string, Map<string, Float64Array>>();
  /** Per region, per series: each year's result (undefined: not computed yet). */
  private readonly memo = new Map<string, Map<string, Map<number, ResolvedValue | null | typeof IN_PROGRESS>>>();

  constructor(
    private readonly catalog: SeriesCatalog,
    private readonly tree: ReadonlyMap<string, RegionNode>,
    private readonly load: (region: string) => Iterable<ValueRow>,
    private readonly fromYear: number,
    private readonly toYear: number,
  ) {}

  private stored(code: string, region: string, year: number): number | undefined {
    let byCode = this.observed.get(region);
    if (!byCode) {
      byCode = new Map();
      this.observed.set(region, byCode);
      const span = this.toYear - this.fromYear + 1;
      for (const [series, y, value] of this.load(region)) {
        if (y < this.fromYear || y > this.toYear) continue;
        let years = byCode.get(series);
        if (!years) byCode.set(series, (years = new Float64Array(span).fill(Number.NaN)));
        years[y - this.fromYear] = value;
      }
    }
    const v = byCode.get(code)?.[year - this.fromYear];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }

  get(code: string, region: string, year: number): ResolvedValue | null {
    // Years outside the loaded span have no stored values; formulas may still look there (last year's growth).
    const inSpan = year >= this.fromYear && year <= this.toYear;
    let byCode = this.memo.get(region);
    if (!byCode) this.memo.set(region, (byCode = new Map()));
    let years = byCode.get(code);
    if (!years) byCode.set(code, (years = new Map()));
    const known = years.get(year);
    if (known === IN_PROGRESS) throw new BugError(`formula cycle at ${key(code, region, year)}`);
    if (known !== undefined) return known;
    // Marked while it is computed: a formula that comes back to it is a cycle (no string key per lookup).
    years.set(year, IN_PROGRESS);
    try {
      const result = this.compute(code, region, year, inSpan);
      years.set(year, result);
      return result;
    } catch (error) {
      years.delete(year);
      throw error;
    }
  }

  private compute(code: string, region: string, year: number, inSpan: boolean): ResolvedValue | null {
    const series = this.catalog.get(code);
    const own = inSpan ? this.stored(code, region, year) : undefined;
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
