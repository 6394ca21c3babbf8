/** Pure words of the 操作日志: an action's name and a subject ("532322 2023") with the region's name in it. */
const ACTIONS: Record<string, string> = {
  lock: '锁定',
  unlock: '解锁',
  set: '填报',
  import: '导入',
  undo: '撤销导入',
  target: '设定下级目标',
  'target-remove': '删除下级目标',
  'targets-import': '导入目标分解',
  'plan-import': '导入规划',
  'plan-replace': '替换规划',
  'plan-edit': '修改规划',
  'plan-add-row': '规划新增行',
  'plan-remove-row': '规划删除行',
  'plan-move-row': '规划移动行',
  'plan-adjust': '规划调整',
  'plan-judge': '定性指标判断',
  'plan-remove': '删除规划',
};

export const actionWord = (action: string): string => ACTIONS[action] ?? action;

/** "532322 2023" → "双柏县（532322） 2023年"; a subject of another shape keeps its words, its region named. */
export const subjectText = (subject: string, names: ReadonlyMap<string, string>): string => {
  const [code, ...rest] = subject.split(' ');
  const region = code && names.has(code) ? `${names.get(code)}（${code}）` : (code ?? '');
  return [region, ...rest.map((w) => (/^\d{4}$/.test(w) ? `${w}年` : w))].join(' ');
};
