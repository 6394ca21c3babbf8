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
