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
