/**
 * Writes the evaluated indicator table of a plan/region/year as a formatted .xlsx for printing and filing: title and
 * scoreboard rows, the plan's columns then the evaluation columns, statuses in words with symbols and fills, frozen
 * header, A4 landscape fitted to width with the header repeated on each page. Reads only the EvaluationResult.
 */
import type ExcelJS from 'exceljs';
import { exceljs } from '../../lazy-modules';
import type { EvaluatedRow, EvaluationResult } from '../../../shared/evaluation/result';
import { scoreboardSentence, statusLegend } from '../../../shared/evaluation/status-labels';
import type { EvaluationKind } from '../../../shared/types';
import { evaluationColumns, planRowsOf, timeProgressClause, type ColumnOptions, type EvaluationColumn } from './evaluation-columns';
import { saveWorkbook } from './write-workbook';
import { landscapePrint, setNumber, setText, wrappedLines } from './xlsx-cells';

export const EVALUATION_SHEET = '指标完成情况表';
/** Rows 1–2 are the title and subtitle; row 3 is the header, repeated on every printed page. */
export const HEADER_ROW = 3;
export const KIND_WORDS: Record<EvaluationKind, string> = { annual: '年度监测', midterm: '中期评估', final: '总结评估' };

export type EvaluationXlsxOptions = ColumnOptions;

const FONT = '宋体';
const TITLE_FONT = '黑体';
const LINE_HEIGHT = 13.5;
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const solid = (rgb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } });

export const evaluationTitle = (result: EvaluationResult): string =>
  `${result.regionName}${result.year}年${KIND_WORDS[result.kind]}：《${result.planTitle.replace(/^《|》$/g, '')}》主要指标完成情况表`;

export const evaluationSubtitle = (result: EvaluationResult): string =>
  `地区：${result.regionName}（${result.region}）　${timeProgressClause(result)}；${scoreboardSentence(result)}。`;

/** A row spanning the whole table (title, subtitle, group heading, notes), with a height for its wrapped text. */
const spanningRow = (ws: ExcelJS.Worksheet, r: number, columns: EvaluationColumn[], text: string, style: { size: number; bold?: boolean; font?: string; align?: 'left' | 'center'; border?: boolean; fill?: string }): void => {
  ws.mergeCells(r, 1, r, columns.length);
  const cell = ws.getCell(r, 1);
  setText(cell, text);
  cell.font = { name: style.font ?? FONT, size: style.size, bold: style.bold ?? false };
  cell.alignment = { horizontal: style.align ?? 'left', vertical: 'middle', wrapText: true };
  if (style.border) for (let c = 1; c <= columns.length; c++) ws.getCell(r, c).border = THIN;
  if (style.fill) cell.fill = solid(style.fill);
  const width = columns.reduce((w, c) => w + c.width, 0) * (10 / style.size);
  ws.getRow(r).height = Math.max(style.size * 1.6, wrappedLines(text, width) * style.size * 1.4 + 4);
};

const writeHeader = (ws: ExcelJS.Worksheet, columns: EvaluationColumn[]): void => {
  const row = ws.getRow(HEADER_ROW);
  columns.forEach((col, i) => {
    const cell = row.getCell(i + 1);
    setText(cell, col.header);
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = solid('D9D9D9');
    cell.border = THIN;
  });
  row.height = Math.max(...columns.map((c) => wrappedLines(c.header, c.width))) * LINE_HEIGHT + 6;
};

const writeDataRow = (ws: ExcelJS.Worksheet, r: number, columns: EvaluationColumn[], data: EvaluatedRow): void => {
  const row = ws.getRow(r);
  const binding = data.attribute === '约束性';
  let lines = 1;
  columns.forEach((col, i) => {
    const cell = row.getCell(i + 1);
    const content = col.content(data);
    const bold = binding && (col.key === 'seq' || col.key === 'name' || col.key === 'attribute');
    const italic = col.key === 'baseline' && data.baselineSource === 'data';
    cell.font = { name: FONT, size: 10, bold, italic };
    cell.alignment = { horizontal: col.align, vertical: 'middle', wrapText: col.wrap };
    cell.border = THIN;
    if (content.kind === 'number') {
      setNumber(cell, content.value, content.numFmt);
    } else if (content.kind === 'status') {
      setText(cell, `${content.label.symbol} ${content.label.word}`);
      cell.fill = solid(content.label.fill);
      cell.font = { name: FONT, size: 10, bold: binding, color: { argb: `FF${content.label.font}` } };
    } else {
      setText(cell, content.text);
      if (col.wrap) lines = Math.max(lines, wrappedLines(content.text, col.width));
    }
  });
  row.height = Math.max(18, lines * LINE_HEIGHT + 4);
};

/** The group heading above a row: its category, or its table's title when the plan has several main tables. */
const groupHeadings = (result: EvaluationResult, options: ColumnOptions): ((row: EvaluatedRow) => string | null) => {
  const planRows = planRowsOf(options.plan);
  const mainTables = (options.plan?.tables ?? []).filter((t) => t.kind === 'main');
  return (row) => {
    const category = planRows.get(`${row.table}\u0000${row.seq}\u0000${row.name}`)?.category ?? null;
    if (category) return category;
    return mainTables.length > 1 ? (mainTables.find((t) => t.tableNo === row.table)?.title ?? null) : null;
  };
};

const notesText = (result: EvaluationResult): string => {
  const { baseYear: b, targetYear: t, year: y } = result;
  return [
    `说明：1. 评价符号：${statusLegend(result.rows.map((r) => r.status))}；约束性指标以粗体标示。`,
    `2. 完成目标进度 =（${y}年值 − 基期值）÷（目标值 − 基期值）；时序进度 =（${y} − ${b}）÷（${t} − ${b}）；年均增速为复合年均增长率。`,
    `3. 目标值按规划原文照录；基期值以斜体标示者取自${b}年数据；“—”表示无数据或不适用。`,
  ].join('\n');
};

/** Builds the sheet into `wb`; the caller writes the file (or adds more sheets). */
export const addEvaluationSheet = (wb: ExcelJS.Workbook, result: EvaluationResult, options: EvaluationXlsxOptions = {}): ExcelJS.Worksheet => {
  const columns = evaluationColumns(result, options);
  const ws = wb.addWorksheet(EVALUATION_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW, topLeftCell: `C${HEADER_ROW + 1}`, activeCell: `C${HEADER_ROW + 1}` }],
    ...landscapePrint(`${HEADER_ROW}:${HEADER_ROW}`, { side: 0.4, top: 0.6 }),
  });
  columns.forEach((col, i) => {
    ws.getColumn(i + 1).width = col.width;
  });
  spanningRow(ws, 1, columns, evaluationTitle(result), { size: 16, bold: true, font: TITLE_FONT, align: 'center' });
  spanningRow(ws, 2, columns, evaluationSubtitle(result), { size: 10 });
  writeHeader(ws, columns);
  const heading = groupHeadings(result, options);
  let r = HEADER_ROW + 1;
  let group: string | null = null;
  for (const row of result.rows) {
    const g = heading(row);
    if (g !== null && g !== group) spanningRow(ws, r++, columns, g, { size: 10, bold: true, border: true, fill: 'F2F2F2' });
    group = g;
    writeDataRow(ws, r++, columns, row);
  }
  spanningRow(ws, r + 1, columns, notesText(result), { size: 9 });
  return ws;
};

/** Writes the table to `out` (.xlsx); a failed write leaves nothing behind (see saveWorkbook). */
export const writeEvaluationXlsx = async (result: EvaluationResult, out: string, options: EvaluationXlsxOptions = {}): Promise<void> => {
  const wb = new (exceljs().Workbook)();
  wb.creator = '规划监测评估工作台';
  wb.title = evaluationTitle(result);
  addEvaluationSheet(wb, result, options);
  await saveWorkbook(wb, out);
};
