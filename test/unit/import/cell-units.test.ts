/**
 * A cell's own unit against its column's or row's: 万 and 亿 alone multiply that unit, once — "2万" under 万人 is
 * 2 万人, not 20,000 万人 — and the list of conversions names the unit as written (1.2万 under 人: 万人 → 人).
 */
import { describe, expect, it } from 'vitest';
import { cellUnitIn, unitConversions } from '../../../main/services/import/cells';

describe('a cell’s unit', () => {
  it('multiplies the column’s unit by 万 or 亿 written alone, but not when the column is already in 万 or 亿', () => {
    expect(cellUnitIn('万', '人')).toEqual({ unit: '人', times: 1e4 });
    expect(cellUnitIn('亿', '元')).toEqual({ unit: '元', times: 1e8 });
    expect(cellUnitIn('万', '万人')).toEqual({ unit: '万人', times: 1 });
    expect(cellUnitIn('亿', '亿元')).toEqual({ unit: '亿元', times: 1 });
    expect(cellUnitIn('万', '亿元')).toEqual({ unit: '亿元', times: 1e4 });
    expect(cellUnitIn(null, '万人')).toEqual({ unit: '万人', times: 1 });
  });

  it('converts into the series’ unit, naming the unit as written', () => {
    const intoPeople = unitConversions('人', '人');
    expect(intoPeople('万')).toEqual({ from: '万人', factor: 1e4 });
    expect(intoPeople(null)).toEqual({ from: '人', factor: 1 });
    // "2万" under a 万人 column, into 人: 2 万人 = 20,000 人.
    expect(unitConversions('万人', '人')('万')).toEqual({ from: '万人', factor: 1e4 });
    expect(unitConversions('万元', '元')('元')).toEqual({ from: '元', factor: 1 });
    expect(unitConversions('人', '人')('平方米')).toEqual({ from: '平方米', factor: null });
  });
});

describe('a figure with 万 in the flat layout', () => {
  it('is read as 万 of the row’s unit, as in the wide and long layouts (it was refused as an unknown unit)', async () => {
    const { freshDb, tempDir, writeWorkbook } = await import('../../helpers/files');
    const { runImport } = await import('../../../main/services/import/run');
    const path = await import('node:path');
    const { db } = freshDb();
    const file = await writeWorkbook(path.join(tempDir(), 'flat.xlsx'), [
      {
        name: '数据',
        rows: [
          ['地区代码', '地区', '指标', '单位', '年份', '数值'],
          ['532322', '双柏县', '社会组织专职工作人员数量', '人', 2023, '0.12万'],
          ['532322', '双柏县', '社会组织专职工作人员数量', '万人', 2024, '0.13万'],
        ],
      },
    ]);
    const r = await runImport(db, { file, dryRun: true });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.values.map((v) => [v.year, v.value])).toEqual([
      [2023, 1200],
      [2024, 1300],
    ]);
    expect(r.conversions.map((c) => [c.from, c.to, c.factor])).toEqual([
      ['万人', '人', 10000],
    ]);
  });
});
