/** The reports the app writes, by the names they are printed and saved under. */
import type { EvaluationKind } from '../../../shared/types';

export type ReportKind = EvaluationKind | 'summary' | 'table';

export const REPORT_NAMES: Record<ReportKind, string> = { annual: '年度监测报告', midterm: '中期评估报告', final: '总结评估报告', summary: '评估摘要', table: '指标完成情况表' };

export const REPORT_KINDS = Object.keys(REPORT_NAMES) as ReportKind[];

/** 总结评估 is of the target year only, 年度监测 and 中期评估 of the years before it; 摘要 and the table of any year. */
export const kindFits = (kind: ReportKind, year: number, targetYear: number): boolean =>
  !(kind === 'annual' || kind === 'midterm' || kind === 'final') || (kind === 'final') === (year === targetYear);

export const kindLabel = (kind: ReportKind): string => (kind === 'summary' ? '评估摘要（一页）' : REPORT_NAMES[kind]);
