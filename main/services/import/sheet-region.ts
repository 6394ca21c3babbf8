/**
 * Which region a sheet is about: the --region option, the sheet's name, or a label above the table
 * (地区：楚雄州, 填报单位：双柏县民政局, 地区编码：532322000000). A sheet that states another region than --region
 * is an error, not a silent choice.
 */
import type ExcelJS from 'exceljs';
import type { Problem } from '../../../shared/errors';
import type { Region } from '../../../shared/types';
import type { ReadDb } from '../../db/types';
import { cellText } from './cells';
import { findRegion } from './match';

const LABEL = /(?:地区编码|行政区划代码|地区|填报单位|编制单位|单位名称)\s*[:：]\s*(.+)$/u;

const regionFromText = (db: ReadDb, text: string): Region | null => {
  const code = /(\d{12}|\d{9}|\d{6})/.exec(text);
  if (code) {
    const r = findRegion(db, code[1]!);
    if (r && !('ambiguous' in r)) return r;
  }
  // "双柏县民政局    单位：户、人、万元": the name ends where a wide gap or another label starts.
  const head = text.split(/\s{2,}|\u3000|\s+(?=\S+[:：])/u)[0]!;
  const name = head.replace(/[(（].*$/u, '').replace(/(民政局|人民政府|统计局)$/u, '').trim();
  const r = name ? findRegion(db, name) : null;
  return r && !('ambiguous' in r) ? r : null;
};

/** The region a sheet states about itself, from its name or a label in rows above `headerRow`. */
export const statedRegion = (db: ReadDb, ws: ExcelJS.Worksheet, headerRow: number): { region: Region; cell: string } | null => {
  const byName = findRegion(db, ws.name);
  if (byName && !('ambiguous' in byName)) return { region: byName, cell: '' };
  for (let r = 1; r < headerRow; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.min(ws.columnCount, 12); c++) {
      const cell = row.getCell(c);
      const m = LABEL.exec(cellText(cell).normalize('NFKC').trim());
      if (!m) continue;
      const region = regionFromText(db, m[1]!);
      if (region) return { region, cell: cell.address };
    }
  }
  return null;
};

export const resolveSheetRegion = (
  db: ReadDb,
  ws: ExcelJS.Worksheet,
  headerRow: number,
  option: Region | null,
  problems: Problem[],
): Region | null => {
  const stated = statedRegion(db, ws, headerRow);
  if (option && stated && stated.region.code !== option.code) {
    problems.push({
      severity: 'error',
      sheet: ws.name,
      cell: stated.cell,
      message: `工作表注明的地区是${stated.region.name}（${stated.region.code}），与 --region ${option.code}（${option.name}）不一致 / the sheet states region ${stated.region.code}, not ${option.code}`,
    });
    return null;
  }
  const region = option ?? stated?.region ?? null;
  if (!region) {
    problems.push({
      severity: 'error',
      sheet: ws.name,
      cell: 'A1',
      message: '无法确定本表的地区：请在表头写明“地区：XX”，或以地区名命名工作表，或使用 --region 代码 / cannot tell which region this sheet is about; add "地区：…", name the sheet after the region, or pass --region CODE',
    });
  }
  return region;
};
