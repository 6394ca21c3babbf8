/** Test helpers: fresh temporary folders and databases, and real .xlsx files written with exceljs. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDb, type OpenOptions } from '../../main/db/open';
import type { WriteDb } from '../../main/db/types';

const created = new Set<string>();

/** A new temporary folder, removed after the test file by test/setup.ts. */
export const tempDir = (prefix = 'pwb-test-'): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.add(dir);
  return dir;
};

export const removeTempDirs = (): void => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
  created.clear();
};

/** A new database file in a new temporary folder, with the built-in plans installed. */
export const freshDb = (options: OpenOptions = {}): { db: WriteDb; file: string; dir: string } => {
  const dir = tempDir();
  const file = path.join(dir, 'workbench.sqlite');
  return { db: openDb(file, options), file, dir };
};

export const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

export type CellInput = string | number | null | undefined | ExcelJS.CellValue;

/** Writes a workbook whose sheets are given as arrays of rows (row 1 first). Returns the file path. */
export const writeWorkbook = async (
  file: string,
  sheets: { name: string; rows: CellInput[][]; hidden?: boolean; setup?: (ws: ExcelJS.Worksheet) => void }[],
): Promise<string> => {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {});
    s.rows.forEach((row, i) => {
      row.forEach((value, j) => {
        if (value !== undefined && value !== null) ws.getCell(i + 1, j + 1).value = value as ExcelJS.CellValue;
      });
    });
    s.setup?.(ws);
  }
  await wb.xlsx.writeFile(file);
  return file;
};

/** A long-layout sheet: 地区 label, header 指标名称 | 单位 | years…, then rows [name, unit, ...values]. */
export const longSheet = (regionLabel: string | null, years: number[], rows: CellInput[][]): CellInput[][] => [
  ...(regionLabel ? [[regionLabel]] : []),
  ['指标名称', '单位', ...years.map((y) => `${y}年`)],
  ...rows,
];
