/** Rounding as on paper and float-noise removal for output, with the cases plain Math.round gets wrong. */

import { describe, expect, it } from 'vitest';
import { atLeast, clean, greaterThan, nearlyEqual, roundTo } from '../../../shared/evaluation/round';

describe('roundTo', () => {
  it('rounds 1.005 to 1.01 where naive scaling gives 1', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // 1.005 × 100 = 100.49999999999999
    expect(roundTo(1.005, 2)).toBe(1.01);
  });

  it('rounds 8.345 to 8.35', () => {
    expect(roundTo(8.345, 2)).toBe(8.35);
  });

  it('rounds 1.255 to 1.3 at one decimal', () => {
    expect(roundTo(1.255, 1)).toBe(1.3);
  });

  it('rounds half away from zero for positive numbers', () => {
    expect(roundTo(2.5, 0)).toBe(3);
  });

  it('rounds half away from zero for negative numbers', () => {
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
  });

  it('rounds down below the half', () => {
    expect(roundTo(1.0049, 2)).toBe(1);
  });

  it('rounds to tens with negative decimals', () => {
    expect(roundTo(1234.5, -1)).toBe(1230);
    expect(roundTo(1235, -1)).toBe(1240);
  });

  it('handles numbers whose text is in exponent form', () => {
    // String(1.5e-7) = '1.5e-7': shifted 7 places it is 1.5 → 2 → 2e-7
    expect(roundTo(1.5e-7, 7)).toBe(2e-7);
    expect(roundTo(1e-7, 2)).toBe(0);
  });

  it('returns 0, not -0, when a small negative rounds away', () => {
    expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
  });

  it('returns non-finite input unchanged', () => {
    expect(roundTo(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(roundTo(Number.NaN, 2)).toBeNaN();
  });
});

describe('clean', () => {
  it('turns 0.6000000000000001 into 0.6', () => {
    expect(clean(0.6000000000000001)).toBe(0.6);
  });

  it('turns 0.1 + 0.2 into 0.3', () => {
    expect(clean(0.1 + 0.2)).toBe(0.3);
  });

  it('keeps 12 significant digits', () => {
    expect(clean(1 / 3)).toBe(0.333333333333);
    expect(clean(123456789.123456789)).toBe(123456789.123);
  });

  it('leaves integers and short decimals alone', () => {
    expect(clean(1450)).toBe(1450);
    expect(clean(-0.08)).toBe(-0.08);
  });

  it('returns 0, not -0', () => {
    expect(Object.is(clean(-0), 0)).toBe(true);
  });
});

describe('tolerant comparisons', () => {
  it('counts 0.3 as at least 0.2 + 0.1', () => {
    expect(0.3 >= 0.2 + 0.1).toBe(false); // 0.2 + 0.1 = 0.30000000000000004
    expect(atLeast(0.3, 0.2 + 0.1)).toBe(true);
  });

  it('does not count a real shortfall as at least', () => {
    expect(atLeast(0.6999, 0.7)).toBe(false);
  });

  it('does not count float noise as greater than', () => {
    expect(greaterThan(55.00000000001, 55)).toBe(false);
    expect(greaterThan(55.01, 55)).toBe(true);
  });

  it('scales the tolerance with the size of the numbers', () => {
    // 1e-9 × 1,000,000 = 1e-3 of slack at a million
    expect(nearlyEqual(1_000_000, 1_000_000.0000001)).toBe(true);
    expect(nearlyEqual(1_000_000, 1_000_000.01)).toBe(false);
  });
});
