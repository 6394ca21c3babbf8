/**
 * Monthly and quarterly figures (DESIGN.md "Statistical periods"): which kind a column holds (当月/本季, 累计 from
 * January, 期末), the period of each value read from a month's or a quarter's report, and the rule that makes a
 * year's value of them, never guessed: a stock → its value at the year's end (12月, 四季度); a flow → its
 * 1–12月累计 figure, else the sum of the twelve months or the four quarters when every one is present; otherwise none.
 */
import type { Problem } from '../../../shared/errors';
import type { Series } from '../../../shared/types';
import type { ReadDb } from '../../db/types';
import type { SheetPeriod } from './sheet-period';
import type { ParsedObservation, PeriodKind } from './types';

/** What a column's header says of its period: for the period alone, from January, or at the period's end. */
export type ColumnKind = 'alone' | 'cumulative' | 'end';

const KIND_WORD: { re: RegExp; kind: ColumnKind }[] = [
  { re: /^(?:本年|今年|年初至今|1-\d{1,2}月|1至\d{1,2}月)?累计(?:数|值)?$/u, kind: 'cumulative' },
  { re: /^(?:当月|本月|本期|当季|本季|本季度|当期)(?:数|值|发生数)?$/u, kind: 'alone' },
  { re: /^(?:期末|月末|季末|年末|本月末|本季末)(?:数|值|实有数)?$/u, kind: 'end' },
];
const KIND_PREFIX: { re: RegExp; kind: ColumnKind }[] = [
  { re: /^(?:本年累计|累计)(?=.)/u, kind: 'cumulative' },
  { re: /^(?:当月|本月|当季|本季度?)(?=.)/u, kind: 'alone' },
  { re: /^(?:期末|月末|季末)(?=.)/u, kind: 'end' },
];

/** The kind a column's header parts state, and the parts left to name the item ("当月资金支出" → 当月, "资金支出"). */
export const columnKind = (parts: readonly string[]): { kind: ColumnKind | null; parts: string[] } => {
  let kind: ColumnKind | null = null;
  const rest: string[] = [];
  for (const part of parts) {
    const t = part.normalize('NFKC').replace(/\s+/g, '');
    const whole = KIND_WORD.find((k) => k.re.test(t));
    if (whole) {
      kind = whole.kind;
      continue;
    }
    const prefix = KIND_PREFIX.find((k) => k.re.test(t));
    if (prefix) {
      kind = prefix.kind;
      rest.push(t.replace(prefix.re, ''));
      continue;
    }
    rest.push(part);
  }
  return { kind, parts: rest };
};

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A 累计 heading that names its months (1-11月累计) must end where the sheet's report does: on a December sheet a
 * 1-11月 column is November's and no year; the message for such a column, or null when it fits or names none.
 */
export const cumulativeMismatch = (heading: string, sheet: SheetPeriod): string | null => {
  const m = /1\s*月?\s*[-—–~～至到]\s*(\d{1,2})\s*月/u.exec(heading.normalize('NFKC'));
  if (!m || sheet.kind === 'year') return null;
  const end = sheet.kind === 'month' ? sheet.month : sheet.quarter * 3;
  const through = Number(m[1]);
  return through === end ? null : `“${heading}”是1-${through}月的累计数，与本表的${end}月报表不符，此列未读取 / a 1–${through} cumulative column on a month-${end} report was not read`;
};

/**
 * The period and kind of a value read from a month's or a quarter's report; null for a year's sheet (an annual
 * value). A column with no mark holds a stock's value at the period's end, and a flow's amount for the period
 * alone, or from January when the title counts from January (2023年1-12月).
 */
export const periodOfValue = (sheet: SheetPeriod, column: ColumnKind | null, series: Series): { period: string; kind: PeriodKind } | null => {
  if (sheet.kind === 'year') return null;
  const period = sheet.kind === 'month' ? `${sheet.year}-${pad(sheet.month)}` : `${sheet.year}Q${sheet.quarter}`;
  const alone: PeriodKind = sheet.kind === 'month' ? '当月' : '本季';
  const isFlow = series.nature === 'flow';
  const kind: PeriodKind =
    column === 'cumulative' ? '累计' : column === 'end' ? '期末' : column === 'alone' ? (isFlow ? alone : '期末') : isFlow ? (sheet.cumulative ? '累计' : alone) : '期末';
  return { period, kind };
};

const endOf = (period: string): { year: number; month: number } => {
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (q) return { year: Number(q[1]), month: Number(q[2]) * 3 };
  const m = /^(\d{4})-(\d{2})$/.exec(period)!;
  return { year: Number(m[1]), month: Number(m[2]) };
};

type PeriodValue = Pick<ParsedObservation, 'value' | 'sheet' | 'cell' | 'period' | 'periodKind'> & { stored?: boolean; batch?: number };

const where = (v: PeriodValue): string => `${v.sheet}!${v.cell}`;

/**
 * The annual values the period figures give, by DESIGN.md's rule, with where each came from; the stored figures of
 * earlier imports count too (the twelfth month completes a year whose other months came before), the new ones win.
 */
export const deriveAnnual = (
  db: ReadDb,
  read: ParsedObservation[],
  seriesOf: (code: string) => Series,
): { annual: ParsedObservation[]; notes: Problem[] } => {
  const groups = new Map<string, ParsedObservation[]>();
  for (const o of read) {
    const key = `${o.regionCode}|${o.seriesCode}|${o.year}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(o);
  }
  const storedOf = db.prepare<[string, string, number], { period: string; kind: PeriodKind; value: number; sheet: string; cell: string; batch_id: number }>(
    'SELECT period, kind, value, sheet, cell, batch_id FROM period_observation WHERE region_code = ? AND series_code = ? AND year = ?',
  );
  const conflicts: Problem[] = [];
  const annual: ParsedObservation[] = [];
  const partial = new Map<string, { sheet: string; series: Set<string>; label: string }>();
  for (const group of groups.values()) {
    const first = group[0]!;
    const series = seriesOf(first.seriesCode);
    const byKey = new Map<string, PeriodValue>();
    for (const s of storedOf.all(first.regionCode, first.seriesCode, first.year)) {
      byKey.set(`${s.period}|${s.kind}`, { value: s.value, sheet: s.sheet, cell: s.cell, period: s.period, periodKind: s.kind, stored: true, batch: s.batch_id });
    }
    for (const o of group) byKey.set(`${o.period}|${o.periodKind}`, o);
    // This import's figures first: a year-end figure just read wins over one stored before.
    const values = [...byKey.values()].sort((a, b) => Number(a.stored ?? false) - Number(b.stored ?? false));
    const atYearEnd = values.filter((v) => endOf(v.period!).month === 12);
    const yearEndConflict = (pick: (v: PeriodValue) => boolean, what: string) => {
      const fresh = atYearEnd.find((v) => !v.stored && pick(v));
      const old = atYearEnd.find((v) => v.stored && pick(v) && v.value !== fresh?.value);
      if (fresh && old) {
        conflicts.push({
          severity: 'warning',
          sheet: fresh.sheet,
          cell: fresh.cell,
          message: `${series.name}${first.year}年的${what}取本次导入的${fresh.value}（${where(fresh)}），以前导入的${old.value}（${where(old)}）不再采用 / the year-end figure just read (${fresh.value}) replaces the one imported before (${old.value})`,
        });
      }
    };
    let made: { value: number; from: PeriodValue[]; rule: string } | null = null;
    if (series.nature === 'flow' && values.some((v) => !v.stored)) {
      // The figures of one year must agree: 累计 not below the period's own, the months' sum equal to 1-12月累计.
      for (const c of values.filter((v) => v.periodKind === '累计' && !v.stored)) {
        const alone = values.find((v) => v.period === c.period && (v.periodKind === '当月' || v.periodKind === '本季'));
        if (alone && alone.value >= 0 && c.value < alone.value) {
          conflicts.push({ severity: 'warning', sheet: c.sheet, cell: c.cell, message: `${series.name}的累计数${c.value}小于同期的${alone.periodKind}数${alone.value}（${where(alone)}），请核对 / the cumulative figure is below the period's own` });
        }
      }
      const total = atYearEnd.find((v) => v.periodKind === '累计');
      for (const [kind, count, label] of [['当月', 12, '12个月'], ['本季', 4, '4个季度']] as const) {
        const parts = values.filter((v) => v.periodKind === kind && !/Q/.test(v.period!) === (kind === '当月'));
        if (!total || new Set(parts.map((p) => p.period)).size !== count) continue;
        const sum = Number(parts.reduce((t, p) => t + p.value, 0).toPrecision(12));
        if (Math.abs(sum - total.value) > 1e-9 * Math.max(1, Math.abs(total.value))) {
          conflicts.push({ severity: 'warning', sheet: total.sheet, cell: total.cell, message: `${series.name}${first.year}年${label}之和为${sum}，1-12月累计数为${total.value}（${where(total)}），两者不一致，全年数取累计数 / the ${count} periods sum to ${sum}, the cumulative figure is ${total.value}` });
        }
      }
    }
    if (series.nature === 'flow') {
      const total = atYearEnd.find((v) => v.periodKind === '累计');
      yearEndConflict((v) => v.periodKind === '累计', '1-12月累计数');
      if (total) made = { value: total.value, from: [total], rule: '1-12月累计' };
      else {
        for (const [kind, count, label] of [['当月', 12, '12个月之和'], ['本季', 4, '4个季度之和']] as const) {
          const parts = values.filter((v) => v.periodKind === kind && !/Q/.test(v.period!) === (kind === '当月'));
          if (new Set(parts.map((p) => p.period)).size === count) {
            made = { value: Number(parts.reduce((s, p) => s + p.value, 0).toPrecision(15)), from: parts.sort((a, b) => a.period!.localeCompare(b.period!)), rule: label };
            break;
          }
        }
      }
    } else {
      const end = atYearEnd.find((v) => v.periodKind === '期末') ?? atYearEnd.find((v) => v.periodKind !== '累计');
      yearEndConflict((v) => v.periodKind !== '累计', '年末数');
      if (end) made = { value: end.value, from: [end], rule: '年末数' };
    }
    if (!made) {
      const newest = group[group.length - 1]!;
      const key = `${newest.sheet}|${first.year}`;
      if (!partial.has(key)) partial.set(key, { sheet: newest.sheet, series: new Set(), label: `${first.year}年` });
      partial.get(key)!.series.add(series.name);
      continue;
    }
    // Only a year this import adds to: stored figures alone made last time's value already.
    if (made.from.every((v) => v.stored)) continue;
    const shown = made.from.find((v) => !v.stored) ?? made.from[0]!;
    const earlier = made.from.filter((v) => v.stored);
    const list =
      (made.from.length <= 3 ? made.from.map(where).join('、') : `${where(made.from[0]!)} … ${where(made.from[made.from.length - 1]!)}（共${made.from.length}个）`) +
      (earlier.length > 0 ? `，其中${earlier.length}个取自以前导入的第${[...new Set(earlier.map((v) => v.batch))].join('、')}批` : '');
    annual.push({
      regionCode: first.regionCode,
      seriesCode: first.seriesCode,
      year: first.year,
      value: made.value,
      sheet: shown.sheet,
      cell: shown.cell,
      sourceUnit: null,
      factor: 1,
      derivedFrom: `${made.rule}：${list}`,
      ...(earlier.length > 0 ? { sourceBatches: [...new Set(earlier.map((v) => v.batch!))] } : {}),
    });
  }
  const notes: Problem[] = [...partial.values()].map((p) => ({
    severity: 'warning',
    sheet: p.sheet,
    cell: '',
    message: `${p.label}尚无全年数的项目已保存月度或季度数据，待12月（四季度）报表或全年各期齐全后得出年度数：${[...p.series].slice(0, 8).join('、')}${p.series.size > 8 ? ` 等${p.series.size}项` : ''} / no annual value yet for ${p.series.size} item(s); their monthly or quarterly figures are kept`,
  }));
  return { annual, notes: [...conflicts, ...notes] };
};
