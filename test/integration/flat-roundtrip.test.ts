/**
 * The flat sheet the workbench exports (one observation per row) and the flat layout that reads it back: an export
 * of 楚雄州 with its counties imported into a new database gives every observation exactly; flat sheets as offices
 * make them are read by code or name; bad rows are reported by cell; long sheets are left to the long layout.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReadDb } from '../../main/db/types';
import { catalogOf } from '../../main/services/context';
import { FLAT_HEADERS, OBSERVATIONS_SHEET, writeObservationsXlsx } from '../../main/services/export/observations-xlsx';
import { setObservation } from '../../main/services/history';
import { flatLayout, type FlatHeader } from '../../main/services/import/flat-layout';
import { findRegion, seriesMatcher } from '../../main/services/import/match';
import { runImport } from '../../main/services/import/run';
import type { ParsedSheet } from '../../main/services/import/types';
import { readWorkbookFile } from '../../main/services/import/workbook';
import type { Region } from '../../shared/types';
import { freshDb, longSheet, writeWorkbook, type CellInput } from '../helpers/files';

const SAMPLE = path.resolve('samples/chuxiong-示例数据.xlsx');

const firstSheet = async (file: string): Promise<ExcelJS.Worksheet> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0]!;
};

/** Detects and parses one sheet with the flat layout, as run.ts will once flat is in its list. */
const parseFlat = (db: ReadDb, ws: ExcelJS.Worksheet, regionOption: Region | null = null): ParsedSheet => {
  const header = flatLayout.detect(ws) as FlatHeader | null;
  if (header === null) throw new Error(`sheet ${ws.name} is not flat`);
  const catalog = catalogOf(db);
  return flatLayout.parse({ db, ws, matcher: seriesMatcher(db), regionOption, unitOf: (code) => catalog.get(code).unit }, header);
};

const storedOf = (db: ReadDb) =>
  db
    .prepare<[], { region: string; series: string; year: number; value: number }>(
      'SELECT region_code AS region, series_code AS series, year, value FROM observation ORDER BY region_code, series_code, year',
    )
    .all();

const plain = (s: ParsedSheet) => s.observations.map((o) => ({ region: o.regionCode, series: o.seriesCode, year: o.year, value: o.value }));
const located = (s: ParsedSheet) => s.problems.map((p) => `${p.severity} ${p.sheet}!${p.cell}`);

let files = 0;
const flatBook = async (dir: string, rows: CellInput[][], name = 'S'): Promise<ExcelJS.Worksheet> =>
  firstSheet(await writeWorkbook(path.join(dir, `flat-${++files}.xlsx`), [{ name, rows }]));

describe('an export of all observations of a region', () => {
  it('comes back whole: every observation of 楚雄州 and its counties, same region, series, year and value', async () => {
    const { db: source, dir } = freshDb();
    expect((await runImport(source, { file: SAMPLE })).ok).toBe(true);
    // A typed-in value too, with digits a float must keep.
    setObservation(source, { region: '532322101', series: 'elderly_beds', year: 2023, value: 123.456789012345, enteredBy: '张三' });
    const out = path.join(dir, '观测值.xlsx');
    const { rows } = await writeObservationsXlsx(source, { region: '532300', includeSubregions: true, out });
    expect(rows).toBe(storedOf(source).length);

    const ws = await firstSheet(out);
    expect([ws.name, ws.views[0]]).toMatchObject([OBSERVATIONS_SHEET, { state: 'frozen', ySplit: 1 }]);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...FLAT_HEADERS]);
    const { db: target } = freshDb();
    const parsed = parseFlat(target, ws);
    expect(parsed.problems).toEqual([]);
    expect([parsed.layout, plain(parsed)]).toEqual(['flat', storedOf(source)]);
    // The streaming reader, which large files take, hands the layout a LightSheet: the same observations.
    const streamed = await readWorkbookFile(out);
    expect([streamed.reader, plain(parseFlat(target, streamed.sheets[0]!))]).toEqual(['stream', storedOf(source)]);
  });

  it('writes numbers as numbers, codes as text, and where each value came from', async () => {
    const { db, dir } = freshDb();
    await runImport(db, { file: SAMPLE });
    setObservation(db, { region: '532322', series: 'population', year: 2024, value: 150000, enteredBy: '李四' });
    const out = path.join(dir, 'county.xlsx');
    const { rows } = await writeObservationsXlsx(db, { region: '双柏县', out });
    const ws = await firstSheet(out);
    const all = Array.from({ length: rows }, (_, i) => (ws.getRow(i + 2).values as unknown[]).slice(1));
    expect(all.every((r) => r[0] === '532322' && r[1] === '双柏县')).toBe(true);
    expect(all.find((r) => r[7] === 'elderly_beds' && r[3] === 2020)).toEqual(['532322', '双柏县', '养老机构床位总数', 2020, 800, '张', 'chuxiong-示例数据.xlsx/双柏县!E4/批次 1', 'elderly_beds']);
    expect(all.find((r) => r[7] === 'population')?.[6]).toBe('手工录入：李四');
  });
});

describe('flat sheets as offices make them', () => {
  const header = ['地区代码', '地区', '指标名称', '年份', '数据', '单位'];

  it('reads regions by 6-, 9- and 12-digit code or by name, years as 2023 or 2023年, numbers as text, and converts units', async () => {
    const { db, dir } = freshDb();
    const ws = await flatBook(dir, [
      ['2023年养老服务统计（标题行）'],
      header,
      ['532322', null, '养老机构床位总数', 2023, 850, '张'],
      ['532322101000', null, '养老机构床位总数', '2023年', 120, null],
      [null, '双柏县', '社会组织专职工作人员数量', 2022, 0.0084, '万人'],
      [532301, '楚雄市', '城市低保标准（元/人·月）', 2023, '７６０', null],
      ['注：数据来源于民政统计年报。'],
    ]);
    const parsed = parseFlat(db, ws);
    expect(parsed.problems).toEqual([]);
    expect(plain(parsed)).toEqual([
      { region: '532322', series: 'elderly_beds', year: 2023, value: 850 },
      { region: '532322101', series: 'elderly_beds', year: 2023, value: 120 },
      { region: '532322', series: 'social_org_staff', year: 2022, value: 84 },
      { region: '532301', series: 'dibao_urban', year: 2023, value: 760 },
    ]);
  });

  it('takes the region from --region, the sheet name or a 地区： label when there is no region column', async () => {
    const { db, dir } = freshDb();
    const rows = [['统计项', '年度', '数值'], ['养老机构床位总数', 2023, 850]];
    const county = findRegion(db, '532322') as Region;
    expect(plain(parseFlat(db, await flatBook(dir, rows), county))[0]?.region).toBe('532322');
    expect(plain(parseFlat(db, await flatBook(dir, rows, '双柏县')))[0]?.region).toBe('532322');
    expect(plain(parseFlat(db, await flatBook(dir, [['地区：楚雄市'], ...rows])))[0]?.region).toBe('532301');
    const none = parseFlat(db, await flatBook(dir, rows));
    expect([located(none), none.observations]).toEqual([['error S!A1'], []]);
  });

  it('reports every bad row by its cell: unknown region, text value, unknown name, bad year, clashing code and name, wrong unit', async () => {
    const { db, dir } = freshDb();
    const ws = await flatBook(dir, [
      [...FLAT_HEADERS],
      ['999999', null, '养老机构床位总数', 2023, 10, '张'],
      ['532322', null, '养老机构床位总数', 2022, '很多', '张'],
      ['532322', null, '不存在的指标', 2023, 5, '个'],
      ['532322', null, '城市低保标准', '二〇二三', 700, '元/人·月'],
      ['532322', '楚雄市', '养老机构床位总数', 2021, 820, '张'],
      ['532322', null, '养老机构床位总数', 2020, 800, '平方米'],
      ['532322', null, '养老机构床位总数', 2019, 780, '张', null, 'population'],
      ['532322', null, '养老机构床位总数', 2018, 760, '张', null, 'no_such_code'],
      ['532322', null, null, 2017, 700, '张'],
      ['532322', null, '养老机构床位总数', 2016, null, '张'],
    ]);
    const parsed = parseFlat(db, ws);
    expect(parsed.problems.map((p) => [p.severity, p.cell, p.message.split(' / ')[0]])).toEqual([
      ['error', 'A2', '未知的地区代码“999999”'],
      ['error', 'E3', '“很多”不是数值'],
      ['error', 'C4', expect.stringMatching(/^未知的指标或统计项“不存在的指标”/u)],
      ['error', 'D5', '“二〇二三”不是年份'],
      ['error', 'A6', '地区代码532322（双柏县）与地区名称“楚雄市”（532301）不一致'],
      ['error', 'E7', '单位“平方米”无法换算为“养老机构床位总数”的单位“张”'],
      ['error', 'C8', '代码“population”（年末常住人口）与名称“养老机构床位总数”（elderly_beds）不一致'],
      ['warning', 'H9', '未知的代码“no_such_code”，已按名称“养老机构床位总数”匹配'],
      ['error', 'C10', '有数值但没有指标或统计项名称'],
    ]);
    expect(plain(parsed)).toEqual([{ region: '532322', series: 'elderly_beds', year: 2018, value: 760 }]);
  });

  it('is not claimed for long sheets (years across) nor for the sample workbook, whose sheets are long', async () => {
    const { dir } = freshDb();
    const long = await flatBook(dir, longSheet('地区：楚雄州', [2020, 2021], [['养老机构床位总数', '张', 800, 820]]));
    expect(flatLayout.detect(long)).toBeNull();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SAMPLE);
    expect(wb.worksheets.map((w) => flatLayout.detect(w))).toEqual(wb.worksheets.map(() => null));
  });
});
