/**
 * An import's values by region, series and year, without a string per value (200,000 values: 200,000 strings and
 * their garbage saved). The region and the series are numbered in order of first sight; the key is one map per
 * series and year (series number × 4096 + year) holding one entry per region number: small integers both, the keys
 * V8's maps hash fastest.
 */
export class ValueIndex<T> {
  private readonly regions = new Map<string, number>();
  private readonly series = new Map<string, number>();
  private readonly bySeriesYear = new Map<number | string, Map<number, T>>();

  private static id(m: Map<string, number>, key: string, add: boolean): number {
    let i = m.get(key);
    if (i === undefined) {
      if (!add) return -1;
      m.set(key, (i = m.size));
    }
    return i;
  }

  private inner(series: string, year: number, add: boolean): Map<number, T> | undefined {
    const s = ValueIndex.id(this.series, series, add);
    if (s < 0) return undefined;
    // A year the layouts let through is 1949–2100; any other (never stored) keys by text, so no two can meet.
    const key = Number.isInteger(year) && year >= 0 && year < 4096 ? s * 4096 + year : `${s}|${year}`;
    let m = this.bySeriesYear.get(key);
    if (!m && add) this.bySeriesYear.set(key, (m = new Map()));
    return m;
  }

  get(region: string, series: string, year: number): T | undefined {
    const r = ValueIndex.id(this.regions, region, false);
    return r < 0 ? undefined : this.inner(series, year, false)?.get(r);
  }

  set(region: string, series: string, year: number, value: T): void {
    this.inner(series, year, true)!.set(ValueIndex.id(this.regions, region, true), value);
  }
}
