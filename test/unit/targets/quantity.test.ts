import { describe, expect, it } from 'vitest';
import { isBlankCell, parseQuantity, type PrintedQuantity } from '../../../shared/targets/quantity';

const quantity = (text: string): PrintedQuantity => {
  const result = parseQuantity(text);
  if (result === null || !result.ok) throw new Error(`expected a quantity for "${text}", got ${JSON.stringify(result)}`);
  return result.quantity;
};

type Row = [text: string, value: number, numberText: string, unitText: string, decimals: number, significant: number];

/** Chuxiong 14th-FYP table: baselines, targets with units, and the stated annual growth column. */
const chuxiongCells: Row[] = [
  ['60%', 60, '60', '%', 0, 0],
  ['75%', 75, '75', '%', 0, 0],
  ['4.56%', 4.56, '4.56', '%', 2, 2],
  ['1.3倍', 1.3, '1.3', '倍', 1, 1],
  ['95%', 95, '95', '%', 0, 0],
  ['100%', 100, '100', '%', 0, 0],
  ['1.00%', 1, '1.00', '%', 2, 0],
  ['1200人', 1200, '1200', '人', 0, 0],
  ['1450人', 1450, '1450', '人', 0, 0],
  ['4%', 4, '4', '%', 0, 0],
  ['1.5‰', 1.5, '1.5', '‰', 1, 1],
  ['1.8‰', 1.8, '1.8', '‰', 1, 1],
  ['3.70%', 3.7, '3.70', '%', 2, 1],
  ['80%', 80, '80', '%', 0, 0],
  ['10.10%', 10.1, '10.10', '%', 2, 1],
  ['15%', 15, '15', '%', 0, 0],
  ['8.20%', 8.2, '8.20', '%', 2, 1],
  ['50%', 50, '50', '%', 0, 0],
  ['70%', 70, '70', '%', 0, 0],
  ['6%', 6, '6', '%', 0, 0],
  ['90%', 90, '90', '%', 0, 0],
];

/** Guizhou targets (unit in its own column), Chengde targets, Dazhou baselines and targets without a sign. */
const plainCells: Row[] = [
  ['31.2', 31.2, '31.2', '', 1, 1],
  ['16.8', 16.8, '16.8', '', 1, 1],
  ['55', 55, '55', '', 0, 0],
  ['60', 60, '60', '', 0, 0],
  ['100', 100, '100', '', 0, 0],
  ['80', 80, '80', '', 0, 0],
  ['10', 10, '10', '', 0, 0],
  ['75', 75, '75', '', 0, 0],
  ['50', 50, '50', '', 0, 0],
  ['600', 600, '600', '', 0, 0],
  ['1', 1, '1', '', 0, 0],
  ['0.6', 0.6, '0.6', '', 1, 1],
  ['70', 70, '70', '', 0, 0],
  ['30', 30, '30', '', 0, 0],
  ['17', 17, '17', '', 0, 0],
  ['20', 20, '20', '', 0, 0],
  ['2.9', 2.9, '2.9', '', 1, 1],
  ['3.1', 3.1, '3.1', '', 1, 1],
  ['0.5', 0.5, '0.5', '', 1, 1],
  ['0.8', 0.8, '0.8', '', 1, 1],
  ['21', 21, '21', '', 0, 0],
  ['310', 310, '310', '', 0, 0],
  ['330', 330, '330', '', 0, 0],
];

/** Chuxiong 13th-FYP completion table: 2015, 2020 and growth columns, as [text, decimals]. */
const completionCells: Array<[string, number]> = [
  ['93', 0], ['98.67', 2], ['6.1', 1], ['78', 0], ['100', 0], ['28.2', 1], ['15', 0], ['24.87', 2], ['65.8', 1],
  ['34.4', 1], ['74', 0], ['115', 0], ['41', 0], ['52', 0], ['26.8', 1], ['92', 0], ['99', 0], ['7.6', 1], ['7', 0],
  ['26.4', 1], ['277', 0], ['28.2', 1], ['100', 0], ['71.8', 1], ['22', 0], ['70', 0], ['48', 0], ['80', 0],
  ['100', 0], ['20', 0], ['5', 0], ['5.5', 1], ['10', 0], ['0.6', 1], ['1.5', 1], ['150', 0], ['7.2', 1], ['10.1', 1],
  ['40.3', 1],
];

describe('parseQuantity on the plans’ cells', () => {
  it.each([...chuxiongCells, ...plainCells])(
    'reads "%s" as %d with number "%s", unit "%s", %d decimals (%d significant)',
    (text, value, numberText, unitText, decimals, significantDecimals) => {
      expect(quantity(text)).toEqual({ value, text, numberText, unitText, decimals, significantDecimals });
    },
  );

  it.each(completionCells)('reads the 13th-FYP completion figure "%s" as a plain number with %d decimals', (text, decimals) => {
    const q = quantity(text);
    expect([q.value, q.numberText, q.unitText, q.decimals, q.text]).toEqual([Number(text), text, '', decimals, text]);
  });
});

describe('parseQuantity on cells without a value', () => {
  it.each(['-', '—', '－', '', ' ', '\t', '\u3000', ' - ', '——', '--'])('returns null for %j', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });

  it.each(['-', '—', '－', '', '  '])('calls %j a blank cell', (text) => {
    expect(isBlankCell(text)).toBe(true);
  });

  it.each(['0', '-5', 'x'])('does not call %j a blank cell', (text) => {
    expect(isBlankCell(text)).toBe(false);
  });
});

describe('parseQuantity on full-width and spaced text', () => {
  it('reads full-width digits, point and percent, keeping them as written', () => {
    expect(quantity('１０．１０％')).toEqual({
      value: 10.1,
      text: '１０．１０％',
      numberText: '１０．１０',
      unitText: '％',
      decimals: 2,
      significantDecimals: 1,
    });
  });

  it('reads full-width digits followed by a Chinese unit', () => {
    expect(quantity('１２００人')).toMatchObject({ value: 1200, numberText: '１２００', unitText: '人' });
  });

  it('reads a full-width per-mille figure', () => {
    expect(quantity('１．５‰')).toMatchObject({ value: 1.5, decimals: 1, unitText: '‰' });
  });

  it('keeps surrounding spaces in the text but not in the number or unit', () => {
    expect(quantity(' 60% ')).toMatchObject({ text: ' 60% ', numberText: '60', unitText: '%', value: 60 });
  });

  it('accepts a space between the number and the unit, as PDF copies print it', () => {
    expect(quantity('55 %')).toMatchObject({ text: '55 %', numberText: '55', unitText: '%' });
  });

  it('reads a compound unit', () => {
    expect(quantity('610元/人·月')).toMatchObject({ value: 610, unitText: '元/人·月' });
  });

  it('reads thousands separators', () => {
    expect(quantity('1,200.50人')).toMatchObject({ value: 1200.5, numberText: '1,200.50', decimals: 2, significantDecimals: 1 });
  });

  it.each([
    ['-5%', -5, '-5'],
    ['－3', -3, '－3'],
    ['−2.5', -2.5, '−2.5'],
    ['+4', 4, '+4'],
  ])('reads the signed number %j as %d', (text, value, numberText) => {
    expect(quantity(text)).toMatchObject({ value, numberText });
  });

  it('reads negative zero as zero', () => {
    expect(Object.is(quantity('-0').value, 0)).toBe(true);
  });
});

describe('parseQuantity on text that is not one quantity', () => {
  it.each(['＞30平方米', '>30', '≥55', '≥1.3倍', '≤5', '<5', '不低于55%', '30以上', '5%以内', '控制在5%以内', '=5'])(
    'reports %j as having an operator',
    (text) => {
      expect(parseQuantity(text)).toMatchObject({ ok: false, code: 'has-operator' });
    },
  );

  it.each(['26至36', '26-36', '1.2.3', 'abc', '不低于居民上年度人均消费支出增速'.slice(3), '[4.5]', '5.', '.5', '30 40'])(
    'reports %j as not a number',
    (text) => {
      expect(parseQuantity(text)).toMatchObject({ ok: false, code: 'not-a-number' });
    },
  );

  it.each(['30左右', '5平方 米', '5]', '5至', '5#'])('reports %j as having an unreadable unit', (text) => {
    expect(parseQuantity(text)).toMatchObject({ ok: false, code: 'bad-unit' });
  });

  it('explains the problem in Chinese and English, quoting the text', () => {
    const result = parseQuantity('＞30平方米');
    expect(result !== null && !result.ok && result.message).toBe(
      '“＞30平方米”含比较符号，不是单个数值 / "＞30平方米" has a comparison, not a single value',
    );
  });
});
