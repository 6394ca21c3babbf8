/** Pure helpers of the indicator table: number formatting and the status badge style. */
import type { EvaluatedRow } from '../../../shared/evaluation/result';
import { statusLabel } from '../../../shared/evaluation/status-labels';

export const formatNumber = (x: number | null, digits = 2): string => {
  if (x === null) return '—';
  const rounded = Number(x.toFixed(digits));
  return rounded.toLocaleString('zh-CN', { maximumFractionDigits: digits });
};

export const formatPercent = (x: number | null, digits = 1): string => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);

export const badge = (row: EvaluatedRow): { text: string; style: { background: string; color: string } } => {
  const label = statusLabel(row.status, { exceeded: row.exceeded, binding: row.attribute === '约束性' });
  return { text: `${label.symbol} ${label.word}`, style: { background: `#${label.fill}`, color: `#${label.font}` } };
};

const JUDGED = { met: '达到', unmet: '未达到', unknown: '无法判断' } as const;

/** A qualitative row's judgement for the year: "判断：达到（说明，张三）", or null when not judged. */
export const judgementText = (row: EvaluatedRow): string | null =>
  row.judgement ? `判断：${JUDGED[row.judgement.result]}${row.judgement.note ? `，${row.judgement.note}` : ''}（${row.judgement.by}）` : null;

/** An adjusted target with its document: "调整后目标（双民发〔2027〕8号，自2027年起；原目标950）". */
export const adjustmentText = (row: EvaluatedRow): string | null =>
  row.targetSource === 'adjusted' && row.adjustment
    ? `调整后目标（${row.adjustment.doc}，自${row.adjustment.fromYear}年起；原目标${row.adjustment.printedTarget}）`
    : null;

/** The same indicator in the upper plans: "上级规划 楚雄州…：目标 1600，完成 45.0%，▲ 滞后". */
export const upperTexts = (row: EvaluatedRow): string[] =>
  (row.upper ?? []).map((u) => {
    const label = statusLabel(u.status, { exceeded: false, binding: false });
    return `上级规划“${u.planTitle}”第${u.seq}项：目标 ${u.target}${u.completion !== null ? `，完成 ${formatPercent(u.completion)}` : ''}，${label.symbol} ${label.word}`;
  });
