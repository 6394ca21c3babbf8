/**
 * Pure words and checks of 编辑指标表: the printed fields of a main-table row a clerk may correct, in table order,
 * the draft a row starts from, and which fields a saved draft changes (one plans.editRow call each).
 */
import type { PlanRowField } from '../../../shared/api';
import type { PlanRow } from '../../../shared/types';

export type RowDraft = Record<PlanRowField, string>;

/** Columns as the printed table has them; size is the input's width in characters. */
export const ROW_FIELDS: readonly { field: PlanRowField; label: string; size: number; num?: boolean }[] = [
  { field: 'seq', label: '序号', size: 3 },
  { field: 'name', label: '指标名称', size: 16 },
  { field: 'unit', label: '单位', size: 6 },
  { field: 'baseline', label: '基期值', size: 7, num: true },
  { field: 'target', label: '目标值', size: 9, num: true },
  { field: 'growth', label: '年均增长', size: 5, num: true },
  { field: 'attribute', label: '属性', size: 5 },
  { field: 'category', label: '类别', size: 8 },
];

export const FIELD_WORDS: Record<string, string> = Object.fromEntries([...ROW_FIELDS.map((f) => [f.field, f.label]), ['position', '行位置']]);

export const ATTRIBUTES = ['预期性', '约束性'] as const;

export const draftOf = (row: PlanRow): RowDraft => ({
  seq: row.seq,
  name: row.printedName,
  unit: row.unitText,
  baseline: row.baselineText,
  target: row.targetText,
  growth: row.statedGrowthText,
  attribute: row.attribute ?? '',
  category: row.category ?? '',
});

/** The fields whose trimmed text differs from the row as stored, in table order. */
export const changedFields = (row: PlanRow, draft: RowDraft): { field: PlanRowField; value: string }[] => {
  const stored = draftOf(row);
  return ROW_FIELDS.filter(({ field }) => draft[field].trim() !== stored[field].trim()).map(({ field }) => ({ field, value: draft[field].trim() }));
};

/** "第3行（2 特困人员基本生活标准）": how a row is named in choices and confirmations. */
export const rowName = (row: PlanRow): string => `第${row.position}行（${row.seq ? `${row.seq} ` : ''}${row.printedName}）`;
