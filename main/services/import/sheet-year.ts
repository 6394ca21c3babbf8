/**
 * The data year a sheet states about itself: in its name ("2023年", "2023") or in a title row above the table. A
 * date ("填报日期：2024年1月10日") is not a data year; a part of a year ("2023年1-6月", "2023年上半年") is refused,
 * because an annual indicator takes a whole year's figure; a name and a title that give different years are
 * refused too, naming both, rather than one silently winning.
 */
import type ExcelJS from 'exceljs';
import { cellText } from './cells';

const YEAR_IN_TEXT = /((?:19|20)\d{2})\s*(?:年|年度|年末)/u;
const BARE_YEAR = /^\s*((?:19|20)\d{2})\s*$/u;
/** A calendar date or a month: "2024年1月10日", "2024年1月", "2024-01-10", "2024.1.10". */
const DATE = /(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?!\s*[-—~～至到]\s*\d)|(?:19|20)\d{2}[-./]\d{1,2}(?:[-./]\d{1,2})?/u;
const DATE_LINE = /^(填报|报出|填表|制表|统计|打印|报送)?(日期|时间)\s*[:：]/u;
/** Part of a year: "2023年1-6月", "2023年1至9月", "2023年上半年", "2023年一季度", "2023年前三季度". */
const PART_OF_YEAR = /(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*[-—~～至到]\s*\d{1,2}\s*月|[上下]半年|前?[一二三四1-4]\s*季度|第[一二三四1-4]季度)/u;

export type StatedYear = { year: number; cell: string } | { problem: string; cell: string } | null;

const fromText = (text: string): { year: number } | { partial: string } | null => {
  const t = text.normalize('NFKC');
  const part = PART_OF_YEAR.exec(t);
  if (part) return { partial: part[0] };
  if (DATE_LINE.test(t.replace(/\s+/g, '')) || DATE.test(t)) return null;
  const m = YEAR_IN_TEXT.exec(t) ?? BARE_YEAR.exec(t);
  return m ? { year: Number(m[1]) } : null;
};

const partial = (what: string, where: string): string =>
  `${where}“${what}”是部分时期的数据，年度指标只接受全年数；如确为全年数，请改写为“${what.slice(0, 5)}” / a part of a year (${what}) is not an annual figure`;

export const statedYear = (ws: ExcelJS.Worksheet, beforeRow: number): StatedYear => {
  const inName = fromText(ws.name);
  if (inName && 'partial' in inName) return { problem: partial(inName.partial, '工作表名'), cell: 'A1' };
  let inTitle: { year: number; cell: string } | null = null;
  for (let r = 1; r < beforeRow && !inTitle; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.min(ws.columnCount, 12); c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const found = fromText(cellText(cell));
      if (found && 'partial' in found) return { problem: partial(found.partial, '标题'), cell: cell.address };
      if (found) {
        inTitle = { year: found.year, cell: cell.address };
        break;
      }
    }
  }
  if (inName && inTitle && inName.year !== inTitle.year) {
    return {
      problem: `工作表名写的是${inName.year}年，标题（${inTitle.cell}）写的是${inTitle.year}年，无法确定数据年份，请改正其一 / the sheet name says ${inName.year}, the title says ${inTitle.year}`,
      cell: inTitle.cell,
    };
  }
  if (inName) return { year: inName.year, cell: '' };
  return inTitle;
};
