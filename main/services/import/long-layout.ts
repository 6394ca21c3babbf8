/**
 * The "long" layout: one row per item or indicator (named as printed in a plan, a unit in brackets or in a 单位
 * column tolerated), one column per year (2020, 2020年 …). Title, 填报单位 and note rows are skipped. Every value is
 * converted to the series' unit; every problem is reported with its cell.
 */
import { CAPS, headOf } from './caps';
import type ExcelJS from 'exceljs';
import type { Problem } from '../../../shared/errors';
import { conversionFactorOrNull, isUnitText } from '../../../shared/units/units';
import { cellText, hiddenColumnWarning, isColumnHidden, isStorableYear, readNumberCell, unitConversions, yearOf } from './cells';
import { layout, type SheetContext } from './layout';
import { resolveSheetRegion } from './sheet-region';
import type { ParsedObservation, ParsedSheet } from './types';
import { isCodeRow } from './code-row';
import { formContext, prefixesOf } from './form-context';
import { columnKind, cumulativeMismatch, periodOfValue, type ColumnKind } from './periods';
import { numberOf, periodLabel, statedPeriod, type SheetPeriod } from './sheet-period';

const MAX_HEADER_SCAN = 20;
/** A sheet that is wrong on every row (a hostile or mismatched file) is not checked to its end. */
export const MAX_SHEET_PROBLEMS = 500;
const NAME_HEADER = /^(指标名称|指标|主要指标|项目|统计项|名称|指标项目)/u;
const UNIT_HEADER = /^(计量)?单位$/u;
const NOTE_ROW = /^(注\s*[0-9①-⑩]?|说明|备注|填表人|单位负责人|统计负责人|报出日期|数据来源)\s*[:：]/u;
const SECTION_ROW = /^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/u;
/** A section row's number as forms print it: 一、 （一） 一. 1. 1、 （1） Ⅱ. or 二 followed by a space. */
const SECTION_MARK = /^(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[、.．](?!\d)|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\s*[、.．]?|[一二三四五六七八九十]+\s+)\s*/u;

export interface LongHeader {
  row: number;
  nameCol: number;
  unitCol: number | null;
  /** Year columns; or, on a month's or quarter's report, its 本月数/本年累计/期末数 columns (year 0 until parsed). */
  years: { col: number; year: number; kind?: ColumnKind; month?: number; quarter?: number }[];
  /** The first row of a two-row header (the title lines end above it). */
  top?: number;
}

/** A month's or a quarter's column of a year's sheet: 1月 … 12月, 2023年1月, 一月份, 第一季度, 一季度, Q1. */
const monthHeading = (text: string): { year: number; month?: number; quarter?: number } | null => {
  const m = /^(?:((?:19|20)\d{2})年)?(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?(?:数)?$/u.exec(text);
  if (m) {
    const month = numberOf(m[2]!);
    return month >= 1 && month <= 12 ? { year: m[1] ? Number(m[1]) : 0, month } : null;
  }
  const q = /^(?:((?:19|20)\d{2})年)?(?:第)?([一二三四1-4])季度?$|^[Qq]([1-4])$/u.exec(text);
  if (q) return { year: q[1] ? Number(q[1]) : 0, quarter: numberOf(q[2] ?? q[3]!) };
  return null;
};

/** A header cell that is a period kind and nothing else: 本月数, 当月, 本季, 本年累计, 累计数, 期末数. */
const kindOfHeading = (text: string): ColumnKind | null => {
  const { kind, parts } = columnKind([text]);
  return kind !== null && parts.length === 0 ? kind : null;
};

/**
 * Row `r` as the header of a long table, or null: year headings, and where the names and units are. One year beside
 * a title ("统计表 … 2023年度") is not a header: a header has several years, or names its name or unit column beside
 * the year; a line with a label ("地区：双柏县") is never one.
 */
export const yearHeaderAt = (ws: ExcelJS.Worksheet, r: number): LongHeader | null => {
  const row = ws.getRow(r);
  const years: { col: number; year: number }[] = [];
  let nameCol: number | null = null;
  let unitCol: number | null = null;
  let labelled = false;
  const kinds: { col: number; year: number; kind: ColumnKind }[] = [];
  const months: { col: number; year: number; month?: number; quarter?: number }[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const cell = row.getCell(c);
    if (cell.isMerged && cell.master.address !== cell.address) {
      // 指标名称 or 计量单位 merged down over a two-row header (本年 over 本月数 | 本年累计) names its column here too.
      if (Number(cell.master.row) < r) {
        const above = cellText(cell.master).normalize('NFKC').replace(/\s+/g, '');
        if (nameCol === null && NAME_HEADER.test(above)) nameCol = c;
        else if (unitCol === null && UNIT_HEADER.test(above)) unitCol = c;
      }
      continue;
    }
    const year = yearOf(cell);
    const text = cellText(cell).normalize('NFKC').replace(/\s+/g, '');
    if (/^[^:：]{1,12}[:：]\S/u.test(text)) labelled = true;
    const kind = year === null ? kindOfHeading(text) : null;
    const month = year === null && kind === null ? monthHeading(text) : null;
    if (year !== null) years.push({ col: c, year });
    else if (kind !== null) kinds.push({ col: c, year: 0, kind });
    else if (month !== null) months.push({ col: c, ...month });
    else if (nameCol === null && NAME_HEADER.test(text)) nameCol = c;
    else if (unitCol === null && UNIT_HEADER.test(text)) unitCol = c;
  }
  // A month's report with items as rows: 指标名称 | 计量单位 | 本月数 | 本年累计 (a 上年同期 column, even headed with
  // last year, is not this report's).
  // A year table with a 累计 column beside its years stays a year table.
  const monthly = years.length === 0 || (years.length === 1 && kinds.some((k) => k.kind !== 'cumulative'));
  if (kinds.length > 0 && nameCol !== null && !labelled && monthly) return { row: r, nameCol, unitCol, years: kinds };
  // A year's sheet with a column per month or quarter (指标名称 | 计量单位 | 1月 | 2月 | …).
  if (months.length >= 2 && years.length === 0 && kinds.length === 0 && nameCol !== null && !labelled) return { row: r, nameCol, unitCol, years: months };
  if (years.length === 0 || labelled || (years.length < 2 && nameCol === null && unitCol === null)) return null;
  return { row: r, nameCol: nameCol ?? 1, unitCol, years };
};

/** The first row (of the top 20) that is a long table's header. */
export const findLongHeader = (ws: ExcelJS.Worksheet): LongHeader | null => {
  for (let r = 1; r <= Math.min(ws.rowCount, MAX_HEADER_SCAN); r++) {
    const header = yearHeaderAt(ws, r);
    // The first row of a two-row header (指标名称 | 本年 over 本月数 | 本年累计): the row below is the header.
    const below = header && r < ws.rowCount ? yearHeaderAt(ws, r + 1) : null;
    if (below && below.years.some((y) => y.kind !== undefined)) return { ...below, top: r };
    if (header) return header;
  }
  return null;
};

/** A unit stated for the whole table above its header, as yearbooks print it at the top right: "单位：万人". */
export const tableUnit = (ws: ExcelJS.Worksheet, headerRow: number): string | null => {
  for (let r = 1; r < headerRow; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.min(ws.columnCount, 20); c++) {
      const m = /^\s*(?:计量)?单位\s*[:：]\s*(\S{1,8})\s*$/u.exec(cellText(row.getCell(c)).normalize('NFKC'));
      // "单位：双柏县民政局" names the reporting office, not a unit.
      if (m && isUnitText(m[1]!)) return m[1]!;
    }
  }
  return null;
};

/**
 * Columns right of the names, with numbers below, that are not read (a header the workbench does not take as a
 * year, such as a date "2023-12-01" or "2023年快报数"): each is named, so that no figure is left out unsaid.
 */
const unreadColumns = (ws: ExcelJS.Worksheet, header: LongHeader, years: LongHeader['years']): Problem[] => {
  const byKind = header.years.some((y) => y.kind !== undefined);
  const byMonth = header.years.some((y) => y.month !== undefined || y.quarter !== undefined);
  const used = new Set([header.nameCol, header.unitCol, ...(byKind || byMonth ? header.years : years).map((y) => y.col)]);
  const out: Problem[] = [];
  for (let c = header.nameCol + 1; c <= ws.columnCount; c++) {
    if (used.has(c)) continue;
    const head = ws.getRow(header.row).getCell(c);
    const label = cellText(head).normalize('NFKC').trim();
    if (/^(序号|编号|行次|代码|备注|说明)$/u.test(label)) continue;
    let numbers = 0;
    for (let r = header.row + 1; r <= Math.min(ws.rowCount, header.row + 200) && numbers === 0; r++) {
      if (readNumberCell(ws.getRow(r).getCell(c)).kind === 'number') numbers += 1;
    }
    if (numbers === 0) continue;
    out.push({
      severity: 'warning',
      sheet: ws.name,
      cell: head.address,
      message: byKind
        ? `此列有数值，但表头“${label || '（空）'}”不是本月数、本季数、累计数或期末数，未读取；上年同期的数请导入上年的报表 / numbers under a heading that is not one of this report's columns were not read`
        : `此列有数值，但表头“${label || '（空）'}”不是年份，未读取；如为某年数据，请把表头改为“2023年”这样的年份 / numbers under a heading that is not a year were not read`,
    });
  }
  return out;
};

export const parseLongSheet = (ctx: SheetContext, header: LongHeader): ParsedSheet => {
  const { db, ws, matcher, regionOption, unitOf } = ctx;
  const unknownLabels: { label: string; candidates: string[] }[] = [];
  const problems: Problem[] = [];
  const sheet = ws.name;
  const region = resolveSheetRegion(db, ws, header.top ?? header.row, regionOption, problems);
  const observations: ParsedObservation[] = [];
  const seen = new Map<string, string>();
  const yearsSeen = new Map<number, string>();
  const years: LongHeader['years'] = [];
  // A month's or quarter's report: its period from the sheet's name or title, each column's kind from its heading.
  let period: SheetPeriod | null = null;
  const byKind = header.years.some((y) => y.kind !== undefined);
  if (byKind) {
    const stated = statedPeriod(ws, header.top ?? header.row);
    if (stated && 'problem' in stated) return { sheet, layout: 'long', region: null, observations, problems: [{ severity: 'error', sheet, cell: stated.cell, message: stated.problem }] };
    if (!stated || stated.period.kind === 'year') {
      return {
        sheet, layout: 'long', region: null, observations,
        problems: [{ severity: 'error', sheet, cell: 'A1', message: '本表按“本月数”“累计数”等填报，但工作表名或标题中没有写明月份或季度（如“2023年12月”“2023年第四季度”），无法确定数据时期 / columns by period kind, but no month or quarter in the sheet name or title' }],
      };
    }
    period = stated.period;
    const kindsSeen = new Map<ColumnKind, string>();
    for (const y of header.years) {
      const addr = ws.getRow(header.row).getCell(y.col).address;
      const mismatch = y.kind === 'cumulative' ? cumulativeMismatch(cellText(ws.getRow(header.row).getCell(y.col)), period) : null;
      if (mismatch) {
        problems.push({ severity: 'warning', sheet, cell: addr, message: mismatch });
        continue;
      }
      const prev = kindsSeen.get(y.kind!);
      if (prev) problems.push({ severity: 'error', sheet, cell: addr, message: `“${cellText(ws.getRow(header.row).getCell(y.col)).trim()}”列重复（另见 ${prev}） / the same kind of column twice (also ${prev})` });
      else years.push({ ...y, year: period.year });
      kindsSeen.set(y.kind!, addr);
    }
  }
  // A year's sheet with a column per month or quarter: the year from the heading, else the sheet's name or title.
  const byMonth = header.years.some((y) => y.month !== undefined || y.quarter !== undefined);
  if (byMonth) {
    const stated = header.years.some((y) => y.year === 0) ? statedPeriod(ws, header.top ?? header.row) : null;
    if (stated && 'problem' in stated) return { sheet, layout: 'long', region: null, observations, problems: [{ severity: 'error', sheet, cell: stated.cell, message: stated.problem }] };
    const sheetYear = stated ? stated.period.year : null;
    const seenMonths = new Map<string, string>();
    for (const y of header.years) {
      const addr = ws.getRow(header.row).getCell(y.col).address;
      const year = y.year || sheetYear;
      if (!year) {
        problems.push({ severity: 'error', sheet, cell: addr, message: '无法确定本表各月的年份：请在工作表名或标题中写明，如“2023年” / cannot tell the year of the month columns' });
        return { sheet, layout: 'long', region: null, observations, problems };
      }
      const key = `${year}-${y.month ?? `Q${y.quarter}`}`;
      const prev = seenMonths.get(key);
      if (prev) problems.push({ severity: 'error', sheet, cell: addr, message: `同一月份（季度）的列重复（另见 ${prev}） / the same month twice (also ${prev})` });
      else years.push({ ...y, year });
      seenMonths.set(key, addr);
    }
  }
  for (const y of byKind || byMonth ? [] : header.years) {
    const prev = yearsSeen.get(y.year);
    const addr = ws.getRow(header.row).getCell(y.col).address;
    if (prev) problems.push({ severity: 'error', sheet, cell: addr, message: `年份${y.year}重复（另见 ${prev}） / year ${y.year} appears twice (also ${prev})` });
    else if (!isStorableYear(y.year)) problems.push({ severity: 'error', sheet, cell: addr, message: `年份${y.year}超出可保存的范围（1949—2100） / year ${y.year} is outside 1949–2100` });
    else years.push(y);
    yearsSeen.set(y.year, addr);
  }
  const sheetUnit = tableUnit(ws, header.row);
  for (const y of years) if (isColumnHidden(ws, y.col)) problems.push(hiddenColumnWarning(sheet, ws.getRow(header.row).getCell(y.col).address));
  problems.push(...unreadColumns(ws, header, years));
  // The form's title and each section row (一、城市低保) name whose items the short names below are.
  const titleWords = formContext(ws, header.top ?? header.row).prefixes;
  let sectionWords: string[] = [];
  const matchIn = (name: string) => {
    for (const p of [...new Set([...sectionWords, ...titleWords])]) {
      const m = matcher.match(`${p}${name.replace(/^其中[:：]?/u, '')}`);
      if (m && 'series' in m) return m;
    }
    return matcher.match(name);
  };
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    if ((byKind || byMonth) && r <= header.row + 2 && isCodeRow(ws, r)) continue;
    if (problems.length >= MAX_SHEET_PROBLEMS) {
      problems.push({ severity: 'error', sheet, cell: `A${r}`, message: `问题过多，已在第 ${r} 行停止检查本表 / too many problems; stopped checking this sheet at row ${r}` });
      break;
    }
    const row = ws.getRow(r);
    const nameCell = row.getCell(header.nameCol);
    const name = cellText(nameCell).trim();
    if (name === '' || NOTE_ROW.test(name.normalize('NFKC'))) continue;
    const hasValues = years.some((y) => readNumberCell(row.getCell(y.col)).kind !== 'blank');
    if (name.length > CAPS.nameChars) {
      problems.push({
        severity: 'error',
        sheet,
        cell: nameCell.address,
        message: `名称超过 ${CAPS.nameChars} 个字符，未匹配：“${headOf(name)}” / a name longer than ${CAPS.nameChars} characters was not matched: "${headOf(name)}"`,
      });
      continue;
    }
    const matched = matchIn(name);
    if (matched === null) continue;
    if (!('series' in matched)) {
      // A section row (一、城市低保, 1.农村低保, （二）特困人员, or the form's name alone): it says whose items the short
      // names below are; its own figures (a subtotal) are not read.
      const folded = name.normalize('NFKC');
      const words = prefixesOf(folded).prefixes;
      const marked = SECTION_ROW.test(folded) || SECTION_MARK.test(folded);
      if (words.length > 0 && (marked || !hasValues) && folded.replace(SECTION_MARK, '').length <= 16) {
        sectionWords = words;
        if (hasValues) problems.push({ severity: 'warning', sheet, cell: nameCell.address, message: `“${name}”是分组行，其数值未读取 / a section row; its figures were not read` });
        continue;
      }
      if (!hasValues && marked) {
        // A section the workbench cannot place: the short names below it are not taken for the section above.
        sectionWords = [];
        continue;
      }
      if (!hasValues) sectionWords = [];
      if (hasValues) unknownLabels.push({ label: name, candidates: matched.candidates });
      const hint = matched.candidates.length > 0 ? `；最接近的是：${matched.candidates.join('、')}` : '';
      problems.push({
        severity: hasValues ? 'error' : 'warning',
        sheet,
        cell: nameCell.address,
        message: `未知的指标或统计项“${name}”${hint} / unknown item or indicator "${name}"${matched.candidates.length ? `; closest: ${matched.candidates.join(', ')}` : ''}`,
      });
      continue;
    }
    const series = matched.series;
    const previous = seen.get(series.code);
    if (previous) {
      problems.push({
        severity: 'error',
        sheet,
        cell: nameCell.address,
        message: `“${name}”与 ${previous} 重复（同一指标出现两次） / duplicate row: "${name}" already at ${previous}`,
      });
      continue;
    }
    seen.set(series.code, nameCell.address);
    const unitColText = header.unitCol !== null ? cellText(row.getCell(header.unitCol)).normalize('NFKC').trim() : '';
    // A unit in the name and another in the 单位 column: which one the figures are in cannot be told.
    if (matched.unit && unitColText !== '' && conversionFactorOrNull(matched.unit, unitColText) !== 1) {
      problems.push({
        severity: 'error',
        sheet,
        cell: row.getCell(header.unitCol!).address,
        message: `名称中的单位“${matched.unit}”与单位列的“${unitColText}”不一致，请改正其一 / the unit in the name (${matched.unit}) and in the unit column (${unitColText}) differ`,
      });
      continue;
    }
    const rowUnit = matched.unit ?? (unitColText !== '' ? unitColText : sheetUnit);
    if (row.hidden) problems.push({ severity: 'warning', sheet, cell: nameCell.address, message: '该行已隐藏，仍被读取 / this row is hidden and was read' });
    const convert = unitConversions(rowUnit ?? ctx.profileUnit?.(series.code) ?? unitOf(series.code), unitOf(series.code));
    for (const y of years) {
      const cell = row.getCell(y.col);
      const reading = readNumberCell(cell);
      if (reading.kind === 'blank') continue;
      if (period && y.kind === 'cumulative' && series.nature !== 'flow') {
        problems.push({ severity: 'warning', sheet, cell: cell.address, message: `“${series.name}”是时点数，没有累计数，此格未读取 / a stock has no cumulative figure; cell not read` });
        continue;
      }
      if (reading.kind === 'problem') {
        problems.push({ severity: 'error', sheet, cell: cell.address, message: reading.message });
        continue;
      }
      const { from, factor } = convert(reading.unit);
      if (factor === null) {
        problems.push({
          severity: 'error',
          sheet,
          cell: cell.address,
          message: `单位“${from}”无法换算为“${series.name}”的单位“${unitOf(series.code)}” / unit "${from}" does not convert to ${unitOf(series.code)}`,
        });
        continue;
      }
      if (region) {
        const own: SheetPeriod | null =
          y.month !== undefined ? { kind: 'month', year: y.year, month: y.month, cumulative: false } : y.quarter !== undefined ? { kind: 'quarter', year: y.year, quarter: y.quarter, cumulative: false } : period;
        const when = own ? periodOfValue(own, y.kind ?? null, series) : null;
        observations.push({
          regionCode: region.code,
          seriesCode: series.code,
          year: y.year,
          value: Number((reading.value * factor).toPrecision(15)),
          sheet,
          cell: cell.address,
          sourceUnit: from,
          factor,
          ...(when ? { period: when.period, periodKind: when.kind } : {}),
        });
      }
    }
  }
  return { sheet, layout: 'long', region: region?.code ?? null, observations, problems, unknownLabels, ...(period ? { period: periodLabel(period) } : {}) };
};

export const longLayout = layout<LongHeader>({ name: 'long', detect: findLongHeader, parse: parseLongSheet });
