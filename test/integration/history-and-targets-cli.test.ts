/**
 * `pwb history`, `undo`, `source`, `set`, `targets`, `template`, `import` and `export` against a temporary database
 * file: what each prints with --json, the data-entry workbook filled in with exceljs and imported as typed, an export
 * imported into a new database, and usage errors that exit 1 without creating a database.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { pwb as pwbWithDb, type Run } from '../helpers/cli';
import { cellText } from '../../main/services/import/cells';
import { longSheet, tempDir, writeWorkbook, type CellInput } from '../helpers/files';

const pwb = (db: string, ...argv: string[]): Promise<Run> => pwbWithDb(argv, db);

/** Runs a command that must succeed and parses its --json output. */
const json = async <T = Record<string, unknown>>(db: string, ...argv: string[]): Promise<T> => {
  const run = await pwb(db, ...argv, '--json');
  expect(run.code, run.err).toBe(0);
  return JSON.parse(run.out) as T;
};

/** A folder with a database file name in it (the file is created by the first command that opens it). */
const fresh = (): { dir: string; db: string } => {
  const dir = tempDir();
  return { dir, db: path.join(dir, 'workbench.sqlite') };
};

/** Writes a one-sheet workbook of 楚雄州's 2023 values and imports it with `pwb import`. */
const importChuxiong = async (db: string, file: string, rows: CellInput[][]): Promise<Record<string, unknown>> => {
  await writeWorkbook(file, [{ name: '楚雄州', rows: longSheet(null, [2023], rows) }]);
  return json(db, 'import', file);
};

/** A.xlsx (batch 1): 养老机构床位总数 1000; B.xlsx (batch 2): 1100, replacing it, and 社会组织专职工作人员数量 1450. */
const twoImports = async () => {
  const { dir, db } = fresh();
  await importChuxiong(db, path.join(dir, 'A.xlsx'), [['养老机构床位总数', '张', 1000]]);
  await importChuxiong(db, path.join(dir, 'B.xlsx'), [['养老机构床位总数', '张', 1100], ['社会组织专职工作人员数量', '人', 1450]]);
  return { dir, db };
};

const SOURCE = ['source', '--region', '楚雄州', '--item', '养老机构床位总数', '--year', '2023'];
const HAN = /[\u4e00-\u9fff]/u;
const ENGLISH = /[A-Za-z]{2,} [A-Za-z]{2,}/u;

describe('pwb history, undo and source', () => {
  it('lists every batch with history --json, newest first, with its file, counts and status', async () => {
    const { db } = await twoImports();
    const batches = await json<Record<string, unknown>[]>(db, 'history');
    expect(batches.map((b) => [b.id, b.fileName, b.observations, b.replaced, b.status])).toEqual([
      [2, 'B.xlsx', 2, 1, 'active'],
      [1, 'A.xlsx', 1, 0, 'active'],
    ]);
  });

  it('undoes batch 2 with undo 2, printing what it removed and restored', async () => {
    const { db } = await twoImports();
    const run = await pwb(db, 'undo', '2');
    expect([run.code, run.out]).toEqual([0, '已撤销第 2 批：删除 2 个数值，恢复 1 个原值。']);
    expect(await json(db, ...SOURCE)).toMatchObject({ value: 1000, file: 'A.xlsx', batch: 1 });
    expect((await json<Record<string, unknown>[]>(db, 'history')).map((b) => b.status)).toEqual(['undone', 'active']);
  });

  it('refuses to undo batch 1 while batch 2, which overwrote it, is active: exit 1 naming batch 2', async () => {
    const { db } = await twoImports();
    const run = await pwb(db, 'undo', '1');
    expect([run.code, run.out]).toEqual([1, '']);
    expect(run.err).toContain('第 2 批');
    expect(run.err).toContain('undo those first');
  });

  it('refuses to undo the same batch twice: exit 1 with a Chinese and English message', async () => {
    const { db } = await twoImports();
    await pwb(db, 'undo', '2');
    const run = await pwb(db, 'undo', '2');
    expect([run.code, run.err]).toEqual([1, '第 2 批（B.xlsx）已撤销。 / Batch 2 was already undone.']);
  });

  it('names the file, sheet, cell and batch of a value with source --json, and the value it replaced', async () => {
    const { db } = await twoImports();
    expect(await json(db, ...SOURCE)).toMatchObject({
      region: '532300',
      series: 'elderly_beds',
      value: 1100,
      unit: '张',
      origin: 'import',
      file: 'B.xlsx',
      sheet: '楚雄州',
      cell: 'C2',
      batch: 2,
      replaced: [{ value: 1000, batch: 1, file: 'A.xlsx', sheet: '楚雄州', cell: 'C2', enteredBy: null }],
    });
  });

  it('stores a value typed with set … --by 张三, which source then attributes to 张三', async () => {
    const { db } = await twoImports();
    const run = await pwb(db, 'set', '--region', '楚雄州', '--item', '养老机构床位总数', '--year', '2023', '--value', '1,250', '--by', '张三');
    expect([run.code, run.out]).toEqual([0, '已保存。 / Saved.']);
    expect(await json(db, ...SOURCE)).toMatchObject({ value: 1250, origin: 'typed', file: null, cell: null, batch: null, enteredBy: '张三' });
    expect((await pwb(db, ...SOURCE)).out).toContain('由 张三 手工录入');
  });
});

describe('pwb targets', () => {
  const TARGET = ['targets', '--plan', 'chuxiong', '--region', '双柏县', '--seq', '6', '--target', '100人', '--by', '张三'];

  it('sets 双柏县’s own target for row 6 and prints it', async () => {
    const { db } = fresh();
    const run = await pwb(db, ...TARGET);
    expect([run.code, run.out]).toEqual([0, '双柏县（532322）第6项“社会组织专职工作人员数量”目标：100人']);
    expect(await json<Record<string, unknown>[]>(db, 'targets', '--plan', 'chuxiong')).toEqual([
      expect.objectContaining({ seq: '6', region: '532322', target: '100人', setBy: '张三' }),
    ]);
  });

  it('makes evaluate judge 双柏县’s row 6 against that target instead of marking it 不适用', async () => {
    const { db } = fresh();
    const evaluate = ['evaluate', '--plan', 'chuxiong', '--region', '532322', '--year', '2023'];
    const row6 = async () => (await json<{ rows: Record<string, unknown>[] }>(db, ...evaluate)).rows.find((r) => r.seq === '6');
    expect(await row6()).toMatchObject({ status: '不适用', targetSource: null });
    await pwb(db, ...TARGET);
    expect(await row6()).toMatchObject({ target: '100人', targetValue: 100, targetSource: 'region', status: '缺数' });
  });

  it('removes it again with --remove, printing what it removed', async () => {
    const { db } = fresh();
    await pwb(db, ...TARGET);
    const run = await pwb(db, 'targets', '--plan', 'chuxiong', '--region', '532322', '--seq', '6', '--remove');
    expect([run.code, run.out]).toEqual([0, '已删除双柏县（532322）第6项“社会组织专职工作人员数量”的目标：100人']);
    expect(await json(db, 'targets', '--plan', 'chuxiong')).toEqual([]);
    const again = await pwb(db, 'targets', '--plan', 'chuxiong', '--region', '532322', '--seq', '6', '--remove');
    expect([again.code, again.err]).toEqual([1, expect.stringMatching(/没有已设置的目标/u)]);
  });

  it('refuses a target for the plan’s own region with exit 1, storing nothing', async () => {
    const { db } = fresh();
    const run = await pwb(db, 'targets', '--plan', 'chuxiong', '--region', '532300', '--seq', '6', '--target', '1500人', '--by', '张三');
    expect([run.code, run.out]).toEqual([1, '']);
    expect(run.err).toMatch(/规划范围.*not a region below/u);
    expect(await json(db, 'targets', '--plan', 'chuxiong')).toEqual([]);
  });
});

/** Entry cells of a data sheet: the row whose hidden column A holds `code`, the column headed `2023年`. */
const entryCell = (ws: ExcelJS.Worksheet, code: string, year: number): ExcelJS.Cell => {
  const header = ws.getRow(3);
  let col = 0;
  for (let c = 1; c <= ws.columnCount; c++) if (cellText(header.getCell(c)) === `${year}年`) col = c;
  for (let r = 4; r <= ws.rowCount; r++) if (cellText(ws.getCell(r, 1)) === code && col > 0) return ws.getCell(r, col);
  throw new Error(`no entry cell for ${code} ${year}`);
};

const TYPED = [
  { series: 'elderly_beds', year: 2023, value: 1500 },
  { series: 'nursing_beds', year: 2023, value: 900 },
  { series: 'social_org_staff', year: 2020, value: 1200 },
  { series: 'social_org_staff', year: 2023, value: 1400 },
  { series: 'eco_burials', year: 2022, value: 5550 },
];

/** `pwb template` for 楚雄州, the TYPED values entered with exceljs (nothing else touched), then `pwb import --json`. */
const filledTemplate = async () => {
  const { dir, db } = fresh();
  const file = path.join(dir, 'F.xlsx');
  expect((await pwb(db, 'template', '--plan', 'chuxiong', '--region', '532300', '--out', file)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets.find((w) => w.name === '楚雄彝族自治州')!;
  for (const t of TYPED) entryCell(ws, t.series, t.year).value = t.value;
  await wb.xlsx.writeFile(file);
  return { dir, db, file, imported: await json(db, 'import', file) };
};

const observationsOf = async (db: string) => {
  const { default: Database } = await import('better-sqlite3');
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT region_code AS region, series_code AS series, year, value FROM observation ORDER BY region_code, series_code, year').all();
  } finally {
    conn.close();
  }
};

describe('the data-entry workbook through pwb template and pwb import', () => {
  it('stores exactly the values typed into the template, and nothing for the cells left alone', async () => {
    const { db, imported } = await filledTemplate();
    expect([imported.ok, imported.observations, imported.problems]).toEqual([true, 5, []]);
    const sorted = [...TYPED].sort((a, b) => `${a.series} ${a.year}`.localeCompare(`${b.series} ${b.year}`));
    expect(await observationsOf(db)).toEqual(sorted.map((t) => ({ region: '532300', ...t })));
  });

  it('reads the region’s data sheet with the template layout and passes over 填报说明 and _pwb', async () => {
    const { imported } = await filledTemplate();
    expect(imported.sheets).toEqual([
      { name: '填报说明', layout: 'skipped', region: null, observations: 0 },
      { name: '楚雄彝族自治州', layout: 'template', region: '532300', regionName: '楚雄彝族自治州', observations: 5 },
      { name: '_pwb', layout: 'skipped', region: null, observations: 0 },
    ]);
  });
});

describe('pwb export', () => {
  it('writes the indicator table for 楚雄州 2023 with the share computed from the imported beds: 900 / 1500 = 60%', async () => {
    const { dir, db } = await filledTemplate();
    const out = path.join(dir, 'E.xlsx');
    expect(await pwb(db, 'export', '--plan', 'chuxiong', '--year', '2023', '--out', out)).toEqual({ code: 0, out: `已导出指标完成情况表：${out}`, err: '' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('指标完成情况表')!;
    const header = ws.getRow(3).values as unknown[];
    const rows = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1).values as unknown[]);
    const row = rows.find((v) => v[2] === '养老机构护理型床位占比'); // values[0] is empty: column B is values[2]
    expect(row?.[header.indexOf('2023年值')]).toBe(60);
  });

  it('exports 楚雄州 with every region below it, which pwb import gives back whole in a new database', async () => {
    const { dir, db } = await filledTemplate();
    await pwb(db, 'set', '--region', '双柏县', '--item', '社会组织专职工作人员数量', '--year', '2023', '--value', '95', '--by', '张三');
    await pwb(db, 'set', '--region', '妥甸镇', '--item', '养老机构床位总数', '--year', '2023', '--value', '123.456789012345', '--by', '李四');
    const out = path.join(dir, 'O.xlsx');
    const run = await pwb(db, 'export', '--region', '532300', '--subregions', '--out', out);
    expect([run.code, run.out]).toEqual([0, `已导出 7 个数值：${out}（可用 pwb import 导回）`]);
    const other = path.join(tempDir(), 'other.sqlite');
    expect(await json(other, 'import', out)).toMatchObject({ ok: true, observations: 7, problems: [] });
    expect(await observationsOf(other)).toEqual(await observationsOf(db));
  });
});

describe('usage errors', () => {
  const SET = ['set', '--region', '楚雄州', '--item', '养老机构床位总数', '--value', '1'];
  it.each([
    ['set without --by', [...SET, '--year', '2023'], '--by'],
    ['targets without --by', ['targets', '--plan', 'chuxiong', '--region', '双柏县', '--seq', '6', '--target', '100人'], '--by'],
    ['set with --year 二〇二三', [...SET, '--year', '二〇二三', '--by', '张三'], '--year'],
    ['source with --year 2023.5', ['source', '--region', '楚雄州', '--item', '养老机构床位总数', '--year', '2023.5'], '--year'],
    ['export with --year next', ['export', '--plan', 'chuxiong', '--year', 'next', '--out', 'E.xlsx'], '--year'],
    ['undo without a batch number', ['undo'], 'BATCH'],
  ])('exits 1 for %s, naming the option in Chinese and English, and creates no database file', async (_label, argv, option) => {
    const { db } = fresh();
    const run = await pwb(db, ...argv);
    expect([run.code, run.out]).toEqual([1, '']);
    expect(run.err).toMatch(HAN);
    expect(run.err).toMatch(ENGLISH);
    expect(run.err).toContain(option);
    expect(fs.existsSync(db)).toBe(false);
  });

  // Fixed in 022b32b: `set` checked only that --year was a whole number; 1800 created the database and failed in SQLite's
  // CHECK, printed as 内部错误 with a stack trace, exit 2.
  it('exits 1 for set with --year 1800, outside the years a value can have, and creates no database file', async () => {
    const { db } = fresh();
    const run = await pwb(db, ...SET, '--year', '1800', '--by', '张三');
    expect([run.code, fs.existsSync(db)]).toEqual([1, false]);
  });
});
