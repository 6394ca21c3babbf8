/**
 * What a statistical form says above its table that the column headers leave out: whose form it is (城市 or 农村,
 * 低保, 特困人员, 临时救助, 养老机构), so that a short header (低保户数, 资金支出) names the right item of a pair; and
 * a line of units (单位：户、人、万元) for columns whose header gives none.
 */
import type ExcelJS from 'exceljs';
import { isUnitText, parseUnit, sameDimension } from '../../../shared/units/units';
import { cellText } from './cells';

const TOPICS: { re: RegExp; word: string }[] = [
  { re: /最低生活保障|低保/u, word: '低保' },
  { re: /特困/u, word: '特困人员' },
  { re: /临时救助/u, word: '临时救助' },
  { re: /养老机构|养老服务/u, word: '养老机构' },
];

const titleTexts = (ws: ExcelJS.Worksheet, headerRow: number): string[] => {
  const texts = [ws.name];
  for (let r = 1; r < headerRow; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.min(ws.columnCount, 12); c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const t = cellText(cell).normalize('NFKC').replace(/\s+/g, '');
      if (t !== '') texts.push(t);
    }
  }
  return texts;
};

/** Words to try before a header: 城市低保, 低保, 城市 for the 城市最低生活保障 form. */
export const formContext = (ws: ExcelJS.Worksheet, headerRow: number): { prefixes: string[] } =>
  prefixesOf(
    titleTexts(ws, headerRow)
      .filter((t) => !/^(填报|报送|编制)?单位[:：]/u.test(t))
      .join(' '),
  );

/** The same words from one text: a title, or a section row of a table (一、城市低保). */
export const prefixesOf = (text: string): { prefixes: string[] } => {
  const urban = /城市|城镇/u.test(text);
  const rural = /农村/u.test(text);
  const area = urban === rural ? '' : urban ? '城市' : '农村';
  const topic = TOPICS.find((t) => t.re.test(text))?.word ?? '';
  const prefixes = [area && topic ? `${area}${topic}` : '', topic, area].filter((p) => p !== '');
  return { prefixes: [...new Set(prefixes)] };
};

const UNIT_LINE = /(?:^|[^填报送制编表计])(?:计量)?单位\s*[:：]\s*([^\s：:]+(?:\s*[、,，;；]\s*[^\s、,，;；：:]+)*)/u;

/** The units a line above the table lists (单位：户、人、万元), in their order. */
export const labelledUnits = (ws: ExcelJS.Worksheet, headerRow: number): string[] => {
  for (const t of titleTexts(ws, headerRow).slice(1)) {
    const m = UNIT_LINE.exec(t);
    if (!m) continue;
    const units = m[1]!.split(/[、,，;；]/u).map((u) => u.trim()).filter((u) => u !== '' && isUnitText(u));
    if (units.length > 0) return units;
  }
  return [];
};

/** For a column without a unit of its own: the first listed unit of its item's kind (户 for 户数, 万元 for 支出). */
export const unitForColumn = (units: readonly string[], seriesUnit: string): string | null => {
  let target;
  try {
    target = parseUnit(seriesUnit);
  } catch {
    return null;
  }
  for (const u of units) {
    try {
      if (sameDimension(parseUnit(u), target)) return u;
    } catch {
      // not a unit after all
    }
  }
  return null;
};
