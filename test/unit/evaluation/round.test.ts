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

  it('gives exactly what rounding the shortest decimal text gives, for 400,000 numbers and the ties between', () => {
    let seed = 7122026;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    /** The rule by the text alone (the way roundTo worked before its fast path). */
    const shift = (x: number, places: number) => {
      const [mantissa, exponent = '0'] = String(x).split('e');
      return Number(`${mantissa}e${Number(exponent) + places}`);
    };
    const reference = (x: number, d: number) => {
      if (d >= 0 && Number.isInteger(x) && Math.abs(x) < 1e15) return x === 0 ? 0 : x;
      const m = shift(Math.round(shift(Math.abs(x), d)), -d);
      const r = x < 0 ? -m : m;
      return r === 0 ? 0 : r;
    };
    const cases: [number, number][] = [];
    for (let i = 0; i < 250_000; i++) cases.push([(next() - 0.5) * 10 ** (Math.floor(next() * 16) - 6), Math.floor(next() * 8)]);
    // Decimals that end in 5 one place past the rounding (2.675, 1.005: ties in the text, not in binary).
    for (let i = 0; i < 150_000; i++) {
      const d = Math.floor(next() * 6);
      cases.push([Number(`${Math.floor(next() * 1e6)}.${String(Math.floor(next() * 10 ** d)).padStart(d, '0')}5`.replace(/\.5$/, '.5')), d]);
    }
    cases.push([2.675, 2], [1.005, 2], [-2.5, 0], [0.125, 2], [1.0049, 2], [999999999.5, 0], [1.5e-7, 7]);
    const wrong = cases.filter(([x, d]) => !Object.is(roundTo(x, d), reference(x, d)));
    expect(wrong.slice(0, 5)).toEqual([]);
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

  it('gives exactly what Number(x.toPrecision(12)) gives, for 400,000 numbers of every size and the ties between', () => {
    /** A small deterministic generator (no Math.random: a failure can be replayed). */
    let seed = 20261207;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const reference = (x: number) => {
      if (Number.isInteger(x) && Math.abs(x) < 1e12) return x === 0 ? 0 : x;
      if (!Number.isFinite(x)) return x;
      const r = Number(x.toPrecision(12));
      return r === 0 ? 0 : r;
    };
    const samples: number[] = [];
    for (let i = 0; i < 300_000; i++) {
      const magnitude = 10 ** (Math.floor(next() * 30) - 15);
      samples.push((next() - 0.5) * 2 * magnitude);
    }
    // Results of arithmetic as the engine makes them (ratios, percentages, growth), and decimals of 12 and 13 digits
    // that end in 5 (the ties of rounding to 12).
    for (let i = 0; i < 50_000; i++) samples.push(((next() * 1e4) / (next() * 1e3 + 1)) * 100, Math.pow(1 + next(), 1 / 5) - 1);
    for (let i = 0; i < 50_000; i++) samples.push(Number(`${Math.floor(next() * 9e11 + 1e11)}5e-${Math.floor(next() * 20)}`));
    samples.push(0.1 + 0.2, 1 / 3, 2 / 3, 99999999999.95, 9.999999999995, 1e-11, 1e11, 123456789012.5, Number.MIN_VALUE, 1e300, -1e-300);
    const wrong = samples.filter((x) => !Object.is(clean(x), reference(x)));
    expect(wrong.slice(0, 5)).toEqual([]);
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
