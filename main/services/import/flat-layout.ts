/**
 * The "flat" layout: one observation per row, under a header with a year column (年份), a value column (数值/数据)
 * and a name column (指标/统计项/指标名称), optionally 地区代码/地区, 单位 and the series 代码 — the sheet the workbench
 * exports (observations-xlsx.ts) and the lists offices keep. Detected before the long layout, which would take the
 * year values of the first data row for year headings.
 */
import type ExcelJS from 'exceljs';
import type { Problem } from '../../../shared/errors';
import { normaliseRegionCode } from '../../../shared/text/region-code';
import type { Region, Series } from '../../../shared/types';
import { catalogOf, regionTreeOf } from '../context';
import { cellText, isStorableYear, readNumberCell, unitConversion, yearOf } from './cells';
import { layout, type SheetContext } from './layout';
import { MAX_SHEET_PROBLEMS } from './long-layout';
import { findRegion } from './match';
import { resolveSheetRegion } from './sheet-region';
import type { ParsedObservation, ParsedSheet } from './types';

const MAX_HEADER_SCAN = 20;
const HEADERS = {
  regionCode: /^(地区代码|地区编码|行政区划代码|行政区划编码|区划代码|统计用区划代码|单位代码)$/u,
  regionName: /^(地区|地区名称|行政区划|行政区划名称|区划名称|单位名称)$/u,
  name: /^(指标或统计项|指标\/统计项|统计项或指标|指标|统计项|指标名称|统计项名称|指标项目|项目|项目名称)$/u,
  year: /^(年份|年度|年|统计年度|数据年份|所属年度)$/u,
  value: /^(数值|数据|值|指标值|数据值|统计值|本期数|数量)$/u,
  unit: /^(单位|计量单位)$/u,
  code: /^(代码|指标代码|统计项代码|指标编码|统计项编码)$/u,
};
type HeaderKey = keyof typeof HEADERS;
const NOTE_ROW = /^(注\s*[0-9①-⑩]?|说明|备注|填表人|单位负责人|统计负责人|报出日期|数据来源)\s*[:：]/u;

export interface FlatHeader {
  row: number;
  cols: { [K in HeaderKey]: number | null };
}

/** A header text without spaces, full-width folded, and without a trailing bracket ("数值（元）" → "数值"). */
const headerText = (cell: ExcelJS.Cell): string =>
  cellText(cell).normalize('NFKC').replace(/\s+/g, '').replace(/[(（][^()（）]*[)）]$/u, '');

/**
 * The first row (of the top 20) that has a year column, a value column and a name column and is not itself a year
 * (a title such as “2023年…” is passed over); a row with several year headings (2020年 | 2021年 …) is a long
 * header, and the sheet is not this layout.
 */
export const findFlatHeader = (ws: ExcelJS.Worksheet): FlatHeader | null => {
  for (let r = 1; r <= Math.min(ws.rowCount, MAX_HEADER_SCAN); r++) {
    const row = ws.getRow(r);
    const cols: FlatHeader['cols'] = { regionCode: null, regionName: null, name: null, year: null, value: null, unit: null, code: null };
    let yearHeadings = 0;
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      if (yearOf(cell) !== null) yearHeadings++;
      const t = headerText(cell);
      const key = (Object.keys(HEADERS) as HeaderKey[]).find((k) => HEADERS[k].test(t));
      if (key && cols[key] === null) cols[key] = c;
    }
    if (yearHeadings > 1) return null; // 2020年 | 2021年 …: the long layout's header
    if (yearHeadings === 0 && cols.year !== null && cols.value !== null && cols.name !== null) return { row: r, cols };
  }
  return null;
};

const addressOf = (ws: ExcelJS.Worksheet, r: number, c: number | null): string => (c === null ? '' : ws.getRow(r).getCell(c).address);
const textAt = (row: ExcelJS.Row, c: number | null): string => (c === null ? '' : cellText(row.getCell(c)).trim());

type Found<T> = { ok: T } | { problem: string; cell: string };

/** The row's region: by code (6, 9 or 12 digits), else by name; a name that contradicts the code is an error. */
const rowRegion = (ctx: SheetContext, h: FlatHeader, row: ExcelJS.Row, fallback: Region | null): Found<Region> | null => {
  const r = row.number;
  const codeText = textAt(row, h.cols.regionCode);
  const nameText = textAt(row, h.cols.regionName);
  const byName = nameText !== '' ? (ctx.findRegion ?? ((t: string) => findRegion(ctx.db, t)))(nameText) : null;
  if (codeText !== '') {
    const code = normaliseRegionCode(codeText);
    const region = code ? regionTreeOf(ctx.db).regions.get(code) : undefined;
    // The cell's address is made only for a problem.
    if (!region) return { problem: `未知的地区代码“${codeText}” / unknown region code "${codeText}"`, cell: addressOf(ctx.ws, r, h.cols.regionCode) };
    if (byName && !('ambiguous' in byName) && byName.code !== region.code) {
      return {
        problem: `地区代码${region.code}（${region.name}）与地区名称“${nameText}”（${byName.code}）不一致 / region code ${region.code} and name "${nameText}" disagree`,
        cell: addressOf(ctx.ws, r, h.cols.regionCode),
      };
    }
    return { ok: region };
  }
  if (nameText !== '') {
    const cell = addressOf(ctx.ws, r, h.cols.regionName);
    if (byName === null) return { problem: `未知的地区“${nameText}” / unknown region "${nameText}"`, cell };
    if ('ambiguous' in byName) {
      const names = byName.ambiguous.map((g) => `${g.name}（${g.code}）`).join('、');
      return { problem: `地区“${nameText}”不唯一：${names}，请填写地区代码 / ambiguous region "${nameText}"; give its code`, cell };
    }
    return { ok: byName };
  }
  return fallback ? { ok: fallback } : null;
};

/** The row's series: by the 代码 column when it names a known series, else by name as printed. */
const rowSeries = (ctx: SheetContext, h: FlatHeader, row: ExcelJS.Row, problems: Problem[], nameText: string, codeText: string): (Found<Series> & { unit?: string | null }) | null => {
  const r = row.number;
  // The cell's address is made only for a problem (200,000 rows: 200,000 strings saved).
  const nameCell = (): string => addressOf(ctx.ws, r, h.cols.name);
  const matched = nameText !== '' ? ctx.matcher.match(nameText) : null;
  const byCode = codeText !== '' ? catalogOf(ctx.db).byCode.get(codeText) : undefined;
  if (byCode) {
    if (matched && 'series' in matched && matched.series.code !== byCode.code) {
      return { problem: `代码“${codeText}”（${byCode.name}）与名称“${nameText}”（${matched.series.code}）不一致 / code ${codeText} and name "${nameText}" disagree`, cell: nameCell() };
    }
    return { ok: byCode, unit: matched?.unit ?? null };
  }
  if (codeText !== '' && matched && 'series' in matched) {
    problems.push({ severity: 'warning', sheet: ctx.ws.name, cell: addressOf(ctx.ws, r, h.cols.code), message: `未知的代码“${codeText}”，已按名称“${nameText}”匹配 / unknown code "${codeText}"; matched by name` });
  }
  if (matched === null) {
    return codeText === '' ? null : { problem: `未知的代码“${codeText}” / unknown series code "${codeText}"`, cell: addressOf(ctx.ws, r, h.cols.code) };
  }
  if (!('series' in matched)) {
    const hint = matched.candidates.length > 0 ? `；最接近的是：${matched.candidates.join('、')}` : '';
    return { problem: `未知的指标或统计项“${nameText}”${hint} / unknown item or indicator "${nameText}"`, cell: nameCell() };
  }
  return { ok: matched.series, unit: matched.unit };
};

export const parseFlatSheet = (ctx: SheetContext, h: FlatHeader): ParsedSheet => {
  const { ws, unitOf } = ctx;
  const sheet = ws.name;
  const problems: Problem[] = [];
  const error = (cell: string, message: string) => problems.push({ severity: 'error', sheet, cell, message });
  const hasRegionColumn = h.cols.regionCode !== null || h.cols.regionName !== null;
  // Without a region column the sheet is about one region: --region, the sheet's name, or a 地区： label above.
  const sheetRegion = hasRegionColumn ? ctx.regionOption : resolveSheetRegion(ctx.db, ws, h.row, ctx.regionOption, problems);
  const observations: ParsedObservation[] = [];
  const regions = new Set<string>();
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    if (problems.length >= MAX_SHEET_PROBLEMS) {
      error(`A${r}`, `问题过多，已在第 ${r} 行停止检查本表 / too many problems; stopped checking this sheet at row ${r}`);
      break;
    }
    const row = ws.getRow(r);
    const first = cellText(row.getCell(1)).normalize('NFKC').trim();
    const nameText = textAt(row, h.cols.name);
    if (NOTE_ROW.test(first) || NOTE_ROW.test(nameText.normalize('NFKC'))) continue;
    const valueCell = row.getCell(h.cols.value!);
    const reading = readNumberCell(valueCell);
    if (reading.kind === 'blank') continue; // a row without a value states nothing
    const codeText = textAt(row, h.cols.code);
    if (nameText === '' && codeText === '') {
      error(addressOf(ws, r, h.cols.name), '有数值但没有指标或统计项名称 / a value without an item or indicator name');
      continue;
    }
    const region = rowRegion(ctx, h, row, sheetRegion);
    const series = rowSeries(ctx, h, row, problems, nameText, codeText);
    const yearCell = row.getCell(h.cols.year!);
    const year = yearOf(yearCell);
    let bad = false;
    if (region === null) {
      if (hasRegionColumn) error(addressOf(ws, r, h.cols.regionCode ?? h.cols.regionName), '缺少地区（代码或名称） / the region is missing');
      bad = true;
    } else if ('problem' in region) {
      error(region.cell, region.problem);
      bad = true;
    }
    if (series === null || 'problem' in series) {
      if (series !== null) error(series.cell, series.problem);
      bad = true;
    }
    if (year === null) {
      const shown = cellText(yearCell).trim();
      error(yearCell.address, shown === '' ? '缺少年份 / the year is missing' : `“${shown}”不是年份 / "${shown}" is not a year`);
      bad = true;
    } else if (!isStorableYear(year)) {
      error(yearCell.address, `年份${year}超出可保存的范围（1949—2100） / year ${year} is outside 1949–2100`);
      bad = true;
    }
    if (reading.kind === 'problem') {
      error(valueCell.address, reading.message);
      bad = true;
    }
    if (bad || reading.kind !== 'number' || region === null || 'problem' in region || series === null || 'problem' in series || year === null) continue;
    const code = series.ok.code;
    const unitText = textAt(row, h.cols.unit).normalize('NFKC');
    // A unit written in the cell stands (万 or 亿 alone multiplies the row's unit); else the name's, the unit column's
    // or the item's own.
    const { from, factor } = unitConversion(reading.unit, series.unit ?? (unitText !== '' ? unitText : unitOf(code)), unitOf(code));
    if (factor === null) {
      error(valueCell.address, `单位“${from}”无法换算为“${series.ok.name}”的单位“${unitOf(code)}” / unit "${from}" does not convert to ${unitOf(code)}`);
      continue;
    }
    if (row.hidden) problems.push({ severity: 'warning', sheet, cell: valueCell.address, message: '该行已隐藏，仍被读取 / this row is hidden and was read' });
    regions.add(region.ok.code);
    observations.push({
      regionCode: region.ok.code,
      seriesCode: code,
      year,
      value: factor === 1 ? reading.value : Number((reading.value * factor).toPrecision(15)),
      sheet,
      cell: valueCell.address,
      sourceUnit: from,
      factor,
    });
  }
  const region = regions.size === 1 ? [...regions][0]! : (sheetRegion?.code ?? null);
  return { sheet, layout: 'flat', region, observations, problems };
};

export const flatLayout = layout<FlatHeader>({ name: 'flat', detect: findFlatHeader, parse: parseFlatSheet });
