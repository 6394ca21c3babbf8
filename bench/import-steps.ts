/**
 * One step of the large-import benchmark, run in its own process so that its peak memory is its own:
 * `tsx bench/import-steps.ts <floor|whole|pwb> FILE [DB]` prints {seconds, rows, maxRssMb} as JSON.
 */
import ExcelJS from 'exceljs';
import { openDb } from '../main/db/open';
import { runImport } from '../main/services/import/run';

const [step, file, dbFile] = process.argv.slice(2);
const t0 = performance.now();
let rows = 0;

if (step === 'floor') {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file!, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' } as ExcelJS.stream.xlsx.WorkbookStreamReaderOptions);
  for await (const ws of reader) for await (const _row of ws as unknown as AsyncIterable<ExcelJS.Row>) rows++;
} else if (step === 'whole') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file!);
  rows = wb.worksheets.reduce((n, w) => n + w.rowCount, 0);
} else if (step === 'pwb') {
  const db = openDb(dbFile!);
  const result = await runImport(db, { file: file! });
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  rows = result.observations;
  db.close();
} else throw new Error(`unknown step ${step}`);

const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
