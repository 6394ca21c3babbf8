/**
 * Importing real .xlsx files in the long layout (names down, years across): names, units and values as offices write
 * them, which region a sheet is about, dry runs, the round trip to the evaluation, and the history of replaced values.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../main/db/open';
import { getObservation } from '../../main/db/queries/observations';
import type { ReadDb, WriteDb } from '../../main/db/types';
import { evaluatePlan } from '../../main/services/evaluate';
import { runImport, type ImportResult } from '../../main/services/import/run';
import { freshDb, longSheet, sha256, writeWorkbook, type CellInput } from '../helpers/files';

/** A fresh database in a temporary folder (removed after the file by test/setup.ts). */
const fresh = freshDb;

const stored = (db: ReadDb, region: string, series: string, year: number): number | null =>
  getObservation(db, region, series, year)?.value ?? null;

const storedOf = (db: ReadDb): { region: string; series: string; year: number; value: number }[] =>
  db
    .prepare<[], { region: string; series: string; year: number; value: number }>(
      'SELECT region_code AS region, series_code AS series, year, value FROM observation ORDER BY region_code, series_code, year',
    )
    .all();

const count = (db: ReadDb, table: string): number => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;

let files = 0;
/** Writes a one-sheet workbook next to the database and imports it. */
const importSheet = async (
  db: WriteDb,
  dir: string,
  rows: CellInput[][],
  options: { name?: string; dryRun?: boolean; region?: string; setup?: (ws: ExcelJS.Worksheet) => void } = {},
): Promise<ImportResult> => {
  const file = path.join(dir, `book-${++files}.xlsx`);
  await writeWorkbook(file, [{ name: options.name ?? 'S', rows, ...(options.setup ? { setup: options.setup } : {}) }]);
  return runImport(db, { file, ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}), ...(options.region ? { region: options.region } : {}) });
};

const errorsOf = (r: ImportResult) => r.problems.filter((p) => p.severity === 'error');

describe('names, units and values as offices write them', () => {
  it('matches names as printed: full-width and half-width brackets, quotes, U+3000 and ASCII spaces, numbering marks', async () => {
    const { db, dir } = fresh();
    const r = await importSheet(
      db,
      dir,
      longSheet('地区：楚雄州', [2023], [
        ['农村低保标准占城市低保标准比例（%）', null, 70], // Dazhou's printed name, full-width brackets
        ['社会工作专业人才占全州人口比例(‰)', null, 1.6], // Chuxiong's table 1, half-width brackets
        ['婚姻登记"跨省通办"实施率', '%', 90], // straight quotes where the catalogue has “ ”
        ['　城市低保　标准', '元/人·月', 700], // indented and split by U+3000
        [' 农村低保标准 ', '元/人·月', 520],
        ['１．城市低保对象人数', '人', 3000], // a full-width numbering mark
      ]),
    );
    expect([r.ok, r.problems]).toEqual([true, []]);
    expect(storedOf(db).map((o) => [o.series, o.value])).toEqual([
      ['dibao_rural', 520],
      ['dibao_urban', 700],
      ['dibao_urban_recipients', 3000],
      ['marriage_cross_province_rate', 90],
      ['rural_urban_dibao_ratio', 70],
      ['social_worker_share', 1.6],
    ]);
  });

  it('converts by the unit printed after the name: 1.5 in 社会组织专职工作人员数量（万人） is stored as 15000 人', async () => {
    const { db, dir } = fresh();
    const r = await importSheet(db, dir, longSheet('地区：楚雄州', [2020], [['社会组织专职工作人员数量（万人）', null, 1.5]]));
    expect(r.ok).toBe(true);
    expect(stored(db, '532300', 'social_org_staff', 2020)).toBe(15000); // 1.5 × 10 000
  });

  it('converts by the 单位 column: 1.2 万人 of 城市低保对象人数 is stored as 12000 人', async () => {
    const { db, dir } = fresh();
    await importSheet(db, dir, longSheet('地区：楚雄州', [2020], [['城市低保对象人数', '万人', 1.2]]));
    expect(stored(db, '532300', 'dibao_urban_recipients', 2020)).toBe(12000);
  });

  it('reads year headers written as the number 2020, the text "2021", "2022年" and full-width "２０２３年"', async () => {
    const { db, dir } = fresh();
    const r = await importSheet(db, dir, [
      ['地区：楚雄州'],
      ['指标名称', '单位', 2020, '2021', '2022年', '２０２３年'],
      ['城市低保对象人数', '人', 1000, 1100, 1200, 1300],
    ]);
    expect(r.ok).toBe(true);
    expect(storedOf(db).map((o) => [o.year, o.value])).toEqual([[2020, 1000], [2021, 1100], [2022, 1200], [2023, 1300]]);
  });

  it('reads numbers stored as text: "12,345", "98.67%", full-width "１２３４５" and "　６８．５　"', async () => {
    const { db, dir } = fresh();
    await importSheet(
      db,
      dir,
      longSheet('地区：楚雄州', [2020, 2021], [
        ['城市低保对象人数', '人', '12,345', '１２３４５'],
        ['节地生态安葬率', '%', '98.67%', '　６８．５　'],
      ]),
    );
    expect(storedOf(db).map((o) => [o.series, o.year, o.value])).toEqual([
      ['dibao_urban_recipients', 2020, 12345],
      ['dibao_urban_recipients', 2021, 12345],
      ['eco_burial_rate', 2020, 98.67],
      ['eco_burial_rate', 2021, 68.5],
    ]);
  });

  it('treats "—", "-" and empty cells as no value, storing only the years that have one', async () => {
    const { db, dir } = fresh();
    const r = await importSheet(db, dir, longSheet('地区：楚雄州', [2020, 2021, 2022, 2023], [['城市低保对象人数', '人', '—', '-', null, 1300]]));
    expect([r.ok, r.observations]).toEqual([true, 1]);
    expect(storedOf(db).map((o) => o.year)).toEqual([2023]);
  });

  it('reads a percent-formatted number (0.42 shown as 42%) as 42 in a % unit', async () => {
    const { db, dir } = fresh();
    await importSheet(db, dir, longSheet('地区：楚雄州', [2023], [['节地生态安葬率', null, 0.42]]), {
      setup: (ws) => void (ws.getCell('C3').numFmt = '0%'),
    });
    expect(stored(db, '532300', 'eco_burial_rate', 2023)).toBe(42);
  });

  it('reads the cached result of a formula cell', async () => {
    const { db, dir } = fresh();
    await importSheet(db, dir, longSheet('地区：楚雄州', [2020, 2021], [['城市低保对象人数', '人', 1000, { formula: 'C3*1.1', result: 1100 }]]));
    expect(stored(db, '532300', 'dibao_urban_recipients', 2021)).toBe(1100);
  });
});

describe('which region a sheet is about', () => {
  const rows = (label: string | null) => longSheet(label, [2023], [['城市低保对象人数', '人', 800]]);
  const regionsOf = (db: ReadDb) => storedOf(db).map((o) => o.region);

  it('takes the region from --region when the sheet does not say', async () => {
    const { db, dir } = fresh();
    const r = await importSheet(db, dir, rows(null), { region: '532322' });
    expect([r.sheets[0]?.region, regionsOf(db)]).toEqual(['532322', ['532322']]);
  });

  it('takes the region from a sheet named 双柏县', async () => {
    const { db, dir } = fresh();
    await importSheet(db, dir, rows(null), { name: '双柏县' });
    expect(regionsOf(db)).toEqual(['532322']);
  });

  it('takes the region from a label 地区：楚雄州 above the table', async () => {
    const { db, dir } = fresh();
    await importSheet(db, dir, rows('地区：楚雄州'));
    expect(regionsOf(db)).toEqual(['532300']);
  });

  it('takes the region from a 12-digit code in 地区编码：532322000000', async () => {
    const { db, dir } = fresh();
    await importSheet(db, dir, rows('地区编码：532322000000'));
    expect(regionsOf(db)).toEqual(['532322']);
  });
});

describe('dry run, round trip and history', () => {
  it('stores nothing in a dry run and lists each change as old → new with its cell', async () => {
    const { db, dir, file } = fresh();
    await importSheet(db, dir, longSheet('地区：楚雄州', [2023], [['城市低保标准', '元/人·月', 700]]));
    db.close();
    const before = sha256(file);
    const again = openDb(file);
    const r = await importSheet(again, dir, longSheet('地区：楚雄州', [2023, 2024], [['城市低保标准', '元/人·月', 720, 750]]), { dryRun: true });
    expect([r.ok, r.dryRun, r.batch, r.observations, r.replaced]).toEqual([true, true, null, 2, 1]);
    expect(r.changes).toEqual([{ region: '532300', series: 'dibao_urban', year: 2023, old: 700, new: 720, sheet: 'S', cell: 'C3' }]);
    expect([count(again, 'import_batch'), stored(again, '532300', 'dibao_urban', 2024)]).toEqual([1, null]);
    again.close();
    expect(sha256(file)).toBe(before);
  });

  it('gives back in the evaluation exactly the values typed into the workbook, in the plan’s units', async () => {
    const { db, dir } = fresh();
    const r = await importSheet(
      db,
      dir,
      longSheet('地区：贵州省', [2020, 2023], [
        ['社会工作专业人才数', '人', 61234, 81234], // the plan prints 万人
        ['婚姻登记“跨省通办”率', '%', 87.5, '99.25%'],
        ['养老机构护理型床位占比', '%', '33.3', '５５．５'],
      ]),
    );
    expect(r.ok).toBe(true);
    const rows = evaluatePlan(db, { plan: 'guizhou', year: 2023 }).rows;
    const pick = (seq: string) => rows.find((x) => x.seq === seq)!;
    expect([12, 9, 5].map((n) => [pick(String(n)).baseline, pick(String(n)).value])).toEqual([
      [6.1234, 8.1234], // 61234 人 = 6.1234 万人
      [87.5, 99.25],
      [33.3, 55.5],
    ]);
  });

  it('records the file, sheet and cell of every stored value', async () => {
    const { db, dir } = fresh();
    const r = await importSheet(db, dir, longSheet('地区：楚雄州', [2020, 2023], [['城市低保标准', '元/人·月', 600, 700]]), { name: '低保' });
    const o = getObservation(db, '532300', 'dibao_urban', 2023);
    expect([o?.batchId, o?.sheet, o?.cell, o?.enteredBy]).toEqual([r.batch, '低保', 'D3', null]);
    expect(db.prepare('SELECT observation_count, status FROM import_batch WHERE id = ?').get(r.batch)).toEqual({ observation_count: 2, status: 'active' });
  });

  it('warns, naming the earlier batch, when the same file is imported again', async () => {
    const { db, dir } = fresh();
    const file = await writeWorkbook(path.join(dir, 'same.xlsx'), [{ name: 'S', rows: longSheet('地区：楚雄州', [2023], [['城市低保标准', '元/人·月', 700]]) }]);
    const first = await runImport(db, { file });
    const second = await runImport(db, { file });
    expect(second.ok).toBe(true);
    expect(second.problems).toEqual([{ severity: 'warning', sheet: '', cell: '', message: expect.stringContaining(`批次 ${first.batch}`) }]);
    expect(second.problems[0]?.message).toContain(`batch ${first.batch}`);
  });

  it('keeps a replaced value with its provenance in observation_replaced', async () => {
    const { db, dir } = fresh();
    const first = await importSheet(db, dir, longSheet('地区：楚雄州', [2023], [['城市低保标准', '元/人·月', 700]]));
    const second = await importSheet(db, dir, longSheet('地区：楚雄州', [2023], [['城市低保标准', '元/人·月', 720]]));
    expect([second.replaced, stored(db, '532300', 'dibao_urban', 2023)]).toEqual([1, 720]);
    expect(db.prepare('SELECT * FROM observation_replaced').all()).toEqual([
      expect.objectContaining({ batch_id: second.batch, region_code: '532300', series_code: 'dibao_urban', year: 2023, old_value: 700, old_batch_id: first.batch, old_sheet: 'S', old_cell: 'C3' }),
    ]);
  });
});

describe('known defects of the long layout', () => {
  // BUG (main/services/import/cells.ts:60, used by long-layout.ts:36): yearOf accepts any text that starts with a year,
  // so a title row "2023年楚雄州民政事业统计表" above the header is taken for the year header (year 2023 in column A);
  // the real header and the 地区 label are then read as data rows: ok false with "unknown item 指标名称".
  it('reads a sheet whose title row above the header starts with a year', async () => {
    const { db, dir } = fresh();
    const r = await importSheet(db, dir, [['2023年楚雄州民政事业统计表'], ...longSheet('地区：楚雄州', [2020, 2023], [['城市低保标准', '元/人·月', 600, 700]])]);
    expect(errorsOf(r)).toEqual([]);
    expect(stored(db, '532300', 'dibao_urban', 2023)).toBe(700);
  });

  // BUG (main/services/import/cells.ts:27): any "%" in the number format counts as a percent format, also a literal
  // one ('0.0"%"' shows 42 as "42.0%" without scaling), so the 42 a clerk typed is stored as 4200.
  it('reads a number shown with a literal "%" in its format (0.0"%") as typed', async () => {
    const { db, dir } = fresh();
    await importSheet(db, dir, longSheet('地区：楚雄州', [2023], [['节地生态安葬率', null, 42]]), {
      setup: (ws) => void (ws.getCell('C3').numFmt = '0.0"%"'),
    });
    expect(stored(db, '532300', 'eco_burial_rate', 2023)).toBe(42);
  });

  // BUG (main/services/import/long-layout.ts: no sheet-wide unit): a yearbook's "单位：万人" label above the table is
  // ignored, so 1.5 (万人) is silently stored as 1.5 人; it should be converted (15000) or refused, never stored as 1.5.
  it('does not store 1.5 人 from a table labelled 单位：万人', async () => {
    const { db, dir } = fresh();
    await importSheet(db, dir, [['地区：楚雄州', null, '单位：万人'], ['指标名称', '2020年'], ['城市低保对象人数', 1.5]]);
    expect(stored(db, '532300', 'dibao_urban_recipients', 2020)).not.toBe(1.5);
  });
});
