/**
 * Writing one cell of an exported workbook: text always as a plain string (a name beginning with = + - @ stays text,
 * never a formula), numbers as numbers with a number format chosen by the unit, missing values as “—”. Also the
 * row-height estimate for wrapped Chinese text, which Excel does not compute for merged cells.
 */
import type ExcelJS from 'exceljs';
import { parseUnit } from '../../../shared/units/units';

/** Characters XML 1.0 forbids; a cell holding one would make the file unreadable. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const MAX_CELL_TEXT = 32767;

export const MISSING = '—';
export const PERCENT_FORMAT = '0.0%';
export const GROWTH_FORMAT = '0.00%';

/**
 * Sets a cell to a plain string. exceljs writes a string value as a shared string (t="s"), never as <f>, whatever
 * its first character; only an object value {formula} becomes a formula, and this never builds one.
 */
export const setText = (cell: ExcelJS.Cell, text: string): void => {
  const clean = String(text).replace(XML_INVALID, '');
  cell.value = clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT) : clean;
};

/** Sets a number with its format, or “—” (centred) when the number is missing or not finite. */
export const setNumber = (cell: ExcelJS.Cell, value: number | null, numFmt: string): void => {
  if (value === null || !Number.isFinite(value)) {
    setText(cell, MISSING);
    cell.alignment = { ...cell.alignment, horizontal: 'center' };
    return;
  }
  cell.value = value;
  cell.numFmt = numFmt;
};

const COUNT_DIMENSIONS = new Set(['person', 'person-visit', 'household', 'thing', 'bed', 'couple', 'case', 'site', 'institution', 'machine', 'area']);

/**
 * The number format for a value in `unit`: % 0.0, ‰ 0.00, money #,##0.00, whole counts (人, 张, 个, 平方米) #,##0,
 * scaled counts (万人) #,##0.00, multiples (倍) and other ratios (个/万人, 平方米/百户) 0.00 / 0.0; an unreadable unit
 * General. Never a % format: the values are in the unit itself (a share of 55% is 55).
 */
export const numberFormatForUnit = (unit: string): string => {
  const text = unit.trim();
  if (text === '%' || text === '％' || text === '百分点' || text === '个百分点') return '0.0';
  if (text === '‰') return '0.00';
  let dims: Readonly<Record<string, number>>;
  let factor: number;
  try {
    ({ dims, factor } = parseUnit(text));
  } catch {
    return 'General';
  }
  const keys = Object.keys(dims);
  if (keys.length === 0) return '0.00';
  if (keys.includes('money')) return '#,##0.00';
  if (keys.length === 1 && dims[keys[0]!] === 1 && COUNT_DIMENSIONS.has(keys[0]!)) return factor === 1 ? '#,##0' : '#,##0.00';
  return '0.0';
};

/** Display width of a text in Excel column units: a CJK or full-width character counts about two. */
export const displayWidth = (text: string): number => {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
};

/** Lines a wrapped text takes in a column `width` units wide (explicit line breaks kept). */
export const wrappedLines = (text: string, width: number): number =>
  text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, width - 1))), 0);

/**
 * A printed table sheet: A4 landscape fitted to the page width, centred, the header rows repeated on every page,
 * "第 N 页，共 M 页" at the foot.
 */
export const landscapePrint = (printTitlesRow: string, margin: { side: number; top: number }): Partial<ExcelJS.AddWorksheetOptions> => ({
  pageSetup: {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: margin.side, right: margin.side, top: margin.top, bottom: margin.top, header: 0.3, footer: 0.3 },
    printTitlesRow,
  },
  headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
});
