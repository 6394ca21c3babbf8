/**
 * The import layout for the workbench's own data-entry sheets: found by the marker in the hidden code column, read
 * by codes, not labels: each row's series from its hidden code, the region from the hidden cell above the header,
 * so sorted rows and renamed sheets import exactly what was typed. Also reads the `_pwb` sheet's JSON.
 */
import type ExcelJS from 'exceljs';
import type { Problem } from '../../../shared/errors';
import { normaliseRegionCode } from '../../../shared/text/region-code';
import type { Region } from '../../../shared/types';
import { catalogOf, regionTreeOf } from '../context';
import { cellText, readNumberCell, unitConversion, yearOf } from '../import/cells';
import { layout, type SheetContext } from '../import/layout';
import type { ParsedObservation, ParsedSheet } from '../import/types';
import { periodOfValue } from '../import/periods';
import { periodOfText, type SheetPeriod } from '../import/sheet-period';
import { CODE_MARKER, EntryMetaSchema, INSTRUCTIONS_MARKER, META_SHEET, REGION_PREFIX, type EntryMeta } from './markers';

const MAX_HEADER_SCAN = 20;
const MAX_MARKER_COL = 30;

/** Until ParsedSheet['layout'] lists 'template' (run.ts's owner adds it), the name is cast once, here. */

export interface EntryHeader {
  row: number;
  codeCol: number;
  nameCol: number | null;
  unitCol: number | null;
  /** A column per year, or per month or quarter of a year on a monthly or quarterly sheet (2026年1月, 2026年第一季度). */
  years: { col: number; year: number; period?: SheetPeriod; heading?: string }[];
  /** The hidden `#pwb:region=…` cell above the header, if it is still there. */
  region: { address: string; code: string } | null;
}

const text = (cell: ExcelJS.Cell): string => cellText(cell).normalize('NFKC').trim();

/** The header row of an entry sheet: the one whose hidden code column holds the marker (top 20 rows). */
export const findEntryHeader = (ws: ExcelJS.Worksheet): EntryHeader | null => {
  for (let r = 1; r <= Math.min(ws.rowCount, MAX_HEADER_SCAN); r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.min(ws.columnCount, MAX_MARKER_COL); c++) {
      if (text(row.getCell(c)) !== CODE_MARKER) continue;
      const header: EntryHeader = { row: r, codeCol: c, nameCol: null, unitCol: null, years: [], region: null };
      for (let k = 1; k <= ws.columnCount; k++) {
        const cell = row.getCell(k);
        const year = yearOf(cell);
        const t = text(cell).replace(/\s+/g, '');
        const period = year === null ? periodOfText(t) : null;
        if (year !== null) header.years.push({ col: k, year });
        else if (period && 'period' in period && period.period.kind !== 'year' && !period.period.cumulative) {
          header.years.push({ col: k, year: period.period.year, period: period.period, heading: t });
        } else if (header.nameCol === null && t === '指标或统计项') header.nameCol = k;
        else if (header.unitCol === null && t === '单位') header.unitCol = k;
      }
      for (let above = 1; above < r; above++) {
        const cell = ws.getRow(above).getCell(c);
        const t = text(cell);
        if (t.startsWith(REGION_PREFIX)) header.region = { address: cell.address, code: t.slice(REGION_PREFIX.length).trim() };
      }
      return header;
    }
  }
  return null;
};

const sheetRegion = ({ db, ws, regionOption }: SheetContext, header: EntryHeader, problems: Problem[]): Region | null => {
  const sheet = ws.name;
  const markerCell = ws.getRow(header.row).getCell(header.codeCol).address;
  if (!header.region) {
    if (regionOption) return regionOption;
    problems.push({
      severity: 'error',
      sheet,
      cell: markerCell,
      message: '本表隐藏的地区代码（表头上方的隐藏单元格）已被删除，无法确定地区；请使用 --region 代码，或重新生成模板 / the hidden region code above the header is missing; pass --region CODE or generate the template again',
    });
    return null;
  }
  const { address, code } = header.region;
  const region = regionTreeOf(db).regions.get(normaliseRegionCode(code) ?? code) ?? null;
  if (!region) {
    problems.push({ severity: 'error', sheet, cell: address, message: `隐藏单元格中的地区代码“${code}”未知 / unknown region code "${code}" in the hidden cell` });
    return null;
  }
  if (regionOption && regionOption.code !== region.code) {
    problems.push({
      severity: 'error',
      sheet,
      cell: address,
      message: `本表是${region.name}（${region.code}）的填报表，与 --region ${regionOption.code}（${regionOption.name}）不一致 / the sheet is for region ${region.code}, not ${regionOption.code}`,
    });
    return null;
  }
  return region;
};

export const parseEntrySheet = (ctx: SheetContext, header: EntryHeader): ParsedSheet => {
  const { db, ws, matcher, unitOf } = ctx;
  const sheet = ws.name;
  const problems: Problem[] = [];
  const observations: ParsedObservation[] = [];
  const catalog = catalogOf(db);
  const region = sheetRegion(ctx, header, problems);
  const yearsSeen = new Map<string, string>();
  for (const y of header.years) {
    const addr = ws.getRow(header.row).getCell(y.col).address;
    const key = y.heading ?? String(y.year);
    const prev = yearsSeen.get(key);
    if (prev) problems.push({ severity: 'error', sheet, cell: addr, message: `${y.heading ?? `年份${y.year}`}重复（另见 ${prev}） / ${key} appears twice (also ${prev})` });
    else yearsSeen.set(key, addr);
  }
  // Figures typed under a heading that is no year, month or quarter (说明, a heading edited to 12月) are named, not lost.
  const read = new Set([header.codeCol, header.nameCol, header.unitCol, ...header.years.map((y) => y.col)]);
  for (let c = 1; c <= ws.columnCount; c++) {
    const head = ws.getRow(header.row).getCell(c);
    if (read.has(c) || /^(序号)$/u.test(text(head))) continue;
    let typed: string | null = null;
    for (let r = header.row + 1; r <= ws.rowCount && typed === null; r++) {
      const cell = ws.getRow(r).getCell(c);
      if (readNumberCell(cell).kind === 'number' && typeof cell.value === 'number') typed = cell.address;
    }
    if (typed) {
      problems.push({
        severity: 'warning',
        sheet,
        cell: typed,
        message: `“${text(head) || '（空）'}”列不是年份、月份或季度，其中的数值未读取；请勿修改表头，数值填在对应的年份或月份列 / numbers under a heading that is not a year, month or quarter were not read`,
      });
    }
  }
  const seen = new Map<string, string>();
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const codeCell = row.getCell(header.codeCol);
    const code = text(codeCell);
    const readings = header.years.map((y) => {
      const cell = row.getCell(y.col);
      return { year: y.year, period: y.period, cell, reading: readNumberCell(cell) };
    });
    const hasValues = readings.some((x) => x.reading.kind !== 'blank');
    if (code === '') {
      if (hasValues) {
        problems.push({
          severity: 'error',
          sheet,
          cell: codeCell.address,
          message: '此行没有隐藏的代码（可能是手工插入的行），无法确定是哪个指标；请把数值填到模板原有的行中 / this row has no hidden code (inserted by hand?); enter values in the template\'s own rows',
        });
      }
      continue;
    }
    const series = catalog.byCode.get(code);
    if (!series) {
      problems.push({ severity: 'error', sheet, cell: codeCell.address, message: `隐藏的指标代码“${code}”未知 / unknown item or indicator code "${code}"` });
      continue;
    }
    const previous = seen.get(code);
    if (previous) {
      problems.push({ severity: 'error', sheet, cell: codeCell.address, message: `“${series.name}”与 ${previous} 重复（同一代码出现两次） / duplicate row for ${code}, also at ${previous}` });
      continue;
    }
    seen.set(code, codeCell.address);
    // A label that names another series than the hidden code: the rows were sorted without column A.
    if (header.nameCol !== null) {
      const nameCell = row.getCell(header.nameCol);
      const matched = matcher.match(cellText(nameCell));
      if (matched && 'series' in matched && matched.series.code !== code) {
        problems.push({
          severity: 'error',
          sheet,
          cell: nameCell.address,
          message: `名称“${cellText(nameCell).trim()}”与本行隐藏代码所指的“${series.name}”不一致，可能排序时未选中隐藏的 A 列；请撤销排序后重新排序，或重新生成模板 / the label names another series than the row's hidden code ${code}; the rows may have been sorted without column A`,
        });
        continue;
      }
    }
    if (row.hidden && hasValues) {
      problems.push({ severity: 'warning', sheet, cell: codeCell.address, message: '该行已隐藏（或被筛选），仍被读取 / this row is hidden or filtered out and was read' });
    }
    const unitText = header.unitCol !== null ? text(row.getCell(header.unitCol)) : '';
    const target = unitOf(code);
    for (const { year, period, cell, reading } of readings) {
      if (reading.kind === 'blank') continue;
      if (reading.kind === 'problem') {
        problems.push({ severity: 'error', sheet, cell: cell.address, message: reading.message });
        continue;
      }
      const { from, factor } = unitConversion(reading.unit, unitText !== '' ? unitText : target, target);
      if (factor === null) {
        problems.push({
          severity: 'error',
          sheet,
          cell: cell.address,
          message: `单位“${from}”无法换算为“${series.name}”的单位“${target}” / unit "${from}" does not convert to ${target}`,
        });
        continue;
      }
      if (!region) continue;
      observations.push({
        regionCode: region.code,
        seriesCode: code,
        year,
        value: factor === 1 ? reading.value : Number((reading.value * factor).toPrecision(15)),
        sheet,
        cell: cell.address,
        sourceUnit: from,
        factor,
        // A month's column: a stock's month-end figure, a flow's own month (DESIGN.md "Statistical periods").
        ...(period ? (({ period: p, kind }) => ({ period: p, periodKind: kind }))(periodOfValue(period, null, series)!) : {}),
      });
    }
  }
  return { sheet, layout: 'template', region: region?.code ?? null, observations, problems };
};

export const entryLayout = layout<EntryHeader>({ name: 'template', detect: findEntryHeader, parse: parseEntrySheet });

/** The `_pwb` sheet's record of plan, regions and time; null when the workbook has none (or it is not ours). */
export const readEntryMeta = (wb: ExcelJS.Workbook): EntryMeta | null => {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) return null;
  try {
    const parsed = EntryMetaSchema.safeParse(JSON.parse(cellText(ws.getCell('A1'))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/** Sheets of an entry workbook that hold no data (填报说明, `_pwb`): run.ts can skip them without a warning. */
export const isEntryAuxSheet = (ws: ExcelJS.Worksheet): boolean =>
  (ws.name === META_SHEET && ws.state !== 'visible') || text(ws.getCell('A1')) === INSTRUCTIONS_MARKER;
