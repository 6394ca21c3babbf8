/** Golden cases for the status of one plan indicator row (DESIGN.md "Evaluation arithmetic"), computed by hand. */

import { describe, expect, it } from 'vitest';
import { BugError } from '../../../shared/errors';
import { classifyRow, exceeded, timeProgress, type RowInput } from '../../../shared/evaluation/status';

/** 护理型床位占比 ≥55%: b = 30 (2020), t = 55 (2025), mid-term with 2023 data: τ = (2023 − 2020)/(2025 − 2020) = 0.6. */
const nursingShare = (value: number | null, conditionHolds: boolean | null): RowInput => ({
  kind: 'midterm',
  baseYear: 2020,
  targetYear: 2025,
  year: 2023,
  targetKind: 'compare',
  baseline: 30,
  target: 55,
  range: null,
  value,
  conditionHolds,
});

/** The same row in the final evaluation, 2025 data. */
const nursingShareFinal = (value: number | null, conditionHolds: boolean | null): RowInput => ({
  ...nursingShare(value, conditionHolds),
  kind: 'final',
  year: 2025,
});

/** 人均殡葬用地 target 26至36 (range), mid-term 2023. */
const rangeRow = (value: number | null): RowInput => ({
  ...nursingShare(value, null),
  targetKind: 'range',
  baseline: 40,
  target: null,
  range: { low: 26, high: 36 },
});

describe('time progress', () => {
  it('is 0.6 for mid-term 2023 data in a 2020–2025 plan', () => {
    expect(timeProgress(2020, 2025, 2023)).toBe((2023 - 2020) / (2025 - 2020)); // 3/5 = 0.6
    expect(classifyRow(nursingShare(45, false)).timeProgress).toBe(0.6);
  });

  it('refuses a plan whose target year is not after its base year', () => {
    expect(() => timeProgress(2020, 2020, 2023)).toThrow(BugError);
  });
});

describe('mid-term status ladder', () => {
  it('marks a met target as 提前实现 and still reports completion', () => {
    // v = 56 ≥ 55; c = (56 − 30)/(55 − 30) = 26/25 = 1.04
    expect(classifyRow(nursingShare(56, true))).toEqual({
      status: '提前实现',
      timeProgress: 0.6,
      completion: 1.04,
      rangeDistance: null,
    });
  });

  it('marks completion exactly τ + δ as 快于预期', () => {
    // c = (47.5 − 30)/25 = 17.5/25 = 0.7 = 0.6 + 0.1
    const row = classifyRow(nursingShare(47.5, false));
    expect(row.completion).toBe(0.7);
    expect(row.status).toBe('快于预期');
  });

  it('marks completion equal to τ as 基本符合预期', () => {
    // c = (45 − 30)/25 = 15/25 = 0.6; 0.5 ≤ 0.6 < 0.7
    const row = classifyRow(nursingShare(45, false));
    expect(row.completion).toBe(0.6);
    expect(row.status).toBe('基本符合预期');
  });

  it('marks completion exactly τ − δ as 基本符合预期', () => {
    // c = (42.5 − 30)/25 = 12.5/25 = 0.5 = 0.6 − 0.1
    expect(classifyRow(nursingShare(42.5, false)).status).toBe('基本符合预期');
  });

  it('marks completion below τ − δ but not negative as 滞后', () => {
    // c = (40 − 30)/25 = 10/25 = 0.4 < 0.5
    const row = classifyRow(nursingShare(40, false));
    expect(row.completion).toBe(0.4);
    expect(row.status).toBe('滞后');
  });

  it('marks a value still at the baseline as 滞后, not 倒退', () => {
    // c = (30 − 30)/25 = 0
    expect(classifyRow(nursingShare(30, false)).status).toBe('滞后');
  });

  it('marks a value that moved away from the target as 倒退 and says so in the note', () => {
    // c = (28 − 30)/25 = −2/25 = −0.08 < 0
    const row = classifyRow(nursingShare(28, false));
    expect(row.completion).toBe(-0.08);
    expect(row.status).toBe('倒退');
    expect(row.note).toBe('较基期反向变化');
  });

  it('compares at τ + δ with a tolerance when the sum has float noise', () => {
    // Annual 2021: τ = 1/5 = 0.2 and τ + δ = 0.2 + 0.1 = 0.30000000000000004 in binary;
    // v = 37.5 gives c = 7.5/25 = 0.3, which must count as reaching τ + δ.
    const row = classifyRow({ ...nursingShare(37.5, false), kind: 'annual', year: 2021 });
    expect(row.timeProgress).toBe(0.2);
    expect(row.status).toBe('快于预期');
  });

  it('uses the δ from the settings', () => {
    // δ = 0.05: v = 43 gives c = 13/25 = 0.52 < 0.6 − 0.05 = 0.55 (with δ = 0.1 it would be 基本符合预期)
    const settings = { delta: 0.05, paceOnTrack: 0.95, paceAccelerate: 0.6 };
    expect(classifyRow(nursingShare(43, false), settings).status).toBe('滞后');
    expect(classifyRow(nursingShare(43, false)).status).toBe('基本符合预期');
  });

  it('computes completion the right way round for a decrease target', () => {
    // b = 10, t = 8 (down), v = 9: c = (9 − 10)/(8 − 10) = −1/−2 = 0.5 → 基本符合预期
    const row = classifyRow({ ...nursingShare(9, false), baseline: 10, target: 8 });
    expect(row.completion).toBe(0.5);
    expect(row.status).toBe('基本符合预期');
  });

  it('marks a decrease target that went up as 倒退', () => {
    // b = 10, t = 8, v = 11: c = (11 − 10)/(8 − 10) = −0.5
    expect(classifyRow({ ...nursingShare(11, false), baseline: 10, target: 8 }).status).toBe('倒退');
  });

  it('counts a cumulative target without a baseline from zero', () => {
    // 适老化改造 [10000] 户, 6000 done by 2023: c = (6000 − 0)/(10000 − 0) = 0.6 → 基本符合预期
    const row = classifyRow({ ...nursingShare(6000, false), targetKind: 'cumulative', baseline: null, target: 10000 });
    expect(row.completion).toBe(0.6);
    expect(row.status).toBe('基本符合预期');
  });
});

describe('rows the ladder does not apply to', () => {
  it('marks a year without a value as 缺数 instead of guessing', () => {
    expect(classifyRow(nursingShare(null, null))).toEqual({
      status: '缺数',
      timeProgress: 0.6,
      completion: null,
      rangeDistance: null,
    });
  });

  it('marks an absolute quantity of a sub-region without its own target as 不适用', () => {
    expect(classifyRow({ ...nursingShare(null, null), notApplicable: true }).status).toBe('不适用');
  });

  it('marks a text target as 需判断', () => {
    const row = classifyRow({ ...nursingShare(45, null), targetKind: 'text', target: null });
    expect(row.status).toBe('需判断');
    expect(row.completion).toBeNull();
  });

  it('marks a single target whose condition cannot be decided as 需判断', () => {
    expect(classifyRow(nursingShare(45, null)).status).toBe('需判断');
  });

  it('marks a met relative target as 符合要求', () => {
    const row = classifyRow({ ...nursingShare(8.1, true), targetKind: 'relative', baseline: null, target: null });
    expect(row.status).toBe('符合要求');
  });

  it('marks an unmet relative target as 不符合要求', () => {
    const row = classifyRow({ ...nursingShare(5.2, false), targetKind: 'relative', baseline: null, target: null });
    expect(row.status).toBe('不符合要求');
  });

  it('marks a relative target whose reference is undecidable as 需判断', () => {
    const row = classifyRow({ ...nursingShare(5.2, null), targetKind: 'relative', baseline: null, target: null });
    expect(row.status).toBe('需判断');
  });
});

describe('range targets', () => {
  it('marks a value below the range as 偏离 with the distance to the lower bound', () => {
    // 26 − 24 = 2
    expect(classifyRow(rangeRow(24))).toEqual({
      status: '偏离',
      timeProgress: 0.6,
      completion: null,
      rangeDistance: 2,
      note: '低于区间下限2',
    });
  });

  it('marks a value above the range as 偏离 with the distance to the upper bound', () => {
    // 37.5 − 36 = 1.5
    const row = classifyRow(rangeRow(37.5));
    expect(row.status).toBe('偏离');
    expect(row.rangeDistance).toBe(1.5);
    expect(row.note).toBe('高于区间上限1.5');
  });

  it('marks a value inside the range as 提前实现 with distance 0', () => {
    const row = classifyRow(rangeRow(30));
    expect(row.status).toBe('提前实现');
    expect(row.rangeDistance).toBe(0);
  });

  it('counts a value on a bound as inside the range', () => {
    expect(classifyRow(rangeRow(26)).status).toBe('提前实现');
    expect(classifyRow(rangeRow(36)).status).toBe('提前实现');
  });

  it('marks a range target without a value as 缺数', () => {
    expect(classifyRow(rangeRow(null)).status).toBe('缺数');
  });
});

describe('rows without a usable baseline', () => {
  it('marks a met target without a baseline as 提前实现 with no completion', () => {
    const row = classifyRow({ ...nursingShare(56, true), baseline: null });
    expect(row.status).toBe('提前实现');
    expect(row.completion).toBeNull();
  });

  it('marks an unmet target without a baseline as 未实现 and shows v/t', () => {
    const row = classifyRow({ ...nursingShare(50, false), baseline: null });
    expect(row).toEqual({ status: '未实现', timeProgress: 0.6, completion: null, rangeDistance: null, note: '50/55' });
  });

  it('marks an unmet keep-at-100% target (t = b) as 未实现 with v/t', () => {
    // b = t = 100: c would divide by zero, so it does not exist
    const row = classifyRow({ ...nursingShare(98, false), baseline: 100, target: 100 });
    expect(row.status).toBe('未实现');
    expect(row.completion).toBeNull();
    expect(row.note).toBe('98/100');
  });

  it('marks a held keep-at-100% target (t = b) as 提前实现', () => {
    expect(classifyRow({ ...nursingShare(100, true), baseline: 100, target: 100 }).status).toBe('提前实现');
  });
});

describe('final evaluation', () => {
  it('marks a met target as 完成 with its completion', () => {
    // c = (56 − 30)/25 = 1.04
    const row = classifyRow(nursingShareFinal(56, true));
    expect(row).toEqual({ status: '完成', timeProgress: 1, completion: 1.04, rangeDistance: null });
  });

  it('marks an unmet target as 未完成 with its completion', () => {
    // c = (50 − 30)/25 = 20/25 = 0.8
    const row = classifyRow(nursingShareFinal(50, false));
    expect(row.status).toBe('未完成');
    expect(row.completion).toBe(0.8);
  });

  it('treats data of the target year as final even in an annual evaluation', () => {
    expect(classifyRow({ ...nursingShareFinal(50, false), kind: 'annual' }).status).toBe('未完成');
  });

  it('uses 完成/未完成 for a final evaluation called before the target year', () => {
    // kind 'final' decides even with 2024 data: the ladder is not used
    expect(classifyRow({ ...nursingShare(47.5, false), kind: 'final', year: 2024 }).status).toBe('未完成');
  });

  it('marks a missing final value as 缺数', () => {
    expect(classifyRow(nursingShareFinal(null, null)).status).toBe('缺数');
  });

  it('marks a final text target as 需判断', () => {
    expect(classifyRow({ ...nursingShareFinal(45, null), targetKind: 'text', target: null }).status).toBe('需判断');
  });

  it('marks a final sub-region quantity without its own target as 不适用', () => {
    expect(classifyRow({ ...nursingShareFinal(45, null), notApplicable: true }).status).toBe('不适用');
  });

  it('marks a final value outside the range as 未完成 with its distance', () => {
    // 26 − 24 = 2
    const row = classifyRow({ ...rangeRow(24), kind: 'final', year: 2025 });
    expect(row.status).toBe('未完成');
    expect(row.rangeDistance).toBe(2);
  });

  it('marks a final value inside the range as 完成', () => {
    expect(classifyRow({ ...rangeRow(30), kind: 'final', year: 2025 }).status).toBe('完成');
  });
});

describe('超额完成 flag', () => {
  it('flags a final value strictly beyond an increase target', () => {
    // 56 > 55, and t − b = 25 > 0
    expect(exceeded(nursingShareFinal(56, true))).toBe(true);
  });

  it('does not flag a final value exactly at the target', () => {
    expect(exceeded(nursingShareFinal(55, true))).toBe(false);
  });

  it('does not flag float noise above the target', () => {
    expect(exceeded(nursingShareFinal(55.00000000001, true))).toBe(false);
  });

  it('flags a final value strictly below a decrease target', () => {
    // b = 10, t = 8 (t − b < 0), v = 7.5 < 8
    expect(exceeded({ ...nursingShareFinal(7.5, true), baseline: 10, target: 8 })).toBe(true);
  });

  it('does not flag a keep-at-100% target held at 100', () => {
    expect(exceeded({ ...nursingShareFinal(100, true), baseline: 100, target: 100 })).toBe(false);
  });

  it('does not flag a target whose condition does not hold', () => {
    expect(exceeded(nursingShareFinal(56, false))).toBe(false);
  });

  it('does not flag anything before the final evaluation', () => {
    expect(exceeded(nursingShare(56, true))).toBe(false);
  });

  it('flags a cumulative task quantity done beyond its target', () => {
    // [10000] 户 counted from 0, 12000 done
    expect(exceeded({ ...nursingShareFinal(12000, true), targetKind: 'cumulative', baseline: null, target: 10000 })).toBe(
      true,
    );
  });
});
