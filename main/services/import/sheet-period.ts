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

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
const Y = String.raw`((?:19|20)\d{2})\s*年`;
const SPAN = new RegExp(String.raw`${Y}\s*(\d{1,2})\s*[-—–~～至到]\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)`, 'u');
const QUARTER = new RegExp(String.raw`${Y}\s*(?:度\s*)?(?:第\s*)?([一二三四1-4])\s*季度`, 'u');
const FIRST_QUARTERS = new RegExp(String.raw`${Y}\s*前\s*([一二三1-3])\s*(?:个)?季度`, 'u');
const HALF = new RegExp(String.raw`${Y}\s*([上下])半年`, 'u');
const MONTH = new RegExp(String.raw`${Y}\s*(\d{1,2})\s*月(?:份|报)?(?!\s*\d{1,2}\s*[日号])`, 'u');
/** "2023-12", "2023.12", "202312" as a sheet's whole name. */
const NAME_MONTH = /^\s*((?:19|20)\d{2})\s*[-./]?\s*(0?[1-9]|1[0-2])\s*$/u;
const YEAR_IN_TEXT = /((?:19|20)\d{2})\s*(?:年|年度|年末)/u;
const BARE_YEAR = /^\s*((?:19|20)\d{2})\s*$/u;
const DATE_LINE = /^(填报|报出|填表|制表|统计|打印|报送)?(日期|时间)\s*[:：]/u;
const FULL_DATE = /(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}/u;

type Read = { period: SheetPeriod } | { refused: string } | null;

const monthPeriod = (year: number, month: number, cumulative: boolean): Read =>
  month >= 1 && month <= 12 ? { period: { kind: 'month', year, month, cumulative } } : null;

/** The period a text states, or why it cannot be used, or null when it states none. */
export const periodOfText = (raw: string, isSheetName = false): Read => {
  const t = raw.normalize('NFKC');
  if (DATE_LINE.test(t.replace(/\s+/g, ''))) return null;
  if (isSheetName) {
    const m = NAME_MONTH.exec(t);
    if (m && !BARE_YEAR.test(t)) return monthPeriod(Number(m[1]), Number(m[2]), false);
  }
  let m = SPAN.exec(t);
  if (m) {
    const [year, from, to] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (from === to) return monthPeriod(year, to, false);
    if (from === 1 && to >= 1 && to <= 12) return monthPeriod(year, to, true);
    if (to === from + 2 && from % 3 === 1) return { period: { kind: 'quarter', year, quarter: (from + 2) / 3, cumulative: false } };
    return { refused: m[0] };
  }
  m = FIRST_QUARTERS.exec(t);
  if (m) return { period: { kind: 'quarter', year: Number(m[1]), quarter: CN_DIGIT[m[2]!]!, cumulative: true } };
  m = QUARTER.exec(t);
  if (m) return { period: { kind: 'quarter', year: Number(m[1]), quarter: CN_DIGIT[m[2]!]!, cumulative: false } };
  m = HALF.exec(t);
  if (m) return m[2] === '上' ? monthPeriod(Number(m[1]), 6, true) : { refused: m[0] };
  if (FULL_DATE.test(t)) return null;
  m = MONTH.exec(t);
  if (m) return monthPeriod(Number(m[1]), Number(m[2]), false);
  m = YEAR_IN_TEXT.exec(t) ?? BARE_YEAR.exec(t);
  return m ? { period: { kind: 'year', year: Number(m[1]) } } : null;
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
  let inTitle: { period: SheetPeriod; cell: string } | null = null;
  for (let r = 1; r < beforeRow && !inTitle; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.min(ws.columnCount, 12); c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const found = periodOfText(cellText(cell));
      if (found && 'refused' in found) return { problem: refusal(found.refused, '标题'), cell: cell.address };
      if (found) {
        inTitle = { period: found.period, cell: cell.address };
        break;
      }
    }
  }
  if (inName && inTitle && !agree(inName.period, inTitle.period)) {
    const [n, t] = [periodLabel(inName.period), periodLabel(inTitle.period)];
    if (inName.period.kind === 'year' && inTitle.period.kind === 'year') {
      return {
        problem: `工作表名写的是${n}，标题（${inTitle.cell}）写的是${t}，无法确定数据年份，请改正其一 / the sheet name says ${inName.period.year}, the title says ${inTitle.period.year}`,
        cell: inTitle.cell,
      };
    }
    return {
      problem: `工作表名写的是${n}，标题（${inTitle.cell}）写的是${t}，无法确定数据时期，请改正其一 / the sheet name says ${n}, the title says ${t}`,
      cell: inTitle.cell,
    };
  }
  // The title says more (1-12月: cumulative) when both name the same report.
  if (inName && inTitle) return { period: inTitle.period.kind === 'year' ? inName.period : inTitle.period, cell: inTitle.cell };
  if (inName) return { period: inName.period, cell: '' };
  return inTitle;
};
