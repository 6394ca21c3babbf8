/** Golden cases for the change since the base year: points for rates and shares, relative change for amounts. */

import { describe, expect, it } from 'vitest';
import { changeSinceBase } from '../../../shared/evaluation/change';

describe('change of a rate or share', () => {
  it('is in percentage points for a % unit', () => {
    // 护理型床位占比 30% → 45%: 45 − 30 = 15 个百分点
    expect(changeSinceBase(30, 45, '%')).toEqual({ amount: 15, unit: '百分点' });
  });

  it('accepts the full-width percent sign', () => {
    expect(changeSinceBase(30, 47.5, '％')).toEqual({ amount: 17.5, unit: '百分点' });
  });

  it('strips float noise from the difference', () => {
    // 0.3 − 0.1 = 0.19999999999999998 in binary → 0.2
    expect(changeSinceBase(0.1, 0.3, '%')).toEqual({ amount: 0.2, unit: '百分点' });
  });

  it('is negative points for a falling share', () => {
    expect(changeSinceBase(60, 55, '%')).toEqual({ amount: -5, unit: '百分点' });
  });

  it('is in 千分点 for a ‰ unit', () => {
    // 5.2‰ → 4.9‰: 4.9 − 5.2 = −0.3 (−0.2999999999999998 in binary)
    expect(changeSinceBase(5.2, 4.9, '‰')).toEqual({ amount: -0.3, unit: '千分点' });
  });

  it('is defined in points even from a zero base', () => {
    expect(changeSinceBase(0, 5, '%')).toEqual({ amount: 5, unit: '百分点' });
  });
});

describe('change of an amount', () => {
  it('is relative in % for a count', () => {
    // 养老床位 1200 → 1300 张: (1300/1200 − 1) × 100 = 100/12 = 8.3333…%
    const change = changeSinceBase(1200, 1300, '张');
    expect(change?.unit).toBe('%');
    expect(change?.amount).toBeCloseTo(100 / 12, 9);
  });

  it('is relative in % for a money standard', () => {
    // 城市低保标准 600 → 690 元/人·月: (690/600 − 1) × 100 = 15%
    expect(changeSinceBase(600, 690, '元/人·月')).toEqual({ amount: 15, unit: '%' });
  });

  it('reads a rise of a negative base as an increase', () => {
    // −200 → −100 万元: (−100 − (−200))/|−200| × 100 = +50%
    expect(changeSinceBase(-200, -100, '万元')).toEqual({ amount: 50, unit: '%' });
  });

  it('is null from a zero base', () => {
    expect(changeSinceBase(0, 5, '个')).toBeNull();
  });
});

describe('change with missing data', () => {
  it('is null without a baseline', () => {
    expect(changeSinceBase(null, 45, '%')).toBeNull();
  });

  it('is null without a value', () => {
    expect(changeSinceBase(1200, null, '张')).toBeNull();
  });
});
