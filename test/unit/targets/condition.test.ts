import { describe, expect, it } from 'vitest';
import { compareHolds, conditionHolds, rangeDistance } from '../../../shared/targets/condition';
import { parseTarget, type RangeTarget } from '../../../shared/targets/grammar';

const holds = (target: string, value: number | null, direction: 'increase' | 'decrease' | 'keep' | 'range' = 'increase', reference?: number | null) =>
  conditionHolds(parseTarget(target), value, { direction, reference });

const range = (text: string): RangeTarget => {
  const t = parseTarget(text);
  if (t.kind !== 'range') throw new Error(`expected a range for "${text}"`);
  return t;
};

describe('conditionHolds for a plain target', () => {
  it.each([
    ['55', 55, true],
    ['55', 60, true],
    ['55', 54.9, false],
    ['1450人', 1450, true],
    ['1450人', 1449, false],
  ])('holds for an increase indicator when %j is reached by %d: %s', (target, value, expected) => {
    expect(holds(target, value, 'increase')).toBe(expected);
  });

  it('decides by the direction, not by the baseline: an increase target below its baseline still needs v ≥ t', () => {
    expect(holds('60%', 70, 'increase')).toBe(true);
  });

  it.each([
    ['5', 5, true],
    ['5', 4, true],
    ['5', 5.1, false],
  ])('holds for a decrease indicator when %j is not exceeded by %d: %s', (target, value, expected) => {
    expect(holds(target, value, 'decrease')).toBe(expected);
  });

  it.each([
    ['保持100%', 100, true],
    ['保持100%', 99.99, false],
    ['保持100%', 100.01, false],
  ])('holds for a keep indicator only when %j equals %d: %s', (target, value, expected) => {
    expect(holds(target, value, 'keep')).toBe(expected);
  });

  it('cannot decide a plain target on a range indicator', () => {
    expect(holds('55', 55, 'range')).toBeNull();
  });
});

describe('conditionHolds forgives float noise but never rounds to display precision', () => {
  it('counts 54.99999999999 from a formula as 55', () => {
    expect(holds('≥55', 54.99999999999)).toBe(true);
  });

  it('counts 54.99999999999 as reaching a plain 55', () => {
    expect(holds('55', 54.99999999999, 'increase')).toBe(true);
  });

  it('does not count 54.96 as 55 even though both print as 55', () => {
    expect(holds('≥55', 54.96)).toBe(false);
  });

  it('does not count 0.1 + 0.2 as more than 0.3', () => {
    expect(holds('>0.3', 0.1 + 0.2)).toBe(false);
  });

  it('counts 0.1 + 0.2 as equal to a kept 0.3', () => {
    expect(holds('0.3', 0.1 + 0.2, 'keep')).toBe(true);
  });

  it('does not count 30.0000000001 as more than 30', () => {
    expect(holds('>30', 30.0000000001)).toBe(false);
  });
});

describe('conditionHolds for a written comparison', () => {
  it.each([
    ['≥55%', 55, true],
    ['≥55%', 54, false],
    ['＞30平方米', 30, false],
    ['＞30平方米', 31.2, true],
    ['>30', 30.5, true],
    ['≤5', 5, true],
    ['≤5', 6, false],
    ['<5', 5, false],
    ['<5', 4.9, true],
    ['≥1.3倍', 1.3, true],
    ['≥1.3倍', 1.29, false],
    ['30以上', 30, true],
    ['5以下', 5, true],
    ['控制在5%以内', 5.5, false],
    ['不少于30', 29, false],
  ])('judges %j against %d as %s', (target, value, expected) => {
    expect(holds(target, value)).toBe(expected);
  });

  it('uses the written sign even when the indicator decreases', () => {
    expect(holds('≥55', 60, 'decrease')).toBe(true);
  });
});

describe('compareHolds', () => {
  it.each([
    [55, '>=', 55, true],
    [55, '>', 55, false],
    [55, '<=', 55, true],
    [55, '<', 55, false],
    [56, '>', 55, true],
    [54, '<', 55, true],
  ] as const)('judges %d %s %d as %s', (v, op, t, expected) => {
    expect(compareHolds(v, op, t)).toBe(expected);
  });
});

describe('conditionHolds for a range', () => {
  it.each([
    ['26至36', 26, true],
    ['26至36', 31, true],
    ['26至36', 36, true],
    ['26至36', 25.9, false],
    ['26至36', 36.1, false],
    ['26至 36', 36, true],
    ['35至45', 34, false],
  ])('judges %j against %d as %s', (target, value, expected) => {
    expect(holds(target, value, 'range')).toBe(expected);
  });

  it('counts a bound reached up to float noise as inside', () => {
    expect(holds('26至36', 25.999999999999996, 'range')).toBe(true);
  });
});

describe('rangeDistance', () => {
  it.each([
    ['26至36', 30, 0],
    ['26至36', 26, 0],
    ['26至36', 36, 0],
    ['26至36', 20, 6],
    ['26至36', 40, 4],
    ['35至45', 33.5, 1.5],
  ])('gives %j and %d a distance of %d', (target, value, distance) => {
    expect(rangeDistance(range(target), value)).toBeCloseTo(distance, 12);
  });

  it('gives zero at a bound reached up to float noise', () => {
    expect(rangeDistance(range('26至36'), 36.00000000000001)).toBe(0);
  });
});

describe('conditionHolds for a relative target', () => {
  it('holds when the standard grew at least as fast as consumption', () => {
    expect(holds('不低于居民上年度人均消费支出增速', 6.2, 'increase', 5.8)).toBe(true);
  });

  it('does not hold when the standard grew more slowly than consumption', () => {
    expect(holds('不低于居民上年度人均消费支出增速', 4, 'increase', 5.8)).toBe(false);
  });

  it('holds when the standard equals the provincial floor', () => {
    expect(holds('不低于全省标准低限', 610, 'increase', 610)).toBe(true);
  });

  it('uses the written comparison for 不高于', () => {
    expect(holds('不高于全省平均水平', 12, 'increase', 10)).toBe(false);
  });

  it.each([undefined, null, Number.NaN])('cannot decide without a reference (%s)', (reference) => {
    expect(holds('不低于全省标准低限', 610, 'increase', reference)).toBeNull();
  });
});

describe('conditionHolds for a cumulative target', () => {
  it('holds when the cumulative value reaches the bracketed figure', () => {
    expect(holds('[4.5]', 4.5)).toBe(true);
  });

  it('does not hold below the bracketed figure', () => {
    expect(holds('［4.5］', 4.4)).toBe(false);
  });

  it('follows the direction of a decreasing indicator', () => {
    expect(holds('[4.5]', 4.4, 'decrease')).toBe(true);
  });
});

describe('conditionHolds when it cannot decide', () => {
  it.each(['55', '≥55', '26至36', '[4.5]', '不低于全省标准低限'])('returns null for %j without a value', (target) => {
    expect(holds(target, null, 'increase', 1)).toBeNull();
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('returns null for the non-finite value %d', (value) => {
    expect(holds('≥55', value)).toBeNull();
  });

  it('returns null for a text target, which needs a judgement', () => {
    expect(holds('基本实现全覆盖', 100)).toBeNull();
  });

  it('returns null for a blank target', () => {
    expect(holds('-', 100)).toBeNull();
  });
});
