/**
 * Monthly and quarterly reports as a county office keeps them (DESIGN.md "Statistical periods"): the 城市低保 form of
 * December with a three-row merged header, a unit row, a column-number row with gaps, 合计 first, 当月 and 累计
 * columns and a 万元 column holding 元 in one row; a quarterly 农村特困 table over four sheets and over two imports;
 * an HTML table saved as .xls. The year's values derived from them are checked by hand arithmetic here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api';
import { createHandlers } from '../../main/services/handlers';
import { resolverFor } from '../../main/services/context';
import type { WriteDb } from '../../main/db/types';
import { freshDb, tempDir, writeWorkbook, type CellInput } from '../helpers/files';
import { TOWN_ROWS, dibaoForm, total } from '../helpers/forms';

let db: WriteDb;
let h: Handlers;
let dir: string;
beforeEach(() => {
  ({ db } = freshDb());
  h = createHandlers(db);
  dir = tempDir();
});

const stored = (table: 'observation' | 'period_observation', series: string, region = '532322') =>
  db.prepare(`SELECT * FROM ${table} WHERE series_code = ? AND region_code = ? ORDER BY ${table === 'observation' ? 'year' : 'period, kind'}`).all(series, region) as Record<string, unknown>[];

describe('the monthly 城市低保 form of December (2023年12月, titled 2023年1-12月)', () => {
  it('reads every township and the 合计 row, past the unit row and the column numbers with gaps', async () => {
    const form = dibaoForm();
    const file = await writeWorkbook(path.join(dir, '城市低保月报.xlsx'), [{ name: '2023年12月', ...form }]);
    const r = await h['import.run']({ file });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.sheets).toEqual([{ name: '2023年12月', layout: 'wide', region: '532322', regionName: '双柏县', observations: 6 * 14, period: '2023年1-12月' }]);
    // The township of row 11 (法脿镇): each column as its item, with the period and kind the header gives.
    const of = (cell: string) => r.values.filter((v) => v.sheet === '2023年12月' && v.cell === cell && v.periodKind !== null).map((v) => [v.series, v.region, v.period, v.periodKind, v.value]);
    expect(of('C11')).toEqual([['dibao_urban_households', '532322103', '2023-12', '期末', 64]]);
    expect(of('J11')).toEqual([['dibao_urban_expenditure', '532322103', '2023-12', '当月', 7.6]]);
    expect(of('K11')).toEqual([['dibao_urban_benefit', '532322103', '2023-12', '当月', 6.8]]);
    expect(of('L11')).toEqual([['dibao_urban_expenditure', '532322103', '2023-12', '累计', 88.9]]);
    expect(of('M11')).toEqual([['dibao_urban_benefit', '532322103', '2023-12', '累计', 80.2]]);
    expect(of('E11')).toEqual([['dibao_urban_women', '532322103', '2023-12', '期末', 55]]);
    expect(of('N11')).toEqual([['dibao_urban_avg_subsidy', '532322103', '2023-12', '期末', 644]]);
    expect(of('P11')).toEqual([['nonagri_population', '532322103', '2023-12', '期末', 5200]]);
  });

  it('derives the year 2023: stocks at December, flows from the 1-12月累计 column, with the cell they came from', async () => {
    const file = await writeWorkbook(path.join(dir, '城市低保月报.xlsx'), [{ name: '2023年12月', ...dibaoForm() }]);
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(true);
    // 双柏县 (the 合计 row, row 8) and 大庄镇 (row 10), by hand from the table above.
    expect(stored('observation', 'dibao_urban_households').map((o) => [o.year, o.value, o.cell, o.derived_from])).toEqual([
      [2023, 120 + 85 + 64 + 52 + 47, 'C8', '年末数：2023年12月!C8'],
    ]);
    expect(stored('observation', 'dibao_urban_recipients', '532322102').map((o) => [o.year, o.value])).toEqual([[2023, 150]]);
    expect(stored('observation', 'dibao_urban_expenditure', '532322102').map((o) => [o.year, o.value, o.derived_from])).toEqual([
      [2023, 112.4, '1-12月累计：2023年12月!L10'],
    ]);
    expect(stored('observation', 'dibao_urban_benefit').map((o) => [o.year, o.value])).toEqual([[2023, Number((141.6 + 101.9 + 80.2 + 64.8 + 59.6).toPrecision(12))]]);
    // December's own expenditure is kept as December's, not as the year's.
    expect(stored('period_observation', 'dibao_urban_expenditure', '532322102').map((o) => [o.period, o.kind, o.value])).toEqual([
      ['2023-12', '当月', 9.6],
      ['2023-12', '累计', 112.4],
    ]);
    // The county's share of 城市低保 recipients in its non-agricultural population is computed from the two counts.
    const recipients = 210 + 150 + 118 + 96 + 88;
    const nonagri = 9100 + 6400 + 5200 + 4300 + 3900;
    const p = await h['observations.source']({ region: '532322', series: 'dibao_urban_expenditure', year: 2023 });
    expect(p).toMatchObject({ value: total(9), sheet: '2023年12月', cell: 'L8', derivedFrom: '1-12月累计：2023年12月!L8' });
    expect(p!.periods.map((x) => [x.period, x.kind])).toEqual([['2023-12', '累计'], ['2023-12', '当月']].sort());
    // 这个数从哪里来: the share is computed; each of its two figures came from its cell of the December form.
    const e = await h['observations.explain']({ region: '532322', series: 'dibao_urban_nonagri_share', year: 2023 });
    expect(e.formula).toBe('城市低保对象人数 ÷ 非农业人口数');
    expect(e.parts.map((x) => [x.series, x.source?.cell, x.source?.derivedFrom])).toEqual([
      ['dibao_urban_recipients', 'D8', '年末数：2023年12月!D8'],
      ['nonagri_population', 'P8', '年末数：2023年12月!P8'],
    ]);
    const missing = await h['observations.explain']({ region: '532322', series: 'tekun_urban_persons', year: 2023 });
    expect(missing.parts).toEqual([expect.objectContaining({ source: null, note: '本地区未填报，由下级地区汇总' })]);
    const v = resolverFor(db, 2022, 2023).get('dibao_urban_nonagri_share', '532322', 2023);
    expect(v?.source).toBe('formula');
    expect(v?.value).toBeCloseTo((recipients / nonagri) * 100, 10);
  });

  it('warns about a 万元 column holding 元, quoting the number as written and both readings', async () => {
    const file = await writeWorkbook(path.join(dir, '城市低保月报.xlsx'), [{ name: '2023年12月', ...dibaoForm(true) }]);
    const r = await h['import.run']({ file, dryRun: true });
    const slip = r.problems.find((p) => p.cell === 'J11');
    expect(slip).toMatchObject({ severity: 'warning', sheet: '2023年12月' });
    expect(slip!.message).toContain('“76000”按表头单位读作76000万元');
    expect(slip!.message).toContain('应为7.6万元');
  });

  it('gives the same figures when the sheet has no name of its own and the month is only in the title', async () => {
    const file = await writeWorkbook(path.join(dir, '城市低保月报.xlsx'), [{ name: 'Sheet1', ...dibaoForm() }]);
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(true);
    expect(stored('observation', 'dibao_urban_expenditure').map((o) => o.value)).toEqual([total(9)]);
  });

  it('keeps a June report (2023年1-6月) as June’s figures and makes no annual value of it', async () => {
    const form = dibaoForm();
    form.rows[0] = ['城市最低生活保障情况（2023年1-6月）'];
    const file = await writeWorkbook(path.join(dir, '城市低保6月.xlsx'), [{ name: '2023年6月', ...form }]);
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(true);
    expect(stored('observation', 'dibao_urban_households')).toEqual([]);
    expect(stored('period_observation', 'dibao_urban_households').map((o) => [o.period, o.kind, o.value])).toEqual([['2023-06', '期末', 368]]);
    expect(r.problems.some((p) => p.severity === 'warning' && p.message.includes('尚无全年数'))).toBe(true);
  });

  it('refuses a sheet named 2023年11月 whose title says 1-12月, naming both', async () => {
    const file = await writeWorkbook(path.join(dir, '城市低保月报.xlsx'), [{ name: '2023年11月', ...dibaoForm() }]);
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toMatch(/^工作表名写的是2023年11月，标题（A1）写的是2023年1-12月/);
  });
});

/** A quarter's 农村特困 table: 特困人员数 (stock), 集中供养, 分散供养, 本季资金支出 (flow, 万元). */
const TEKUN: Record<number, number[][]> = {
  1: [[40, 12, 28, 10.2], [31, 9, 22, 7.9]],
  2: [[41, 12, 29, 10.5], [31, 9, 22, 8.1]],
  3: [[43, 13, 30, 10.9], [32, 10, 22, 8.3]],
  4: [[44, 13, 31, 11.4], [33, 10, 23, 8.6]],
};
const CN = ['', '一', '二', '三', '四'];
const tekunSheet = (q: number) => ({
  name: `2023年第${CN[q]}季度`,
  rows: [
    [`双柏县农村特困人员救助供养情况季报（2023年第${CN[q]}季度）`],
    ['乡镇', '特困人员数（人）', '集中供养人数（人）', '分散供养人数（人）', '本季资金支出（万元）'],
    ['妥甸镇', ...TEKUN[q]![0]!],
    ['大庄镇', ...TEKUN[q]![1]!],
  ] as CellInput[][],
});

describe('a quarterly 农村特困 table', () => {
  it('derives the year from four quarters in one workbook: persons at the fourth quarter, spending the sum of the quarters', async () => {
    const file = await writeWorkbook(path.join(dir, '特困季报.xlsx'), [1, 2, 3, 4].map(tekunSheet));
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(true);
    expect(stored('observation', 'tekun_rural_persons', '532322101').map((o) => [o.year, o.value, o.derived_from])).toEqual([
      [2023, 44, '年末数：2023年第四季度!B3'],
    ]);
    const spent = stored('observation', 'tekun_rural_expenditure', '532322102');
    expect(spent.map((o) => o.value)).toEqual([Number((7.9 + 8.1 + 8.3 + 8.6).toPrecision(12))]);
    expect(spent[0]!.derived_from).toBe('4个季度之和：2023年第一季度!E4 … 2023年第四季度!E4（共4个）');
    expect(stored('period_observation', 'tekun_rural_expenditure', '532322102').map((o) => [o.period, o.kind])).toEqual([
      ['2023Q1', '本季'], ['2023Q2', '本季'], ['2023Q3', '本季'], ['2023Q4', '本季'],
    ]);
  });

  it('completes the year when the fourth quarter comes in a later file, and an undo of that file takes the year back out', async () => {
    const first = await writeWorkbook(path.join(dir, '特困1-3季度.xlsx'), [1, 2, 3].map(tekunSheet));
    const a = await h['import.run']({ file: first });
    expect(a.ok).toBe(true);
    expect(stored('observation', 'tekun_rural_expenditure', '532322101')).toEqual([]);
    const second = await writeWorkbook(path.join(dir, '特困4季度.xlsx'), [tekunSheet(4)]);
    const b = await h['import.run']({ file: second });
    expect(b.ok).toBe(true);
    expect(stored('observation', 'tekun_rural_expenditure', '532322101').map((o) => o.value)).toEqual([Number((10.2 + 10.5 + 10.9 + 11.4).toPrecision(12))]);
    expect(b.values.find((v) => v.series === 'tekun_rural_expenditure' && v.region === '532322101' && v.period === '2023')).toMatchObject({ status: 'new', periodKind: null });
    await h['batches.undo']({ batch: b.batch! });
    expect(stored('observation', 'tekun_rural_expenditure', '532322101')).toEqual([]);
    expect(stored('period_observation', 'tekun_rural_expenditure', '532322101').map((o) => o.period)).toEqual(['2023Q1', '2023Q2', '2023Q3']);
  });
});

describe('a monthly report saved by a provincial system as an HTML table named .xls', () => {
  it('reads the 临时救助 months of 2023 and sums twelve 当月 figures into the year', async () => {
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    const cases = months.map((m) => 10 + m);
    const money = months.map((m) => Number((1.5 + m / 10).toPrecision(12)));
    const sheet = (m: number) => `<table>
<tr><td colspan="3">双柏县临时救助情况月报（${2023}年${m}月）</td></tr>
<tr><td>地区</td><td>临时救助人次（人次）</td><td>当月资金支出（万元）</td></tr>
<tr><td>妥甸镇</td><td>${cases[m - 1]}</td><td>${money[m - 1]}</td></tr></table>`;
    const files = months.map((m) => {
      const file = path.join(dir, `临时救助${m}月.xls`);
      fs.writeFileSync(file, `<html><head><meta charset="utf-8"></head><body>${sheet(m)}</body></html>`);
      return file;
    });
    for (const file of files) {
      const r = await h['import.run']({ file });
      expect(r.ok, JSON.stringify(r.problems)).toBe(true);
      expect(r.problems.some((p) => /HTML/.test(p.message))).toBe(true);
    }
    expect(stored('observation', 'temp_relief_cases', '532322101').map((o) => [o.year, o.value])).toEqual([[2023, cases.reduce((s, x) => s + x, 0)]]);
    expect(stored('observation', 'temp_relief_expenditure', '532322101').map((o) => o.value)).toEqual([Number(money.reduce((s, x) => s + x, 0).toPrecision(15))]);
  });
});

describe('a county’s monthly summary with items as rows (指标名称 | 计量单位 | 本月数 | 本年累计)', () => {
  const summary = (title: string): CellInput[][] => [
    [title],
    ['填报单位：双柏县民政局'],
    ['指标名称', '计量单位', '代码', '本月数', '本年累计', '上年同期'],
    ['甲', '乙', '丙', 1, 2, 3],
    ['一、城市低保'],
    ['低保户数', '户', '01', 368, null, 360],
    ['低保人数', '人', '02', 662, null, 650],
    ['资金支出', '万元', '03', 42.6, 498.1, 470.2],
    ['二、农村低保'],
    ['低保户数', '户', '04', 2310, null, 2290],
    ['资金支出', '万元', '05', 168.4, 1985.7, 1890.3],
    ['三、临时救助'],
    ['救助人次', '人次', '06', 31, 402, 388],
  ];

  it('reads each section’s short names as that section’s items, 本月数 as December’s and 本年累计 as the year’s flow', async () => {
    const file = await writeWorkbook(path.join(dir, '民政统计月报.xlsx'), [{ name: '2023年12月', rows: summary('双柏县民政统计月报（2023年12月）') }]);
    const r = await h['import.run']({ file });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.sheets).toEqual([expect.objectContaining({ layout: 'long', region: '532322', period: '2023年12月' })]);
    const got = (series: string) => stored('observation', series).map((o) => [o.year, o.value, o.derived_from]);
    expect(got('dibao_urban_households')).toEqual([[2023, 368, '年末数：2023年12月!D6']]);
    expect(got('dibao_rural_households')).toEqual([[2023, 2310, '年末数：2023年12月!D10']]);
    expect(got('dibao_urban_expenditure')).toEqual([[2023, 498.1, '1-12月累计：2023年12月!E8']]);
    expect(got('dibao_rural_expenditure')).toEqual([[2023, 1985.7, '1-12月累计：2023年12月!E11']]);
    expect(got('temp_relief_cases')).toEqual([[2023, 402, '1-12月累计：2023年12月!E13']]);
    expect(stored('period_observation', 'temp_relief_cases').map((o) => [o.period, o.kind, o.value])).toEqual([['2023-12', '当月', 31], ['2023-12', '累计', 402]]);
    // 上年同期 is named as not read, not taken for anything.
    expect(r.problems.some((p) => p.severity === 'warning' && p.cell === 'F3')).toBe(true);
  });

  it('refuses such a sheet when neither its name nor its title says which month', async () => {
    const file = await writeWorkbook(path.join(dir, '民政统计月报.xlsx'), [{ name: '月报', rows: summary('双柏县民政统计月报') }]);
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toMatch(/^本表按“本月数”“累计数”等填报，但工作表名或标题中没有写明月份或季度/);
  });
});

describe('township names that occur in several counties', () => {
  it('takes the parent from the 填报单位 line when no --region is given', async () => {
    const towns = db.prepare("SELECT name, count(*) AS n FROM region WHERE level = 'township' GROUP BY name HAVING n > 1 ORDER BY n DESC LIMIT 1").get() as { name: string; n: number } | undefined;
    expect(towns).toBeDefined();
    const [a, b] = db.prepare('SELECT r.code, p.name AS parent FROM region r JOIN region p ON p.code = r.parent_code WHERE r.name = ? ORDER BY r.code LIMIT 2').all(towns!.name) as { code: string; parent: string }[];
    const rows: CellInput[][] = [['养老机构情况（2023年）'], [`填报单位：${b!.parent}民政局      单位：个、张`], ['乡镇', '养老机构数', '养老机构床位数'], [towns!.name, 3, 120]];
    const file = await writeWorkbook(path.join(dir, '养老机构.xlsx'), [{ name: '2023年', rows }]);
    const r = await h['import.run']({ file });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(stored('observation', 'elderly_beds', b!.code).map((o) => o.value)).toEqual([120]);
    expect(stored('observation', 'elderly_beds', a!.code)).toEqual([]);
  });
});

describe('a quarterly report exported as Excel 2003 XML (SpreadsheetML) named .xls', () => {
  it('reads the 养老机构 fourth quarter as the year-end figures, saying what the file is', async () => {
    const cell = (v: string | number) => `<Cell><Data ss:Type="${typeof v === 'number' ? 'Number' : 'String'}">${v}</Data></Cell>`;
    const row = (...vs: (string | number)[]) => `<Row>${vs.map(cell).join('')}</Row>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="2023年第四季度"><Table>
  ${row('双柏县养老机构情况季报（2023年第四季度）')}
  ${row('乡镇', '养老机构数（个）', '床位数（张）', '年末在院人数（人）', '职工人数（人）')}
  ${row('妥甸镇', 3, 180, 121, 26)}
  ${row('大庄镇', 2, 96, 70, 14)}
 </Table></Worksheet>
</Workbook>`;
    const file = path.join(dir, '养老机构季报.xls');
    fs.writeFileSync(file, xml);
    const r = await h['import.run']({ file });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.problems.some((p) => p.message.includes('SpreadsheetML'))).toBe(true);
    expect(r.sheets).toEqual([expect.objectContaining({ layout: 'wide', period: '2023年第四季度', observations: 8 })]);
    expect(stored('observation', 'elderly_beds', '532322101').map((o) => [o.year, o.value, o.derived_from])).toEqual([[2023, 180, '年末数：2023年第四季度!C3']]);
    expect(stored('observation', 'elderly_residents', '532322102').map((o) => o.value)).toEqual([70]);
    expect(stored('period_observation', 'elderly_staff', '532322102').map((o) => [o.period, o.kind])).toEqual([['2023Q4', '期末']]);
  });
});

/** One month's 临时救助 sheet for 妥甸镇: 当月 人次 and 资金支出, and optionally the 累计 figures. */
const reliefMonth = (month: number, cases: number, money: number, cumulative?: [number, number]): { name: string; rows: CellInput[][] } => ({
  name: `2023年${month}月`,
  rows: [
    [`双柏县临时救助情况（2023年${month}月）`],
    ['乡镇', '当月救助人次（人次）', '当月资金支出（万元）', ...(cumulative ? ['累计救助人次（人次）', '累计资金支出（万元）'] : [])],
    ['妥甸镇', cases, money, ...(cumulative ?? [])],
  ],
});

describe('what clerks get wrong with months and quarters', () => {
  it('refuses to undo the months a later import made a year of, until that import is undone', async () => {
    const first = await writeWorkbook(path.join(dir, '1-6月.xlsx'), [1, 2, 3, 4, 5, 6].map((m) => reliefMonth(m, 10, 1)));
    const second = await writeWorkbook(path.join(dir, '7-12月.xlsx'), [7, 8, 9, 10, 11, 12].map((m) => reliefMonth(m, 10, 1)));
    const a = await h['import.run']({ file: first });
    const b = await h['import.run']({ file: second });
    expect(stored('observation', 'temp_relief_cases', '532322101').map((o) => [o.value, o.derived_from])).toEqual([
      [120, '12个月之和：2023年1月!B3 … 2023年12月!B3（共12个），其中6个取自以前导入的第1批'],
    ]);
    await expect(h['batches.undo']({ batch: a.batch! })).rejects.toThrow(`第 ${b.batch} 批由第 ${a.batch} 批的月度或季度数据得出了全年数`);
    await h['batches.undo']({ batch: b.batch! });
    await h['batches.undo']({ batch: a.batch! });
    expect(stored('observation', 'temp_relief_cases', '532322101')).toEqual([]);
    expect(stored('period_observation', 'temp_relief_cases', '532322101')).toEqual([]);
  });

  it('takes the year-end figure just read over one imported before, and says so', async () => {
    const q4 = await writeWorkbook(path.join(dir, '四季度.xlsx'), [
      { name: '2023年第四季度', rows: [['双柏县临时救助情况（2023年第四季度）'], ['乡镇', '本季救助人次', '本年累计救助人次'], ['妥甸镇', 40, 150]] },
    ]);
    const dec = await writeWorkbook(path.join(dir, '12月.xlsx'), [reliefMonth(12, 13, 1, [158, 20])]);
    expect((await h['import.run']({ file: q4 })).ok).toBe(true);
    expect(stored('observation', 'temp_relief_cases', '532322101').map((o) => o.value)).toEqual([150]);
    const r = await h['import.run']({ file: dec });
    expect(r.ok).toBe(true);
    expect(stored('observation', 'temp_relief_cases', '532322101').map((o) => o.value)).toEqual([158]);
    expect(r.problems.find((p) => p.cell === 'D3')?.message).toMatch(/^临时救助人次2023年的1-12月累计数取本次导入的158（2023年12月!D3），以前导入的150（2023年第四季度!C3）不再采用/);
  });

  it('leaves figures imported again unchanged with the batch that stored them, so that batch can still be undone', async () => {
    const file = await writeWorkbook(path.join(dir, '1-12月.xlsx'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => reliefMonth(m, 10, 1)));
    const a = await h['import.run']({ file });
    const again = await h['import.run']({ file });
    expect(again.ok).toBe(true);
    expect(again.unchanged).toBe(24 + 2);
    await h['batches.undo']({ batch: a.batch! });
    expect(stored('observation', 'temp_relief_cases', '532322101')).toEqual([]);
  });

  it('takes a year’s sheet and a December sheet that agree as one figure, and names both when they do not', async () => {
    const annual = (value: number) => ({ name: '2023年', rows: [['双柏县临时救助情况（2023年）'], ['乡镇', '临时救助人次'], ['妥甸镇', value]] as CellInput[][] });
    const agree = await writeWorkbook(path.join(dir, 'agree.xlsx'), [reliefMonth(12, 13, 1, [150, 20]), annual(150)]);
    const r = await h['import.run']({ file: agree, dryRun: true });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const differ = await writeWorkbook(path.join(dir, 'differ.xlsx'), [reliefMonth(12, 13, 1, [158, 20]), annual(150)]);
    const bad = await h['import.run']({ file: differ, dryRun: true });
    expect(bad.ok).toBe(false);
    expect(bad.problems.find((p) => p.severity === 'error')).toMatchObject({ sheet: '2023年', cell: 'B3' });
    expect(bad.problems.find((p) => p.severity === 'error')!.message).toMatch(/^2023年的全年数在“2023年”!B3 为150，由1-12月累计：2023年12月!D3得出的为158，两者不一致/);
  });

  it('does not read a stock’s 累计 column, saying why', async () => {
    const file = await writeWorkbook(path.join(dir, '户数.xlsx'), [
      {
        name: '2023年12月',
        rows: [['城市最低生活保障情况（2023年12月）'], ['乡镇', '低保户数', null], [null, '当月', '累计'], ['妥甸镇', 120, 999]],
        setup: (ws) => ws.mergeCells('B2:C2'),
      },
    ]);
    const r = await h['import.run']({ file });
    expect(r.problems.find((p) => p.cell === 'C3')?.message).toMatch(/^“城市低保户数”是时点数，没有累计数/);
    expect(stored('period_observation', 'dibao_urban_households', '532322101').map((o) => [o.kind, o.value])).toEqual([['期末', 120]]);
  });

  it('suggests catalogue names, not the form’s words doubled, for a header a 城乡 form leaves open', async () => {
    const file = await writeWorkbook(path.join(dir, '城乡.xlsx'), [{ name: '2023年12月', rows: [['城乡最低生活保障情况（2023年12月）'], ['乡镇', '低保户数'], ['妥甸镇', 120]] }]);
    const r = await h['import.run']({ file });
    const message = r.problems.find((p) => p.severity === 'error')!.message;
    expect(message).toMatch(/^未知的指标或统计项“低保户数”/);
    expect(message).not.toContain('低保低保');
  });
});

describe('a monthly summary as clerks really lay it out', () => {
  const summary = (rows: CellInput[][], name = '2023年12月') => ({ name, rows: [['双柏县民政统计月报（2023年12月）'], ['填报单位：双柏县民政局'], ['指标名称', '计量单位', '本月数', '本年累计'], ...rows] });

  it('reads sections numbered 1. or written bare, ignores a section’s subtotal with a warning, and never carries a section past an unknown one', async () => {
    const file = await writeWorkbook(path.join(dir, '分组.xlsx'), [
      summary([
        ['一、城市低保', null, 42.6, 498.1],
        ['低保户数', '户', 368, null],
        ['1.农村低保'],
        ['资金支出', '万元', 168.4, 1985.7],
        ['特困人员'],
        ['资金支出', '万元', 12.1, 140.2],
        ['四、社会事务'],
        ['资金支出', '万元', 1, 2],
      ]),
    ]);
    const r = await h['import.run']({ file, dryRun: true });
    const of = (series: string) => r.values.filter((v) => v.series === series && v.periodKind === '累计').map((v) => v.value);
    expect(of('dibao_rural_expenditure')).toEqual([1985.7]);
    expect(of('dibao_urban_expenditure')).toEqual([]);
    expect(of('tekun_rural_expenditure').concat(of('tekun_urban_expenditure'))).toEqual([]);
    expect(r.problems.find((p) => p.cell === 'A4')?.message).toMatch(/^“一、城市低保”是分组行，其数值未读取/);
    // 资金支出 under 特困人员 names no pair (城市 or 农村) and under 四、社会事务 nothing: each is an error at its cell.
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.cell)).toEqual(['A9', 'A11']);
  });

  it('does not take a 1-11月累计 column on the December report for the year', async () => {
    const file = await writeWorkbook(path.join(dir, '1-11.xlsx'), [
      { name: '2023年12月', rows: [['双柏县临时救助情况（2023年12月）'], ['地区：双柏县'], ['指标名称', '计量单位', '本月数', '1-11月累计'], ['临时救助资金支出', '万元', 42.6, 455.5]] },
    ]);
    const r = await h['import.run']({ file });
    expect(r.problems.find((p) => p.cell === 'D3')?.message).toMatch(/^“1-11月累计”是1-11月的累计数，与本表的12月报表不符，此列未读取/);
    expect(stored('observation', 'temp_relief_expenditure')).toEqual([]);
  });

  it('reads 本月数 and 本年累计 under a merged 本年 heading, and takes a 上年同期 column headed 2022年 for no year', async () => {
    const file = await writeWorkbook(path.join(dir, '两行表头.xlsx'), [
      {
        name: '2023年12月',
        rows: [['双柏县临时救助情况（2023年12月）'], ['地区：双柏县'], ['指标名称', '计量单位', '本年', null, '2022年'], [null, null, '本月数', '本年累计', null], ['临时救助资金支出', '万元', 42.6, 498.1, 470.2]],
        setup: (ws) => {
          ws.mergeCells('A3:A4');
          ws.mergeCells('B3:B4');
          ws.mergeCells('C3:D3');
          ws.mergeCells('E3:E4');
        },
      },
    ]);
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(true);
    expect(stored('observation', 'temp_relief_expenditure').map((o) => [o.year, o.value])).toEqual([[2023, 498.1]]);
    expect(r.problems.some((p) => p.severity === 'warning' && p.message.includes('上年同期的数请导入上年的报表'))).toBe(true);
  });

  it('warns when a 累计 figure is below the month’s own, and when twelve months do not add up to the 1-12月累计', async () => {
    const low = await writeWorkbook(path.join(dir, 'low.xlsx'), [
      { name: '2023年12月', rows: [['双柏县临时救助情况（2023年12月）'], ['地区：双柏县'], ['指标名称', '计量单位', '本月数', '本年累计'], ['临时救助资金支出', '万元', 42.6, 30]] },
    ]);
    const r = await h['import.run']({ file: low, dryRun: true });
    expect(r.problems.find((p) => p.cell === 'D4')?.message).toMatch(/^临时救助资金支出的累计数30小于同期的当月数42\.6/);
    const months = await writeWorkbook(path.join(dir, 'months.xlsx'), [
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((m) => reliefMonth(m, 10, 1)),
      reliefMonth(12, 10, 1, [120, 13]),
    ]);
    const m = await h['import.run']({ file: months, dryRun: true });
    expect(m.problems.find((p) => p.message.includes('12个月之和'))?.message).toMatch(/^临时救助资金支出2023年12个月之和为12，1-12月累计数为13（2023年12月!E3），两者不一致，全年数取累计数/);
  });
});

describe('a year’s sheet with a column per month (指标名称 | 计量单位 | 1月 … 12月)', () => {
  it('keeps each month as that month’s figure, sums a flow’s twelve months and takes a stock’s December', async () => {
    const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
    const cases = [31, 28, 40, 35, 33, 30, 29, 36, 41, 38, 27, 44];
    const households = [360, 361, 362, 362, 363, 364, 365, 366, 366, 367, 368, 368];
    const file = await writeWorkbook(path.join(dir, '逐月.xlsx'), [
      {
        name: '2023年',
        rows: [['双柏县2023年民政统计逐月数据'], ['地区：双柏县'], ['指标名称', '计量单位', ...months], ['临时救助人次', '人次', ...cases], ['城市低保户数', '户', ...households]],
      },
    ]);
    const r = await h['import.run']({ file });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(stored('period_observation', 'temp_relief_cases').map((o) => [o.period, o.kind])).toEqual(months.map((_, i) => [`2023-${String(i + 1).padStart(2, '0')}`, '当月']));
    expect(stored('observation', 'temp_relief_cases').map((o) => [o.year, o.value])).toEqual([[2023, cases.reduce((t, x) => t + x, 0)]]);
    expect(stored('observation', 'dibao_urban_households').map((o) => [o.year, o.value, o.derived_from])).toEqual([[2023, 368, '年末数：2023年!N5']]);
  });
});
