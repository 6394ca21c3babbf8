/**
 * Writes the sample workbooks in samples/ from scripts/sample-data.ts, in the long layout a clerk would keep:
 * a title row, a 地区 label, a header 序号 | 指标名称 | 单位 | 2019年 … 2025年, and a note row. Run with
 * `npm run samples`; the files are committed so the demo needs nothing but the package.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { PLAN_15TH_PASTED_TEXT } from './plan-15th-table';
import { BUREAU_PLAN_BOOK, BUREAU_PLAN_TEXT_FILE, BUREAU_PLAN_YEARS, SAMPLE_BOOKS, SAMPLE_YEARS as ALL_YEARS } from './sample-data';

const outDir = path.resolve(process.argv[2] ?? 'samples');

// The bureau's own plan as a clerk pastes it from Word, and its figures for 2025–2027.
fs.writeFileSync(path.join(outDir, BUREAU_PLAN_TEXT_FILE), PLAN_15TH_PASTED_TEXT);
console.log(`wrote ${path.join(outDir, BUREAU_PLAN_TEXT_FILE)}`);

for (const [book, SAMPLE_YEARS] of [...SAMPLE_BOOKS.map((b) => [b, ALL_YEARS] as const), [BUREAU_PLAN_BOOK, BUREAU_PLAN_YEARS] as const]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '规划监测评估工作台（示例数据）';
  wb.created = new Date('2026-02-15T00:00:00Z');
  wb.modified = wb.created;
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(s.sheet);
    const lastCol = 3 + SAMPLE_YEARS.length;
    ws.mergeCells(1, 1, 1, lastCol);
    ws.getCell(1, 1).value = book.title;
    ws.getCell(1, 1).font = { bold: true, size: 16 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    ws.getCell(2, 1).value = s.regionLabel;
    ws.getRow(3).values = ['序号', '指标名称', '单位', ...SAMPLE_YEARS.map((y) => `${y}年`)];
    ws.getRow(3).font = { bold: true };
    s.rows.forEach(([name, unit, values], i) => {
      ws.getRow(4 + i).values = [i + 1, name, unit, ...values.map((v) => v ?? undefined)];
    });
    const noteRow = 4 + s.rows.length + 1;
    ws.mergeCells(noteRow, 1, noteRow, lastCol);
    ws.getCell(noteRow, 1).value = '注：本表为程序生成的示例数据，不是真实统计数据，仅用于演示规划监测评估工作台。';
    ws.getColumn(2).width = 48;
    ws.getColumn(3).width = 12;
    ws.views = [{ state: 'frozen', ySplit: 3 }];
  }
  const file = path.join(outDir, book.file);
  await wb.xlsx.writeFile(file);
  console.log(`wrote ${file}`);
}
