/** Status words, symbols and the scoreboard sentence as the export, the reports and the app show them. */
import { describe, expect, it } from 'vitest';
import type { EvaluatedRow } from '../../../shared/evaluation/result';
import { scoreboardSentence, statusLabel, statusLegend, statusText } from '../../../shared/evaluation/status-labels';
import type { Status } from '../../../shared/evaluation/status';

const row = (status: Status, extra: Partial<EvaluatedRow> = {}): EvaluatedRow => ({ status, attribute: '预期性', exceeded: false, ...extra }) as EvaluatedRow;

describe('status labels', () => {
  it('gives each status a symbol that prints in black and white', () => {
    expect((['提前实现', '快于预期', '基本符合预期', '滞后', '倒退', '未实现', '偏离', '缺数', '需判断'] as const).map((s) => statusText(s))).toEqual([
      '● 提前实现', '◎ 快于预期', '○ 基本符合预期', '▲ 滞后', '▼ 倒退', '× 未实现', '◇ 偏离', '— 缺数', '△ 需判断',
    ]);
  });

  it('says 超额完成 for an expected indicator beyond its target, but only 完成 for a binding one', () => {
    expect([statusLabel('完成', { exceeded: true }).word, statusLabel('完成', { exceeded: true, binding: true }).word, statusLabel('完成').word]).toEqual([
      '超额完成', '完成', '完成',
    ]);
  });

  it('lists each symbol used once in the legend', () => {
    expect(statusLegend(['缺数', '提前实现', '不适用', '提前实现'])).toBe('● 提前实现  — 缺数/不适用');
    expect(statusLegend(['需判断', '缺数'])).toBe('△ 需判断  — 缺数');
    // A document sent upward says what the bureau still has to do.
    expect(statusLegend(['需判断', '缺数'], { upward: true })).toBe('△ 待评价  — 缺数');
  });
});

describe('the scoreboard sentence', () => {
  it('counts classes in ladder order, leaves out empty ones and names binding rows among the lagging', () => {
    const rows = [row('滞后', { attribute: '约束性' }), row('提前实现'), row('滞后'), row('缺数'), row('提前实现')];
    expect(scoreboardSentence({ rows })).toBe('规划确定的5项主要指标中，2项已提前实现、2项进度滞后（其中约束性指标1项）、1项缺少数据');
  });

  it('says how many of the completed indicators exceeded their target in a final evaluation', () => {
    const rows = [row('完成', { exceeded: true }), row('完成', { exceeded: true, attribute: '约束性' }), row('未完成')];
    expect(scoreboardSentence({ rows })).toBe('规划确定的3项主要指标中，2项完成（其中超额完成1项）、1项未完成');
  });
});
