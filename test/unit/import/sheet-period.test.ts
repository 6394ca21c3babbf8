/**
 * How a sheet's name and title say its period, as clerks and provincial systems write it: quarters as Q4, 第4季,
 * 四季度; months in Chinese numerals; spans written 1月-12月 or 1月至12月; filing dates anywhere in a line; 截至…;
 * a sheet named 12月 under a title with the year; a 月报 that never says which month.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { periodLabel, periodOfText, statedPeriod } from '../../../main/services/import/sheet-period';

const label = (text: string, isName = false): string | null => {
  const r = periodOfText(text, isName);
  if (!r) return null;
  if ('period' in r) return periodLabel(r.period);
  if ('refused' in r) return `refused:${r.refused}`;
  if ('needs' in r) return `needs:${r.needs}`;
  return 'month' in r.within ? `month:${r.within.month}` : `quarter:${r.within.quarter}`;
};

const sheet = (name: string, titles: string[][]): ExcelJS.Worksheet => {
  const ws = new ExcelJS.Workbook().addWorksheet(name);
  titles.forEach((row, i) => row.forEach((t, j) => (ws.getCell(i + 1, j + 1).value = t)));
  ws.getCell(titles.length + 1, 1).value = '地区';
  return ws;
};
const stated = (name: string, titles: string[][]) => {
  const r = statedPeriod(sheet(name, titles), titles.length + 1);
  return r === null ? null : 'period' in r ? periodLabel(r.period) : `problem:${r.problem.split(' / ')[0]}`;
};

describe('the period a text states', () => {
  it.each([
    ['城市低保情况 2023年Q4', '2023年第四季度'],
    ['2023Q4', '2023年第四季度'],
    ['2023年第4季', '2023年第四季度'],
    ['2023年四季度', '2023年第四季度'],
    ['2023年十二月', '2023年12月'],
    ['2023年一月', '2023年1月'],
    ['双柏县城市最低生活保障情况（2023年1月-12月）', '2023年1-12月'],
    ['2023年1月至12月', '2023年1-12月'],
    ['2023年1-12月份', '2023年1-12月'],
    ['2023年10-12月', '2023年第四季度'],
    ['截至2023年6月30日', '2023年1-6月'],
    ['截止2023年12月底', '2023年1-12月'],
    ['统计时间：2023年12月', '2023年12月'],
    ['2023年城市低保情况', '2023年'],
  ])('reads “%s” as %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it.each([
    ['城市最低生活保障情况', null],
    ['填报单位：双柏县民政局    填报日期：2024年1月', null],
    ['填报日期：2024年1月10日', null],
    ['2023年城市低保情况　制表时间：2024年1月5日', '2023年'],
  ])('does not take a filing date for the period: “%s”', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('marks a 月报 that gives only a year, and refuses a stretch that does not start in January', () => {
    expect(label('双柏县2023年城市低保月报表')).toBe('needs:month');
    expect(label('2023年4-9月')).toBe('refused:2023年4-9月');
    expect(label('2023年下半年')).toBe('refused:2023年下半年');
  });

  it('reads a sheet named for a month or quarter alone', () => {
    expect(label('12月', true)).toBe('month:12');
    expect(label('十二月', true)).toBe('month:12');
    expect(label('第四季度', true)).toBe('quarter:4');
    expect(label('Q4', true)).toBe('quarter:4');
  });
});

describe('the period a sheet states', () => {
  it('takes the month from a line below a title that gives the year', () => {
    expect(stated('Sheet1', [['双柏县2023年城市最低生活保障情况'], ['2023年12月']])).toBe('2023年12月');
  });

  it('takes the year of a sheet named 12月 from its title', () => {
    expect(stated('12月', [['2023年城市低保情况']])).toBe('2023年12月');
    expect(stated('第四季度', [['双柏县2023年特困人员情况']])).toBe('2023年第四季度');
    expect(stated('12月', [['城市低保情况']])).toMatch(/^problem:工作表名“12月”只写了月份/);
  });

  it('refuses a 月报 that never says which month, and two title lines that disagree', () => {
    expect(stated('Sheet1', [['双柏县2023年城市低保月报表']])).toMatch(/^problem:本表是月报，但工作表名和标题中没有写明月份/);
    expect(stated('Sheet1', [['2023年11月'], ['2023年1-12月']])).toMatch(/^problem:标题中A1写的是2023年11月，A2写的是2023年1-12月/);
  });

  it('keeps a filing date out of the period', () => {
    expect(stated('Sheet1', [['城市最低生活保障情况（2023年12月）'], ['填报单位：双柏县民政局    填报日期：2024年1月']])).toBe('2023年12月');
  });
});
