/** Pure words of the 规划 page: target kinds, places of problems in a table as read, judgement results. */
import type { PlanImportProblemDto } from '../../../shared/api';

const TARGET_KINDS: Record<string, string> = {
  level: '数值',
  compare: '比较',
  range: '区间',
  cumulative: '五年累计',
  keep: '保持',
  qualitative: '定性（需人工判断）',
  relative: '对照其他指标',
};

export const targetKindWord = (kind: string): string => TARGET_KINDS[kind] ?? kind;

/** Row and column count from 1 in the table as read; 0 means the whole row, or the whole table or file. */
export const problemPlace = (p: Pick<PlanImportProblemDto, 'row' | 'column'>): string =>
  p.row === 0 ? '全表' : p.column === 0 ? `第${p.row}行` : `第${p.row}行第${p.column}列`;

/** The services say each message in Chinese, then " / " and English for the log: the clerk reads the Chinese. */
export const chinese = (message: string): string => message.split(' / ')[0] ?? message;

export const JUDGEMENT_WORDS = { met: '达到', unmet: '未达到', unknown: '无法判断' } as const;

export const periodText = (baseYear: number | null, targetYear: number | null): string =>
  baseYear !== null && targetYear !== null ? `${baseYear}—${targetYear}` : '未读到';
