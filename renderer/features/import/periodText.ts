/** "2023年", "2023年12月 当月", "2023年第4季度 本季" as the clerk's reports word a value's period. */
export const periodText = (v: { year: number; period: string; periodKind: string | null }): string => {
  const q = /^(\d{4})Q([1-4])$/.exec(v.period);
  const m = /^(\d{4})-(\d{2})$/.exec(v.period);
  const when = q ? `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度` : m ? `${m[1]}年${Number(m[2])}月` : `${v.year}年`;
  return v.periodKind ? `${when} ${v.periodKind}` : when;
};
