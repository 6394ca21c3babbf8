/**
 * Writes every stored observation of a region (and, on request, of all regions below it) as one flat sheet, one
 * observation per row with its provenance. The sheet is exactly what flat-layout.ts reads back, so an export is
 * always importable: region code as text, the series code beside the name, values as numbers in the series' unit.
 */
import type ExcelJS from 'exceljs';
import { exceljs } from '../../lazy-modules';
import { UserError } from '../../../shared/errors';
import { normaliseRegionCode } from '../../../shared/text/region-code';
import type { Region } from '../../../shared/types';
import { observationsOfRegion, type ObservationRecord } from '../../db/queries/observations';
import type { ReadDb } from '../../db/types';
import { listBatches } from '../batches';
import { catalogOf, regionTreeOf } from '../context';
import { findRegion } from '../import/match';
import { saveWorkbook } from './write-workbook';
import { setText } from './xlsx-cells';

export const OBSERVATIONS_SHEET = '观测值';
export const FLAT_HEADERS = ['地区代码', '地区', '指标或统计项', '年份', '数值', '单位', '来源', '代码'] as const;
const WIDTHS = [14, 22, 40, 8, 14, 12, 44, 32];

export interface ObservationsExportInput {
  /** A region code (6, 9 or 12 digits) or name. */
  region: string;
  includeSubregions?: boolean;
  out: string;
}

/** Plain code-unit order, as SQLite's ORDER BY sorts codes (not the locale's, which ignores '_'). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const requireRegion = (db: ReadDb, text: string): Region => {
  const code = normaliseRegionCode(text);
  const found = code ? (regionTreeOf(db).regions.get(code) ?? null) : findRegion(db, text);
  if (!found || 'ambiguous' in found) {
    throw new UserError('unknown-region', `未知或不唯一的地区“${text}”。 / Unknown or ambiguous region "${text}".`);
  }
  return found;
};

/** The region and, when asked, every region below it, in code order. */
const regionsToExport = (db: ReadDb, root: Region, includeSubregions: boolean): Region[] => {
  const { regions, nodes } = regionTreeOf(db);
  const out: Region[] = [];
  const visit = (code: string) => {
    const r = regions.get(code);
    if (r) out.push(r);
    if (includeSubregions) for (const child of nodes.get(code)?.children ?? []) visit(child);
  };
  visit(root.code);
  return out.sort((a, b) => byText(a.code, b.code));
};

/** "chuxiong-示例数据.xlsx/楚雄州!E4/批次 1", or "手工录入：张三". */
export const provenanceText = (o: ObservationRecord, fileOfBatch: ReadonlyMap<number, string>): string => {
  if (o.batchId !== null) {
    const where = o.sheet !== null ? `${o.sheet}!${o.cell ?? ''}` : '';
    return [fileOfBatch.get(o.batchId) ?? '', where, `批次 ${o.batchId}`].filter((p) => p !== '').join('/');
  }
  return `手工录入：${o.enteredBy ?? '未署名'}`;
};

/** Observations sorted by region code, series code and year, with the names and units to print. */
export const observationRows = (db: ReadDb, input: Omit<ObservationsExportInput, 'out'>) => {
  const root = requireRegion(db, input.region);
  const catalog = catalogOf(db);
  const fileOfBatch = new Map(listBatches(db).map((b) => [b.id, b.fileName]));
  return regionsToExport(db, root, input.includeSubregions ?? false).flatMap((region) =>
    observationsOfRegion(db, region.code)
      .sort((a, b) => byText(a.seriesCode, b.seriesCode) || a.year - b.year)
      .map((o) => {
        const series = catalog.byCode.get(o.seriesCode);
        return {
          regionCode: region.code,
          regionName: region.name,
          seriesName: series?.name ?? o.seriesCode,
          year: o.year,
          value: o.value,
          unit: series?.unit ?? '',
          source: provenanceText(o, fileOfBatch),
          seriesCode: o.seriesCode,
        };
      }),
  );
};

export const writeObservationsXlsx = async (db: ReadDb, input: ObservationsExportInput): Promise<{ rows: number }> => {
  const rows = observationRows(db, input);
  const wb = new (exceljs().Workbook)();
  wb.creator = '规划监测评估工作台';
  const ws = wb.addWorksheet(OBSERVATIONS_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const header = ws.getRow(1);
  FLAT_HEADERS.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    setText(cell, h);
    cell.font = { name: '宋体', size: 10, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  rows.forEach((o, i) => {
    const row = ws.getRow(i + 2);
    setText(row.getCell(1), o.regionCode);
    setText(row.getCell(2), o.regionName);
    setText(row.getCell(3), o.seriesName);
    row.getCell(4).value = o.year;
    row.getCell(5).value = o.value; // General format: every stored digit shown, and no % format to rescale on import
    setText(row.getCell(6), o.unit);
    setText(row.getCell(7), o.source);
    setText(row.getCell(8), o.seriesCode);
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: FLAT_HEADERS.length } };
  await saveWorkbook(wb, input.out);
  return { rows: rows.length };
};
