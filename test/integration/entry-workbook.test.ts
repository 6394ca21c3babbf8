/**
 * The data-entry workbook (`pwb template`): what it asks for and how it guards the clerk (instructions, units, years,
 * locked labels, number-only cells, protection, hidden codes), and the round trip: values filled in, rows sorted and
 * the sheet renamed, read back by the template layout exactly as typed.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors';
import type { WriteDb } from '../../main/db/types';
import { catalogOf } from '../../main/services/context';
import { sheetNameFor } from '../../main/services/entry-workbook/markers';
import { entryLayout, findEntryHeader, isEntryAuxSheet, readEntryMeta } from '../../main/services/entry-workbook/read';
import { writeEntryWorkbook } from '../../main/services/entry-workbook/write';
import { importPlanTable } from '../../main/services/plan-import/run';
import { createHandlers } from '../../main/services/handlers';
import { cellText } from '../../main/services/import/cells';
import { findLongHeader } from '../../main/services/import/long-layout';
import { seriesMatcher } from '../../main/services/import/match';
import type { ParsedSheet } from '../../main/services/import/types';
import { freshDb, longSheet, writeWorkbook } from '../helpers/files';

let db: WriteDb;
let dir: string;
let files = 0;

beforeAll(() => {
  ({ db, dir } = freshDb());
});

const template = async (plan: string, region: string, subregions = false): Promise<{ file: string; wb: ExcelJS.Workbook }> => {
  const file = path.join(dir, `${plan}-${region}-${++files}.xlsx`);
  await writeEntryWorkbook(db, { plan, region, subregions, out: file });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { file, wb };
};

const reload = async (wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> => {
  const file = path.join(dir, `filled-${++files}.xlsx`);
  await wb.xlsx.writeFile(file);
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(file);
  return again;
};

const dataSheets = (wb: ExcelJS.Workbook): ExcelJS.Worksheet[] => wb.worksheets.filter((ws) => findEntryHeader(ws) !== null);

const parse = (ws: ExcelJS.Worksheet): ParsedSheet => {
  const header = findEntryHeader(ws);
  if (!header) throw new Error(`no entry header on ${ws.name}`);
  const catalog = catalogOf(db);
  return entryLayout.parse({ db, ws, matcher: seriesMatcher(db), regionOption: null, unitOf: (c) => catalog.get(c).unit }, header);
};

/** Data rows of an entry sheet: hidden code → row number; and the column of each year heading. */
const rowOf = (ws: ExcelJS.Worksheet, code: string): ExcelJS.Row => {
  for (let r = 4; r <= ws.rowCount; r++) if (cellText(ws.getCell(r, 1)) === code) return ws.getRow(r);
  throw new Error(`no row for ${code}`);
};
const colOf = (ws: ExcelJS.Worksheet, heading: string): number => {
  const header = ws.getRow(3);
  for (let c = 1; c <= ws.columnCount; c++) if (cellText(header.getCell(c)) === heading) return c;
  throw new Error(`no column ${heading}`);
};
const codesOf = (ws: ExcelJS.Worksheet): string[] => {
  const codes: string[] = [];
  for (let r = 4; r <= ws.rowCount; r++) codes.push(cellText(ws.getCell(r, 1)));
  return codes;
};
const entry = (ws: ExcelJS.Worksheet, code: string, year: number): ExcelJS.Cell => rowOf(ws, code).getCell(colOf(ws, `${year}年`));

/** Rewrites the data rows in reverse order, values and styles, in columns `from`…last (1 = with the hidden codes). */
const reverseRows = (ws: ExcelJS.Worksheet, from = 1): void => {
  const last = ws.rowCount;
  const cols = ws.columnCount;
  const saved = [];
  for (let r = 4; r <= last; r++) {
    const cells = [];
    for (let c = from; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      cells.push({ value: cell.value, style: structuredClone(cell.style) });
    }
    saved.push(cells);
  }
  saved.reverse().forEach((cells, i) =>
    cells.forEach((x, j) => {
      const cell = ws.getCell(4 + i, from + j);
      cell.value = x.value;
      cell.style = x.style;
    }),
  );
};

/** The 37 series 楚雄州's table 2 needs, worked out by hand from its 21 rows and the catalogue's formulas. */
const CHUXIONG_SERIES = [
  'dibao_urban', 'dibao_rural', 'consumption_urban', 'consumption_rural', 'tekun_std',
  'disability_living_recipients', 'disability_care_recipients', 'disability_living_eligible', 'disability_care_eligible',
  'community_facility_area', 'households', 'social_org_staff', 'social_workers', 'population',
  'community_facilities_volunteer', 'community_facilities', 'registered_volunteers', 'marriage_offices_cross_province', 'marriage_offices',
  'townships_minor_station', 'townships', 'vagrants_returned', 'vagrants_identified', 'counties_funeral_home', 'counties',
  'townships_public_cemetery', 'eco_burials', 'burials', 'nursing_beds', 'elderly_beds', 'townships_elderly_center',
  'tekun_centralized', 'tekun_willing', 'counties_disabled_care', 'urban_communities_daycare', 'urban_communities', 'counties_minor_hotline',
];

describe('the entry workbook for 楚雄州 (chuxiong, 532300)', () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    ({ wb } = await template('chuxiong', '532300'));
    ws = dataSheets(wb)[0]!;
  });

  it('opens with 填报说明, then one data sheet named after the region', () => {
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['填报说明', '楚雄彝族自治州']);
  });

  it('explains in Chinese what to fill, units, blanks, grey cells, sorting, renaming and how to import', () => {
    const text = Array.from({ length: wb.worksheets[0]!.rowCount }, (_, i) => cellText(wb.worksheets[0]!.getCell(i + 1, 2))).join('\n');
    for (const phrase of ['单位', '留空', '灰色单元格', '请勿修改', '排序', '重命名工作表', '试导入', '确认导入', '基期为2020年', '2019年']) {
      expect(text).toContain(phrase);
    }
  });

  it('keeps the instructions sheet from being read as a table of years', () => {
    expect(findLongHeader(wb.worksheets[0]!)).toBeNull();
  });

  it('marks the instructions and _pwb sheets so that the import can pass over them quietly', () => {
    expect(wb.worksheets.filter(isEntryAuxSheet).map((w) => w.name)).toEqual(['填报说明', '_pwb']);
  });

  it('lists every series the plan needs once, in plan-row order', () => {
    expect(codesOf(ws)).toEqual(CHUXIONG_SERIES);
  });

  it('writes each series with its catalogue name and unit', () => {
    const catalog = catalogOf(db);
    for (const code of CHUXIONG_SERIES) {
      const row = rowOf(ws, code);
      expect([cellText(row.getCell(3)), cellText(row.getCell(4))]).toEqual([catalog.get(code).name, catalog.get(code).unit]);
    }
  });

  it('says in 说明 which plan rows use a series', () => {
    expect(cellText(rowOf(ws, 'nursing_beds').getCell(colOf(ws, '说明')))).toBe('用于：16 养老机构护理型床位占比');
    expect(cellText(rowOf(ws, 'population').getCell(colOf(ws, '说明')))).toBe('用于：7 社会工作专业人才占全州人口比例；9 注册志愿者占居民人口比例');
  });

  it('heads the columns 序号, 指标或统计项, 单位, 2019年 to 2025年 and 说明, with the region above', () => {
    const header = ws.getRow(3);
    expect(Array.from({ length: 12 }, (_, i) => cellText(header.getCell(i + 2)))).toEqual([
      '序号', '指标或统计项', '单位', '2019年', '2020年', '2021年', '2022年', '2023年', '2024年', '2025年', '说明',
      '',
    ]);
    expect(cellText(ws.getCell('B2'))).toBe('地区：楚雄彝族自治州（532300）');
  });

  it('opens 2019 only for the series whose 上年度 values the formulas read', () => {
    expect(entry(ws, 'consumption_urban', 2019).protection?.locked).toBe(false);
    expect(entry(ws, 'dibao_urban', 2019).protection?.locked).toBe(false);
    expect(entry(ws, 'population', 2019).protection?.locked).not.toBe(false);
    expect(entry(ws, 'population', 2019).dataValidation).toBeUndefined();
    expect(cellText(rowOf(ws, 'consumption_urban').getCell(colOf(ws, '说明')))).toContain('需从2019年起填报');
  });

  it('locks and greys the label cells and unlocks the entry cells', () => {
    const row = rowOf(ws, 'nursing_beds');
    for (const c of [2, 3, 4, colOf(ws, '说明')]) {
      expect(row.getCell(c).protection?.locked).not.toBe(false);
      expect(row.getCell(c).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } });
    }
    for (let y = 2020; y <= 2025; y++) expect(entry(ws, 'nursing_beds', y).protection?.locked).toBe(false);
  });

  it('accepts only whole numbers in count rows and only numbers in other rows, with a Chinese error message', () => {
    expect(entry(ws, 'nursing_beds', 2023).dataValidation).toMatchObject({ type: 'whole', showErrorMessage: true, errorStyle: 'stop' });
    expect(entry(ws, 'dibao_urban', 2023).dataValidation).toMatchObject({ type: 'decimal', allowBlank: true, showErrorMessage: true });
    expect(entry(ws, 'dibao_urban', 2023).dataValidation.error).toBe('此处只能填写数字（单位：元/人·月），不要带单位或文字；不知道的请留空。');
  });

  it('formats entry cells by unit: no decimals for counts, two for money', () => {
    expect([entry(ws, 'nursing_beds', 2021).numFmt, entry(ws, 'dibao_urban', 2021).numFmt]).toEqual(['#,##0', '#,##0.00']);
  });

  it('keeps the series codes in a hidden first column, under a marker, with the region code above', () => {
    expect(ws.getColumn(1).hidden).toBe(true);
    expect([cellText(ws.getCell('A1')), cellText(ws.getCell('A2')), cellText(ws.getCell('A3'))]).toEqual([
      '#pwb:plan=chuxiong',
      '#pwb:region=532300',
      '#pwb:code',
    ]);
  });

  it('protects the data sheet without a password but allows sorting, filtering and formatting columns', () => {
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true, sort: true, autoFilter: true, formatColumns: true });
    expect(protection.hashValue).toBeUndefined();
  });

  it('records plan, regions and time in a very hidden _pwb sheet', () => {
    expect(wb.getWorksheet('_pwb')?.state).toBe('veryHidden');
    expect(readEntryMeta(wb)).toMatchObject({
      format: 'pwb-entry',
      version: 1,
      plan: 'chuxiong',
      regions: [{ code: '532300', name: '楚雄彝族自治州', sheet: '楚雄彝族自治州' }],
      years: [2019, 2025],
    });
    expect(Date.parse(readEntryMeta(wb)!.generatedAt)).not.toBeNaN();
  });
});

describe('sub-regions and other plans', () => {
  it('writes one sheet for 楚雄州 and one for each of its ten counties, named after them', async () => {
    const { wb } = await template('chuxiong', '532300', true);
    expect(dataSheets(wb).map((w) => w.name)).toEqual([
      '楚雄彝族自治州', '楚雄市', '禄丰市', '双柏县', '牟定县', '南华县', '姚安县', '大姚县', '永仁县', '元谋县', '武定县',
    ]);
    expect(dataSheets(wb).map((w) => cellText(w.getCell('A2')))).toContain('#pwb:region=532322');
  });

  it('starts the years at the base year 2020 for 达州市, whose formulas do not look back', async () => {
    const ws = dataSheets((await template('dazhou', '511700')).wb)[0]!;
    expect(cellText(ws.getCell(3, 5))).toBe('2020年');
    expect(cellText(ws.getCell(3, 10))).toBe('2025年');
  });

  it('asks 达州市 for the provincial floors that 城乡低保标准 is compared with', async () => {
    const ws = dataSheets((await template('dazhou', '511700')).wb)[0]!;
    expect(codesOf(ws).slice(0, 4)).toEqual(['dibao_urban', 'dibao_rural', 'province_dibao_floor_urban', 'province_dibao_floor_rural']);
  });

  it('tells the clerk to enter 社会工作专业人才 in 人 where 达州\'s plan prints 万人', async () => {
    const ws = dataSheets((await template('dazhou', '511700')).wb)[0]!;
    expect(cellText(rowOf(ws, 'social_workers').getCell(colOf(ws, '说明')))).toContain('规划表以“万人”列示，此处请按“人”填报');
  });

  it('refuses a region outside the plan and writes no file', async () => {
    const out = path.join(dir, 'outside.xlsx');
    await expect(writeEntryWorkbook(db, { plan: 'chuxiong', region: '511700', out })).rejects.toMatchObject({ name: 'UserError', code: 'unknown-region' });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses an unknown plan', async () => {
    await expect(writeEntryWorkbook(db, { plan: 'nowhere', region: '532300', out: path.join(dir, 'y.xlsx') })).rejects.toBeInstanceOf(UserError);
  });

  it('cleans region names into valid, distinct sheet names of at most 31 characters', () => {
    expect(sheetNameFor('测试[区]:*?/\\县', '1', [])).toBe('测试区县');
    expect(sheetNameFor('一'.repeat(40), '1', [])).toHaveLength(31);
    expect(sheetNameFor('双柏县', '532322', ['双柏县'])).toBe('双柏县(532322)');
  });
});

describe('reading a filled template back', () => {
  /** A 楚雄州 template filled as a clerk would: numbers, text with thousands separators, blanks. */
  const filled = async (subregions = false): Promise<ExcelJS.Workbook> => {
    const { wb } = await template('chuxiong', '532300', subregions);
    const ws = dataSheets(wb)[0]!;
    entry(ws, 'consumption_urban', 2019).value = 26543.5;
    entry(ws, 'dibao_urban', 2020).value = 650;
    entry(ws, 'dibao_urban', 2021).value = 682.5;
    entry(ws, 'population', 2023).value = '2,412,345';
    entry(ws, 'nursing_beds', 2023).value = 1203;
    entry(ws, 'elderly_beds', 2023).value = null;
    entry(ws, 'burials', 2025).value = 5555;
    return wb;
  };
  const typed = [
    { seriesCode: 'burials', year: 2025, value: 5555 },
    { seriesCode: 'consumption_urban', year: 2019, value: 26543.5 },
    { seriesCode: 'dibao_urban', year: 2020, value: 650 },
    { seriesCode: 'dibao_urban', year: 2021, value: 682.5 },
    { seriesCode: 'nursing_beds', year: 2023, value: 1203 },
    { seriesCode: 'population', year: 2023, value: 2412345 },
  ];
  const values = (p: ParsedSheet) =>
    p.observations.map((o) => ({ regionCode: o.regionCode, seriesCode: o.seriesCode, year: o.year, value: o.value })).sort((a, b) =>
      `${a.seriesCode}${a.year}`.localeCompare(`${b.seriesCode}${b.year}`),
    );

  it('reads back exactly the typed values, by series, region and year, and nothing for blanks', async () => {
    const parsed = parse(dataSheets(await reload(await filled()))[0]!);
    expect(parsed.problems).toEqual([]);
    expect(values(parsed)).toEqual(typed.map((t) => ({ regionCode: '532300', ...t })));
  });

  it('maps values by the hidden codes after the rows are sorted and the sheet renamed', async () => {
    const wb = await filled();
    const ws = dataSheets(wb)[0]!;
    reverseRows(ws);
    ws.name = '我的填报';
    const again = dataSheets(await reload(wb))[0]!;
    expect(codesOf(again)[0]).toBe('counties_minor_hotline');
    const parsed = parse(again);
    expect([parsed.sheet, parsed.problems]).toEqual(['我的填报', []]);
    expect(values(parsed)).toEqual(typed.map((t) => ({ regionCode: '532300', ...t })));
  });

  it('names the cell where each value now stands after sorting', async () => {
    const wb = await filled();
    reverseRows(dataSheets(wb)[0]!);
    const parsed = parse(dataSheets(await reload(wb))[0]!);
    // nursing_beds was the 29th of 37 rows (row 32); reversed it is row 12; 2023 is column I.
    expect(parsed.observations.find((o) => o.seriesCode === 'nursing_beds')?.cell).toBe('I12');
  });

  it('reads each county sheet as that county', async () => {
    const wb = await filled(true);
    const shuangbai = wb.getWorksheet('双柏县')!;
    entry(shuangbai, 'nursing_beds', 2022).value = 88;
    const parsed = parse((await reload(wb)).getWorksheet('双柏县')!);
    expect(values(parsed)).toEqual([{ regionCode: '532322', seriesCode: 'nursing_beds', year: 2022, value: 88 }]);
  });

  it('converts a value typed with its unit, such as 1.2万人, into the series unit', async () => {
    const { wb } = await template('chuxiong', '532300');
    entry(dataSheets(wb)[0]!, 'population', 2021).value = '1.2万人';
    const parsed = parse(dataSheets(await reload(wb))[0]!);
    expect(parsed.observations.map((o) => [o.value, o.sourceUnit, o.factor])).toEqual([[12000, '万人', 10000]]);
  });

  it('reads a share typed as 95.5% into a % row as 95.5, a row that asks for two decimals and numbers only', async () => {
    // A rate the bureau's own plan enters directly (the catalogue's rates are computed from their counts).
    const plan = ['双柏县养老服务发展规划', '序号\t指标名称\t单位\t2020年基期值\t2025年目标值\t属性', '1\t村级互助养老服务站满意率\t%\t80\t≥95\t预期性'].join('\n');
    const imported = await importPlanTable(db, { text: plan, id: 'pct-rows', by: '测试' });
    expect(imported.rows.map((r) => r.match)).toEqual(['new']);
    const code = imported.rows[0]!.indicator;
    const { wb } = await template('pct-rows', '532322');
    const sheet = dataSheets(wb)[0]!;
    expect(entry(sheet, code, 2021).numFmt).toBe('0.00');
    expect(entry(sheet, code, 2023).dataValidation).toMatchObject({ type: 'decimal', allowBlank: true, showErrorMessage: true });
    expect(entry(sheet, code, 2023).dataValidation.error).toBe('此处只能填写数字（单位：%），不要带单位或文字；不知道的请留空。');
    const cell = entry(sheet, code, 2022);
    cell.value = 0.955;
    cell.numFmt = '0.0%';
    expect(parse(dataSheets(await reload(wb))[0]!).observations.map((o) => o.value)).toEqual([95.5]);
  });

  it('reports an unknown hidden code as an error naming its cell', async () => {
    const { wb } = await template('chuxiong', '532300');
    const ws = dataSheets(wb)[0]!;
    ws.getCell('A4').value = 'no_such_series';
    ws.getCell('F4').value = 700;
    const parsed = parse(dataSheets(await reload(wb))[0]!);
    expect(parsed.problems).toEqual([expect.objectContaining({ severity: 'error', sheet: '楚雄彝族自治州', cell: 'A4' })]);
    expect(parsed.problems[0]!.message).toContain('no_such_series');
  });

  it('reports an unknown region in the hidden cell as an error naming that cell', async () => {
    const { wb } = await template('chuxiong', '532300');
    const ws = dataSheets(wb)[0]!;
    ws.getCell('A2').value = '#pwb:region=999999';
    entry(ws, 'nursing_beds', 2023).value = 5;
    const parsed = parse(dataSheets(await reload(wb))[0]!);
    expect(parsed.problems).toEqual([expect.objectContaining({ severity: 'error', cell: 'A2' })]);
    expect([parsed.region, parsed.observations]).toEqual([null, []]);
  });

  it('refuses rows sorted without their hidden codes, naming the label cell', async () => {
    const wb = await filled();
    reverseRows(dataSheets(wb)[0]!, 2);
    const parsed = parse(dataSheets(await reload(wb))[0]!);
    expect(parsed.problems.filter((p) => p.severity === 'error').map((p) => p.cell)).toContain('C4');
    expect(parsed.observations.map((o) => o.seriesCode)).not.toContain('nursing_beds');
  });

  it('refuses values in a row inserted by hand, which has no hidden code', async () => {
    const { wb } = await template('chuxiong', '532300');
    const ws = dataSheets(wb)[0]!;
    const r = ws.rowCount + 1;
    ws.getCell(r, 3).value = '养老机构护理型床位数';
    ws.getCell(r, 6).value = 10;
    const parsed = parse(dataSheets(await reload(wb))[0]!);
    expect(parsed.problems).toEqual([expect.objectContaining({ severity: 'error', cell: `A${r}` })]);
  });

  it('does not take a plain long-layout sheet for a template', async () => {
    const file = await writeWorkbook(path.join(dir, 'long.xlsx'), [
      { name: 'S', rows: longSheet('地区：楚雄州', [2023], [['养老机构护理型床位数', '张', 10]]) },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(findEntryHeader(wb.worksheets[0]!)).toBeNull();
  });
});

describe('a monthly or quarterly entry workbook (the 月报/季报 cycle)', () => {
  const monthly = async (period: 'monthly' | 'quarterly', year = 2023) => {
    const file = path.join(dir, `chuxiong-${period}-${++files}.xlsx`);
    await writeEntryWorkbook(db, { plan: 'chuxiong', region: '532322', out: file, period, year });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return { file, wb, ws: dataSheets(wb)[0]! };
  };
  const cellAt = (ws: ExcelJS.Worksheet, code: string, heading: string) => rowOf(ws, code).getCell(colOf(ws, heading));

  it('has a column per month of the year, says per row whether to give the month-end or the month’s own figure, and records the period', async () => {
    const { wb, ws } = await monthly('monthly');
    const header = ws.getRow(3);
    expect(Array.from({ length: 12 }, (_, i) => cellText(header.getCell(5 + i)))).toEqual(Array.from({ length: 12 }, (_, i) => `2023年${i + 1}月`));
    expect(cellText(rowOf(ws, 'burials').getCell(colOf(ws, '说明')))).toMatch(/^填当月数（各月相加为全年数）；用于：15 节地生态安葬率/);
    expect(cellText(rowOf(ws, 'nursing_beds').getCell(colOf(ws, '说明')))).toMatch(/^填月末数（12月末即年末数）；/);
    expect(readEntryMeta(wb)).toMatchObject({ period: 'monthly', years: [2023, 2023] });
    expect(cellText(ws.getCell('B1'))).toContain('月度填报表（2023年）');
  });

  it('reads the months back as months, and the year follows by the rule: flows summed over twelve months, stocks at December', async () => {
    const { wb, ws } = await monthly('monthly');
    const burials = [31, 28, 40, 35, 33, 30, 29, 36, 41, 38, 27, 44];
    burials.forEach((v, i) => (cellAt(ws, 'burials', `2023年${i + 1}月`).value = v));
    cellAt(ws, 'nursing_beds', '2023年6月').value = 300;
    cellAt(ws, 'nursing_beds', '2023年12月').value = 320;
    const file = path.join(dir, `filled-${++files}.xlsx`);
    await wb.xlsx.writeFile(file);
    const h = createHandlers(db);
    const r = await h['import.run']({ file });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const annual = (code: string) => db.prepare('SELECT value, derived_from FROM observation WHERE region_code = ? AND series_code = ? AND year = 2023').get('532322', code) as { value: number; derived_from: string } | undefined;
    expect(annual('burials')?.value).toBe(burials.reduce((s, x) => s + x, 0));
    expect(annual('burials')?.derived_from).toMatch(/^12个月之和：/);
    expect(annual('nursing_beds')).toMatchObject({ value: 320, derived_from: `年末数：${ws.name}!${cellAt(ws, 'nursing_beds', '2023年12月').address}` });
    expect(r.values.filter((v) => v.series === 'nursing_beds' && v.periodKind !== null).map((v) => [v.period, v.periodKind, v.value])).toEqual([
      ['2023-06', '期末', 300],
      ['2023-12', '期末', 320],
    ]);
  });

  it('names the figures under a heading edited into something that is no month, rather than dropping them unsaid', async () => {
    const { wb, ws } = await monthly('monthly');
    cellAt(ws, 'nursing_beds', '2023年12月').value = 320;
    cellAt(ws, 'nursing_beds', '说明').value = 5;
    const dec = colOf(ws, '2023年12月');
    ws.getRow(3).getCell(dec).value = '12月';
    const file = path.join(dir, `edited-${++files}.xlsx`);
    await wb.xlsx.writeFile(file);
    const r = await createHandlers(db)['import.run']({ file, dryRun: true });
    const warned = r.problems.filter((p) => p.severity === 'warning' && p.message.includes('不是年份、月份或季度')).map((p) => p.cell);
    expect(warned).toEqual([rowOf(ws, 'nursing_beds').getCell(dec).address, cellAt(ws, 'nursing_beds', '说明').address].sort());
  });

  it('has four quarter columns in a quarterly workbook, and refuses a year outside the plan', async () => {
    const { ws } = await monthly('quarterly', 2024);
    expect(Array.from({ length: 4 }, (_, i) => cellText(ws.getRow(3).getCell(5 + i)))).toEqual(['2024年第一季度', '2024年第二季度', '2024年第三季度', '2024年第四季度']);
    await expect(writeEntryWorkbook(db, { plan: 'chuxiong', region: '532322', out: path.join(dir, 'x.xlsx'), period: 'monthly', year: 2031 })).rejects.toThrow('2031年不在本规划需要填报的年份内（2019至2025年）');
    await expect(writeEntryWorkbook(db, { plan: 'chuxiong', region: '532322', out: path.join(dir, 'y.xlsx'), period: 'monthly', year: 2019 })).resolves.toMatchObject({ sheets: 1 });
    await expect(writeEntryWorkbook(db, { plan: 'chuxiong', region: '532322', out: path.join(dir, 'z.xlsx'), year: 2023 })).rejects.toThrow(/--year 只与 --period/);
  });
});
