/**
 * The period a sheet states about itself, in its name or in a title row above the table: a year ("2023年",
 * "2023年度"), a month's report ("2023年12月", "2023年1-12月", "2023年上半年" = the June report, 1–6月 cumulative) or
 * a quarter's ("2023年第四季度", "2023年前三季度"). A date ("填报日期：2024年1月10日") is not a period; a stretch
 * that does not start in January ("2023年4-9月", "下半年") is refused, as no rule of DESIGN.md makes an annual figure
 * of it; a name and a title that disagree are refused too, naming both, rather than one silently winning.
 */
import type ExcelJS from 'exceljs';
import { cellText } from './cells';

/** A sheet's period. `cumulative`: the title counts from January (1–N月, 前三季度): a flow with no 当月/累计 mark is 累计. */
export type SheetPeriod =
  | { kind: 'year'; year: number }
  | { kind: 'month'; year: number; month: number; cumulative: boolean }
  | { kind: 'quarter'; year: number; quarter: number; cumulative: boolean };

export type StatedPeriod = { period: SheetPeriod; cell: string } | { problem: string; cell: string } | null;

const CN_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
/** 4, 04, 四, 十二 → the number. */
export const numberOf = (text: string): number => (/^\d+$/u.test(text) ? Number(text) : (CN_NUMBER[text] ?? NaN));
const N = String.raw`(\d{1,2}|十[一二]?|[一二三四五六七八九])`;
const Y = String.raw`((?:19|20)\d{2})\s*年`;
const SPAN = new RegExp(String.raw`${Y}\s*${N}\s*月?\s*(?:份\s*)?[-—–~～至到]\s*${N}\s*月`, 'u');
const QUARTER = new RegExp(String.raw`${Y}\s*(?:度\s*)?(?:第\s*)?([一二三四1-4])\s*(?:个\s*)?季(?:度)?|((?:19|20)\d{2})\s*年?\s*[Qq]\s*([1-4])`, 'u');
const FIRST_QUARTERS = new RegExp(String.raw`${Y}\s*前\s*([一二三1-3])\s*(?:个)?季(?:度)?`, 'u');
const HALF = new RegExp(String.raw`${Y}\s*([上下])半年`, 'u');
const MONTH = new RegExp(String.raw`${Y}\s*${N}\s*月(?:份|报)?`, 'u');
/** 截至2023年6月30日, 截止2023年12月底: the figures up to that month's end (stocks at it, flows from January). */
const UP_TO = new RegExp(String.raw`截[至止]\s*${Y}\s*${N}\s*月`, 'u');
/** "2023-12", "2023.12", "202312" as a sheet's whole name. */
const NAME_MONTH = /^\s*((?:19|20)\d{2})\s*[-./]?\s*(0?[1-9]|1[0-2])\s*$/u;
/** A sheet named for a month or a quarter without its year ("12月", "十二月", "第四季度", "Q4"): the title gives the year. */
const NAME_MONTH_ONLY = new RegExp(String.raw`^\s*${N}\s*月(?:份|报)?\s*$`, 'u');
const NAME_QUARTER_ONLY = /^\s*(?:第\s*)?([一二三四1-4])\s*季(?:度)?\s*$|^\s*[Qq]\s*([1-4])\s*$/u;
const YEAR_IN_TEXT = /((?:19|20)\d{2})\s*(?:年|年度|年末)/u;
const BARE_YEAR = /^\s*((?:19|20)\d{2})\s*$/u;
/** A date that says when the form was filled in, not what period it covers, wherever it stands in a cell. */
const DATE_LABEL = /(?:填报|报出|填表|制表|打印|报送|编制|出表|审核)(?:日期|时间)\s*[:：]\s*[^\s，,;；]*/gu;
const DATE_LINE = /^(日期|时间)\s*[:：]/u;
const FULL_DATE = /(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}/gu;
const REPORT_WORD = /(月报|月度报表|季报|季度报表)/u;

type Read =
  | { period: SheetPeriod }
  | { refused: string }
  /** A sheet name with a month or quarter but no year. */
  | { within: { month: number } | { quarter: number } }
  /** A monthly or quarterly report (月报) whose text gives only a year. */
  | { needs: 'month' | 'quarter'; year: number }
  | null;

const monthPeriod = (year: number, month: number, cumulative: boolean): Read =>
  month >= 1 && month <= 12 ? { period: { kind: 'month', year, month, cumulative } } : null;

/** The period a text states, or why it cannot be used, or null when it states none. */
export const periodOfText = (raw: string, isSheetName = false): Read => {
  const folded = raw.normalize('NFKC');
  if (DATE_LINE.test(folded.replace(/\s+/g, ''))) return null;
  let m = UP_TO.exec(folded);
  if (m) {
    const month = numberOf(m[2]!);
    return monthPeriod(Number(m[1]), month, true);
  }
  // The dates of filling in, and any other full date (a day), are not the period.
  const t = folded.replace(DATE_LABEL, ' ').replace(FULL_DATE, ' ');
  if (isSheetName) {
    m = NAME_MONTH.exec(t);
    if (m && !BARE_YEAR.test(t)) return monthPeriod(Number(m[1]), Number(m[2]), false);
    m = NAME_MONTH_ONLY.exec(t);
    if (m && numberOf(m[1]!) >= 1 && numberOf(m[1]!) <= 12) return { within: { month: numberOf(m[1]!) } };
    m = NAME_QUARTER_ONLY.exec(t);
    if (m) return { within: { quarter: numberOf(m[1] ?? m[2]!) } };
  }
  m = SPAN.exec(t);
  if (m) {
    const [year, from, to] = [Number(m[1]), numberOf(m[2]!), numberOf(m[3]!)];
    if (from === to) return monthPeriod(year, to, false);
    if (from === 1 && to >= 1 && to <= 12) return monthPeriod(year, to, true);
    if (to === from + 2 && from % 3 === 1) return { period: { kind: 'quarter', year, quarter: (from + 2) / 3, cumulative: false } };
    return { refused: m[0] };
  }
  m = FIRST_QUARTERS.exec(t);
  if (m) return { period: { kind: 'quarter', year: Number(m[1]), quarter: numberOf(m[2]!), cumulative: true } };
  m = QUARTER.exec(t);
  if (m) return { period: { kind: 'quarter', year: Number(m[1] ?? m[3]), quarter: numberOf(m[2] ?? m[4]!), cumulative: false } };
  m = HALF.exec(t);
  if (m) return m[2] === '上' ? monthPeriod(Number(m[1]), 6, true) : { refused: m[0] };
  m = MONTH.exec(t);
  if (m) return monthPeriod(Number(m[1]), numberOf(m[2]!), false);
  m = YEAR_IN_TEXT.exec(t) ?? BARE_YEAR.exec(t);
  if (!m) return null;
  const report = REPORT_WORD.exec(t);
  if (report) return { needs: report[1]!.startsWith('季') ? 'quarter' : 'month', year: Number(m[1]) };
  return { period: { kind: 'year', year: Number(m[1]) } };
};

/** "2023年", "2023年12月", "2023年1-12月", "2023年第四季度", "2023年前三季度". */
export const periodLabel = (p: SheetPeriod): string =>
  p.kind === 'year'
    ? `${p.year}年`
    : p.kind === 'month'
      ? p.cumulative
        ? `${p.year}年1-${p.month}月`
        : `${p.year}年${p.month}月`
      : p.cumulative
        ? `${p.year}年前${'一二三四'[p.quarter - 1]}季度`
        : `${p.year}年第${'一二三四'[p.quarter - 1]}季度`;

/** The period's end: month 1–12 (a year ends in December, a quarter in its third month). */
const endMonth = (p: SheetPeriod): number => (p.kind === 'year' ? 12 : p.kind === 'month' ? p.month : p.quarter * 3);

const refusal = (what: string, where: string): string =>
  `${where}“${what}”不是从1月起的时期，无法得出年度数；请按月（如“2023年9月”）、按季度或按1月起的累计（如“2023年1-9月”）填报 / ${what} does not start in January`;

/** Name and title agree when they name the same year and end in the same month (sheet 2023年12月, title 2023年1-12月). */
const agree = (a: SheetPeriod, b: SheetPeriod): boolean => a.year === b.year && (a.kind === 'year' || b.kind === 'year' ? a.kind === b.kind : endMonth(a) === endMonth(b));

export const statedPeriod = (ws: ExcelJS.Worksheet, beforeRow: number): StatedPeriod => {
  const inName = periodOfText(ws.name, true);
  if (inName && 'refused' in inName) return { problem: refusal(inName.refused, '工作表名'), cell: 'A1' };
  // Every title cell above the table: a title may say the year and a line below it the month.
  const found: { period: SheetPeriod; cell: string }[] = [];
  let needs: { what: 'month' | 'quarter'; cell: string } | null = null;
  for (let r = 1; r < beforeRow; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.min(ws.columnCount, 12); c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const read = periodOfText(cellText(cell));
      if (!read) continue;
      if ('refused' in read) return { problem: refusal(read.refused, '标题'), cell: cell.address };
      if ('needs' in read) {
        needs ??= { what: read.needs, cell: cell.address };
        found.push({ period: { kind: 'year', year: read.year }, cell: cell.address });
      } else if ('period' in read) found.push({ period: read.period, cell: cell.address });
    }
  }
  const specific = found.filter((f) => f.period.kind !== 'year');
  const years = found.filter((f) => f.period.kind === 'year');
  let inTitle: { period: SheetPeriod; cell: string } | null = specific[0] ?? years[0] ?? null;
  for (const other of [...specific.slice(1), ...years]) {
    if (inTitle && other !== inTitle && !agree(inTitle.period, other.period) && !(other.period.kind === 'year' && other.period.year === inTitle.period.year)) {
      const [a, b] = [periodLabel(inTitle.period), periodLabel(other.period)];
      return { problem: `标题中${inTitle.cell}写的是${a}，${other.cell}写的是${b}，无法确定数据时期，请改正其一 / the title says ${a} at ${inTitle.cell} and ${b} at ${other.cell}`, cell: other.cell };
    }
  }
  // A sheet named for a month or a quarter alone (12月, 第四季度) takes its year from the title.
  if (inName && 'within' in inName) {
    const year = inTitle?.period.year;
    if (year === undefined) return { problem: `工作表名“${ws.name}”只写了${'month' in inName.within ? '月份' : '季度'}，标题中也没有年份，无法确定数据时期 / the sheet name has no year`, cell: 'A1' };
    const period: SheetPeriod = 'month' in inName.within ? { kind: 'month', year, month: inName.within.month, cumulative: false } : { kind: 'quarter', year, quarter: inName.within.quarter, cumulative: false };
    if (inTitle && inTitle.period.kind !== 'year' && !agree(period, inTitle.period)) {
      return { problem: `工作表名写的是${periodLabel(period)}，标题（${inTitle.cell}）写的是${periodLabel(inTitle.period)}，无法确定数据时期，请改正其一 / the sheet name and the title differ`, cell: inTitle.cell };
    }
    return { period: inTitle && inTitle.period.kind !== 'year' ? inTitle.period : period, cell: inTitle?.cell ?? '' };
  }
  const named = inName && 'period' in inName ? inName.period : inName && 'needs' in inName ? ({ kind: 'year', year: inName.year } as SheetPeriod) : null;
  if (named && inTitle && !agree(named, inTitle.period) && !(named.kind === 'year' && inTitle.period.kind !== 'year' && named.year === inTitle.period.year)) {
    const [n, t] = [periodLabel(named), periodLabel(inTitle.period)];
    if (named.kind === 'year' && inTitle.period.kind === 'year') {
      return {
        problem: `工作表名写的是${n}，标题（${inTitle.cell}）写的是${t}，无法确定数据年份，请改正其一 / the sheet name says ${named.year}, the title says ${inTitle.period.year}`,
        cell: inTitle.cell,
      };
    }
    return {
      problem: `工作表名写的是${n}，标题（${inTitle.cell}）写的是${t}，无法确定数据时期，请改正其一 / the sheet name says ${n}, the title says ${t}`,
      cell: inTitle.cell,
    };
  }
  // The more specific of the two: the title says more (1-12月: cumulative) when both name the same report.
  const chosen: { period: SheetPeriod; cell: string } | null =
    named && inTitle ? (inTitle.period.kind === 'year' ? { period: named, cell: '' } : inTitle) : named ? { period: named, cell: '' } : inTitle;
  if (chosen && chosen.period.kind === 'year' && (needs || (inName && 'needs' in inName))) {
    const what = needs?.what ?? (inName && 'needs' in inName ? inName.needs : 'month');
    return {
      problem: `本表是${what === 'month' ? '月报' : '季报'}，但工作表名和标题中没有写明${what === 'month' ? '月份（如“2023年12月”）' : '季度（如“2023年第四季度”）'}，无法确定数据时期 / a ${what}ly report without its ${what}`,
      cell: needs?.cell ?? 'A1',
    };
  }
  return chosen;
};
