/** Golden cases for growth figures and the Open SDG / Statistics Canada pace class, computed by hand. */

import { describe, expect, it } from 'vitest';
import {
  actualCagr,
  growthFigures,
  paceClass,
  paceRatio,
  projection,
  requiredCagr,
  type PaceInput,
} from '../../../shared/evaluation/growth';

/** 养老机构床位 1200 张 (2020) → 1450 张 (2025), increase; mid-term 2023 data. */
const beds = (value: number | null, conditionHolds: boolean | null = false): PaceInput => ({
  baseYear: 2020,
  targetYear: 2025,
  year: 2023,
  baseline: 1200,
  target: 1450,
  value,
  direction: 'increase',
  conditionHolds,
});

// r = (1450/1200)^(1/5) − 1: ln 1.208333 = 0.1892420, /5 = 0.0378484, e^0.0378484 = 1.0385738 → r ≈ 0.038574
const R_BEDS = 0.038574;

describe('required CAGR', () => {
  it('is about 3.857% a year for 1200 → 1450 over 5 years', () => {
    expect(requiredCagr(1200, 1450, 5)).toBeCloseTo(R_BEDS, 6);
  });

  it('is zero when the target equals the baseline', () => {
    expect(requiredCagr(100, 100, 5)).toBe(0);
  });

  it('is negative for a decrease target', () => {
    // (8/10)^(1/5) − 1: ln 0.8 = −0.2231436, /5 = −0.0446287, e^… = 0.9563525 → −0.0436475
    expect(requiredCagr(10, 8, 5)).toBeCloseTo(-0.0436475, 6);
  });
});

describe('actual CAGR', () => {
  it('is about 2.704% a year for 1200 → 1300 over 3 years', () => {
    // (1300/1200)^(1/3) − 1: ln 1.0833333 = 0.0800427, /3 = 0.0266809, e^… = 1.0270400 → 0.027040
    expect(actualCagr(1200, 1300, 3)).toBeCloseTo(0.02704, 6);
  });

  it('is null for a zero base', () => {
    expect(actualCagr(0, 1300, 3)).toBeNull();
  });

  it('is null for a zero or negative value', () => {
    expect(actualCagr(1200, 0, 3)).toBeNull();
    expect(actualCagr(1200, -5, 3)).toBeNull();
  });

  it('is null for opposite signs instead of NaN', () => {
    // (5/−5)^(1/3) would be NaN in floating point
    expect(actualCagr(-5, 5, 3)).toBeNull();
  });

  it('is null for two negative values', () => {
    expect(actualCagr(-10, -5, 3)).toBeNull();
  });

  it('is null when no year has passed', () => {
    expect(actualCagr(1200, 1300, 0)).toBeNull();
  });

  it('is null when either end is missing', () => {
    expect(actualCagr(null, 1300, 3)).toBeNull();
    expect(actualCagr(1200, null, 3)).toBeNull();
  });
});

describe('projection', () => {
  it('carries 1300 forward two more years at the actual pace', () => {
    // 1300 × 1.0270400² = 1300 × 1.0548112 = 1371.2546
    expect(projection(1300, actualCagr(1200, 1300, 3), 2)).toBeCloseTo(1371.2546, 3);
  });

  it('is the value itself with no years left', () => {
    expect(projection(1300, 0.027, 0)).toBe(1300);
  });

  it('is null without a growth rate', () => {
    expect(projection(1300, null, 2)).toBeNull();
  });

  it('is null for a year after the target year', () => {
    expect(projection(1300, 0.027, -1)).toBeNull();
  });
});

describe('pace ratio', () => {
  it('is a/r for an increase target', () => {
    expect(paceRatio(0.02, 0.04, 'increase')).toBe(0.5);
  });

  it('is positive for a decrease target that is falling', () => {
    // d·a/|r| = −1 × −0.02 / 0.04 = 0.5
    expect(paceRatio(-0.02, -0.04, 'decrease')).toBe(0.5);
  });

  it('is negative for a decrease target that is rising', () => {
    expect(paceRatio(0.02, -0.04, 'decrease')).toBe(-0.5);
  });

  it('follows the direction when the target lies on the wrong side of the baseline', () => {
    // increase indicator with t < b: r = −0.04, rising a = 0.02 still reads as progress, 0.02/0.04
    expect(paceRatio(0.02, -0.04, 'increase')).toBe(0.5);
  });

  it('is null when the required growth is zero', () => {
    expect(paceRatio(0.02, 0, 'increase')).toBeNull();
  });
});

describe('pace class boundaries', () => {
  // b = 1, t = 32 over 5 years: r = 32^(1/5) − 1 = 2 − 1 = 1, so R = a. Data year 2021 (1 year): a = v − 1.
  const unitPace = (value: number): PaceInput => ({ ...beds(value), baseline: 1, target: 32, year: 2021 });

  it('is 进度正常 at R = 0.95', () => {
    // v = 1.95: a = 0.95, R = 0.95/1
    expect(paceClass(unitPace(1.95))).toBe('进度正常');
  });

  it('is 需加快 just below R = 0.95', () => {
    // v = 1.949: R = 0.949
    expect(paceClass(unitPace(1.949))).toBe('需加快');
  });

  it('is 需加快 at R = 0.6', () => {
    // v = 1.6: R = 0.6 (1.6 − 1 = 0.6000000000000001 in binary)
    expect(paceClass(unitPace(1.6))).toBe('需加快');
  });

  it('is 进展有限 just below R = 0.6', () => {
    expect(paceClass(unitPace(1.599))).toBe('进展有限');
  });

  it('is 进展有限 at R = 0', () => {
    // v = b = 1: a = 0
    expect(paceClass(unitPace(1))).toBe('进展有限');
  });

  it('is 恶化 below R = 0', () => {
    // v = 0.99: a = −0.01
    expect(paceClass(unitPace(0.99))).toBe('恶化');
  });

  it('uses the bounds from the settings', () => {
    // R = 0.9 is 需加快 by default, 进度正常 when on track starts at 0.85
    expect(paceClass(unitPace(1.9))).toBe('需加快');
    expect(paceClass(unitPace(1.9), { delta: 0.1, paceOnTrack: 0.85, paceAccelerate: 0.6 })).toBe('进度正常');
  });
});

describe('pace class of real series', () => {
  it('is 需加快 for beds 1200 → 1300 by 2023', () => {
    // R = 0.027040/0.038574 = 0.7010, in [0.6, 0.95)
    expect(paceClass(beds(1300))).toBe('需加快');
  });

  it('is 进度正常 for beds 1200 → 1350 by 2023', () => {
    // a = 1.125^(1/3) − 1 = 0.040042; R = 0.040042/0.038574 = 1.0381
    expect(paceClass(beds(1350))).toBe('进度正常');
  });

  it('is 进展有限 for beds 1200 → 1220 by 2023', () => {
    // a = 1.0166667^(1/3) − 1 = 0.005525; R = 0.1432
    expect(paceClass(beds(1220))).toBe('进展有限');
  });

  it('is 恶化 for beds 1200 → 1150 by 2023', () => {
    // a = 0.9583333^(1/3) − 1 = −0.014086; R = −0.365
    expect(paceClass(beds(1150))).toBe('恶化');
  });

  it('is 已实现 when the target is already met, whatever the trend', () => {
    expect(paceClass(beds(1460, true))).toBe('已实现');
  });

  it('is 需加快 for a decrease target falling a bit too slowly', () => {
    // b = 10, t = 8: r = −0.0436475; v = 9: a = 0.9^(1/3) − 1 = −0.0345106; R = 0.0345106/0.0436475 = 0.7907
    expect(paceClass({ ...beds(9), baseline: 10, target: 8, direction: 'decrease' })).toBe('需加快');
  });

  it('is 恶化 for a decrease target that went up', () => {
    expect(paceClass({ ...beds(11), baseline: 10, target: 8, direction: 'decrease' })).toBe('恶化');
  });
});

describe('pace class that cannot be assessed', () => {
  it('is 无法评估 without a baseline', () => {
    expect(paceClass({ ...beds(1300), baseline: null })).toBe('无法评估');
  });

  it('is 无法评估 without a value', () => {
    expect(paceClass(beds(null, null))).toBe('无法评估');
  });

  it('is 无法评估 in the base year itself', () => {
    expect(paceClass({ ...beds(1200), year: 2020 })).toBe('无法评估');
  });

  it('is 无法评估 for a zero base', () => {
    expect(paceClass({ ...beds(5), baseline: 0 })).toBe('无法评估');
  });

  it('is 无法评估 for an opposite-sign base', () => {
    expect(paceClass({ ...beds(5), baseline: -3, target: 10 })).toBe('无法评估');
  });

  it('is 无法评估 when the target equals the baseline', () => {
    // r = (100/100)^(1/5) − 1 = 0
    expect(paceClass({ ...beds(98), baseline: 100, target: 100 })).toBe('无法评估');
  });

  it('is 无法评估 without a single target value', () => {
    expect(paceClass({ ...beds(1300), target: null })).toBe('无法评估');
  });

  it('is 无法评估 for a growth-rate series and computes no CAGR', () => {
    // 居民人均消费支出增速 5.0% → 6.0%: numbers a CAGR would accept, but it must not be taken
    const growthRate: PaceInput = { ...beds(6), baseline: 5, target: 7, isGrowthRate: true };
    expect(growthFigures(growthRate)).toEqual({
      requiredCagr: null,
      actualCagr: null,
      paceRatio: null,
      projection: null,
      paceClass: '无法评估',
    });
  });

  it('is 已实现 for a growth-rate series whose target is met', () => {
    expect(paceClass({ ...beds(8, true), baseline: 5, target: 7, isGrowthRate: true })).toBe('已实现');
  });
});

describe('growth figures', () => {
  it('reports r, a, R, projection and class together for beds 1200 → 1300 by 2023', () => {
    const figures = growthFigures(beds(1300));
    expect(figures.requiredCagr).toBeCloseTo(R_BEDS, 6);
    expect(figures.actualCagr).toBeCloseTo(0.02704, 6);
    expect(figures.paceRatio).toBeCloseTo(0.701, 3); // 0.027040/0.038574
    expect(figures.projection).toBeCloseTo(1371.2546, 3); // 1300 × 1.02704^(2025 − 2023)
    expect(figures.paceClass).toBe('需加快');
  });
});
