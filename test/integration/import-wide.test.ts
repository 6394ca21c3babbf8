/**
 * Importing real .xlsx files in the wide layout (regions down, items across): townships of 双柏县 and counties of 楚雄州,
 * headers of one to three rows with merged cells, totals checked against their parts, years from sheet names or titles,
 * ambiguous and unknown regions, and the same observations and problems from the streaming reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../main/db/open';
import { getObservation } from '../../main/db/queries/observations';
import type { ReadDb, WriteDb } from '../../main/db/types';
import { runImport, type ImportInput, type ImportResult } from '../../main/services/import/run';
import { readWorkbookFile } from '../../main/services/import/workbook';
import { tempDir, writeWorkbook, type CellInput } from '../helpers/files';

/** A new database with the built-in catalogue and plans (the same image as a new file, kept in memory). */
const memoryDb = (): WriteDb => openDb(':memory:');

type Sheet = Parameters<typeof writeWorkbook>[1][number];

let dir: string;
let books = 0;
beforeAll(() => {
  dir = tempDir();
});

const book = (sheets: Sheet[]): Promise<string> => writeWorkbook(path.join(dir, `wide-${++books}.xlsx`), sheets);

/** Merges ranges, hides rows and sets number formats once the rows are written. */
const shape =
  (merges: string[], more?: (ws: ExcelJS.Worksheet) => void) =>
  (ws: ExcelJS.Worksheet): void => {
    for (const m of merges) ws.mergeCells(m);
    more?.(ws);
  };

const stored = (db: ReadDb, region: string, series: string, year: number): number | null =>
  getObservation(db, region, series, year)?.value ?? null;

const storedOf = (db: ReadDb) =>
  db
    .prepare<[], { region: string; series: string; year: number; value: number; sheet: string; cell: string }>(
      'SELECT region_code AS region, series_code AS series, year, value, sheet, cell FROM observation ORDER BY region_code, series_code, year',
    )
    .all();

const errorsOf = (r: ImportResult) => r.problems.filter((p) => p.severity === 'error');

/** Imports a workbook into a new database: the result and the database. */
const load = async (file: string, options: Omit<ImportInput, 'file'> = {}): Promise<{ r: ImportResult; db: WriteDb }> => {
  const db = memoryDb();
  return { r: await runImport(db, { file, ...options }), db };
};

const TOWNSHIPS = ['妥甸镇', '大庄镇', '法脿镇', '鄂嘉镇', '大麦地镇', '安龙堡乡', '爱尼山乡', '独田乡'];
const TOWNSHIP_CODES = ['532322101', '532322102', '532322103', '532322104', '532322105', '532322201', '532322202', '532322203'];
const BEDS = [100, 50, 50, 50, 50, 30, 30, 30]; // sum 390; the 合计 row says 400
const NURSING = [60, 20, 20, 20, 20, 20, 20, 20]; // sum 200, as the 合计 row says
const BURIAL = [70, 40, 40, 40, 40, 40, 40, 40]; // a rate: the 合计 row's 50 is not a sum

const SHUANGBAI_MERGES = ['A1:D1', 'A3:A4', 'B3:C3', 'D3:D4', 'A15:D15'];

/**
 * 双柏县's township table for 2023: title, 填报单位, a two-row header with 养老机构 merged over two columns and a rate
 * merged down, a 甲/1/2/3 column-code row, 合计 first, eight townships, a note.
 */
const shuangbai2023: Sheet = {
  name: '2023年',
  rows: [
    ['双柏县乡镇养老服务情况统计表'],
    ['填报单位：双柏县民政局'],
    ['乡镇', '养老机构', null, '节地生态安葬率（%）'],
    [null, '床位总数（张）', '护理型床位数（张）'],
    ['甲', 1, 2, 3],
    ['合计', 400, 200, 50],
    ...TOWNSHIPS.map((t, i) => [t, BEDS[i], NURSING[i], BURIAL[i]]),
    ['注：床位数为年末数。'],
  ],
  setup: shape(SHUANGBAI_MERGES),
};

/** The same townships for 2022: a one-row header with the unit in it, 合计 last and equal to its parts. */
const shuangbai2022: Sheet = {
  name: '2022年',
  rows: [['填报单位：双柏县民政局'], ['乡镇', '养老机构床位总数（张）'], ...TOWNSHIPS.map((t) => [t, 40]), ['合计', 320]],
};

/** An older table left in the workbook as a hidden sheet. */
const hidden2021: Sheet = { name: '2021年', hidden: true, rows: [['乡镇', '养老机构床位总数（张）'], ['妥甸镇', 35]] };

/** 楚雄州's counties, year in the title only: by name, 6-digit code and 12-digit code, a unit to convert, 合计 last. */
const counties: Sheet = {
  name: '各县（市）',
  rows: [
    ['2023年楚雄州各县（市）民政事业统计表'],
    ['地区', '社会组织专职工作人员数量（万人）', '养老机构床位总数（张）'],
    ['楚雄市', 0.12, 1000],
    ['532322', 0.01, 400],
    ['532323000000', 0.02, 300],
    ['南华县', 0.03, 200],
    ['合计', 0.18, 1900],
  ],
};

/** A three-row header: 基本情况 over 养老机构 over 床位总数（张）; a coverage rate (percent-formatted) merged down two rows. */
const threeRowHeader: Sheet = {
  name: '2023',
  rows: [
    ['填报单位：双柏县民政局'],
    ['乡镇（街道）', '基本情况'],
    [null, '养老机构', null, '社区日间照料机构覆盖率（%）'],
    [null, '床位总数（张）', '护理型床位数（张）'],
    ['甲', '乙', 1, 2],
    ['妥甸镇', 100, 60, 0.5],
    ['大庄镇', 50, 20, 0.25],
    ['合计', 150, 80, 0.4],
  ],
  setup: shape(['A2:A4', 'B2:D2', 'B3:C3', 'D3:D4'], (ws) => ['D6', 'D7', 'D8'].forEach((a) => void (ws.getCell(a).numFmt = '0%'))),
};

const onlyDazhuang = (above: CellInput[][] = []): Sheet => ({ name: '2023年', rows: [...above, ['乡镇', '养老机构床位总数'], ['大庄镇', 50]] });

let township: string; // 2023年 + 2022年 + hidden 2021年
let county: string;
let threeRows: string;
let ambiguous: string;
let filledBy: string;
let unknown: string;
let noYear: string;
beforeAll(async () => {
  township = await book([shuangbai2023, shuangbai2022, hidden2021]);
  county = await book([counties]);
  threeRows = await book([threeRowHeader]);
  ambiguous = await book([onlyDazhuang()]);
  filledBy = await book([onlyDazhuang([['填报单位：双柏县民政局']])]);
  unknown = await book([{ name: '2023年', rows: [['乡镇', '养老机构床位总数'], ['妥甸镇', 50], ['妥甸乡', 60]] }]);
  noYear = await book([{ name: '乡镇', rows: [['双柏县乡镇养老机构情况'], ['乡镇', '养老机构床位总数'], ['妥甸镇', 50]] }]);
});

describe('townships of 双柏县 as rows, items across', () => {
  it('stores each township under its 9-digit code, the item named by the column and the year by the sheet name', async () => {
    const { r, db } = await load(township);
    expect(errorsOf(r)).toEqual([]);
    expect(TOWNSHIP_CODES.map((code) => stored(db, code, 'elderly_beds', 2023))).toEqual(BEDS);
    expect(TOWNSHIP_CODES.map((code) => stored(db, code, 'elderly_beds', 2022))).toEqual(TOWNSHIP_CODES.map(() => 40));
  });

  it('reads two columns under 养老机构 merged over 床位总数（张） and 护理型床位数（张）, and a rate merged down two rows', async () => {
    const { db } = await load(township);
    expect(storedOf(db).filter((o) => o.region === '532322101' && o.year === 2023).map((o) => [o.series, o.value, o.cell])).toEqual([
      ['eco_burial_rate', 70, 'D7'],
      ['elderly_beds', 100, 'B7'],
      ['nursing_beds', 60, 'C7'],
    ]);
  });

  it('passes over the title, 填报单位, the 甲/1/2/3 code row and the note: 27 values in 2023, 9 in 2022', async () => {
    const { r } = await load(township);
    expect(r.sheets).toEqual([
      { name: '2023年', layout: 'wide', region: '532322', regionName: '双柏县', observations: 27 },
      { name: '2022年', layout: 'wide', region: '532322', regionName: '双柏县', observations: 9 },
      { name: '2021年', layout: 'skipped', region: null, observations: 0 },
    ]);
  });

  it('stores a 合计 row above the townships as 双柏县’s own value, as written (400, not the sum 390)', async () => {
    const { db } = await load(township);
    expect(['elderly_beds', 'nursing_beds', 'eco_burial_rate'].map((s) => stored(db, '532322', s, 2023))).toEqual([400, 200, 50]);
  });

  it('stores a 合计 row below the townships as 双柏县’s own value', async () => {
    const { db } = await load(township);
    expect(storedOf(db).find((o) => o.region === '532322' && o.year === 2022)).toMatchObject({ series: 'elderly_beds', value: 320, cell: 'B11' });
  });

  it('warns at the total’s cell, with both numbers, when 合计 400 differs from the sum 390 of its townships', async () => {
    const { r } = await load(township);
    const totals = r.problems.filter((p) => p.message.includes('合计'));
    expect(totals.map((p) => [p.severity, p.sheet, p.cell])).toEqual([['warning', '2023年', 'B6']]);
    expect(totals[0]?.message).toMatch(/400.*390/u);
    expect(totals[0]?.message).toContain('养老机构床位总数');
  });

  it('never sums a rate: no warning for 节地生态安葬率, whose 合计 50 is far from the sum of its townships', async () => {
    const { r } = await load(township);
    expect(r.problems.filter((p) => p.cell === 'D6' || p.message.includes('节地生态安葬率'))).toEqual([]);
  });

  it('reads each sheet with its own year, and warns that the hidden sheet 2021年 was not read', async () => {
    const { r, db } = await load(township);
    expect(r.problems.filter((p) => p.sheet === '2021年')).toEqual([
      { severity: 'warning', sheet: '2021年', cell: '', message: expect.stringContaining('hidden sheet, not read') },
    ]);
    expect([...new Set(storedOf(db).map((o) => o.year))].sort()).toEqual([2022, 2023]);
  });

  it('reads a hidden row and warns at its region cell', async () => {
    const file = await book([{ ...shuangbai2023, setup: shape(SHUANGBAI_MERGES, (ws) => void (ws.getRow(11).hidden = true)) }]);
    const { r, db } = await load(file);
    expect(r.problems.filter((p) => p.message.includes('hidden'))).toEqual([
      { severity: 'warning', sheet: '2023年', cell: 'A11', message: '该行已隐藏，仍被读取 / this row is hidden and was read' },
    ]);
    expect(stored(db, '532322105', 'elderly_beds', 2023)).toBe(50); // 大麦地镇, row 11
  });

  it('reads a three-row header (基本情况 › 养老机构 › 床位总数（张）) and a percent-formatted rate as 50 %', async () => {
    const { r, db } = await load(threeRows);
    expect(r.problems).toEqual([]);
    expect(storedOf(db).map((o) => [o.region, o.series, o.value])).toEqual([
      ['532322', 'community_daycare_coverage', 40],
      ['532322', 'elderly_beds', 150],
      ['532322', 'nursing_beds', 80],
      ['532322101', 'community_daycare_coverage', 50],
      ['532322101', 'elderly_beds', 100],
      ['532322101', 'nursing_beds', 60],
      ['532322102', 'community_daycare_coverage', 25],
      ['532322102', 'elderly_beds', 50],
      ['532322102', 'nursing_beds', 20],
    ]);
  });
});

describe('counties of 楚雄州 as rows', () => {
  it('finds counties by name, by 6-digit and by 12-digit code, with the year from the title and 合计 stored for 楚雄州', async () => {
    const { r, db } = await load(county);
    expect(r.problems).toEqual([]);
    expect(storedOf(db).filter((o) => o.series === 'elderly_beds').map((o) => [o.region, o.year, o.value])).toEqual([
      ['532300', 2023, 1900],
      ['532301', 2023, 1000],
      ['532322', 2023, 400],
      ['532323', 2023, 300],
      ['532324', 2023, 200],
    ]);
  });

  it('converts by the unit in the header: 0.12 under 社会组织专职工作人员数量（万人） is stored as 1200 人', async () => {
    const { r, db } = await load(county);
    expect(stored(db, '532301', 'social_org_staff', 2023)).toBe(1200);
    expect(r.conversions).toEqual([{ sheet: '各县（市）', series: 'social_org_staff', from: '万人', to: '人', factor: 10000, values: 5 }]);
  });
});

describe('which township a name means', () => {
  it('refuses 大庄镇 (seven in the country) at its cell when nothing says which county, and stores nothing', async () => {
    const { r, db } = await load(ambiguous);
    expect([r.ok, errorsOf(r).map((p) => [p.sheet, p.cell])]).toEqual([false, [['2023年', 'A2']]]);
    expect(errorsOf(r)[0]?.message).toContain('大庄镇');
    expect(storedOf(db)).toEqual([]);
  });

  it('takes 大庄镇 to be 双柏县’s (532322102) when the sheet says 填报单位：双柏县民政局', async () => {
    const { r, db } = await load(filledBy);
    expect(r.problems).toEqual([]);
    expect(storedOf(db).map((o) => [o.region, o.value])).toEqual([['532322102', 50]]);
  });

  it('takes 大庄镇 to be 双柏县’s when the import is given --region 双柏县', async () => {
    const { r, db } = await load(ambiguous, { region: '双柏县' });
    expect(r.problems).toEqual([]);
    expect(storedOf(db).map((o) => [o.region, o.value])).toEqual([['532322102', 50]]);
  });

  it('takes 大庄镇 to be 双柏县’s when the other townships of the sheet are all 双柏县’s', async () => {
    const file = await book([{ name: '2023年', rows: [['乡镇', '养老机构床位总数'], ['妥甸镇', 100], ['大庄镇', 50]] }]);
    const { r, db } = await load(file);
    expect(r.problems).toEqual([]);
    expect(storedOf(db).map((o) => o.region)).toEqual(['532322101', '532322102']);
  });

  it('refuses an unknown township (妥甸乡 for 妥甸镇) at its cell, and stores nothing', async () => {
    const { r, db } = await load(unknown);
    expect(errorsOf(r)).toEqual([{ severity: 'error', sheet: '2023年', cell: 'A3', message: '未知地区“妥甸乡” / unknown region "妥甸乡"' }]);
    expect([r.ok, r.batch, storedOf(db)]).toEqual([false, null, []]);
  });
});

describe('a sheet without a year', () => {
  it('is refused at A1, asking for the year in the sheet name or title, and nothing is stored', async () => {
    const { r, db } = await load(noYear);
    expect(errorsOf(r).map((p) => [p.sheet, p.cell])).toEqual([['乡镇', 'A1']]);
    expect(errorsOf(r)[0]?.message).toMatch(/年份.*year/u);
    expect([r.ok, storedOf(db)]).toEqual([false, []]);
  });
});

/** What a reader makes of a workbook: the dry run's report, and the rows a real import stores (when it can). */
/** `own`: the import's own reader; else exceljs's whole-workbook reader, the reference. */
const readWith = async (file: string, own: boolean, options: Omit<ImportInput, 'file'>) => {
  const which = own ? {} : { exceljsReader: true };
  const db = memoryDb();
  const dry = await runImport(db, { file, ...which, dryRun: true, ...options });
  const sort = <T>(xs: T[]): T[] => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const { reader, file: _file, problems, changes, ...rest } = dry;
  const real = dry.ok ? await runImport(db, { file, ...which, ...options }) : null;
  return { reader, report: { ...rest, problems: sort(problems), changes: sort(changes) }, stored: real ? storedOf(db) : [] };
};

describe('the streaming reader for large files', () => {
  const CASES: [string, () => string, Omit<ImportInput, 'file'>][] = [
    ['双柏县 2023/2022 with a hidden sheet', () => township, {}],
    ['楚雄州’s counties by name and code', () => county, {}],
    ['a three-row header', () => threeRows, {}],
    ['an ambiguous 大庄镇', () => ambiguous, {}],
    ['大庄镇 with 填报单位', () => filledBy, {}],
    ['大庄镇 with --region 双柏县', () => ambiguous, { region: '双柏县' }],
    ['an unknown township', () => unknown, {}],
    ['a sheet without a year', () => noYear, {}],
  ];

  it.each(CASES)('gives the same observations and problems as the whole-workbook reader for %s', async (_label, file, options) => {
    const whole = await readWith(file(), false, options);
    const stream = await readWith(file(), true, options);
    expect([whole.reader, stream.reader]).toEqual(['whole', 'stream']);
    expect(stream.report).toEqual(whole.report);
    expect(stream.stored).toEqual(whole.stored);
  });

  it('stores values from every sheet of the workbook with a year, through the streaming reader', async () => {
    const stream = await readWith(township, true, {});
    expect(stream.stored).toHaveLength(27 + 9);
  });
});

describe('the wide layout against defects found before (fixed)', () => {
  // Fixed in 022b32b: the 合计 row went to --region (or 填报单位) rather than to the rows' parent, so 双柏县's township
  // total was stored, silently, as 楚雄州's own 养老机构床位总数.
  it('does not store a township table’s 合计 as 楚雄州’s value when --region names the prefecture', async () => {
    const file = await book([{ name: '2023年', rows: [['乡镇', '养老机构床位总数'], ['妥甸镇', 50], ['大庄镇', 50], ['合计', 100]] }]);
    const { db } = await load(file, { region: '楚雄州' });
    expect(stored(db, '532300', 'elderly_beds', 2023)).toBeNull();
  });

  // Fixed in 022b32b: a row with an empty region cell was skipped before its cells were read, so its numbers vanished
  // without a problem (the flat layout reports "a value without a name").
  it('reports numbers in a row without a region name as an error at that row', async () => {
    const file = await book([{ name: '2023年', rows: [['乡镇', '养老机构床位总数'], ['妥甸镇', 50], [null, 70]] }]);
    const { r } = await load(file);
    expect(errorsOf(r).map((p) => p.cell)).toEqual([expect.stringMatching(/^[AB]3$/)]);
  });

  // Fixed in 022b32b: a 12-digit code was cut to nine digits whatever its last three were, so a village committee's
  // code (532322101201; the tree has no villages) was silently read as its township 妥甸镇.
  it('refuses a 12-digit village code (532322101201) instead of reading it as its township 妥甸镇', async () => {
    const file = await book([{ name: '2023年', rows: [['地区代码', '养老机构床位总数'], ['532322101201', 12]] }]);
    const { r, db } = await load(file);
    expect([r.ok, stored(db, '532322101', 'elderly_beds', 2023)]).toEqual([false, null]);
  });
});

describe('hidden totals (fixed)', () => {
  // Fixed: a 合计 row was taken before the hidden-row check, so a hidden total was stored as 双柏县's own value
  // without the warning every other hidden row gets.
  it('warns about a hidden 合计 row, which is read as 双柏县’s own value', async () => {
    const file = await book([{ name: '2023年', rows: [['乡镇', '养老机构床位总数'], ['妥甸镇', 50], ['大庄镇', 50], ['合计', 100]], setup: (ws) => void (ws.getRow(4).hidden = true) }]);
    const { r, db } = await load(file);
    expect(stored(db, '532322', 'elderly_beds', 2023)).toBe(100);
    expect(r.problems.map((p) => [p.severity, p.cell])).toEqual([['warning', 'A4']]);
  });
});

describe('the streaming reader against defects found before (fixed)', () => {
  // Fixed in 9ea7080: exceljs's streaming WorksheetReader never reads a row's hidden="1" (worksheet-reader.js reads only
  // r, ht and s), so a large file's hidden rows were read without the warning; they now come from the sheet XML.
  it('warns about a hidden row through the streaming reader as the whole-workbook reader does', async () => {
    const file = await book([{ ...shuangbai2023, setup: shape(SHUANGBAI_MERGES, (ws) => void (ws.getRow(11).hidden = true)) }]);
    const stream = await readWith(file, true, {});
    expect(stream.report.problems.filter((p) => p.message.includes('hidden'))).toEqual([
      { severity: 'warning', sheet: '2023年', cell: 'A11', message: '该行已隐藏，仍被读取 / this row is hidden and was read' },
    ]);
  });

  // Fixed in 9ea7080: exceljs 4.4.0's streaming reader now and then loses xl/workbook.xml, which exceljs writes last,
  // and throws "Cannot read properties of undefined (reading 'sheets')" (exceljs #3064): about 1 read in 200 here, so a
  // valid file was reported as 已损坏. The import's own reader (since issue 14) reads workbook.xml first wherever it is.
  it('reads a valid three-sheet workbook with workbook.xml last every time (500 reads)', async () => {
    for (let i = 0; i < 500; i++) expect((await readWorkbookFile(township)).sheets.length).toBeGreaterThan(0);
  }, 120_000);

  // Fixed in 9ea7080: merged ranges were keyed by the part's number (sheet1.xml → 1) but looked up by sheetId; Excel
  // keeps sheetIds when a sheet is deleted or moved, so a large file's merged headers landed on the wrong sheet.
  it('keeps merged headers on their own sheet when sheet ids differ from part numbers, as after deleting a sheet', async () => {
    const beds: Sheet = { name: '2023年', rows: [['乡镇', '养老机构'], [null, '护理型床位数（张）', '床位总数（张）'], ['妥甸镇', 60, 100]], setup: shape(['A1:A2', 'B1:C1']) };
    const file = await book([beds, { name: '说明', rows: [['说明：本表由乡镇填报。']] }]);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', workbook.replace('sheetId="2"', 'sheetId="3"').replace('sheetId="1"', 'sheetId="2"'));
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const whole = await readWith(file, false, {});
    const stream = await readWith(file, true, {});
    expect(whole.report.ok).toBe(true);
    expect(stream.report.problems).toEqual(whole.report.problems);
  });
});
