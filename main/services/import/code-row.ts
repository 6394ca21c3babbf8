/**
 * The row of column numbers statistical forms print under their header (甲 乙 丙 1 2 5 6 7, 序号 1 2 3, A B C):
 * numbers rising, with gaps where columns are computed, and the letters of the label columns. Never data.
 */
import type ExcelJS from 'exceljs';
import { cellText } from './cells';

const CODE_ROW_CELL = /^(序号|栏次|栏号|列次|行次|代码|[甲乙丙丁戊己庚辛壬癸]|[A-Z]|\d{1,3})$/u;

export const isCodeRow = (ws: ExcelJS.Worksheet, r: number): boolean => {
  const cells: string[] = [];
  ws.getRow(r).eachCell((cell) => {
    // A merged cell repeats its master's text: count it once.
    if (!cell.isMerged || cell.master.address === cell.address) cells.push(cellText(cell).normalize('NFKC').replace(/\s+/g, ''));
  });
  const numbers = cells.filter((t) => /^\d+$/u.test(t)).map(Number);
  return cells.length > 1 && cells.every((t) => CODE_ROW_CELL.test(t)) && numbers.every((n, i) => i === 0 || n > numbers[i - 1]!);
};
