/**
 * `npm run bench`: speed of the core on a store of realistic size, printed as a table. Not a test: nothing here
 * asserts a time. (1) Import 100,000 observations from a generated long-layout workbook (200 regions × 50 series ×
 * 10 years); (2) evaluate all four plans for 200 regions × 5 evaluation years (2021–2025, data 2020–2025).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDb } from '../main/db/open';
import { upsertRegion } from '../main/db/queries/regions';
import { allSeries } from '../main/db/queries/series';
import { listPlans } from '../main/services/plans';
import { evaluatePlan } from '../main/services/evaluate';
import { leagueTable } from '../main/services/league';
import { evaluateMany } from '../main/services/evaluate-many';
import { runImport } from '../main/services/import/run';
import { invalidateContext } from '../main/services/context';
import { tempDir } from '../test/helpers/files';
import { runLargeImportBench } from './import-large';
import { runLayoutBench } from './import-layouts';
import { runReportBench } from './reports';
import { bundleSizes, firstScreenTimes } from './first-screen';

interface Row {
  step: string;
  count: number;
  unit: string;
  seconds: number;
  peakMb: number;
}

const rows: Row[] = [];
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 20);

const measure = async <T>(step: string, unit: string, count: (r: T) => number, fn: () => Promise<T> | T): Promise<T> => {
  peak = 0;
  sample();
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  sample();
  rows.push({ step, count: count(result), unit, seconds, peakMb: peak / 2 ** 20 });
  return result;
};

/** The best of `times` runs of `fn` (each measured as by `measure`), as one row. */
const measureBest = async <T>(times: number, step: string, unit: string, count: (r: T) => number, fn: () => Promise<T> | T): Promise<T> => {
  let best: { row: Row; result: T } | null = null;
  for (let i = 0; i < times; i++) {
    const result = await measure(step, unit, count, fn);
    const row = rows.pop()!;
    if (!best || row.seconds < best.row.seconds) best = { row, result };
  }
  rows.push(best!.row);
  return best!.result;
};

/** 50 synthetic townships under one child of each plan's region: 200 regions with the plan regions. */
const PARENTS: Record<string, string> = { guizhou: '520100', chuxiong: '532322', chengde: '130821', dazhou: '511722' };
const YEARS = Array.from({ length: 10 }, (_, i) => 2016 + i);

const main = async () => {
  const dir = tempDir('pwb-bench-');
  const db = openDb(path.join(dir, 'bench.sqlite'));
  const regions: { code: string; plan: string }[] = [];
  db.transaction(() => {
    for (const [plan, parent] of Object.entries(PARENTS)) {
      for (let i = 1; i <= 50; i++) {
        const code = `${parent}${String(400 + i)}`;
        upsertRegion(db, { code, name: `示例乡镇${code}`, parentCode: parent, level: 'township' });
        regions.push({ code, plan });
      }
    }
  })();
  invalidateContext(db);

  // Items and directly entered indicators: what a clerk imports. 50 of them, values that keep every formula finite.
  const series = allSeries(db)
    .filter((s) => !s.formula)
    .slice(0, 50);
  const workbookFile = path.join(dir, 'import-100k.xlsx');
  await measure('write 100,000-value workbook (exceljs stream)', 'cells', (n: number) => n, async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: workbookFile, useStyles: false, useSharedStrings: false });
    let n = 0;
    for (const r of regions) {
      const ws = wb.addWorksheet(r.code);
      ws.addRow([`地区编码：${r.code}`]).commit();
      ws.addRow(['指标名称', '单位', ...YEARS.map((y) => `${y}年`)]).commit();
      series.forEach((s, i) => {
        ws.addRow([s.name, s.unit, ...YEARS.map((y) => 100 + i * 10 + (y - 2016) * 3 + (Number(r.code.slice(-2)) % 7))]).commit();
        n += YEARS.length;
      });
      ws.commit();
    }
    await wb.commit();
    return n;
  });
  const imported = await measure('import workbook (read, match, store)', 'obs', (r) => r.observations, () => runImport(db, { file: workbookFile }));
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.problems.slice(0, 3))}`);

  const plans = listPlans(db);
  const targets = plans.flatMap((p) => [p.region, ...regions.filter((r) => r.plan === p.id).map((r) => r.code)].map((region) => ({ plan: p.id, region })));
  const YEARS_EVALUATED = [2021, 2022, 2023, 2024, 2025];
  const evaluateAll = () => {
    let n = 0;
    for (const p of plans) {
      const own = targets.filter((t) => t.plan === p.id).map((t) => t.region);
      for (const r of evaluateMany(db, { plan: p.id, regions: own, years: YEARS_EVALUATED })) n += r.rows.length;
    }
    return n;
  };
  const evaluateEach = () => {
    let n = 0;
    for (const t of targets) for (const year of YEARS_EVALUATED) n += evaluatePlan(db, { plan: t.plan, region: t.region, year }).rows.length;
    return n;
  };
  // The first pass after the import (code not yet compiled by V8, as for a clerk's first evaluation after a start),
  // then warm: what the app's running process gives every later time (issue 14's goal of 0.2 s). Warm is the best of
  // three, and its peer too.
  await measure('evaluate 4 plans × 204 regions × 5 years (one pass), first', 'rows', (n: number) => n, evaluateAll);
  await measureBest(3, 'evaluate 4 plans × 204 regions × 5 years (one pass), warm', 'rows', (n: number) => n, evaluateAll);
  await measureBest(3, '  the same, each plan, region and year alone (peer), warm', 'rows', (n: number) => n, evaluateEach);
  // The league table of 双柏县's 208 townships (its 8 and 200 synthetic ones, the 150 added here with the values of
  // the first 50) for the 楚雄州 plan, warm: one pass against one evaluation per township.
  db.transaction(() => {
    for (let i = 51; i <= 200; i++) {
      const code = `532322${String(400 + i)}`;
      upsertRegion(db, { code, name: `示例乡镇${code}`, parentCode: '532322', level: 'township' });
      db.prepare(
        "INSERT INTO observation (region_code, series_code, year, value, entered_by, entered_at) SELECT ?, series_code, year, value * (1 + ? / 1000.0), 'bench', entered_at FROM observation WHERE region_code = ?",
      ).run(code, i, `532322${String(400 + ((i - 1) % 50) + 1)}`);
    }
  })();
  invalidateContext(db);
  const league = () => leagueTable(db, { plan: 'chuxiong', year: 2023, region: '532322' });
  const townships = league().regions.map((r) => r.region);
  await measure(`league table, ${townships.length} townships × 21 rows, warm, 10 times (one pass)`, 'regions', (n: number) => n, () => {
    let n = 0;
    for (let i = 0; i < 10; i++) n += league().regions.length;
    return n;
  });
  await measure('  the same, each township evaluated alone (peer)', 'regions', (n: number) => n, () => {
    let n = 0;
    for (let i = 0; i < 10; i++) for (const c of townships) n += evaluatePlan(db, { plan: 'chuxiong', region: c, year: 2023 }) ? 1 : 0;
    return n;
  });
  clearInterval(timer);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  // A step followed by its peer ("  the same, …") gets the ratio of the two times, measured in the same run.
  const versus = (i: number): string => {
    const peer = rows[i + 1];
    return peer && peer.step.startsWith('  the same') ? `${(peer.seconds / rows[i]!.seconds).toFixed(1)}× faster` : '';
  };
  printTable('Core (one process; peak RSS sampled)', [
    ['step', 'count', 'seconds', 'per second', 'vs peer', 'peak RSS MB'],
    ...rows.map((r, i) => [r.step, `${r.count} ${r.unit}`, r.seconds.toFixed(2), Math.round(r.count / r.seconds).toLocaleString('en-US'), versus(i), r.peakMb.toFixed(0)]),
  ]);
  const reportRows = await runReportBench();
  printTable('Reports (one plan, sample data; PDF unless noted; warm, median of three)', [
    ['report', 'seconds', 'pages', 'size KiB'],
    ...reportRows.map((r) => [r.step, r.seconds.toFixed(2), r.pages === null ? '—' : String(r.pages), r.kib.toFixed(0)]),
  ]);
  const bundles = bundleSizes();
  const times = await firstScreenTimes();
  const sorted = times ? [...times].sort((a, b) => a - b) : [];
  printTable('Browser mode: the renderer as built, and its first screen (plans list) in Chromium, new context each load', [
    ['what', 'KiB', 'gzip KiB'],
    ...bundles.map((b) => [b.file, b.kib.toFixed(0), b.gzipKib.toFixed(0)]),
    ...(times ? [[`first screen, ${times.length} loads: best / median ms`, sorted[0]!.toFixed(0), sorted[Math.floor(sorted.length / 2)]!.toFixed(0)]] : []),
  ]);
  if (!process.argv.includes('--core-only')) {
    const large = await runLargeImportBench();
    printTable('Import of the yardstick: 200,000 rows × 10 columns (2 million cells), each a whole process, best of two', [
      ['step', 'rows', 'seconds', 'rows per second', 'vs', 'peak RSS MB'],
      ...large.map((r) => [
        r.step,
        String(r.rows),
        r.seconds.toFixed(2),
        Math.round(r.rows / r.seconds).toLocaleString('en-US'),
        r.versus ? `${r.versus.ratio.toFixed(2)}× ${r.versus.step}` : '',
        r.maxRssMb === null ? '—' : r.maxRssMb.toFixed(0),
      ]),
    ]);
    const layouts = await runLayoutBench();
    printTable('Import by layout: each a whole process, best of two, against a flat workbook (the yardstick’s) of as many cells', [
      ['layout', 'cells', 'values stored', 'seconds', 'µs per cell', 'flat, same cells: seconds', 'vs flat per cell', 'vs flat per value'],
      ...layouts.map((l) => [
        l.layout,
        String(l.cells),
        String(l.values),
        l.seconds.toFixed(2),
        l.perCellUs.toFixed(1),
        l.flatSeconds.toFixed(2),
        `${l.ratio.toFixed(2)}×`,
        `${((l.seconds / l.values) / (l.flatSeconds / (l.cells / 10))).toFixed(2)}×`,
      ]),
    ]);
  }
};

const printTable = (title: string, table: string[][]) => {
  console.log(`\n${title}`);
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const [i, row] of table.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
};

await main();
