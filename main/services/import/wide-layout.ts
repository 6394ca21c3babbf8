/**
 * The "wide" layout: one row per region (township or county, by name or code), one column per item, headers of
 * one to three rows with merged cells and units in the header, a 合计/总计/全县 row that is the parent region's own
 * value. The year comes from the sheet's name or title. For additive items a total is checked against the sum of
 * its parts (a mismatch is a warning with both numbers); rates and shares are never summed.
 */
import type ExcelJS from 'exceljs';
import type { Problem } from '../../../shared/errors';
import { splitNameUnit } from '../../../shared/text/normalize';
import type { Region, Series } from '../../../shared/types';
import { isUnitText } from '../../../shared/units/units';
import { isWithinTree, regionTreeOf } from '../context';
import { cellText, hiddenColumnWarning, isColumnHidden, readNumberCell, unitConversions, yearOf } from './cells';
import { layout, type SheetContext } from './layout';
import { findRegion } from './match';
import { statedRegion } from './sheet-region';
import { columnKind, cumulativeMismatch, periodOfValue, type ColumnKind } from './periods';
import { isCodeRow } from './code-row';
import { formContext, labelledUnits, unitForColumn } from './form-context';
import { periodLabel, statedPeriod, type SheetPeriod } from './sheet-period';
import { yearHeaderAt } from './long-layout';
import type { ParsedObservation, ParsedSheet } from './types';

const MAX_SCAN = 20;
const REGION_HEADER = /^(地区|地区名称|地区代码|区划代码|行政区划|单位名称|乡镇|乡镇（街道）|乡镇\(街道\)|县（市、区）|县\(市、区\)|县市区|区县|名称)$/u;
const TOTAL_ROW = /^(合计|总计|全县|全市|全州|全省|全区|全旗|小计)$/u;
const NOTE_ROW = /^(注\s*[0-9①-⑩]?|说明|备注|填表人|单位负责人|统计负责人|报出日期|数据来源)\s*[:：]/u;

export interface WideHeader {
  /** The first data row (below the header block). */
  dataRow: number;
  headerRows: number[];
  regionCol: number;
}

const text = (cell: ExcelJS.Cell): string => cellText(cell).normalize('NFKC').replace(/\s+/g, '').trim();

const isRegionLabel = (t: string): boolean => REGION_HEADER.test(t);

/** A header block whose first column (of the first 3) is headed like 地区/乡镇/单位名称, with no year headings. */
export const findWideHeader = (ws: ExcelJS.Worksheet): WideHeader | null => {
  for (let r = 1; r <= Math.min(ws.rowCount, MAX_SCAN); r++) {
    const row = ws.getRow(r);
    if (yearHeaderAt(ws, r)) return null; // years as columns: the long layout's sheet
    for (let c = 1; c <= Math.min(ws.columnCount, 3); c++) {
      if (!isRegionLabel(text(row.getCell(c)))) continue;
      // The header block: this row and following rows until the first row whose region cell is a region or total.
      const headerRows = [r];
      let dataRow = r + 1;
      // Up to three name rows and a unit row below the first, then any column-number rows (序号 1 2 5 6 7, 甲 乙 丙).
      while (dataRow <= ws.rowCount && (dataRow <= r + 4 || isCodeRow(ws, dataRow))) {
        const t = text(ws.getRow(dataRow).getCell(c));
        const master = ws.getRow(dataRow).getCell(c);
        const mergedFromHeader = master.isMerged && Number(master.master.row) < dataRow;
        if (isCodeRow(ws, dataRow)) {
          dataRow++;
          continue;
        }
        if (mergedFromHeader || t === '') {
          headerRows.push(dataRow);
          dataRow++;
          continue;
        }
        break;
      }
      return { dataRow, headerRows, regionCol: c };
    }
  }
  return null;
};


/** Header texts of a column from the top header row down, merged repeats collapsed: ["养老机构", "床位总数（张）"]. */
const headerParts = (ws: ExcelJS.Worksheet, h: WideHeader, col: number): string[] => {
  const parts: string[] = [];
  for (const r of h.headerRows) {
    const t = cellText(ws.getRow(r).getCell(col)).trim();
    if (t !== '' && parts[parts.length - 1] !== t) parts.push(t);
  }
  return parts;
};

/** A header cell that is a unit and nothing else ("元/人·月", "（万人）", "计量单位：张"), as a units row under the names. */
const bareUnit = (text: string): string | null => {
  const t = text.normalize('NFKC').trim().replace(/^(?:计量)?单位[:：]\s*/u, '').replace(/^[(（](.*)[)）]$/u, '$1').trim();
  return t !== '' && isUnitText(t) ? t : null;
};

const matchColumn = (ctx: SheetContext, parts: string[], prefixes: readonly string[] = []): { series: Series; unit: string | null } | { candidates: string[] } | null => {
  if (parts.length === 0) return null;
  // The names, then a row of units below them: the name is matched without the unit, which is the column's unit.
  const unit = parts.length > 1 ? bareUnit(parts[parts.length - 1]!) : null;
  if (unit !== null) {
    const named = matchColumn(ctx, parts.slice(0, -1), prefixes);
    if (named && 'series' in named) return { series: named.series, unit: named.unit ?? unit };
  }
  const plain = [parts[parts.length - 1]!, parts.join(''), parts.slice(-2).join('')].map((t) => t.replace(/^其中[:：]?/u, ''));
  // A form's own words first (城市低保 + 户数 on the 城市最低生活保障 form), then the header as it stands.
  const tries = [...prefixes.flatMap((p) => plain.map((t) => `${p}${t}`)), ...plain];
  let candidates: string[] = [];
  for (const t of tries) {
    const m = ctx.matcher.match(t);
    if (m && 'series' in m) return { series: m.series, unit: m.unit ?? unitInParts(parts) };
    // The closest names to what the header says, not to the form's words put before it (城市低保低保户数).
    if (m && candidates.length === 0 && plain.includes(t)) candidates = m.candidates;
  }
  return { candidates };
};

const unitInParts = (parts: string[]): string | null => {
  for (const p of [...parts].reverse()) {
    const u = splitNameUnit(p).unit;
    if (u) return u;
    const m = /^单位[:：]\s*(.+)$/u.exec(p.normalize('NFKC'));
    if (m) return m[1]!.trim();
  }
  return null;
};

export const parseWideSheet = (ctx: SheetContext, h: WideHeader): ParsedSheet => {
  const { db, ws, unitOf } = ctx;
  const sheet = ws.name;
  const problems: Problem[] = [];
  const observations: ParsedObservation[] = [];
  const stated = ctx.sheetYear ? { period: { kind: 'year' as const, year: ctx.sheetYear }, cell: '' } : statedPeriod(ws, h.dataRow);
  const period: SheetPeriod | null = stated && 'period' in stated ? stated.period : null;
  const year = period ? { year: period.year } : null;
  const form = formContext(ws, h.headerRows[0]!);
  const sheetUnits = labelledUnits(ws, h.headerRows[0]!);
  const unknownLabels: { label: string; candidates: string[] }[] = [];
  const find = ctx.findRegion ?? ((t: string) => findRegion(db, t));
  if (stated && 'problem' in stated) problems.push({ severity: 'error', sheet, cell: stated.cell, message: stated.problem });
  else if (!year) {
    problems.push({ severity: 'error', sheet, cell: 'A1', message: '无法确定本表数据的年份：请在工作表名或标题中写明，如“2023年” / cannot tell the year: put it in the sheet name or title, e.g. 2023年' });
  }
  // Columns → series.
  const columns: { col: number; series: Series; unit: string | null; kind: ColumnKind | null }[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    if (c === h.regionCol) continue;
    const printed = headerParts(ws, h, c);
    const head = printed.join('').normalize('NFKC');
    if (printed.length === 0 || /^(序号|代码|地区代码|区划代码|备注|说明)$/u.test(head)) continue;
    const { kind, parts } = columnKind(printed);
    const m = matchColumn(ctx, parts, form.prefixes);
    const address = ws.getRow(h.headerRows[h.headerRows.length - 1]!).getCell(c).address;
    if (m && 'series' in m) {
      if (columns.some((x) => x.series.code === m.series.code && x.kind === kind)) {
        problems.push({ severity: 'error', sheet, cell: address, message: `“${printed.join('')}”列重复 / duplicate column` });
        continue;
      }
      const mismatch = kind === 'cumulative' && period ? cumulativeMismatch(printed.join(''), period) : null;
      if (mismatch) {
        problems.push({ severity: 'warning', sheet, cell: address, message: mismatch });
        continue;
      }
      if (kind === 'cumulative' && m.series.nature !== 'flow' && period && period.kind !== 'year') {
        // A stock has no figure from January: its 累计 column is not read (its 当月 or 期末 column is).
        problems.push({ severity: 'warning', sheet, cell: address, message: `“${m.series.name}”是时点数，没有累计数，“${printed.join('')}”列未读取 / a stock has no cumulative figure; column not read` });
        continue;
      }
      columns.push({ col: c, series: m.series, unit: m.unit ?? unitForColumn(sheetUnits, unitOf(m.series.code)), kind });
      if (isColumnHidden(ws, c)) problems.push(hiddenColumnWarning(sheet, address));
    } else if (columnHasNumbers(ws, h, c)) {
      unknownLabels.push({ label: printed.join(''), candidates: m && 'candidates' in m ? m.candidates : [] });
      const hint = m && m.candidates.length ? `；最接近的是：${m.candidates.join('、')}` : '';
      problems.push({ severity: 'error', sheet, cell: address, message: `未知的指标或统计项“${printed.join('')}”${hint} / unknown item or indicator` });
    }
  }
  // Rows → regions. Township names repeat across the country: an ambiguous name is resolved inside the sheet's
  // region (--region, or 填报单位/地区 above the table), else inside the parent shared by the unambiguous rows.
  const { regions } = regionTreeOf(db);
  const context = ctx.regionOption ?? statedRegion(db, ws, h.headerRows[0]!)?.region ?? null;
  type RowRef = { row: number; region: Region | null; total: boolean; label: string; options: Region[] };
  const rows: RowRef[] = [];
  for (let r = h.dataRow; r <= ws.rowCount; r++) {
    const label = text(ws.getRow(r).getCell(h.regionCol));
    if (label === '') {
      // Numbers in a row without a region (a name deleted by mistake) are not dropped silently.
      const numbered = columns.find((col) => readNumberCell(ws.getRow(r).getCell(col.col)).kind === 'number');
      if (numbered) problems.push({ severity: 'error', sheet, cell: ws.getRow(r).getCell(h.regionCol).address, message: '该行有数值但没有地区名称 / numbers in a row without a region name' });
      continue;
    }
    if (NOTE_ROW.test(label)) continue;
    if (ws.getRow(r).hidden) problems.push({ severity: 'warning', sheet, cell: ws.getRow(r).getCell(h.regionCol).address, message: '该行已隐藏，仍被读取 / this row is hidden and was read' });
    if (TOTAL_ROW.test(label)) {
      rows.push({ row: r, region: null, total: true, label, options: [] });
      continue;
    }
    const found = find(label);
    const options = !found ? [] : 'ambiguous' in found ? found.ambiguous : [found];
    rows.push({ row: r, region: options.length === 1 ? options[0]! : null, total: false, label, options });
  }
  const within = (code: string, ancestor: string) => isWithinTree(db, code, ancestor);
  let parentCode = context?.code ?? null;
  if (!parentCode) {
    const parents = new Set(rows.filter((x) => x.region).map((x) => x.region!.parentCode));
    if (parents.size === 1) parentCode = [...parents][0] ?? null;
  }
  for (const x of rows) {
    if (x.total) continue;
    if (!x.region && parentCode) {
      const inside = x.options.filter((o) => within(o.code, parentCode!));
      if (inside.length === 1) x.region = inside[0]!;
    }
    const address = ws.getRow(x.row).getCell(h.regionCol).address;
    if (!x.region) {
      problems.push({
        severity: 'error',
        sheet,
        cell: address,
        message: x.options.length > 1 ? `地区“${x.label}”不唯一，请写区划代码或注明上级地区 / ambiguous region "${x.label}"` : `未知地区“${x.label}” / unknown region "${x.label}"`,
      });
    } else if (context && !within(x.region.code, context.code)) {
      problems.push({ severity: 'error', sheet, cell: address, message: `${x.region.name}（${x.region.code}）不在${context.name}之内 / region not within ${context.code}` });
      x.region = null;
    }
  }
  // The total belongs to the region the rows make up: their common parent (a township table of 双柏县 imported with
  // --region 楚雄州 is 双柏县's total, not 楚雄州's), else the sheet's region.
  const parentsOfRows = new Set(rows.filter((x) => x.region && !x.total).map((x) => x.region!.parentCode));
  if (parentsOfRows.size === 1) {
    const common = [...parentsOfRows][0];
    if (common && (!context || within(common, context.code))) parentCode = common;
  }
  for (const x of rows) {
    if (!x.total) continue;
    if (!parentCode || !regions.get(parentCode)) {
      problems.push({ severity: 'error', sheet, cell: ws.getRow(x.row).getCell(h.regionCol).address, message: '合计行所属地区无法确定（各行不属同一上级），请用 --region 指明 / cannot tell whose total this is; use --region' });
    } else x.region = regions.get(parentCode)!;
  }
  for (const col of columns) {
    const printedValues: { value: number; written: number; cell: string; unit: string; total: boolean }[] = [];
    const parts: { value: number; cell: string }[] = [];
    let total: { value: number; cell: string } | null = null;
    const convert = unitConversions(col.unit ?? ctx.profileUnit?.(col.series.code) ?? unitOf(col.series.code), unitOf(col.series.code));
    const when = period ? periodOfValue(period, col.kind, col.series) : null;
    for (const x of rows) {
      if (!x.region || !year) continue;
      const cell = ws.getRow(x.row).getCell(col.col);
      const reading = readNumberCell(cell);
      if (reading.kind === 'blank') continue;
      if (reading.kind === 'problem') {
        problems.push({ severity: 'error', sheet, cell: cell.address, message: reading.message });
        continue;
      }
      const { from, factor } = convert(reading.unit);
      const address = cell.address;
      if (factor === null) {
        problems.push({ severity: 'error', sheet, cell: address, message: `单位“${from}”无法换算为“${unitOf(col.series.code)}” / unit "${from}" does not convert` });
        continue;
      }
      const value = Number((reading.value * factor).toPrecision(15));
      observations.push({
        regionCode: x.region.code, seriesCode: col.series.code, year: year.year, value, sheet, cell: address, sourceUnit: from, factor,
        ...(when ? { period: when.period, periodKind: when.kind } : {}),
      });
      if (reading.unit === null) printedValues.push({ value, written: reading.value, cell: address, unit: from, total: x.total });
      if (x.total) total = { value, cell: address };
      else parts.push({ value, cell: address });
    }
    problems.push(...scaleSlips(sheet, printedValues));
    if (total && parts.length > 0 && col.series.aggregation === 'sum') {
      const sum = parts.reduce((s, p) => s + p.value, 0);
      if (Math.abs(sum - total.value) > 1e-9 * Math.max(1, Math.abs(total.value))) {
        problems.push({
          severity: 'warning',
          sheet,
          cell: total.cell,
          message: `合计${total.value}与各分项之和${Number(sum.toPrecision(12))}不一致（${col.series.name}） / total ${total.value} differs from the sum of parts ${Number(sum.toPrecision(12))}`,
        });
      }
    }
  }
  return { sheet, layout: 'wide', region: parentCode, observations, problems, unknownLabels, ...(period && period.kind !== 'year' ? { period: periodLabel(period) } : {}) };
};

/**
 * A figure written in 元 under a 万元 header (or in 人 under 万人) stands out from its column by about 10,000 times:
 * a warning quoting the number as written and both readings. Compared with the median of the column's other rows
 * (three at least); the total row is compared with the sum of its parts elsewhere.
 */
const scaleSlips = (sheet: string, values: { value: number; written: number; cell: string; unit: string; total: boolean }[]): Problem[] => {
  const rows = values.filter((v) => !v.total && v.value !== 0);
  if (rows.length < 4) return [];
  const problems: Problem[] = [];
  for (const v of rows) {
    if (!/^万/u.test(v.unit)) continue;
    const others = rows.filter((o) => o !== v).map((o) => Math.abs(o.value)).sort((a, b) => a - b);
    const median = others[Math.floor(others.length / 2)]!;
    if (median > 0 && Math.abs(v.value) / median >= 1000) {
      const small = v.unit.slice(1);
      problems.push({
        severity: 'warning',
        sheet,
        cell: v.cell,
        message: `“${v.written}”按表头单位读作${v.written}${v.unit}，约为同列其他数的${Math.round(Math.abs(v.value) / median)}倍；如填的是${small}，应为${Number((v.written / 1e4).toPrecision(12))}${v.unit} / ${v.written} read as ${v.unit}; if it is in ${small}, it is ${v.written / 1e4} ${v.unit}`,
      });
    }
  }
  return problems;
};

const columnHasNumbers = (ws: ExcelJS.Worksheet, h: WideHeader, col: number): boolean => {
  for (let r = h.dataRow; r <= Math.min(ws.rowCount, h.dataRow + 50); r++) {
    if (readNumberCell(ws.getRow(r).getCell(col)).kind === 'number') return true;
  }
  return false;
};

export const wideLayout = layout<WideHeader>({ name: 'wide', detect: findWideHeader, parse: parseWideSheet });
