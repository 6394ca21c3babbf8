/** Pure words of the 操作日志: an action's name and a subject ("532322 2023") with the region's name in it. */
const ACTIONS: Record<string, string> = { lock: '锁定', unlock: '解锁', set: '填报' };

export const actionWord = (action: string): string => ACTIONS[action] ?? action;

/** "532322 2023" → "双柏县（532322） 2023年"; a subject of another shape keeps its words, its region named. */
export const subjectText = (subject: string, names: ReadonlyMap<string, string>): string => {
  const [code, ...rest] = subject.split(' ');
  const region = code && names.has(code) ? `${names.get(code)}（${code}）` : (code ?? '');
  return [region, ...rest.map((w) => (/^\d{4}$/.test(w) ? `${w}年` : w))].join(' ');
};
