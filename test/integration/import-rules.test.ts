/**
 * The rules declared with the items, checked in the import's preview with the numbers that break them: a part never
 * exceeds its whole (护理型床位数 ≤ 养老机构床位总数, 其中：低保金 ≤ 资金支出, in a year or in one month), a count
 * that moves more than tenfold from the stored year before is questioned, and so is a standard far from its sibling
 * regions'. Warnings, not refusals.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api';
import { createHandlers } from '../../main/services/handlers';
import { freshDb, longSheet, tempDir, writeWorkbook, type CellInput } from '../helpers/files';

let h: Handlers;
let dir: string;
beforeEach(() => {
  h = createHandlers(freshDb().db);
  dir = tempDir();
});

const book = (rows: CellInput[][], name = '数据') => writeWorkbook(path.join(dir, `${name}.xlsx`), [{ name, rows }]);

describe('a part never exceeds its whole', () => {
  it('warns at the part’s cell, quoting both figures, when 护理型床位数 is above 养老机构床位总数 in one sheet', async () => {
    const file = await book(longSheet('地区：双柏县', [2022, 2023], [['养老机构床位总数', '张', 500, 520], ['护理型床位数', '张', 260, 530]]));
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([
      { severity: 'warning', sheet: '数据', cell: 'D4', message: expect.stringMatching(/^养老机构护理型床位数（530，“数据”!D4）大于养老机构床位总数（520，“数据”!D3），部分不应超过整体/) },
    ]);
  });

  it('compares with the stored whole when the sheet gives only the part', async () => {
    expect((await h['import.run']({ file: await book(longSheet('地区：双柏县', [2023], [['养老机构床位总数', '张', 520]]), '总数') })).ok).toBe(true);
    const r = await h['import.run']({ file: await book(longSheet('地区：双柏县', [2023], [['护理型床位数', '张', 600]]), '护理型') });
    expect(r.problems.map((p) => p.message.split(' / ')[0])).toEqual(['养老机构护理型床位数（600，“护理型”!C3）大于养老机构床位总数（520，已保存），部分不应超过整体，请核对']);
  });

  it('checks a month’s 其中：低保金 against the same month’s 资金支出', async () => {
    const rows: CellInput[][] = [['城市最低生活保障情况（2023年6月）'], ['乡镇', '当月资金支出（万元）', '其中：低保金（万元）'], ['妥甸镇', 12.1, 13.5]];
    const r = await h['import.run']({ file: await book(rows, '2023年6月'), dryRun: true });
    expect(r.problems.find((p) => p.cell === 'C3')?.message).toMatch(/^城市低保金支出（13\.5，“2023年6月”!C3）大于城市低保资金支出（12\.1，“2023年6月”!B3）/);
  });
});

describe('a count that jumps from the year before', () => {
  it('questions 社会组织数量 going from 1,250 to 12.5万 (a unit slip), and not an ordinary change', async () => {
    const r = await h['import.run']({ file: await book(longSheet('地区：双柏县', [2022, 2023, 2024], [['社会组织数量', '个', 1250, 125000, 130000]])) });
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => [p.cell, p.message.split(' / ')[0]])).toEqual([['D3', '社会组织数量2023年为125000个，2022年为1250个，增至约100倍，请核对数值和单位']]);
  });
});

describe('a value far from its sibling regions', () => {
  // Five townships of 双柏县, each in a sheet of its own ("地区编码：532322101"), with 城市最低生活保障标准 for 2023.
  const TOWNSHIPS = [['妥甸镇', '532322101'], ['大庄镇', '532322102'], ['法脿镇', '532322103'], ['鄂嘉镇', '532322104'], ['大麦地镇', '532322105']] as const;
  const townships = (standards: number[]) =>
    writeWorkbook(
      path.join(dir, `乡镇${standards.join('-')}.xlsx`),
      TOWNSHIPS.map(([name, code], i) => ({ name, rows: longSheet(`地区编码：${code}`, [2023], [['城市最低生活保障标准', '元/人·月', standards[i]!]]) })),
    );

  it('questions a township’s 城市低保标准 of 2100 元 where its siblings give about 630 元, naming the median', async () => {
    const r = await h['import.run']({ file: await townships([620, 640, 2100, 610, 650]), dryRun: true });
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => [p.sheet, p.cell, p.message.split(' / ')[0]])).toEqual([
      ['法脿镇', 'C3', '法脿镇城市最低生活保障标准2023年为2100元/人·月，同级4个地区的中位数为630元/人·月，约为其3.3倍，请核对'],
    ]);
  });

  it('compares with the siblings’ stored values, and says nothing of ordinary differences or of counts', async () => {
    expect((await h['import.run']({ file: await townships([620, 640, 700, 610, 650]) })).problems).toEqual([]);
    const one = await writeWorkbook(path.join(dir, '一个乡镇.xlsx'), [{ name: '法脿镇', rows: longSheet('地区编码：532322103', [2023], [['城市最低生活保障标准', '元/人·月', 190]]) }]);
    expect((await h['import.run']({ file: one, dryRun: true })).problems.map((p) => p.message.split(' / ')[0])).toEqual([
      '法脿镇城市最低生活保障标准2023年为190元/人·月，同级4个地区的中位数为630元/人·月，约为其1/3.3，请核对',
    ]);
    // A count grows with a region's size: 200 社会组织 where the others have about 10 is not questioned.
    const counts = await writeWorkbook(
      path.join(dir, '社会组织.xlsx'),
      TOWNSHIPS.map(([name, code], i) => ({ name, rows: longSheet(`地区编码：${code}`, [2023], [['社会组织数量', '个', [10, 12, 200, 11, 9][i]!]]) })),
    );
    expect((await h['import.run']({ file: counts, dryRun: true })).problems).toEqual([]);
  });
});

describe('a value outside its item’s plausible range', () => {
  it('questions a 城市低保标准 of 9360 元/人·月 (a year’s standard typed in the month’s row), and a negative count', async () => {
    const r = await h['import.run']({ file: await book(longSheet('地区：双柏县', [2023], [['城市最低生活保障标准', '元/人·月', 9360], ['社会组织数量', '个', -5]])) });
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => [p.cell, p.message.split(' / ')[0]])).toEqual([
      ['C3', '城市最低生活保障标准为9360元/人·月，超出合理范围（100至3000元/人·月），请核对'],
      ['C4', '社会组织数量为-5个，超出合理范围（不小于0个），请核对'],
    ]);
  });
});
