/**
 * Checks an import's values against the rules declared with the items (templates/catalog/series.json) and against
 * what is stored, before anything is written: a value within its item's plausible range, a part never exceeds its whole (护理型床位数 ≤ 养老机构床位总数,
 * 其中：低保金 ≤ 资金支出), a count does not jump more than tenfold from the year before (a unit slip: 万 and 个), and a
 * standard, rate or share is not far from its sibling regions'.
 * Warnings with the numbers and cells that break the rule, never refusals.
 */
import type { Problem } from '../../../shared/errors';
import type { ReadDb } from '../../db/types';
import { builtInCatalog } from '../../catalog/load';
import { catalogOf, regionTreeOf } from '../context';
import type { ParsedObservation } from './types';
import { ValueIndex } from './value-index';

/** A count that moves more than this factor from one year to the next is questioned. */
export const JUMP_FACTOR = 10;
/** Past this many values an import compares a year with the stored year before only (memory stays bounded). */
const IN_FILE_JUMP_LIMIT = 200_000;
const MAX_WARNINGS = 100;

const num = (x: number): string => String(Number(x.toPrecision(12)));
/** Where a value is: its cell, or its year for a value already stored (the data checks of a report). */
const whereOf = (o: ParsedObservation): string => (o.sheet ? `“${o.sheet}”!${o.cell}` : `${o.year}年`);

/**
 * This import's values by region, series and year (ValueIndex: no string per value) or period (few: by their text),
 * in the order first read.
 */
class ReadValues {
  private readonly annual = new ValueIndex<number>();
  private readonly periods = new Map<string, number>();
  readonly list: ParsedObservation[] = [];

  private static periodKey(region: string, code: string, o: ParsedObservation): string {
    return `${region}|${code}|${o.period}|${o.periodKind}`;
  }
  set(o: ParsedObservation): void {
    const at = this.position(o.regionCode, o.seriesCode, o);
    if (at !== undefined) {
      this.list[at] = o;
      return;
    }
    if (o.period) this.periods.set(ReadValues.periodKey(o.regionCode, o.seriesCode, o), this.list.length);
    else this.annual.set(o.regionCode, o.seriesCode, o.year, this.list.length);
    this.list.push(o);
  }
  private position(region: string, code: string, like: ParsedObservation): number | undefined {
    return like.period ? this.periods.get(ReadValues.periodKey(region, code, like)) : this.annual.get(region, code, like.year);
  }
  /** The value of this region and series for the year, or the period, of `like`. */
  get(region: string, code: string, like: ParsedObservation): ParsedObservation | undefined {
    const at = this.position(region, code, like);
    return at === undefined ? undefined : this.list[at];
  }
  /** The year's value of this region and series. */
  inYear(region: string, code: string, year: number): ParsedObservation | undefined {
    const at = this.annual.get(region, code, year);
    return at === undefined ? undefined : this.list[at];
  }
}

export const checkRules = (db: ReadDb, annual: ParsedObservation[], periods: ParsedObservation[]): Problem[] => {
  const catalog = catalogOf(db);
  const wholeOf = new Map(builtInCatalog().items.filter((i) => i.within).map((i) => [i.code, i.within!]));
  const partsOf = new Map<string, string[]>();
  for (const [part, whole] of wholeOf) partsOf.set(whole, [...(partsOf.get(whole) ?? []), part]);
  const problems: Problem[] = [];
  // Stored values read a series and year (or period) at a time, for every region at once: a large import asks a few
  // dozen queries, not one per cell.
  const cache = new Map<string, Map<string, number>>();
  const annualOf = db.prepare<[string, number], { region_code: string; value: number }>('SELECT region_code, value FROM observation WHERE series_code = ? AND year = ?');
  const periodOf = db.prepare<[string, string, string], { region_code: string; value: number }>(
    'SELECT region_code, value FROM period_observation WHERE series_code = ? AND period = ? AND kind = ?',
  );
  const storedValue = (region: string, code: string, year: number, period?: string, kind?: string): number | undefined => {
    const key = period ? `${code}|${period}|${kind}` : `${code}|${year}`;
    let byRegion = cache.get(key);
    if (!byRegion) {
      const rows = period ? periodOf.all(code, period, kind!) : annualOf.all(code, year);
      byRegion = new Map(rows.map((r) => [r.region_code, r.value]));
      cache.set(key, byRegion);
    }
    return byRegion.get(region);
  };
  const when = (o: ParsedObservation): string => (o.period ? `${o.period}|${o.periodKind}` : String(o.year));
  // Values of this import by region, series and year or period: those a rule names, and (for a file of ordinary size)
  // all, for the year before.
  const inRules = new Set([...wholeOf.keys(), ...wholeOf.values()]);
  const everything = annual.length + periods.length <= IN_FILE_JUMP_LIMIT;
  const read = new ReadValues();
  for (const list of [annual, periods]) {
    for (const o of list) if (everything || inRules.has(o.seriesCode)) read.set(o);
  }
  const valueOf = (o: ParsedObservation, code: string): { value: number; where: string } | null => {
    const fresh = read.get(o.regionCode, code, o);
    if (fresh) return { value: fresh.value, where: whereOf(fresh) };
    const stored = storedValue(o.regionCode, code, o.year, o.period, o.periodKind);
    return stored !== undefined ? { value: stored, where: '已保存' } : null;
  };
  const checked = new Set<string>();
  for (const o of read.list) {
    if (problems.length >= MAX_WARNINGS) break;
    if (!inRules.has(o.seriesCode)) continue;
    // The part is checked once, whichever of the two was read.
    const pairs = [
      ...(wholeOf.has(o.seriesCode) ? [[o.seriesCode, wholeOf.get(o.seriesCode)!] as const] : []),
      ...(partsOf.get(o.seriesCode) ?? []).map((part) => [part, o.seriesCode] as const),
    ];
    for (const [part, whole] of pairs) {
      const key = `${o.regionCode}|${part}|${whole}|${when(o)}`;
      if (checked.has(key)) continue;
      checked.add(key);
      const p = part === o.seriesCode ? { value: o.value, where: whereOf(o) } : valueOf(o, part);
      const w = whole === o.seriesCode ? { value: o.value, where: whereOf(o) } : valueOf(o, whole);
      if (!p || !w || p.value <= w.value * (1 + 1e-9)) continue;
      const at = read.get(o.regionCode, part, o) ?? o;
      problems.push({
        severity: 'warning',
        sheet: at.sheet,
        cell: at.cell,
        message: `${catalog.get(part).name}（${num(p.value)}，${p.where}）大于${catalog.get(whole).name}（${num(w.value)}，${w.where}），部分不应超过整体，请核对 / a part exceeds its whole`,
      });
    }
  }
  for (const o of annual) {
    if (problems.length >= MAX_WARNINGS) break;
    const series = catalog.get(o.seriesCode);
    if (series.kind !== 'item' || series.aggregation !== 'sum' || o.value <= 0) continue;
    const before = read.inYear(o.regionCode, o.seriesCode, o.year - 1)?.value ?? storedValue(o.regionCode, o.seriesCode, o.year - 1);
    if (before === undefined || before <= 0) continue;
    const ratio = o.value / before;
    if (ratio > JUMP_FACTOR || ratio < 1 / JUMP_FACTOR) {
      problems.push({
        severity: 'warning',
        sheet: o.sheet,
        cell: o.cell,
        message: `${series.name}${o.year}年为${num(o.value)}${series.unit}，${o.year - 1}年为${num(before)}${series.unit}，${ratio > 1 ? `增至约${num(Math.round(ratio))}倍` : `降至约1/${num(Math.round(1 / ratio))}`}，请核对数值和单位 / changed more than ${JUMP_FACTOR}-fold from the year before`,
      });
    }
  }
  problems.push(...siblingOutliers(db, annual, read, storedValue, MAX_WARNINGS - problems.length));
  return problems;
};

/** A rate, share or standard this many times above or below the median of its sibling regions is questioned. */
export const SIBLING_FACTOR = 3;
/** …when at least this many siblings have a value for the series and year. */
const MIN_SIBLINGS = 4;

/** The first index of a sorted list whose element is not below x. */
const lowerBound = (sorted: readonly number[], x: number): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The median of a sorted list without its element at `skip` (-1: all of it). */
const medianWithout = (sorted: readonly number[], skip: number): number => {
  const n = skip < 0 ? sorted.length : sorted.length - 1;
  const at = (k: number): number => sorted[skip >= 0 && k >= skip ? k + 1 : k]!;
  return n % 2 === 1 ? at(n >> 1) : (at(n / 2 - 1) + at(n / 2)) / 2;
};

/**
 * A value far from its sibling regions' (a township's 城市低保标准 of 2100 元 where the others give about 630 元): for
 * series that do not add up (standards, rates, shares), whose siblings are comparable; counts differ with a
 * region's size and are not compared. Siblings' values come from this import or from what is stored, gathered once
 * per parent, series and year (an import of many townships does not read their siblings again for each).
 */
const siblingOutliers = (
  db: ReadDb,
  annual: ParsedObservation[],
  read: ReadValues,
  storedValue: (region: string, code: string, year: number) => number | undefined,
  room: number,
): Problem[] => {
  const catalog = catalogOf(db);
  const { regions, nodes } = regionTreeOf(db);
  const groups = new Map<string, { byRegion: Map<string, number>; sorted: number[] }>();
  const groupOf = (parent: string, code: string, year: number) => {
    const key = `${parent}|${code}|${year}`;
    let g = groups.get(key);
    if (!g) {
      const byRegion = new Map<string, number>();
      for (const c of nodes.get(parent)?.children ?? []) {
        const v = read.inYear(c, code, year)?.value ?? storedValue(c, code, year);
        if (v !== undefined && v > 0) byRegion.set(c, v);
      }
      groups.set(key, (g = { byRegion, sorted: [...byRegion.values()].sort((x, y) => x - y) }));
    }
    return g;
  };
  const problems: Problem[] = [];
  for (const o of annual) {
    if (problems.length >= room) break;
    const series = catalog.get(o.seriesCode);
    if (series.aggregation === 'sum' || o.value <= 0) continue;
    const parent = regions.get(o.regionCode)?.parentCode;
    if (!parent) continue;
    const g = groupOf(parent, o.seriesCode, o.year);
    // The siblings only: the region's own figure (read or stored) is left out.
    const own = g.byRegion.get(o.regionCode);
    const skip = own === undefined ? -1 : lowerBound(g.sorted, own);
    const count = g.sorted.length - (skip < 0 ? 0 : 1);
    if (count < MIN_SIBLINGS) continue;
    const m = medianWithout(g.sorted, skip);
    const ratio = o.value / m;
    if (ratio <= SIBLING_FACTOR && ratio >= 1 / SIBLING_FACTOR) continue;
    problems.push({
      severity: 'warning',
      sheet: o.sheet,
      cell: o.cell,
      message: `${regions.get(o.regionCode)?.name ?? o.regionCode}${series.name}${o.year}年为${num(o.value)}${series.unit}，同级${count}个地区的中位数为${num(Number(m.toPrecision(6)))}${series.unit}，${ratio > 1 ? `约为其${num(Math.round(ratio * 10) / 10)}倍` : `约为其1/${num(Math.round((1 / ratio) * 10) / 10)}`}，请核对 / far from the sibling regions' median`,
    });
  }
  return problems;
};

/** A value outside its item's plausible range (a share above 100%, a negative count): a warning naming the cell. */
export const outOfRange = (observations: ParsedObservation[], seriesOf: (code: string) => { name: string; unit: string; range?: readonly [number, number] | null; kind: string }): Problem[] => {
  const problems: Problem[] = [];
  for (const o of observations) {
    const s = seriesOf(o.seriesCode);
    const [min, max] = s.range ?? (s.kind === 'item' && s.unit !== '' ? [0, Infinity] : [-Infinity, Infinity]);
    if (o.value >= min && o.value <= max) continue;
    const span = max === Infinity ? `不小于${min}` : `${min}至${max}`;
    // A stored value (no sheet) says its year; a cell says where it is.
    problems.push({ severity: 'warning', sheet: o.sheet, cell: o.cell, message: `${s.name}${o.sheet ? '' : `${o.year}年`}为${o.value}${s.unit}，超出合理范围（${span}${s.unit}），请核对 / ${o.value} is outside the plausible range of ${s.name}` });
    if (problems.length >= 50) break;
  }
  return problems;
};
