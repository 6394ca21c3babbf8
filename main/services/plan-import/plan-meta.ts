/** A plan's id, the name of its Five-Year period and its evaluation schedule, as DESIGN.md sets them. */
import type { PlanSchedule } from '../../../shared/types';

const FYP_NAMES: Record<number, string> = { 2020: '十四五', 2025: '十五五', 2015: '十三五', 2030: '十六五', 2010: '十二五' };

/** "十五五" for 2025–2030; a period that is not a Five-Year Plan is named by its years. */
export const fypName = (baseYear: number, targetYear: number): string =>
  targetYear - baseYear === 5 && FYP_NAMES[baseYear] ? FYP_NAMES[baseYear] : `${baseYear + 1}—${targetYear}年`;

export const defaultPlanId = (region: string, baseYear: number, targetYear: number): string => `p${region}-${baseYear}-${targetYear}`;

/** Lower-case ASCII letters, digits and "-", starting with a letter; a message when not. */
export const checkPlanId = (id: string): string | null =>
  /^[a-z][a-z0-9-]{0,63}$/.test(id)
    ? null
    : `规划编号“${id.slice(0, 40)}”只能用小写英文字母、数字和“-”，且以字母开头（如 p532322-2025-2030）。 / A plan id is lower-case letters, digits and "-", starting with a letter.`;

/** The schedule the plan's own sentences set: 年度监测, the mid-term year (2028年…中期评估) and the final year. */
export const scheduleFrom = (text: string | null, baseYear: number, targetYear: number): PlanSchedule => {
  const t = text ?? '';
  const mid = /(\d{4})\s*年[^。；，,]{0,12}中期评估/.exec(t);
  const midYear = mid ? Number(mid[1]) : null;
  return {
    annual: t === '' || /年度|每年|监测/.test(t),
    midterm: midYear !== null && midYear > baseYear && midYear < targetYear ? midYear : null,
    final: targetYear,
    text: t,
  };
};
