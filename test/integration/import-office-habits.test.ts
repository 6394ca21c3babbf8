/**
 * Habits of real office sheets that once went wrong without a word (found by an audit with openpyxl- and
 * exceljs-written files): a 填报日期 taken as the data year, a sheet name and a title that disagree, a half-year
 * sheet, a period label above a long table taken as its header, a unit in the name against the 单位 column, hidden
 * columns, figures under a heading that is not a year, and large files whose workbook.xml comes after their sheets.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport, type ImportInput } from '../../main/services/import/run';
import type { WriteDb } from '../../main/db/types';
import { freshDb, sha256, tempDir, writeWorkbook, type CellInput } from '../helpers/files';

type Sheet = Parameters<typeof writeWorkbook>[1][number];

let n = 0;
const book = (sheets: Sheet[]) => writeWorkbook(path.join(tempDir(), `habits-${++n}.xlsx`), sheets);

const stored = (db: WriteDb): [string, string, number, number, string][] =>
  db
    .prepare<[], { region_code: string; series_code: string; year: number; value: number; cell: string }>(
      'SELECT region_code, series_code, year, value, cell FROM observation ORDER BY region_code, series_code, year',
    )
    .all()
    .map((r) => [r.region_code, r.series_code, r.year, r.value, r.cell]);

const importOf = async (file: string, options: Omit<ImportInput, 'file'> = {}) => {
  const { db, file: dbFile } = freshDb();
  const before = sha256(dbFile);
  const r = await runImport(db, { file, ...options });
  return { r, db, unchanged: () => sha256(dbFile) === before, problems: r.problems.map((p) => [p.severity, p.sheet, p.cell, p.message.split(' / ')[0]]) };
};

/**
 * Rewrites an .xlsx with Python's zipfile, as other tools write one: the parts named in `last` moved to the end of
 * the zip, and each replacement [part ('' for every part), old text, new text] made on the way.
 */
const rezip = (from: string, suffix: string, edit: { last?: string[]; replace?: [string, string, string][] }): string => {
  const to = from.replace(/\.xlsx$/, `-${suffix}.xlsx`);
  const script = [
    'import json, sys, zipfile',
    'edit = json.loads(sys.argv[3])',
    'src = zipfile.ZipFile(sys.argv[1])',
    "last = [n for n in edit.get('last', []) if n in src.namelist()]",
    'order = [n for n in src.namelist() if n not in last] + last',
    "dst = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)",
    'for n in order:',
    '    data = src.read(n)',
    "    for part, old, new in edit.get('replace', []):",
    "        if part in ('', n): data = data.replace(old.encode(), new.encode())",
    '    dst.writestr(n, data)',
    'dst.close()',
  ].join('\n');
  execFileSync('python3', ['-c', script, from, to, JSON.stringify(edit)]);
  return to;
};

const township = (title: CellInput[][]): CellInput[][] => [...title, ['乡镇', '养老机构床位总数'], ['妥甸镇', 120], ['大庄镇', 60]];

describe('the year of a sheet', () => {
  it('does not take 填报日期：2024年1月10日 for the data year: without another year the sheet is refused', async () => {
    const file = await book([{ name: '乡镇', rows: township([['双柏县乡镇养老床位统计表'], [null, '填报日期：2024年1月10日']]) }]);
    const { r, db } = await importOf(file);
    expect(r.ok).toBe(false);
    expect(r.problems.find((p) => p.severity === 'error')?.message).toMatch(/^无法确定本表数据的年份/);
    expect(stored(db)).toEqual([]);
  });

  it('reads the title’s year when the date line is there too', async () => {
    const file = await book([{ name: '乡镇', rows: township([['双柏县2023年乡镇养老床位统计表'], [null, '填报日期：2024年1月10日']]) }]);
    const { r, db } = await importOf(file);
    expect(r.ok).toBe(true);
    expect(stored(db).map((s) => s[2])).toEqual([2023, 2023]);
  });

  it('refuses a sheet named 2022年 whose title says 2023年, naming the title cell, and stores nothing', async () => {
    const file = await book([{ name: '2022年', rows: township([['双柏县2023年乡镇养老床位统计表']]) }]);
    const { r, problems, unchanged } = await importOf(file);
    expect(r.ok).toBe(false);
    expect(problems).toEqual([['error', '2022年', 'A1', '工作表名写的是2022年，标题（A1）写的是2023年，无法确定数据年份，请改正其一']]);
    expect(unchanged()).toBe(true);
  });

  it.each([
    ['2023年1-6月', '2023-06'],
    ['2023年上半年', '2023-06'],
    ['2023年前三季度', '2023Q3'],
  ])('keeps a sheet of part of a year (%s) as that period’s figures, never as the year’s', async (name, period) => {
    const file = await book([{ name, rows: township([]) }]);
    const { r, db } = await importOf(file);
    expect(r.ok).toBe(true);
    expect(stored(db)).toEqual([]);
    expect(r.values.map((v) => [v.period, v.periodKind])).toEqual([[period, '期末'], [period, '期末']]);
  });

  it.each(['2023年4-9月', '2023年下半年'])('refuses a stretch that does not start in January (%s): no rule makes a year of it', async (name) => {
    const file = await book([{ name, rows: township([]) }]);
    const { r } = await importOf(file);
    expect(r.ok).toBe(false);
    expect(r.problems[0]?.message).toContain(`工作表名“${name}”不是从1月起的时期`);
  });

  it('reads a year alone in a title cell (C1 2023年度) above a township table as the year, not as a year column', async () => {
    const file = await book([{ name: '乡镇', rows: [['双柏县乡镇养老床位统计表', null, '2023年度'], ['乡镇', '养老机构床位总数'], ['妥甸镇', 120]] }]);
    const { r, db } = await importOf(file, { region: '532322' });
    expect(r.ok).toBe(true);
    expect(stored(db)).toEqual([['532322101', 'elderly_beds', 2023, 120, 'B3']]);
  });
});

describe('the header of a long table', () => {
  it('does not take the line 地区：双柏县 … 2023年度 for the header: 2023 is read from the 2023年 column (E), not C', async () => {
    const file = await book([
      {
        name: '双柏县',
        rows: [['双柏县民政统计表'], ['地区：双柏县', null, '2023年度'], [null, '单位', '2021年', '2022年', '2023年'], ['养老机构床位总数', '张', 820, 840, 850]],
      },
    ]);
    const { r, db } = await importOf(file);
    expect(r.ok).toBe(true);
    expect(stored(db)).toEqual([
      ['532322', 'elderly_beds', 2021, 820, 'C4'],
      ['532322', 'elderly_beds', 2022, 840, 'D4'],
      ['532322', 'elderly_beds', 2023, 850, 'E4'],
    ]);
  });

  it('refuses a unit in the name that the 单位 column contradicts (万人 against 人), at the unit cell', async () => {
    const file = await book([{ name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2023年'], ['社会组织专职工作人员数量（万人）', '人', 85]] }]);
    const { r, problems, unchanged } = await importOf(file);
    expect(r.ok).toBe(false);
    expect(problems).toEqual([['error', '双柏县', 'B3', '名称中的单位“万人”与单位列的“人”不一致，请改正其一']]);
    expect(unchanged()).toBe(true);
  });

  it('accepts the same unit written twice (万人 in the name and in the column)', async () => {
    const file = await book([{ name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2023年'], ['社会组织专职工作人员数量（万人）', '万人', 0.0085]] }]);
    const { r, db } = await importOf(file);
    expect(r.ok).toBe(true);
    expect(stored(db)).toEqual([['532322', 'social_org_staff', 2023, 85, 'C3']]);
  });

  it('names each column of figures it does not read: a date heading (2023-12-01) and 2023年快报数', async () => {
    const file = await book([
      {
        name: '双柏县',
        rows: [['地区：双柏县'], ['指标名称', '单位', '2022年', new Date(Date.UTC(2023, 11, 1)), '2023年快报数'], ['养老机构床位总数', '张', 840, 850, 851]],
      },
    ]);
    const { r, problems, db } = await importOf(file);
    expect(r.ok).toBe(true);
    expect(problems.map((p) => [p[0], p[2]])).toEqual([
      ['warning', 'D2'],
      ['warning', 'E2'],
    ]);
    expect(problems[1]![3]).toContain('表头“2023年快报数”不是年份，未读取');
    expect(stored(db)).toEqual([['532322', 'elderly_beds', 2022, 840, 'C3']]);
  });
});

describe('a township table with a row of units under the names', () => {
  it('reads 万人 and 张 from the units row as the columns’ units (3.2 万人 → 32,000 人)', async () => {
    const file = await book([{ name: '2023年', rows: [['乡镇', '年末常住人口', '养老机构床位总数'], [null, '万人', '张'], ['妥甸镇', 3.2, 120]] }]);
    const { r, db } = await importOf(file, { region: '532322' });
    expect(r.problems).toEqual([]);
    expect(stored(db)).toEqual([
      ['532322101', 'elderly_beds', 2023, 120, 'C3'],
      ['532322101', 'population', 2023, 32000, 'B3'],
    ]);
    expect(r.conversions).toEqual([{ sheet: '2023年', series: 'population', from: '万人', to: '人', factor: 10000, values: 1 }]);
  });
});

describe('units written short in a cell', () => {
  it('reads 750元 in a 元/人·月 row as 750 元/人·月 and 1.2万 in a 人 row as 12,000 人', async () => {
    const file = await book([
      { name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2023年'], ['城市最低生活保障标准', '元/人·月', '750元'], ['社会组织专职工作人员数量', '人', '1.2万']] },
    ]);
    const { r, db } = await importOf(file);
    expect(r.problems).toEqual([]);
    expect(stored(db)).toEqual([
      ['532322', 'dibao_urban', 2023, 750, 'C3'],
      ['532322', 'social_org_staff', 2023, 12000, 'C4'],
    ]);
  });
});

describe('a 单位： line that names the office', () => {
  it('does not take 单位：双柏县民政局 for the table’s unit', async () => {
    const file = await book([{ name: '双柏县', rows: [['地区：双柏县'], ['单位：双柏县民政局'], ['指标名称', '2023年'], ['养老机构床位总数', 850]] }]);
    const { r, db } = await importOf(file);
    expect(r.problems).toEqual([]);
    expect(stored(db)).toEqual([['532322', 'elderly_beds', 2023, 850, 'B4']]);
  });
});

describe('hidden columns', () => {
  const withHiddenColumn: Sheet = {
    name: '双柏县',
    rows: [['地区：双柏县'], ['指标名称', '单位', '2022年', '2023年'], ['养老机构床位总数', '张', 9999, 850]],
    setup: (ws) => void (ws.getColumn(3).hidden = true),
  };

  it.each([false, true])('warns that a hidden year column was read (streaming reader: %s)', async (forceStream) => {
    const { r, problems } = await importOf(await book([withHiddenColumn]), forceStream ? {} : { exceljsReader: true });
    expect(r.ok).toBe(true);
    // The hidden 2022 figure is also ten times 2023's: the jump is questioned.
    expect(problems).toEqual([
      ['warning', '双柏县', 'C2', '该列已隐藏，仍被读取'],
      ['warning', '双柏县', 'D3', '养老机构床位总数2023年为850张，2022年为9999张，降至约1/12，请核对数值和单位'],
    ]);
  });

  it('warns about a hidden item column of a township table', async () => {
    const file = await book([{ name: '2023年', rows: township([]).concat([]), setup: (ws) => void (ws.getColumn(2).hidden = true) }]);
    const { problems } = await importOf(file, { region: '532322' });
    expect(problems).toEqual([['warning', '2023年', 'B1', '该列已隐藏，仍被读取']]);
  });
});

describe('large files whose workbook.xml comes after their sheets in the zip (openpyxl, pandas, exceljs order)', () => {
  /**
   * Rewrites an .xlsx as openpyxl writes it, with Python's zipfile: the sheets first and xl/workbook.xml after them,
   * and the workbook's rels pointing at its parts by absolute paths (Target="/xl/worksheets/sheet1.xml"), which
   * exceljs's streaming reader does not match, so that it hands over the sheets as Sheet1, Sheet2 and visible.
   */
  const workbookLast = async (sheets: Sheet[]): Promise<string> =>
    rezip(await book(sheets), 'wblast', {
      last: ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'],
      replace: [['xl/_rels/workbook.xml.rels', 'Target="worksheets/', 'Target="/xl/worksheets/']],
    });

  it('keeps the sheets’ names and skips the hidden one, as the whole-workbook reader does', async () => {
    const file = await workbookLast([
      { name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2023年'], ['养老机构床位总数', '张', 850]] },
      { name: '楚雄市（作废）', hidden: true, rows: [['地区：楚雄市'], ['指标名称', '单位', '2023年'], ['养老机构床位总数', '张', 999]] },
    ]);
    const whole = await importOf(file, { exceljsReader: true });
    const stream = await importOf(file);
    for (const run of [whole, stream]) {
      expect(run.r.sheets.map((s) => [s.name, s.layout])).toEqual([
        ['双柏县', 'long'],
        ['楚雄市（作废）', 'skipped'],
      ]);
      expect(stored(run.db)).toEqual([['532322', 'elderly_beds', 2023, 850, 'C3']]);
    }
    expect(stream.problems).toEqual(whole.problems);
  });

  it('takes a township table’s year from its sheet name 2023年 and keeps its merged header', async () => {
    const file = await workbookLast([
      {
        name: '2023年',
        rows: [['乡镇', '养老机构', null], [null, '床位总数（张）', '护理型床位数（张）'], ['妥甸镇', 120, 40]],
        setup: (ws) => {
          ws.mergeCells('A1:A2');
          ws.mergeCells('B1:C1');
        },
      },
    ]);
    const whole = await importOf(file, { region: '532322', exceljsReader: true });
    const stream = await importOf(file, { region: '532322' });
    expect(stored(stream.db)).toEqual(stored(whole.db));
    expect(stored(stream.db)).toEqual([
      ['532322101', 'elderly_beds', 2023, 120, 'B3'],
      ['532322101', 'nursing_beds', 2023, 40, 'C3'],
    ]);
  });
});

describe('what a check shows before anything is written', () => {
  it('lists each value it would store with its cell, region, item, year, unit and whether it is new, replaces or equals one', async () => {
    const { db } = freshDb();
    const first = await writeWorkbook(path.join(tempDir(), 'first.xlsx'), [{ name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2022年'], ['养老机构床位总数', '张', 840]] }]);
    expect((await runImport(db, { file: first })).ok).toBe(true);
    const file = await book([{ name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2022年', '2023年'], ['养老机构床位总数', '张', 840, 850], ['社会组织专职工作人员数量', '万人', null, 0.0085]] }]);
    const r = await runImport(db, { file, dryRun: true });
    expect([r.ok, r.valuesTotal]).toEqual([true, 3]);
    expect(r.values.map((v) => [v.cell, v.regionName, v.seriesName, v.year, v.value, v.unit, v.status])).toEqual([
      ['C3', '双柏县', '养老机构床位总数', 2022, 840, '张', 'same'],
      ['D3', '双柏县', '养老机构床位总数', 2023, 850, '张', 'new'],
      ['D4', '双柏县', '社会组织专职工作人员数量', 2023, 85, '人', 'new'],
    ]);
  });
});

describe('a formula whose saved result is an empty string (=IF(A1="","",…)), as Excel saves it: <v></v>', () => {
  const emptied = async (): Promise<string> =>
    rezip(
      await book([
        { name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2022年', '2023年'], ['养老机构床位总数', '张', { formula: 'IF(1,"","")', result: 'EMPTY' }, 850]] },
      ]),
      'empty',
      { replace: [['', '<v>EMPTY</v>', '<v></v>']] },
    );

  it.each([false, true])('is no value, not an error (streaming reader: %s)', async (forceStream) => {
    const { r, db } = await importOf(await emptied(), forceStream ? {} : { exceljsReader: true });
    expect(r.problems).toEqual([]);
    expect(stored(db)).toEqual([['532322', 'elderly_beds', 2023, 850, 'D3']]);
  });

  // Found by attacking the import's own reader (2026-12-07): cells outside <sheetData> (an <extLst> Excel ignores,
  // or one inside a cell) were read as the sheet's, so the file showed 850 in Excel and stored 999; a character
  // reference in a number (&#56;50) was refused.
  const withExtras = async (cellExtra: string) =>
    rezip(await book([{ name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2023年'], ['养老机构床位总数', '张', 850]] }]), `ext${++n}`, {
      replace: [
        ['xl/worksheets/sheet1.xml', '<v>850</v>', `<v>&#56;50</v>${cellExtra}`],
        ['xl/worksheets/sheet1.xml', '</sheetData>', '</sheetData><extLst><ext uri="{0}" xmlns:z="urn:z"><z:row r="3"><z:c r="C3"><z:v>999</z:v></z:c></z:row></ext></extLst>'],
      ],
    });

  it('reads only the cells of <sheetData> and resolves &#56;50, as the whole-workbook reader does', async () => {
    const file = await withExtras('');
    const whole = await importOf(file, { exceljsReader: true });
    const own = await importOf(file);
    expect(stored(whole.db)).toEqual([['532322', 'elderly_beds', 2023, 850, 'C3']]);
    expect(stored(own.db)).toEqual(stored(whole.db));
    expect(own.problems).toEqual(whole.problems);
  });

  it('skips what a cell holds besides its value (an <extLst> in a <c>, which exceljs cannot read at all)', async () => {
    const own = await importOf(await withExtras('<extLst><ext uri="{1}"><v>777</v></ext></extLst>'));
    expect([stored(own.db), own.problems]).toEqual([[['532322', 'elderly_beds', 2023, 850, 'C3']], []]);
  });
});

// Found by attacking the import's own reader again (2026-12-07, evening): a shared string's index written as a
// character reference (&#53;) was read as no index, so the unit cell 万人 read as empty and 1.2 万人 was stored as
// 1.2 人; an index naming no shared string was an empty cell; a merged range written $B$2:$B$3, b2:b3 or reversed
// (B3:B2) crashed the import or lost the merge; a flat sheet's year before 1949 crashed it at the database's check.
describe('what an attack on the reader found', () => {
  const unitBook = () => book([{ name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2023年'], ['社会组织专职工作人员数量', '万人', 1.2]] }]);

  it.each(['&#53;', '&#x35;', '&#32;5'])('reads the shared string index %s as the whole-workbook reader does: 1.2 万人 is 12,000 人', async (written) => {
    const file = rezip(await unitBook(), `ssref${++n}`, { replace: [['xl/worksheets/sheet1.xml', '<c r="B3" t="s"><v>5</v>', `<c r="B3" t="s"><v>${written}</v>`]] });
    const whole = await importOf(file, { exceljsReader: true });
    const own = await importOf(file);
    expect(stored(own.db)).toEqual([['532322', 'social_org_staff', 2023, 12000, 'C3']]);
    expect(stored(own.db)).toEqual(stored(whole.db));
  });

  it.each(['99', '-1'])('refuses a shared string index %s that names no string as a damaged file, by its cell, storing nothing', async (written) => {
    const file = rezip(await unitBook(), `ssbad${++n}`, { replace: [['xl/worksheets/sheet1.xml', '<c r="B3" t="s"><v>5</v>', `<c r="B3" t="s"><v>${written}</v>`]] });
    await expect(importOf(file)).rejects.toThrow(/工作表“双柏县”的 B3：单元格引用了不存在的共享字符串/);
  });

  it.each(['$A$1:$C$1', 'a1:c1', 'C1:A1'])('keeps a merged title written %s as the merge it is', async (ref) => {
    const file = rezip(
      await book([{ name: '双柏县', rows: [['地区：双柏县'], ['指标名称', '单位', '2023年'], ['养老机构床位总数', '张', 850]], setup: (ws) => ws.mergeCells('A1:C1') }]),
      `merge${++n}`,
      { replace: [['xl/worksheets/sheet1.xml', 'ref="A1:C1"', `ref="${ref}"`]] },
    );
    const own = await importOf(file);
    expect([own.r.ok, stored(own.db)]).toEqual([true, [['532322', 'elderly_beds', 2023, 850, 'C3']]]);
  });

  it.each([
    ['<row r="3"', '<row r="2"'],
    ['<row r="3"', '<row r="1"'],
  ])('refuses a row written twice or out of order (%s → %s) as a damaged file naming the row, instead of losing the first', async (from, to) => {
    const file = rezip(await unitBook(), `rowtwice${++n}`, { replace: [['xl/worksheets/sheet1.xml', from, to]] });
    await expect(importOf(file)).rejects.toThrow(/工作表“双柏县”.*第 [12] 行在第 2 行之后又出现一次/);
  });

  it('refuses a flat sheet’s year 1948 by its cell, as the other layouts do, instead of failing at the database', async () => {
    const file = await book([{ name: '清单', rows: [['地区代码', '指标', '年份', '数值'], ['532322', '养老机构床位总数', 1948, 850], ['532322', '养老机构床位总数', 2023, 860]] }]);
    const own = await importOf(file);
    expect(own.r.ok).toBe(false);
    expect(own.problems).toContainEqual(['error', '清单', 'C2', '年份1948超出可保存的范围（1949—2100）']);
    expect(own.unchanged()).toBe(true);
  });
});
