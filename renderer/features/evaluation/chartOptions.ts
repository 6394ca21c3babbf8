/**
 * What the page's two charts draw, as ECharts options (pure, so tested under Node): completion of every row against
 * the time progress, coloured by status as the table's badges are; and one row's course over the plan period against
 * the straight path from its baseline to its target.
 */
import { baselineMeetsTarget, type EvaluatedRow, type EvaluationResult } from '../../../shared/evaluation/result';
import { STATUSES, type Status } from '../../../shared/evaluation/status';
import { statusLabel } from '../../../shared/evaluation/status-labels';
import type { Trend } from '../../../shared/evaluation/trend';
import { formatNumber, formatPercent } from './rows';

/** Bars longer than this are cut; the tooltip and the label give the true completion. */
const SHOWN_MAX = 150;
const SHOWN_MIN = -50;
/** Pixels per row of the completion chart, and around its grid. */
const ROW_PX = 26;
const FRAME_PX = 90;

const completionOf = (r: EvaluatedRow): number | null =>
  r.completion !== null && Number.isFinite(r.completion) && !baselineMeetsTarget(r) ? r.completion * 100 : null;

const statusWord = (s: Status): string => `${statusLabel(s).symbol} ${statusLabel(s, { upward: true }).word}`;

/** The rows the completion chart draws: those with a completion, in the plan's order. */
export const chartedRows = (result: EvaluationResult): EvaluatedRow[] => result.rows.filter((r) => completionOf(r) !== null);

export const completionChartHeight = (result: EvaluationResult): number => FRAME_PX + chartedRows(result).length * ROW_PX;

export const completionOption = (result: EvaluationResult): Record<string, unknown> => {
  const rows = chartedRows(result);
  const tau = Math.round(result.timeProgress * 1000) / 10;
  const names = rows.map((r) => `${r.seq} ${r.name}`);
  const statuses = STATUSES.filter((s) => rows.some((r) => r.status === s));
  // The axis in steps of 25%, from 0 (or −50% when a row went back) to 100% (or up to 150% for rows beyond).
  const shown = rows.map((r) => Math.min(SHOWN_MAX, Math.max(SHOWN_MIN, completionOf(r)!)));
  const axisMin = Math.min(0, ...shown) < 0 ? SHOWN_MIN : 0;
  const axisMax = Math.max(100, Math.ceil(Math.max(tau, ...shown) / 25) * 25);
  return {
    animation: false,
    grid: { left: 8, right: 60, top: 36, bottom: 24, containLabel: true },
    legend: { top: 0, data: statuses.map(statusWord) },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const r = rows[p.dataIndex]!;
        return [`${r.seq} ${r.name}`, `完成进度 ${formatPercent(r.completion)}（时序进度 ${tau}%）`, `${r.value === null ? '—' : formatNumber(r.value)} ${r.unit}，目标 ${r.target}`, statusWord(r.status)].join('<br/>');
      },
    },
    xAxis: { type: 'value', min: axisMin, max: axisMax, interval: 25, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 220, overflow: 'truncate' } },
    series: statuses.map((s, i) => {
      const label = statusLabel(s);
      return {
        type: 'bar',
        name: statusWord(s),
        stack: 'completion',
        barMaxWidth: 16,
        itemStyle: { color: `#${label.fill}`, borderColor: `#${label.font}`, borderWidth: 1 },
        label: { show: true, position: 'right', color: `#${label.font}`, formatter: (p: { dataIndex: number }) => formatPercent(rows[p.dataIndex]!.completion) },
        data: rows.map((r, k) => (r.status === s ? shown[k] : null)),
        // The time progress once, on the first series: a dashed line across all rows.
        ...(i === 0 ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#333' }, label: { position: 'start', formatter: `时序进度 ${tau}%` }, data: [{ xAxis: tau }] } } : {}),
      };
    }),
  };
};

/** The straight path from the baseline to the target, year by year; null where the target is not a number. */
const straightPath = (trend: Trend, years: number[]): (number | null)[] =>
  trend.baseline === null || trend.targetValue === null
    ? years.map(() => null)
    : years.map((y) => trend.baseline! + ((trend.targetValue! - trend.baseline!) * (y - trend.baseYear)) / (trend.targetYear - trend.baseYear));

export const trendOption = (trend: Trend): Record<string, unknown> => {
  const years = Array.from({ length: trend.targetYear - trend.baseYear + 1 }, (_, i) => trend.baseYear + i);
  const values = years.map((y) => (y === trend.baseYear ? trend.baseline : trend.points.find((p) => p.year === y)?.value ?? null));
  const path = straightPath(trend, years);
  const unit = trend.unit ? `（${trend.unit}）` : '';
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['实际值', ...(path.some((v) => v !== null) ? ['目标路径'] : [])] },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '缺数' : `${formatNumber(v)}${trend.unit}`) },
    xAxis: { type: 'category', data: years.map((y) => `${y}年`) },
    yAxis: { type: 'value', name: unit, scale: true },
    series: [
      { type: 'line', name: '实际值', data: values, connectNulls: false, symbolSize: 7, label: { show: true, formatter: (p: { value: number | null }) => (p.value === null ? '' : formatNumber(p.value)) } },
      ...(path.some((v) => v !== null)
        ? [{ type: 'line', name: '目标路径', data: path, symbol: 'none', lineStyle: { type: 'dashed' }, markLine: { silent: true, symbol: 'none', label: { position: 'insideEndTop', formatter: `目标 ${trend.target}` }, data: [{ yAxis: trend.targetValue }] } }]
        : []),
    ],
  };
};
