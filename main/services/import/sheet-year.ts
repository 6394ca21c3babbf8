/** The data year a sheet states about itself: in its name ("2023年", "2023") or in a title row above the table. */
import type ExcelJS from 'exceljs';
import { cellText } from './cells';

const YEAR_IN_TEXT = /((?:19|20)\d{2})\s*(?:年|年度|年末)/u;
const BARE_YEAR = /^\s*((?:19|20)\d{2})\s*$/u;

export const statedYear = (ws: ExcelJS.Worksheet, beforeRow: number): { year: number; cell: string } | null => {
  const name = ws.name.normalize('NFKC');
  const inName = YEAR_IN_TEXT.exec(name) ?? BARE_YEAR.exec(name);
  if (inName) return { year: Number(inName[1]), cell: '' };
  for (let r = 1; r < beforeRow; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.min(ws.columnCount, 12); c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const m = YEAR_IN_TEXT.exec(cellText(cell).normalize('NFKC'));
      if (m) return { year: Number(m[1]), cell: cell.address };
    }
  }
  return null;
};
