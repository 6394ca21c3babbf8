/**
 * The large-import benchmark (issue 4): a 200,000-row × 10-column flat workbook (2 million cells) imported into the
 * store, beside — on the same file, in the same run — a bare exceljs streaming read (the floor), exceljs's
 * whole-workbook reader, and a plain Python script with openpyxl (read-only) and sqlite3. Each in its own process.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDb } from '../main/db/open';
import { insertRegions } from '../main/db/queries/regions';
import { allSeries } from '../main/db/queries/series';
import { tempDir } from '../test/helpers/files';

export interface StepResult {
  step: string;
  seconds: number;
  rows: number;
  maxRssMb: number;
}

const REGIONS = 200;
const YEARS = Array.from({ length: 20 }, (_, i) => 2006 + i);

export const runLargeImportBench = async (): Promise<StepResult[]> => {
  const dir = tempDir('pwb-bench-import-');
  // A database with 200 synthetic townships, copied for each run of the import.
  const template = path.join(dir, 'template.sqlite');
  const db = openDb(template);
  const regions = Array.from({ length: REGIONS }, (_, i) => ({ code: `532322${String(500 + i)}`, name: `示例乡镇${i + 1}`, parentCode: '532322', level: 'township' as const, aliases: [] }));
  db.transaction(() => insertRegions(db, regions))();
  const series = allSeries(db).filter((s) => !s.formula).slice(0, 50);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.writeFileSync(path.join(dir, 'names.json'), JSON.stringify(Object.fromEntries(series.map((s) => [s.name, s.code]))));

  const file = path.join(dir, 'flat-200k.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: true });
  const ws = wb.addWorksheet('观测值');
  ws.addRow(['地区代码', '地区', '指标或统计项', '年份', '数值', '单位', '来源', '代码', '备注', '填报人']).commit();
  let n = 0;
  for (const r of regions) {
    for (const [i, s] of series.entries()) {
      for (const y of YEARS) {
        ws.addRow([r.code, r.name, s.name, y, 100 + i + (y - 2006) * 2 + (n % 7), s.unit, '基准测试', s.code, '', '测试']).commit();
        n++;
      }
    }
  }
  ws.commit();
  await wb.commit();

  const tsx = path.resolve('node_modules/.bin/tsx');
  const step = (name: string, args: string[]): StepResult => {
    const out = execFileSync(tsx, ['bench/import-steps.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
    return { step: name, ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<StepResult, 'step'>) };
  };
  const results: StepResult[] = [];
  results.push(step('exceljs streaming read (floor)', ['floor', file]));
  results.push(step('exceljs whole-workbook read', ['whole', file]));
  const pwbDb = path.join(dir, 'pwb.sqlite');
  fs.copyFileSync(template, pwbDb);
  results.push(step('pwb import (stream, match, convert, store)', ['pwb', file, pwbDb]));
  try {
    const py = execFileSync('/usr/bin/python3', ['bench/openpyxl_import.py', file, path.join(dir, 'py.sqlite'), path.join(dir, 'names.json')], { encoding: 'utf8' });
    results.push({ step: 'python3 openpyxl read-only + sqlite3', ...(JSON.parse(py.trim()) as Omit<StepResult, 'step'>) });
  } catch (error) {
    console.error(`python3-openpyxl not available (apt-get install python3-openpyxl): ${(error as Error).message.split('\n')[0]}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return results;
};
