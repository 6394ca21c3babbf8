/**
 * Which series a data-entry workbook asks for: every main-table row's indicator, or, for a computed indicator, the
 * items and directly entered indicators its formula reaches (with the years its look-backs need), plus the series
 * and references of the row's parts. Pure: a plan and a catalogue in, ordered entry rows out.
 */
import { BugError } from '../../../shared/errors';
import { dependencies } from '../../../shared/formula/parser';
import type { Plan, PlanRow, Series } from '../../../shared/types';
import type { SeriesCatalog } from '../values';

/** A plan row that reads a series: its 序号 and name as the plan prints it (without the unit). */
const MAX_DEPTH = 20;

export interface EntryUse {
  seq: string;
  name: string;
}

export interface EntrySeries {
  code: string;
  name: string;
  kind: Series['kind'];
  /** The series' own unit: values are entered and stored in it. */
  unit: string;
  /** The first year to enter: the base year, or earlier when a formula looks back (上年度, growth). */
  firstYear: number;
  usedBy: EntryUse[];
  /** The catalogue's note (e.g. 外部参照值…), if any. */
  note: string | null;
  /** Units the plan prints for this series when they differ from `unit` (e.g. 万人 for a count kept in 人). */
  printedUnits: string[];
  /** Stock or flow: on a monthly sheet, a month-end figure or the month's own. */
  nature: 'stock' | 'flow' | null;
}

export interface EntryRows {
  /** The first year column: the base year, or the earliest look-back year of any series. */
  firstYear: number;
  lastYear: number;
  series: EntrySeries[];
}

/**
 * The series a plan needs, in plan-row order, each once. Years per series: every series is entered from the base
 * year to the target year, and earlier where the evaluation reads earlier years: a row's own indicator is read from
 * the base year (baseline from data), a part's indicator and reference from base year + 1 (evaluated years only, see
 * evaluate.ts), and a formula's year offsets shift those years into the past (上年度: base year − 1).
 */
export const entryRows = (catalog: SeriesCatalog, plan: Plan): EntryRows => {
  const found = new Map<string, EntrySeries>();
  const use = (row: PlanRow, code: string, from: number, printedUnit: string | null, depth = 0): void => {
    if (depth > MAX_DEPTH) throw new BugError(`formula nesting too deep (a cycle?) at ${code}`);
    const formula = catalog.formulas.get(code);
    if (formula) {
      for (const dep of dependencies(formula)) use(row, dep.code, from + dep.offset, null, depth + 1);
      return;
    }
    const series = catalog.get(code);
    let entry = found.get(code);
    if (!entry) {
      entry = { code, name: series.name, kind: series.kind, unit: series.unit, firstYear: from, usedBy: [], note: series.note, printedUnits: [], nature: series.nature ?? null };
      found.set(code, entry);
    }
    entry.firstYear = Math.min(entry.firstYear, from, plan.baseYear);
    if (!entry.usedBy.some((u) => u.seq === row.seq && u.name === row.name)) entry.usedBy.push({ seq: row.seq, name: row.name });
    if (printedUnit && printedUnit !== series.unit && !entry.printedUnits.includes(printedUnit)) entry.printedUnits.push(printedUnit);
  };
  const B = plan.baseYear;
  for (const table of plan.tables.filter((t) => t.kind === 'main')) {
    for (const row of table.rows) {
      use(row, row.indicatorCode, B, row.valueUnit === '' ? null : row.valueUnit);
      for (const part of row.parts) {
        use(row, part.indicatorCode, B + 1, null);
        use(row, part.referenceCode, B + 1, null);
      }
    }
  }
  const series = [...found.values()];
  const firstYear = Math.min(B, ...series.map((s) => s.firstYear));
  return { firstYear, lastYear: plan.targetYear, series };
};

/** The 说明 cell: which plan rows use the series, from which year it is needed, and the catalogue's note. */
export const usageNote = (s: EntrySeries, baseYear: number): string => {
  const parts = [`用于：${s.usedBy.map((u) => `${u.seq} ${u.name}`).join('；')}`];
  if (s.firstYear < baseYear) parts.push(`需从${s.firstYear}年起填报（计算上年度数值或增速）`);
  if (s.printedUnits.length > 0) parts.push(`规划表以“${s.printedUnits.join('、')}”列示，此处请按“${s.unit}”填报`);
  if (s.note) parts.push(s.note);
  return parts.join('。');
};
