import { describe, expect, it } from 'vitest';
import {
  absolute,
  add,
  divide,
  maximum,
  minimum,
  multiply,
  quantity,
  subtract,
  toUnit,
} from '../../../shared/units/quantity-math';
import {
  conversionFactor,
  convertValue,
  isRateUnit,
  parseUnit,
  sameDimension,
  UnitError,
  unitsEqual,
} from '../../../shared/units/units';

const errorOf = (f: () => unknown): Error => {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('parseUnit', () => {
  it.each([
    ['元', 1, { money: 1 }],
    ['万元', 1e4, { money: 1 }],
    ['亿元', 1e8, { money: 1 }],
    ['人', 1, { person: 1 }],
    ['万人', 1e4, { person: 1 }],
    ['千人', 1e3, { person: 1 }],
    ['人次', 1, { 'person-visit': 1 }],
    ['万人次', 1e4, { 'person-visit': 1 }],
    ['户', 1, { household: 1 }],
    ['百户', 100, { household: 1 }],
    ['个', 1, { thing: 1 }],
    ['张', 1, { bed: 1 }],
    ['对', 1, { couple: 1 }],
    ['件', 1, { case: 1 }],
    ['处', 1, { site: 1 }],
    ['所', 1, { institution: 1 }],
    ['台', 1, { machine: 1 }],
    ['平方米', 1, { area: 1 }],
    ['万平方米', 1e4, { area: 1 }],
    ['月', 1, { time: 1 }],
    ['年', 12, { time: 1 }],
  ])('reads %s as factor %s of %j', (text, factor, dims) => {
    const unit = parseUnit(text);
    expect(unit.factor).toBe(factor);
    expect(unit.dims).toEqual(dims);
  });

  it.each([
    ['', 1],
    ['倍', 1],
    ['%', 0.01],
    ['‰', 0.001],
    ['百分点', 0.01],
  ])('reads %j as dimensionless with factor %s', (text, factor) => {
    const unit = parseUnit(text);
    expect(unit.factor).toBe(factor);
    expect(unit.dims).toEqual({});
  });

  it('reads 元/人·月 as money per person per month', () => {
    expect(parseUnit('元/人·月')).toMatchObject({ factor: 1, dims: { money: 1, person: -1, time: -1 } });
  });

  it('reads 元/人·年 as a twelfth of 元/人·月', () => {
    expect(parseUnit('元/人·年').factor).toBeCloseTo(1 / 12, 15);
    expect(sameDimension(parseUnit('元/人·年'), parseUnit('元/人·月'))).toBe(true);
  });

  it.each(['元/人/月', '元/(人·月)', '元/人•月', '元/人・月', '元／人·月', '元/（人·月）', ' 元 / 人 · 月 '])(
    'reads the spelling %j the same as 元/人·月',
    (text) => {
      expect(unitsEqual(parseUnit(text), parseUnit('元/人·月'))).toBe(true);
    },
  );

  it.each([
    ['个/万人', 1e-4, { thing: 1, person: -1 }],
    ['平方米/百户', 0.01, { area: 1, household: -1 }],
    ['张/千人', 1e-3, { bed: 1, person: -1 }],
  ])('reads the per-population unit %s', (text, factor, dims) => {
    const unit = parseUnit(text);
    expect(unit.factor).toBeCloseTo(factor, 15);
    expect(unit.dims).toEqual(dims);
  });

  it('keeps the unit text, with spelling variants unified', () => {
    expect(parseUnit('元／人・月').text).toBe('元/人·月');
  });

  it.each(['斤', '万', '元/', '/人', '元/(人·月', '元//人', '万万人'])('rejects %j with a UnitError', (text) => {
    const error = errorOf(() => parseUnit(text));
    expect(error).toBeInstanceOf(UnitError);
    expect(error.name).toBe('UnitError');
  });

  it('names the unknown unit in Chinese and English', () => {
    const error = errorOf(() => parseUnit('元/斤'));
    expect(error.message).toContain('无法识别的单位“元/斤”');
    expect(error.message).toContain("unknown unit '元/斤'");
    expect(error.message).toContain('斤');
  });
});

describe('convertValue', () => {
  it.each([
    [1.5, '万人', '人', 15000],
    [1.5, '‰', '%', 0.15],
    [500, '元/人·月', '元/人·年', 6000],
    [0.3, '', '%', 30],
    [5, '个/人', '个/万人', 50000],
    [0.312, '平方米/户', '平方米/百户', 31.2],
    [2.5, '亿元', '万元', 25000],
    [3, '年', '月', 36],
    [0.4, '张/人', '张/千人', 400],
  ])('converts %s %s into %s as %s', (value, from, to, expected) => {
    expect(convertValue(value, from, to)).toBe(expected);
  });

  it('accepts parsed units as well as unit text', () => {
    expect(convertValue(2, parseUnit('万户'), parseUnit('户'))).toBe(20000);
  });

  it('refuses to convert between dimensions and names both units', () => {
    const error = errorOf(() => convertValue(1, '元', '人'));
    expect(error).toBeInstanceOf(UnitError);
    expect(error.message).toContain('“元”');
    expect(error.message).toContain('“人”');
    expect(error.message).toContain("'元'");
    expect(error.message).toContain("'人'");
  });

  it('refuses to convert 人次 into 人, which count different things', () => {
    expect(() => convertValue(1, '人次', '人')).toThrow(UnitError);
  });

  it('names a dimensionless unit as 无量纲 in a mismatch', () => {
    expect(() => convertValue(1, '', '元')).toThrow(/无量纲.*dimensionless/);
  });
});

describe('conversionFactor', () => {
  it.each([
    ['万人', '人', 10000],
    ['元/人·月', '元/人·年', 12],
    ['‰', '%', 0.1],
    ['%', '百分点', 1],
  ])('gives %s → %s as %s', (from, to, factor) => {
    expect(conversionFactor(from, to)).toBe(factor);
  });

  it('throws a UnitError across dimensions', () => {
    expect(() => conversionFactor('张', '个')).toThrow(UnitError);
  });
});

describe('unit predicates', () => {
  it.each([
    ['%', true],
    ['％', true],
    ['‰', true],
    ['百分点', false],
    ['倍', false],
    ['', false],
    ['元', false],
  ])('isRateUnit(%j) is %s', (text, expected) => {
    expect(isRateUnit(parseUnit(text))).toBe(expected);
  });

  it('treats 元/人/月 and 元/人·月 as equal units', () => {
    expect(unitsEqual('元/人/月', '元/人·月')).toBe(true);
  });

  it('treats 万人 and 人 as the same dimension but not equal units', () => {
    expect(sameDimension(parseUnit('万人'), parseUnit('人'))).toBe(true);
    expect(unitsEqual('万人', '人')).toBe(false);
  });

  it('treats % and 倍 as the same dimension', () => {
    expect(sameDimension(parseUnit('%'), parseUnit('倍'))).toBe(true);
  });
});

describe('quantity arithmetic', () => {
  it('multiplies values and combines units', () => {
    const q = multiply(quantity(500, '元/人·月'), quantity(12, '月'));
    expect(q.value).toBe(6000);
    expect(q.unit.dims).toEqual({ money: 1, person: -1 });
  });

  it('divides values and combines units into a dimensionless ratio', () => {
    const q = divide(quantity(600, '元/人·月'), quantity(24000, '元/人·年'));
    expect(q?.unit.dims).toEqual({});
    expect(toUnit(q ?? quantity(0, ''), '%').value).toBe(30);
  });

  it('gives null when dividing by zero', () => {
    expect(divide(quantity(1, '张'), quantity(0, '人'))).toBeNull();
  });

  it('writes a derived unit text that parses back to the same unit', () => {
    const q = divide(quantity(1, '元/人'), quantity(1, '月'));
    expect(unitsEqual(parseUnit(q?.unit.text ?? ''), q?.unit ?? '')).toBe(true);
  });

  it('adds in the left unit, converting the right side', () => {
    expect(add(quantity(1, '万人'), quantity(5000, '人'))).toEqual({ value: 1.5, unit: parseUnit('万人') });
  });

  it('subtracts in the left unit, converting the right side', () => {
    expect(subtract(quantity(30, '%'), quantity(0.1, '')).value).toBeCloseTo(20, 12);
  });

  it('refuses to add different dimensions and names both units', () => {
    const error = errorOf(() => add(quantity(1, '元'), quantity(1, '人')));
    expect(error).toBeInstanceOf(UnitError);
    expect(error.message).toMatch(/“元”.*“人”/);
  });

  it('refuses to subtract different dimensions', () => {
    expect(() => subtract(quantity(1, '张'), quantity(1, '个'))).toThrow(UnitError);
  });

  it('converts a quantity with toUnit', () => {
    expect(toUnit(quantity(1.5, '万人'), '人')).toEqual({ value: 15000, unit: parseUnit('人') });
  });

  it('takes the minimum and maximum across scales, in the left unit', () => {
    expect(minimum(quantity(1, '万人'), quantity(8000, '人')).value).toBe(0.8);
    expect(maximum(quantity(1, '万人'), quantity(8000, '人')).value).toBe(1);
  });

  it('takes the absolute value keeping the unit', () => {
    expect(absolute(quantity(-3, '%'))).toEqual({ value: 3, unit: parseUnit('%') });
  });
});
