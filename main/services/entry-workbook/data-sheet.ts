/**
 * One region's data sheet of the entry workbook: title, 地区 row, header (序号 | 指标或统计项 | 单位 | years | 说明), one
 * row per series. Grey locked labels, white unlocked entry cells with number-only validation and a number format
 * for the unit, and the hidden column A that carries plan, region and series codes through sorting and renaming.
 */
import type ExcelJS from 'exceljs';
import type { Plan, Region } from '../../../shared/types';
import { CODE_MARKER, PLAN_PREFIX, REGION_PREFIX } from './markers';
import { usageNote, type EntryRows } from './rows';

export const HEADER_ROW = 3;
const CODE_COL = 1;
const SEQ_COL = 2;
const NAME_COL = 3;
const UNIT_COL = 4;
const FIRST_YEAR_COL = 5;
const NAME_WIDTH = 44;
const NOTE_WIDTH = 56;

const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const HEADER_GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD0CECE' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF999999' } },
  left: { style: 'thin', color: { argb: 'FF999999' } },
  bottom: { style: 'thin', color: { argb: 'FF999999' } },
  right: { style: 'thin', color: { argb: 'FF999999' } },
};

/** Units counted in whole things: entered as integers. */
const COUNT_UNITS = new Set(['人', '名', '个', '家', '张', '户', '人次', '对', '件', '处', '所', '台']);

/** How an entry cell for `unit` is validated and shown: whole numbers for counts, two decimals for the rest. */
export const entryFormat = (unit: string): { type: 'whole' | 'decimal'; numFmt: string } => {
  const u = unit.normalize('NFKC').trim();
  if (COUNT_UNITS.has(u)) return { type: 'whole', numFmt: '#,##0' };
  if (u === '%' || u === '‰' || u === '倍' || u === '') return { type: 'decimal', numFmt: '0.00' };
  return { type: 'decimal', numFmt: '#,##0.00' };
};

const validationFor = (unit: string): ExcelJS.DataValidation => {
  const { type } = entryFormat(unit);
  const shown = unit === '' ? '无单位' : unit;
  return {
    type,
    operator: 'between',
    allowBlank: true,
    formulae: [-1e15, 1e15],
    showInputMessage: true,
    promptTitle: `单位：${shown}`,
    prompt: type === 'whole' ? '请填写整数；不知道的留空。' : '请填写数字，不带单位；不知道的留空。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '只能填写数字',
    error:
      type === 'whole'
        ? `此处只能填写整数（单位：${shown}），不要带单位或文字；不知道的请留空。`
        : `此处只能填写数字（单位：${shown}），不要带单位或文字；不知道的请留空。`,
  };
};

/** Display width of text in Excel column units: CJK and full-width characters count two. */
const displayWidth = (text: string): number =>
  Array.from(text).reduce((w, ch) => w + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1), 0);

/** A row height (points) that shows `text` wrapped in a column `width` units wide; Excel does not fit it on open. */
export const wrappedHeight = (text: string, width: number, fontSize = 11): number => {
  const perLine = Math.max(1, Math.floor(((width - 1) * 11) / fontSize));
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / perLine)), 0);
  return Math.ceil(lines * fontSize * 1.4 + 4);
};

const label = (cell: ExcelJS.Cell, value: ExcelJS.CellValue, fill: ExcelJS.Fill = GREY): void => {
  cell.value = value;
  cell.fill = fill;
  cell.border = THIN;
  cell.protection = { locked: true };
};

export interface DataSheetInput {
  plan: Plan;
  region: Region;
  rows: EntryRows;
  /** A month's or a quarter's columns for one year instead of a column per year. */
  periods?: EntryPeriods;
}

/** The columns of a monthly or quarterly entry sheet: 2026年1月 … 2026年12月, or 2026年第一季度 … 第四季度. */
export interface EntryPeriods {
  kind: 'monthly' | 'quarterly';
  year: number;
}

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];
export const periodHeadings = (p: EntryPeriods): string[] =>
  p.kind === 'monthly' ? Array.from({ length: 12 }, (_, i) => `${p.year}年${i + 1}月`) : QUARTER_NAMES.map((q) => `${p.year}年${q}`);

/** Fills `ws` with one region's table; returns the number of series rows. */
export const fillDataSheet = async (ws: ExcelJS.Worksheet, { plan, region, rows, periods }: DataSheetInput): Promise<number> => {
  const years: number[] = [];
  for (let y = rows.firstYear; y <= rows.lastYear; y++) years.push(y);
  // A monthly or quarterly sheet: one column per month or quarter of the year, every row open.
  const columns = periods ? periodHeadings(periods).map((heading) => ({ heading, year: periods.year })) : years.map((y) => ({ heading: `${y}年`, year: y }));
  const noteCol = FIRST_YEAR_COL + columns.length;

  ws.getColumn(CODE_COL).width = 8;
  ws.getColumn(CODE_COL).hidden = true;
  ws.getColumn(SEQ_COL).width = 6;
  ws.getColumn(NAME_COL).width = NAME_WIDTH;
  ws.getColumn(UNIT_COL).width = 11;
  columns.forEach((_, i) => (ws.getColumn(FIRST_YEAR_COL + i).width = periods ? 11 : 12));
  ws.getColumn(noteCol).width = NOTE_WIDTH;

  ws.getCell(1, CODE_COL).value = `${PLAN_PREFIX}${plan.id}`;
  ws.getCell(2, CODE_COL).value = `${REGION_PREFIX}${region.code}`;
  ws.mergeCells(1, SEQ_COL, 1, noteCol);
  const title = ws.getCell(1, SEQ_COL);
  title.value = periods
    ? `《${plan.title}》监测数据${periods.kind === 'monthly' ? '月' : '季'}度填报表（${periods.year}年）`
    : `《${plan.title}》监测数据填报表`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  ws.mergeCells(2, SEQ_COL, 2, noteCol);
  ws.getCell(2, SEQ_COL).value = `地区：${region.name}（${region.code}）`;
  ws.getCell(2, SEQ_COL).font = { bold: true };

  const header = ws.getRow(HEADER_ROW);
  header.getCell(CODE_COL).value = CODE_MARKER;
  const headings = ['序号', '指标或统计项', '单位', ...columns.map((c) => c.heading), '说明'];
  headings.forEach((h, i) => {
    const cell = header.getCell(SEQ_COL + i);
    label(cell, h, HEADER_GREY);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  rows.series.forEach((s, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.getCell(CODE_COL).value = s.code;
    label(row.getCell(SEQ_COL), i + 1);
    row.getCell(SEQ_COL).alignment = { horizontal: 'center', vertical: 'middle' };
    label(row.getCell(NAME_COL), s.name);
    row.getCell(NAME_COL).alignment = { wrapText: true, vertical: 'middle' };
    label(row.getCell(UNIT_COL), s.unit);
    row.getCell(UNIT_COL).alignment = { horizontal: 'center', vertical: 'middle' };
    const { numFmt } = entryFormat(s.unit);
    const validation = validationFor(s.unit);
    columns.forEach(({ year: y }, j) => {
      const cell = row.getCell(FIRST_YEAR_COL + j);
      cell.border = THIN;
      if (!periods && y < s.firstYear) {
        // Not read by this plan's evaluation: grey and locked, so the clerk need not look for it.
        cell.fill = GREY;
        cell.protection = { locked: true };
        return;
      }
      cell.numFmt = numFmt;
      cell.protection = { locked: false };
      cell.dataValidation = validation;
    });
    const yearly = /[/·]年/u.test(s.unit);
    const note = periods && yearly ? `全年数，只填${periods.kind === 'monthly' ? '12月' : '第四季度'}列；${usageNote(s, plan.baseYear)}` : periods ? `${s.nature === 'flow' ? (periods.kind === 'monthly' ? '填当月数（各月相加为全年数）' : '填本季数（四季相加为全年数）') : periods.kind === 'monthly' ? '填月末数（12月末即年末数）' : '填季末数（四季度末即年末数）'}；${usageNote(s, plan.baseYear)}` : usageNote(s, plan.baseYear);
    label(row.getCell(noteCol), note);
    row.getCell(noteCol).alignment = { wrapText: true, vertical: 'middle' };
    row.getCell(noteCol).font = { size: 9 };
    row.height = Math.max(18, wrappedHeight(s.name, NAME_WIDTH), wrappedHeight(note, NOTE_WIDTH, 9));
  });

  const lastRow = HEADER_ROW + rows.series.length;
  ws.autoFilter = { from: { row: HEADER_ROW, column: CODE_COL }, to: { row: lastRow, column: noteCol } };
  ws.views = [{ state: 'frozen', xSplit: UNIT_COL, ySplit: HEADER_ROW }];
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` };
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    sort: true,
    autoFilter: true,
    formatColumns: true,
  });
  return rows.series.length;
};
