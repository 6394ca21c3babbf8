/**
 * One table's printed rows → DraftRows: group headings become categories, 其中 rows get their parent's seq,
 * 城市/农村 values become parts, and the unit is found (单位 column, name brackets, values). Texts stay as printed.
 */
import { isBlankCell, parseQuantity } from '../targets/quantity';
import { splitParts } from '../targets/grammar';
import { isUnitText } from '../units/units';
import type { ColumnRole, DraftProblem, DraftRow } from './types';
import { isGroupHeading } from './source-lines';

const UNIT_IN_NAME = /[（(]([^（）()]{1,12})[)）][\s;；,，。]*$/u;
const OPERATOR_PREFIX =
  /^(?:[<>＜＞≤≥≦≧⩽⩾=＝~～约]+|不低于|不少于|不小于|不高于|不超过|不大于|不多于|高于|超过|大于|多于|低于|少于|小于|达到|五年累计|累计|保持|控制在|至少|力争)\s*/u;
const CUMULATIVE_BRACKETS = /^[[［〔【]\s*(.*?)\s*[\]］〕】]$/u;
const OPERATOR_SUFFIX = /\s*(?:以上|以下|以内|左右)$/u;
const CN_NUMERAL_SEQ = /^(?:[一二三四五六七八九十]+[、．.]?|[（(][一二三四五六七八九十]+[)）])$/u;


/** A cell's printed lines joined: wrapped names and headers close up, values keep a space between lines. */
export const joinName = (cell: string): string => cell.replace(/\s*\n\s*/gu, '').trim();
export const joinValue = (cell: string): string =>
  cell
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');

const isUnit = (text: string): boolean => text !== '' && !/[0-9０-９]/u.test(text) && isUnitText(text);

/** The unit printed inside a value: "1200人" → 人, "＞30平方米" → 平方米, "[1200]人" → 人; '' when none. */
export const unitInValue = (value: string): string => {
  let t = value.trim();
  for (let i = 0; i < 4; i++) {
    const next = t.replace(OPERATOR_PREFIX, '').replace(OPERATOR_SUFFIX, '').replace(CUMULATIVE_BRACKETS, '$1');
    if (next === t) break;
    t = next;
  }
  t = t.split(/[至到~～]/u).pop() ?? t;
  const q = parseQuantity(t);
  if (q?.ok && isUnit(q.quantity.unitText)) return q.quantity.unitText;
  const m = /^[[［〔【]?[0-9０-９.,．]+[\]］〕】]\s*(\S+)$/u.exec(t);
  return m && isUnit(m[1]!) ? m[1]! : '';
};

/** The unit in the name's trailing brackets as printed: "（个）" → 个, "(‰)" → ‰; '' when none. */
export const unitInName = (name: string): string => {
  const m = UNIT_IN_NAME.exec(name);
  const unit = m ? m[1]!.trim() : '';
  return isUnit(unit) ? unit : '';
};

/** 城市/农村 values printed in one cell ("城市650 农村450", or on two lines), or null. */
const partsOf = (cell: string): { label: string; value: string }[] | null =>
  splitParts(cell)?.map((p) => ({ label: p.label, value: p.text })) ?? null;

const attributeOf = (cell: string): DraftRow['attribute'] => {
  const t = cell.replace(/\s+/gu, '');
  if (/约束|約束/u.test(t)) return '约束性';
  if (/预期|預期/u.test(t)) return '预期性';
  return undefined;
};

/** Aligns a row printed with fewer cells than the header (an empty cell dropped by the copy). */
const alignShort = (printed: readonly string[], roles: readonly ColumnRole[]): string[] => {
  let cells = [...printed];
  const width = roles.length;
  const out = new Array<string>(width).fill('');
  const nameCol = roles.indexOf('name');
  // A 其中 row copied without its empty 序号 cell starts with the name.
  if (roles[0] === 'seq' && cells.length > 0 && !/^(\d|[一二三四五六七八九十]+[、．.]?$|[（(])/u.test(cells[0]!.trim())) cells = ['', ...cells];
  const left = Math.max(nameCol + 1, 0);
  for (let i = 0; i < left && i < cells.length; i++) out[i] = cells[i]!;
  const rest = cells.slice(left);
  let end = width;
  if (roles[width - 1] === 'attribute' && rest.length > 0 && attributeOf(rest[rest.length - 1]!) !== undefined) {
    out[width - 1] = rest.pop()!;
    end = width - 1;
  }
  const middle: number[] = [];
  for (let c = left; c < end; c++) middle.push(c);
  const unitCol = roles.indexOf('unit');
  if (unitCol >= left && unitCol < end && rest.length > 0 && isUnit(rest[0]!.trim())) {
    out[unitCol] = rest.shift()!;
  }
  const free = middle.filter((c) => c !== unitCol);
  const valueCols = free.slice(Math.max(free.length - rest.length, 0));
  rest.slice(-valueCols.length).forEach((cell, i) => (out[valueCols[i]!] = cell));
  return out;
};

export interface RowsInput {
  /** Printed rows below the header, with their 1-based row number in the table as read. */
  rows: { cells: string[]; row: number }[];
  roles: ColumnRole[];
  /** Names the table in messages, in Chinese and English. */
  label: { zh: string; en: string };
}

/** Reads a table's data rows into DraftRows and the problems found in them. */
export const readDraftRows = ({ rows, roles, label }: RowsInput): { rows: DraftRow[]; problems: DraftProblem[] } => {
  const col = (role: ColumnRole): number => roles.indexOf(role);
  const [seqCol, nameCol, unitCol] = [col('seq'), col('name'), col('unit')];
  const [baseCol, targetCol, finalCol, growthCol] = [col('baseline'), col('target'), col('final'), col('growth')];
  const [attrCol, catCol] = [col('attribute'), col('category')];
  const valueCols = [baseCol, targetCol, finalCol, growthCol, unitCol, attrCol].filter((c) => c >= 0);
  const out: DraftRow[] = [];
  const problems: DraftProblem[] = [];
  const seen = new Map<string, number>();
  let category: string | undefined;
  let parentSeq: string | undefined;
  let order = 0;
  for (const { cells: printed, row } of rows) {
    if (printed.every((c) => c.trim() === '')) continue;
    const filled = printed.filter((c) => c.trim() !== '');
    if (printed.length === 1 || (filled.length === 1 && isGroupHeading(filled[0]!))) {
      category = joinName(filled[0]!);
      continue;
    }
    let cells = printed.slice(0, roles.length);
    if (printed.length < roles.length) {
      cells = alignShort(printed, roles);
      problems.push({
        severity: 'warning',
        row,
        column: 0,
        message: `${label.zh}第${row}行只有${printed.length}个单元格（表头${roles.length}列），已按列对齐读取，请核对 / Row ${row} of ${label.en} has ${printed.length} cells for ${roles.length} columns; aligned by content, please check`,
      });
    }
    const at = (c: number): string => (c >= 0 ? (cells[c] ?? '') : '');
    const name = joinName(at(nameCol));
    const valuesBlank = valueCols.every((c) => isBlankCell(at(c)) || c === unitCol);
    const seqText = joinName(at(seqCol));
    if (valuesBlank && (isGroupHeading(name) || CN_NUMERAL_SEQ.test(seqText)) && name !== '') {
      category = name;
      continue;
    }
    if (catCol >= 0 && at(catCol).trim() !== '') category = joinName(at(catCol));
    const hasValue = [baseCol, targetCol, finalCol].some((c) => c >= 0 && at(c).trim() !== '');
    if (name === '') {
      if (hasValue) {
        problems.push({
          severity: 'error',
          row,
          column: nameCol + 1,
          message: `${label.zh}第${row}行有数值但没有指标名称 / Row ${row} of ${label.en} has values but no indicator name`,
        });
      }
      continue;
    }
    order++;
    const seq = seqCol >= 0 ? seqText : String(order);
    const draft: DraftRow = { seq, name, unit: '', row };
    if (baseCol >= 0) draft.baseline = joinValue(at(baseCol));
    if (targetCol >= 0) draft.target = joinValue(at(targetCol));
    if (finalCol >= 0) draft.final = joinValue(at(finalCol));
    if (growthCol >= 0) draft.growth = joinValue(at(growthCol));
    const attribute = attrCol >= 0 ? attributeOf(at(attrCol)) : undefined;
    if (attribute) draft.attribute = attribute;
    else if (attrCol >= 0 && !isBlankCell(at(attrCol))) {
      problems.push({
        severity: 'warning',
        row,
        column: attrCol + 1,
        message: `${label.zh}第${row}行的指标属性“${joinName(at(attrCol))}”不是预期性或约束性 / Row ${row}: attribute "${joinName(at(attrCol))}" is neither 预期性 nor 约束性`,
      });
    }
    if (category !== undefined) draft.category = category;
    if (/^其中/u.test(name) && parentSeq !== undefined) draft.parentSeq = parentSeq;
    else parentSeq = seq;
    const baseParts = baseCol >= 0 ? partsOf(at(baseCol)) : null;
    const targetParts = targetCol >= 0 ? partsOf(at(targetCol)) : null;
    const labels = (baseParts ?? targetParts)?.map((p) => p.label);
    if (labels) {
      draft.parts = labels.map((partLabel) => {
        const part: { label: string; baseline?: string; target?: string } = { label: partLabel };
        const b = baseParts?.find((p) => p.label === partLabel)?.value;
        const t = targetParts?.find((p) => p.label === partLabel)?.value;
        if (b !== undefined) part.baseline = b;
        if (t !== undefined) part.target = t;
        return part;
      });
    }
    const unitCell = joinName(at(unitCol));
    const partValues = (draft.parts ?? []).flatMap((p) => [p.target ?? '', p.baseline ?? '']);
    const fromValues = [draft.target ?? '', draft.baseline ?? '', draft.final ?? '', ...partValues].map(unitInValue).find((u) => u !== '');
    draft.unit = !isBlankCell(unitCell) ? unitCell : unitInName(name) || fromValues || '';
    if (seq !== '') {
      const first = seen.get(seq);
      if (first !== undefined) {
        problems.push({
          severity: 'warning',
          row,
          column: seqCol + 1,
          message: `${label.zh}第${row}行的序号“${seq}”与第${first}行重复 / Row ${row} of ${label.en} repeats the seq "${seq}" of row ${first}`,
        });
      } else seen.set(seq, row);
    }
    out.push(draft);
  }
  return { rows: out, problems };
};
