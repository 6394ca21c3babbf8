/**
 * Reads one cell as offices write values: numbers, numbers stored as text ("12,345", "98.67%", full-width digits,
 * "100元"), percent-formatted numbers, formula results, blanks and dashes as no value. Anything else is a
 * problem to report by cell, never a guess.
 */
import type ExcelJS from 'exceljs';
import { isBlankCell, parseQuantity } from '../../../shared/targets/quantity';
import { conversionFactor, unitAsPrinted } from '../../../shared/units/units';
import { headOf } from './caps';

export type CellReading =
  | { kind: 'blank' }
  | { kind: 'number'; value: number; unit: string | null }
  | { kind: 'problem'; message: string };

/** The text shown in a cell (rich text joined, formula results, hyperlinks' text); '' for empty. */
export const cellText = (cell: ExcelJS.Cell): string => {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
  return '';
};

/** A percent format scales the stored fraction by 100; a quoted or escaped "%" (0.0"%", 0\\%) is only text. */
export const isPercentFormat = (numFmt: string | undefined): boolean => /%/.test((numFmt ?? '').replace(/"[^"]*"|\\./g, ''));

export const readNumberCell = (cell: ExcelJS.Cell): CellReading => {
  let v = cell.value;
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) {
      return { kind: 'problem', message: '公式没有计算结果，请在 Excel 中重新计算并保存 / formula has no cached result; recalculate and save in Excel' };
    }
    if (typeof result === 'object' && result !== null && 'error' in result) {
      return { kind: 'problem', message: `公式结果为错误值 ${(result as { error: string }).error} / formula result is an error` };
    }
    v = result as ExcelJS.CellValue;
  }
  if (v === null || v === undefined) return { kind: 'blank' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'problem', message: '不是有限数值 / not a finite number' };
    return isPercentFormat(cell.numFmt) ? { kind: 'number', value: v * 100, unit: '%' } : { kind: 'number', value: v, unit: null };
  }
  if (typeof v === 'object' && 'error' in v) return { kind: 'problem', message: `单元格为错误值 ${String(v.error)} / cell holds an error` };
  if (v instanceof Date) return { kind: 'problem', message: `此处应为数值，单元格却是日期 ${v.toISOString().slice(0, 10)} / a date where a number belongs` };
  if (typeof v === 'boolean') return { kind: 'problem', message: '此处应为数值 / a number belongs here' };
  const raw = typeof v === 'string' ? v : cellText(cell);
  // Full-width digits, commas and points (１２，３４５．６) as input methods type them; "…" (below the unit) is no value.
  const text = raw.normalize('NFKC').replace(/[\u200B-\u200D\uFEFF]/g, '');
  if (isBlankCell(text) || /^\s*(…|\.\.\.|…+)\s*$/.test(text)) return { kind: 'blank' };
  const q = parseQuantity(text);
  if (!q || !q.ok) return { kind: 'problem', message: `“${headOf(raw.trim(), 40)}”不是数值 / "${headOf(raw.trim(), 40)}" is not a number` };
  return { kind: 'number', value: q.quantity.value, unit: q.quantity.unitText === '' ? null : q.quantity.unitText.normalize('NFKC') };
};

/**
 * A year in a header cell: 2020, "2020", "2020年", "2020年度", "2020年实际值" (a short word after the year); null for
 * a title that merely starts with a year ("2023年楚雄州民政事业统计表") or a month ("2024年09月").
 */
export const yearOf = (cell: ExcelJS.Cell): number | null => {
  const v = cell.value;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1900 && v <= 2100 ? v : null;
  // Excel turns "2020年" typed into a header into a date on some PCs: 2020-01-01 means the year 2020.
  if (v instanceof Date) return v.getUTCMonth() === 0 && v.getUTCDate() === 1 ? v.getUTCFullYear() : null;
  const m = /^\s*((?:19|20)\d{2})\s*(?:年度?|年末)?([^0-9]{0,6})$/u.exec(cellText(cell).normalize('NFKC').trim());
  if (!m) return null;
  const rest = m[2]!.trim();
  if (rest !== '' && !/^(实际值|完成值|基期值|数据|数|值|实际|完成|统计数|年报|年末数|末|合计)$/u.test(rest)) return null;
  return Number(m[1]);
};

/** Years the store accepts (the observation table's CHECK); a header outside is reported, not stored. */
export const isStorableYear = (year: number): boolean => year >= 1949 && year <= 2100;

/** Whether a column is hidden (ExcelJS's worksheet and the import reader's LightSheet both answer getColumn). */
export const isColumnHidden = (ws: ExcelJS.Worksheet, col: number): boolean => {
  try {
    return ws.getColumn(col).hidden === true;
  } catch {
    return false;
  }
};

export const hiddenColumnWarning = (sheet: string, cell: string) => ({
  severity: 'warning' as const,
  sheet,
  cell,
  message: '该列已隐藏，仍被读取 / this column is hidden and was read',
});

/**
 * A cell's own unit read against the unit of its row or column: "750元" in a 元/人·月 row is 750 元/人·月 (the unit
 * written short), "1.2万" in a 人 row is 1.2 万人 (万 and 亿 alone multiply the row's unit). Any other unit of the cell
 * stands as written and is converted, or refused, as it is.
 */
export const cellUnitIn = (own: string | null, context: string): { unit: string; times: number } => {
  if (own === null) return { unit: context, times: 1 };
  // "2万" under 万人 is 2 万人: the 万 of the header written again, not 20,000 万人.
  if ((own === '万' || own === '亿') && context.startsWith(own)) return { unit: context, times: 1 };
  if (own === '万') return { unit: context, times: 1e4 };
  if (own === '亿') return { unit: context, times: 1e8 };
  if (context.startsWith(`${own}/`)) return { unit: context, times: 1 };
  return { unit: own, times: 1 };
};

/**
 * How a figure becomes a value in the series' unit (`target`): the unit it is in (`written` in the cell, or else
 * `expected`, the column's or row's), as printed, and the factor; null when that unit does not convert.
 */
export const unitConversion = (written: string | null, expected: string, target: string): { from: string; factor: number | null } => {
  const read = cellUnitIn(written, expected);
  const printed = unitAsPrinted(read.unit, target);
  // "1.2万" under 人 is named 万人 in the list of conversions (not 人 → 人 × 10000).
  const from = read.times !== 1 && written ? `${written}${printed}` : printed;
  try {
    return { from, factor: conversionFactor(printed, target) * read.times };
  } catch {
    return { from, factor: null };
  }
};

/** `unitConversion` worked out once per unit written, for all the cells of a column or a row (issue 14: once per cell). */
export const unitConversions = (expected: string, target: string): ((written: string | null) => { from: string; factor: number | null }) => {
  const memo = new Map<string | null, { from: string; factor: number | null }>();
  return (written) => {
    let c = memo.get(written);
    if (!c) {
      c = unitConversion(written, expected, target);
      memo.set(written, c);
    }
    return c;
  };
};
