/** A target on the far side of its baseline, recognised from the row alone (status and completion). */
import { describe, expect, it } from 'vitest';
import { baselineMeetsTarget } from '../../../shared/evaluation/result';
import type { Status } from '../../../shared/evaluation/status';

const row = (status: Status, completion: number | null) => ({ status, completion });

describe('baselineMeetsTarget', () => {
  it('is true for a met row short of c = 1: 节地生态安葬率 b = 70, t = 60, v = 72 → c = (72 − 70)/(60 − 70) = −0.2, 提前实现', () => {
    expect(baselineMeetsTarget(row('提前实现', -0.2))).toBe(true);
    // v = 65, between target and baseline: c = (65 − 70)/(60 − 70) = 0.5, still 完成.
    expect(baselineMeetsTarget(row('完成', 0.5))).toBe(true);
  });

  it('is true for an unmet row beyond c = 1: b = 70, t = 60, v = 55 on a rising indicator → c = 1.5, 未完成', () => {
    expect(baselineMeetsTarget(row('未完成', 1.5))).toBe(true);
  });

  it('is false on the right side: met at c ≥ 1, unmet below it, and for a falling value (倒退)', () => {
    expect([row('提前实现', 1.2), row('完成', 1), row('快于预期', 0.8), row('滞后', 0.3), row('倒退', -0.4), row('未完成', 0.9)].map(baselineMeetsTarget)).toEqual([
      false, false, false, false, false, false,
    ]);
  });

  it('is false at c = 1 whatever the status (a strict target ＞30 reached exactly is unmet at c = 1), and without a judgement or completion', () => {
    expect([row('未完成', 1), row('需判断', 1.5), row('缺数', null), row('符合要求', null)].map(baselineMeetsTarget)).toEqual([false, false, false, false]);
  });
});
