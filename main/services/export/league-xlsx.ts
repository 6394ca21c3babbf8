/**
 * The league table (下级地区对比) as the workbook a prefecture sends its counties: one row per plan row (序号,
 * 指标, 单位, 目标值), then for each sub-region its value (in the row's status colour, with the status symbol) and
 * its rank among the sub-regions; title and legend, frozen labels, A4 landscape fitted to the width. Reads only
 * the LeagueTable, so the sheet says exactly what `pwb league` says.
 */
import type ExcelJS from 'exceljs';
import { exceljs } from '../../lazy-modules';
import type { LeagueTable } from '../../../shared/evaluation/league';
import { statusLabel, statusLegend } from '../../../shared/evaluation/status-labels';
import { KIND_WORDS } from './evaluation-xlsx';
import { saveWorkbook } from './write-workbook';
import { landscapePrint, numberFormatForUnit, setNumber, setText, wrappedLines } from './xlsx-cells';

export const LEAGUE_SHEET = '下级地区对比';
const FONT = '宋体';
const HEADER_ROW = 3;
const LABEL_COLUMNS = [
  { header: '序号', width: 5 },
  { header: '指标', width: 30 },
  { header: '单位', width: 8 },
  { header: '目标值', width: 10 },
];
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const solid = (rgb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } });

export const leagueTitle = (t: LeagueTable): string =>
  `${t.regionName}各下级地区${t.year}年${KIND_WORDS[t.kind]}：《${t.planTitle.replace(/^《|》$/g, '')}》主要指标完成情况对比表`;

export const addLeagueSheet = (wb: ExcelJS.Workbook, t: LeagueTable): ExcelJS.Worksheet => {
  const width = LABEL_COLUMNS.length + t.regions.length * 2;
  const ws = wb.addWorksheet(LEAGUE_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW + 1 }],
    ...landscapePrint(`${HEADER_ROW}:${HEADER_ROW + 1}`, { side: 0.3, top: 0.5 }),
  });
  LABEL_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  t.regions.forEach((_, k) => {
    ws.getColumn(LABEL_COLUMNS.length + 2 * k + 1).width = 11;
    ws.getColumn(LABEL_COLUMNS.length + 2 * k + 2).width = 5;
  });
  const spanning = (r: number, text: string, size: number, bold = false, align: 'left' | 'center' = 'left') => {
    ws.mergeCells(r, 1, r, width);
    const cell = ws.getCell(r, 1);
    setText(cell, text);
    cell.font = { name: bold ? '黑体' : FONT, size, bold };
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
    ws.getRow(r).height = Math.max(size * 1.6, wrappedLines(text, 30 + width * 6) * size * 1.4 + 4);
  };
  spanning(1, leagueTitle(t), 16, true, 'center');
  spanning(2, `地区：${t.regionName}（${t.region}）的${t.regions.length}个下级地区。排名按完成目标进度（无进度的按数值，依指标方向）由高到低，并列同名次；缺数、不适用和待评价的不排名。`, 10);
  // Two header rows: the labels span both; each region's name spans its 数值 and 排名 columns.
  const header = (r: number, c: number, text: string) => {
    const cell = ws.getCell(r, c);
    setText(cell, text);
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = solid('D9D9D9');
    cell.border = THIN;
  };
  LABEL_COLUMNS.forEach((c, i) => {
    ws.mergeCells(HEADER_ROW, i + 1, HEADER_ROW + 1, i + 1);
    header(HEADER_ROW, i + 1, c.header);
  });
  t.regions.forEach((region, k) => {
    const col = LABEL_COLUMNS.length + 2 * k + 1;
    ws.mergeCells(HEADER_ROW, col, HEADER_ROW, col + 1);
    header(HEADER_ROW, col, region.name);
    header(HEADER_ROW + 1, col, '数值');
    header(HEADER_ROW + 1, col + 1, '排名');
  });
  ws.getRow(HEADER_ROW).height = Math.max(...t.regions.map((r) => wrappedLines(r.name, 16)), 1) * 13.5 + 6;
  t.columns.forEach((row, i) => {
    const r = HEADER_ROW + 2 + i;
    const labels = [row.seq, row.name, row.unit, row.target];
    labels.forEach((text, j) => {
      const cell = ws.getCell(r, j + 1);
      setText(cell, text);
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { horizontal: j === 1 ? 'left' : 'center', vertical: 'middle', wrapText: j === 1 };
      cell.border = THIN;
    });
    t.regions.forEach((region, k) => {
      const col = LABEL_COLUMNS.length + 2 * k + 1;
      const x = region.rows[i]!;
      const label = statusLabel(x.status, { upward: true });
      const value = ws.getCell(r, col);
      if (x.value === null) setText(value, `${label.symbol} ${label.word}`);
      else setNumber(value, x.value, numberFormatForUnit(row.unit));
      if (x.value !== null) value.note = `${label.symbol} ${label.word}`;
      value.fill = solid(label.fill);
      value.font = { name: FONT, size: 10, color: { argb: `FF${label.font}` } };
      value.alignment = { horizontal: x.value === null ? 'center' : 'right', vertical: 'middle' };
      value.border = THIN;
      const rank = ws.getCell(r, col + 1);
      setNumber(rank, x.rank, '0');
      rank.font = { name: FONT, size: 10 };
      rank.alignment = { horizontal: 'center', vertical: 'middle' };
      rank.border = THIN;
    });
    ws.getRow(r).height = Math.max(18, wrappedLines(row.name, 30) * 13.5 + 4);
  });
  const statuses = t.regions.flatMap((r) => r.rows.map((x) => x.status));
  spanning(HEADER_ROW + 3 + t.columns.length, `说明：数值单元格的底色和批注为该地区该项的评价（${statusLegend(statuses, { upward: true })}）；“—”表示无数据或不排名。`, 9);
  return ws;
};

/** Writes the league table to `out` (.xlsx); a failed write leaves nothing behind. */
export const writeLeagueXlsx = async (t: LeagueTable, out: string): Promise<void> => {
  const wb = new (exceljs().Workbook)();
  wb.creator = '规划监测评估工作台';
  wb.title = leagueTitle(t);
  addLeagueSheet(wb, t);
  await saveWorkbook(wb, out);
};
