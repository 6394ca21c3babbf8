import { describe, expect, it } from 'vitest';
import { checkFormulaUnits, evaluateFormula, inferFormulaUnit, type Resolve } from '../../../shared/formula/evaluate';
import { parseFormula } from '../../../shared/formula/parser';
import { quantity, type Quantity } from '../../../shared/units/quantity-math';
import { parseUnit, UnitError, unitsEqual } from '../../../shared/units/units';

/** Inputs as `code[offset]` → [value, unit]; anything not listed is missing. */
const inputs =
  (table: Record<string, readonly [number, string] | null>): Resolve =>
  (code, offset): Quantity | null => {
    const entry = table[offset === 0 ? code : `${code}[${offset}]`];
    return entry ? quantity(entry[0], entry[1]) : null;
  };

const evaluate = (formula: string, table: Record<string, readonly [number, string] | null>, outUnit: string): number | null =>
  evaluateFormula(parseFormula(formula), inputs(table), outUnit);

const errorOf = (f: () => unknown): Error => {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

const UNITS: Record<string, string> = {
  dibao_urban: '元/人·月',
  consumption_urban: '元/人·年',
  social_orgs: '个',
  population: '人',
  nursing_beds: '张',
  beds: '张',
  facility_area: '平方米',
  households: '户',
  social_workers: '人',
  tekun_std: '元/人·年',
};
const unitOf = (code: string): string => {
  const unit = UNITS[code];
  if (unit === undefined) throw new Error(`no unit for ${code}`);
  return unit;
};

describe('evaluateFormula', () => {
  it('compares the monthly 低保 standard with last year’s yearly consumption as a percentage', () => {
    const table = { dibao_urban: [600, '元/人·月'], 'consumption_urban[-1]': [24000, '元/人·年'] } as const;
    expect(evaluate('dibao_urban / consumption_urban[-1]', table, '%')).toBe(30);
  });

  it('counts social organisations per 10 000 people', () => {
    expect(evaluate('social_orgs / population', { social_orgs: [550, '个'], population: [1_000_000, '人'] }, '个/万人')).toBe(5.5);
  });

  it('counts social organisations per 10 000 people when population is in 万人', () => {
    expect(evaluate('social_orgs / population', { social_orgs: [550, '个'], population: [100, '万人'] }, '个/万人')).toBe(5.5);
  });

  it('gives the share of nursing beds among beds in %', () => {
    expect(evaluate('nursing_beds / beds', { nursing_beds: [330, '张'], beds: [600, '张'] }, '%')).toBe(55);
  });

  it('gives facility area per hundred households', () => {
    expect(evaluate('facility_area / households', { facility_area: [15600, '平方米'], households: [50000, '户'] }, '平方米/百户')).toBe(31.2);
  });

  it('gives social workers per thousand people in ‰', () => {
    expect(evaluate('social_workers / population', { social_workers: [450, '人'], population: [300000, '人'] }, '‰')).toBe(1.5);
  });

  it('gives the 特困 standard as a multiple of the monthly 低保 standard', () => {
    expect(evaluate('tekun_std / dibao_urban', { tekun_std: [9360, '元/人·年'], dibao_urban: [600, '元/人·月'] }, '倍')).toBe(1.3);
  });

  it('gives this year’s growth in %', () => {
    expect(evaluate('growth(dibao_urban)', { dibao_urban: [660, '元/人·月'], 'dibao_urban[-1]': [600, '元/人·月'] }, '%')).toBe(10);
  });

  it('gives last year’s growth from offsets -1 and -2', () => {
    const table = { 'consumption_urban[-1]': [25200, '元/人·年'], 'consumption_urban[-2]': [24000, '元/人·年'] } as const;
    expect(evaluate('growth(consumption_urban[-1])', table, '%')).toBe(5);
  });

  it('shifts every year of a nested growth back by one', () => {
    const table = { x: [121, '人'], 'x[-1]': [110, '人'], 'x[-2]': [100, '人'] } as const;
    expect(evaluate('growth(x) - growth(x[-1])', table, '百分点')).toBe(0);
    expect(evaluate('growth(growth(x) + 1)', table, '%')).toBe(0);
  });

  it('computes growth across years recorded in different scales', () => {
    expect(evaluate('growth(pop)', { pop: [110000, '人'], 'pop[-1]': [10, '万人'] }, '%')).toBe(10);
  });

  it('treats plain numbers as dimensionless', () => {
    expect(evaluate('(a - b) / b * 100', { a: [12, '元'], b: [10, '元'] }, '')).toBe(20);
  });

  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['8 - 4 - 2', 2],
    ['16 / 4 / 2', 2],
    ['-2 * -3', 6],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['abs(1 - 4)', 3],
    ['sum(1, 2, 3.5)', 6.5],
  ])('evaluates %s to %s', (formula, value) => {
    expect(evaluate(formula, {}, '')).toBe(value);
  });

  it('adds quantities in different scales of one dimension', () => {
    expect(evaluate('sum(a, b)', { a: [1, '万人'], b: [5000, '人'] }, '人')).toBe(15000);
  });

  it('takes the minimum across scales and returns it in the requested unit', () => {
    expect(evaluate('min(a, b)', { a: [1, '万人'], b: [8000, '人'] }, '人')).toBe(8000);
  });

  it('converts the result into the unit asked for', () => {
    expect(evaluate('a', { a: [1.5, '万人'] }, '人')).toBe(15000);
  });

  it('accepts the output unit as a parsed unit', () => {
    expect(evaluateFormula(parseFormula('a'), inputs({ a: [0.3, ''] }), parseUnit('%'))).toBe(30);
  });

  it.each([
    ['a / b', { a: [1, '张'] }],
    ['a / b', { b: [1, '张'] }],
    ['a / b', { a: [1, '张'], b: null }],
    ['growth(a)', { a: [1, '元'] }],
    ['growth(a[-1])', { 'a[-1]': [1, '元'] }],
    ['min(a, b)', { a: [1, '元'] }],
    ['sum(a, b)', { b: [1, '元'] }],
    ['abs(a)', {}],
    ['-a', {}],
  ])('gives null for %s when an input it needs is missing (%j)', (formula, table) => {
    expect(evaluate(formula, table as Record<string, readonly [number, string]>, '')).toBeNull();
  });

  it('gives null for an input whose value is not a finite number', () => {
    expect(evaluate('a + 1', { a: [Number.NaN, ''] }, '')).toBeNull();
  });

  it.each([
    ['a / b', { a: [1, '张'], b: [0, '张'] }],
    ['1 / 0', {}],
    ['a / (b - c)', { a: [1, ''], b: [2, ''], c: [2, ''] }],
    ['growth(a)', { a: [5, '元'], 'a[-1]': [0, '元'] }],
  ])('gives null for %s when it divides by zero', (formula, table) => {
    expect(evaluate(formula, table as Record<string, readonly [number, string]>, '%')).toBeNull();
  });

  it('gives null instead of Infinity when a result overflows', () => {
    expect(evaluate('a * a', { a: [1e200, ''] }, '')).toBeNull();
  });

  it('refuses to add different dimensions and names both units and the column', () => {
    const error = errorOf(() => evaluate('a + b', { a: [1, '元'], b: [1, '人'] }, '元'));
    expect(error).toBeInstanceOf(UnitError);
    expect(error.name).toBe('UnitError');
    expect(error.message).toContain('公式第 3 列');
    expect(error.message).toContain('“元”');
    expect(error.message).toContain('“人”');
  });

  it('refuses to compare different dimensions in min', () => {
    expect(() => evaluate('min(a, b)', { a: [1, '张'], b: [1, '个'] }, '张')).toThrow(/“张”.*“个”/);
  });

  it('refuses a result that cannot be expressed in the output unit and names both units', () => {
    const error = errorOf(() => evaluate('a / b', { a: [1, '元'], b: [1, '人'] }, '%'));
    expect(error).toBeInstanceOf(UnitError);
    expect(error.message).toContain('“元/人”');
    expect(error.message).toContain('“%”');
  });
});

describe('checkFormulaUnits', () => {
  it.each([
    ['dibao_urban / consumption_urban[-1]', '%'],
    ['social_orgs / population', '个/万人'],
    ['nursing_beds / beds', '%'],
    ['facility_area / households', '平方米/百户'],
    ['social_workers / population', '‰'],
    ['tekun_std / dibao_urban', '倍'],
    ['growth(dibao_urban)', '%'],
    ['growth(consumption_urban[-1]) * 100', ''],
    ['(beds - nursing_beds) / beds', '%'],
  ])('accepts %s into %s', (formula, outUnit) => {
    expect(() => checkFormulaUnits(parseFormula(formula), unitOf, outUnit)).not.toThrow();
  });

  it('accepts a formula whose dummy values would divide by zero', () => {
    expect(() => checkFormulaUnits(parseFormula('nursing_beds / (beds - nursing_beds)'), unitOf, '%')).not.toThrow();
  });

  it('rejects a formula that cannot produce the indicator unit, naming both units', () => {
    expect(() => checkFormulaUnits(parseFormula('social_orgs / population'), unitOf, '%')).toThrow(/“个\/人”.*“%”/);
  });

  it('rejects a sum of different dimensions, naming both units', () => {
    const error = errorOf(() => checkFormulaUnits(parseFormula('beds + population'), unitOf, '张'));
    expect(error).toBeInstanceOf(UnitError);
    expect(error.message).toMatch(/公式第 6 列.*“张”.*“人”/);
  });

  it('infers the unit a formula yields', () => {
    expect(unitsEqual(inferFormulaUnit(parseFormula('facility_area / households'), unitOf), '平方米/户')).toBe(true);
  });
});
