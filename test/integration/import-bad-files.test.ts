/**
 * Bad input to the import: every problem is reported by sheet and cell (or refused as a whole file), `ok` is false and
 * the database file is left byte for byte as it was, with the same row counts: an import is all or nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors';
import { openDb } from '../../main/db/open';
import type { WriteDb } from '../../main/db/types';
import { runImport, type ImportInput, type ImportResult } from '../../main/services/import/run';
import { freshDb, longSheet, sha256, writeWorkbook, type CellInput } from '../helpers/files';

/** A fresh database in a temporary folder (removed after the file by test/setup.ts). */
const fresh = freshDb;

const TABLES = ['observation', 'import_batch', 'observation_replaced'];

/** Row counts and the file's hash, read with the database closed in between. */
const snapshot = (file: string) => {
  const db = openDb(file);
  const counts = Object.fromEntries(TABLES.map((t) => [t, db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${t}`).get()!.n]));
  db.close();
  return { counts, sha: sha256(file) };
};

/** A closed database holding one earlier import (楚雄州 2022), and a folder for workbooks. */
const seeded = async (): Promise<{ file: string; dir: string }> => {
  const { db, dir, file } = fresh();
  const book = await writeWorkbook(path.join(dir, 'earlier.xlsx'), [
    { name: 'S', rows: longSheet('地区：楚雄州', [2022], [['城市低保标准', '元/人·月', 680], ['城市低保对象人数', '人', 3000]]) },
  ]);
  expect((await runImport(db, { file: book })).ok).toBe(true);
  db.close();
  return { file, dir };
};

/** Runs one import attempt on a seeded database and checks that the file and its row counts did not change. */
const attempt = async <T>(run: (db: WriteDb, dir: string) => Promise<T>): Promise<T> => {
  const { file, dir } = await seeded();
  const before = snapshot(file);
  expect(before.counts).toEqual({ observation: 2, import_batch: 1, observation_replaced: 0 });
  const db = openDb(file);
  let result: T;
  try {
    result = await run(db, dir);
  } finally {
    db.close();
  }
  expect(snapshot(file)).toEqual(before);
  return result;
};

let books = 0;
const importRows = (rows: CellInput[][], options: Omit<ImportInput, 'file'> & { name?: string } = {}) =>
  attempt(async (db, dir) => {
    const file = await writeWorkbook(path.join(dir, `bad-${++books}.xlsx`), [{ name: options.name ?? 'S', rows }]);
    const { name: _name, ...input } = options;
    return runImport(db, { file, ...input });
  });

const refused = (r: ImportResult) => ({ ok: r.ok, batch: r.batch });
const errors = (r: ImportResult) => r.problems.filter((p) => p.severity === 'error');

/** The UserError an import throws for a whole file, on a seeded database that must stay unchanged. */
const rejection = (write: (file: string) => Promise<unknown> | void, options: Omit<ImportInput, 'file'> = {}) =>
  attempt(async (db, dir) => {
    const file = path.join(dir, `whole-${++books}.xlsx`);
    await write(file);
    return runImport(db, { file, ...options }).then(
      () => null,
      (error: unknown) => error,
    );
  });

const expectUserError = (error: unknown, code: string): UserError => {
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
};

/** 城市低保标准 for 楚雄州: C3 is 2020, D3 is 2023. */
const chuxiong = (d3: CellInput, extra: CellInput[][] = []) =>
  longSheet('地区：楚雄州', [2020, 2023], [['城市低保标准', '元/人·月', 600, d3], ...extra]);

describe('problems reported by sheet and cell, nothing stored', () => {
  it('refuses text in a number cell ("＞30") at its cell', async () => {
    const r = await importRows(chuxiong('＞30'));
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(errors(r)).toEqual([{ severity: 'error', sheet: 'S', cell: 'D3', message: expect.stringContaining('＞30') }]);
  });

  it('refuses an unknown indicator name at its cell and lists the closest candidates', async () => {
    const r = await importRows(longSheet('地区：楚雄州', [2023], [['农村低保标准占城市低保标准比值', '%', 62]]));
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(errors(r)).toEqual([{ severity: 'error', sheet: 'S', cell: 'A3', message: expect.stringContaining('最接近的是：农村低保标准占城市低保标准比例') }]);
  });

  it('refuses a sheet whose label states another region than --region, at the label’s cell', async () => {
    const r = await importRows(chuxiong(700), { region: '532322' });
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(errors(r)).toEqual([{ severity: 'error', sheet: 'S', cell: 'A1', message: expect.stringMatching(/楚雄彝族自治州（532300）.*532322（双柏县）/) }]);
  });

  it('refuses the same indicator twice in one sheet (城市低保标准 and its alias 城市最低生活保障标准), naming the first row', async () => {
    const r = await importRows(chuxiong(700, [['城市最低生活保障标准', '元/人·月', 610, 710]]));
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(errors(r)).toEqual([{ severity: 'error', sheet: 'S', cell: 'A4', message: expect.stringContaining('与 A3 重复') }]);
  });

  it('refuses a formula without a cached result at its cell', async () => {
    const r = await importRows(chuxiong({ formula: 'C3*1.1' }));
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(errors(r)).toEqual([{ severity: 'error', sheet: 'S', cell: 'D3', message: expect.stringContaining('公式没有计算结果') }]);
  });

  it.each([
    ['an error value', { error: '#DIV/0!' }],
    ['a formula whose result is an error', { formula: 'C3/0', result: { error: '#DIV/0!' } }],
  ] as [string, CellInput][])('refuses %s (#DIV/0!) at its cell', async (_label, cell) => {
    const r = await importRows(chuxiong(cell));
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(errors(r)).toEqual([{ severity: 'error', sheet: 'S', cell: 'D3', message: expect.stringContaining('#DIV/0!') }]);
  });

  it('refuses a unit that does not convert (张 for 城市低保对象人数 in 人) at every value cell', async () => {
    const r = await importRows(longSheet('地区：楚雄州', [2020, 2023], [['城市低保对象人数', '张', 3000, 3100]]));
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(errors(r).map((p) => [p.sheet, p.cell, p.message.includes('单位“张”无法换算')])).toEqual([
      ['S', 'C3', true],
      ['S', 'D3', true],
    ]);
  });

  it('refuses a workbook whose only sheet has no year header: a warning at the sheet’s A1, and nothing to import', async () => {
    const r = await importRows([['地区：楚雄州'], ['指标名称', '单位', '数值'], ['城市低保标准', '元/人·月', 700]]);
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(r.problems.map((p) => [p.severity, p.sheet, p.cell])).toEqual([
      ['warning', 'S', 'A1'],
      ['error', '', ''],
    ]);
    expect(r.problems[1]?.message).toContain('没有可导入的数值');
  });

  it('refuses a sheet named by --sheet that has no year header, as an error at its A1', async () => {
    const r = await importRows([['地区：楚雄州'], ['指标名称', '单位', '数值'], ['城市低保标准', '元/人·月', 700]], { sheet: 'S' });
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(errors(r)[0]).toEqual({ severity: 'error', sheet: 'S', cell: 'A1', message: expect.stringContaining('未找到表头行') });
  });

  it('stores nothing from the good sheets of a workbook when another sheet has an error', async () => {
    const r = await attempt(async (db, dir) => {
      const file = await writeWorkbook(path.join(dir, 'mixed.xlsx'), [
        { name: '双柏县', rows: longSheet(null, [2023], [['城市低保标准', '元/人·月', 700]]) },
        { name: '楚雄州', rows: chuxiong('—', [['城市低保对象人数', '人', 3000, '3,1OO']]) }, // letter O for zero
      ]);
      return runImport(db, { file });
    });
    expect([r.ok, r.batch, r.sheets.map((s) => s.observations)]).toEqual([false, null, [1, 2]]);
    expect(errors(r)).toEqual([{ severity: 'error', sheet: '楚雄州', cell: 'D4', message: expect.stringContaining('3,1OO') }]);
  });
});

describe('a year heading the database does not accept (1931年; observation.year must be 1949–2100)', () => {
  const book = [['地区：楚雄州'], ['指标名称', '单位', '1931年', '2023年'], ['城市低保对象人数', '人', 5, 6]];

  it('stores nothing, whatever the outcome', async () => {
    await attempt(async (db, dir) => {
      const file = await writeWorkbook(path.join(dir, 'year-1931.xlsx'), [{ name: 'S', rows: book }]);
      return runImport(db, { file }).catch((error: unknown) => error);
    });
  });

  // BUG (main/services/import/cells.ts:60): yearOf accepts text years from 1900, the schema only 1949–2100
  // (migrations/0030-observations.ts), so the store fails inside the transaction and runImport rejects with a raw
  // SqliteError "CHECK constraint failed: year BETWEEN 1949 AND 2100" instead of a problem at the heading's cell.
  it('reports the heading as a problem at its cell instead of failing with a database error', async () => {
    const r = await importRows(book);
    expect(refused(r)).toEqual({ ok: false, batch: null });
    expect(errors(r)).toEqual([expect.objectContaining({ sheet: 'S', cell: 'C2' })]);
  });
});

describe('whole files refused with a UserError, nothing stored', () => {
  const good = (file: string) => writeWorkbook(file, [{ name: '楚雄州', rows: chuxiong(700) }]);

  it('refuses --sheet naming a sheet the workbook does not have (sheet-not-found), listing the sheets it has', async () => {
    const error = expectUserError(await rejection(good, { sheet: '双柏县' }), 'sheet-not-found');
    expect(error.message).toMatch(/没有名为“双柏县”的工作表（现有：楚雄州）/);
  });

  it('refuses an unknown region code given with --region (unknown-region)', async () => {
    const error = expectUserError(await rejection(good, { region: '532399' }), 'unknown-region');
    expect(error.message).toContain('532399');
  });

  it('refuses a text file saved as .xlsx (not-a-workbook)', async () => {
    const error = expectUserError(await rejection((f) => fs.writeFileSync(f, '指标名称,2023年\n城市低保标准,700\n')), 'not-a-workbook');
    expect(error.message).toContain('不是 Excel 工作簿');
  });

  it('refuses a truncated .xlsx (a zip cut in half) as damaged (not-a-workbook)', async () => {
    const error = expectUserError(
      await rejection(async (f) => {
        await good(f);
        const bytes = fs.readFileSync(f);
        fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
      }),
      'not-a-workbook',
    );
    expect(error.message).toContain('已损坏');
  });

  it('refuses an unreadable OLE file (the .xls magic D0 CF 11 E0 A1 B1 1A E1, then zeros) and says to save it as .xlsx', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const error = expectUserError(await rejection((f) => fs.writeFileSync(f, ole)), 'not-a-workbook');
    expect(error.message).toMatch(/旧版 \.xls.*另存为 \.xlsx/);
  });

  it('refuses an empty file (not-a-workbook)', async () => {
    const error = expectUserError(await rejection((f) => fs.writeFileSync(f, '')), 'not-a-workbook');
    expect(error.message).toContain('空');
  });
});
