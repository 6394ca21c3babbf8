/**
 * How a status is shown on paper and screen: its word (final tables distinguish 超额完成), a symbol that survives
 * black-and-white printing, a fill colour, and the scoreboard sentence of REPORTS.md §6. Pure; shared by the xlsx
 * export, the reports and the renderer so that all three use the same symbols.
 */
import type { EvaluationResult } from './result';
import { STATUSES, type Status } from './status';

export interface StatusLabel {
  /** The word as printed: the status, or 超额完成 for a final 完成 that went beyond the target. */
  word: string;
  /** One character from GB2312, so that 宋体 prints it: ● ◎ ○ ▲ ▼ × ◇ — ？ */
  symbol: string;
  /** Background colour, six hex digits (RRGGBB). */
  fill: string;
  /** Text colour, six hex digits (RRGGBB). */
  font: string;
}

const GOOD = { fill: 'C6EFCE', font: '006100' };
const AHEAD = { fill: 'DDEFD3', font: '006100' };
const ON_TIME = { fill: 'EEF6E8', font: '375623' };
const LAGGING = { fill: 'FFEB9C', font: '9C5700' };
const BAD = { fill: 'FFC7CE', font: '9C0006' };
const DEVIATION = { fill: 'FCE4D6', font: '843C0C' };
const NONE = { fill: 'EDEDED', font: '404040' };
const JUDGE = { fill: 'DDEBF7', font: '1F4E78' };

const LABELS: Record<Status, Omit<StatusLabel, 'word'>> = {
  提前实现: { symbol: '●', ...GOOD },
  快于预期: { symbol: '◎', ...AHEAD },
  基本符合预期: { symbol: '○', ...ON_TIME },
  滞后: { symbol: '▲', ...LAGGING },
  倒退: { symbol: '▼', ...BAD },
  未实现: { symbol: '×', ...BAD },
  偏离: { symbol: '◇', ...DEVIATION },
  符合要求: { symbol: '●', ...GOOD },
  不符合要求: { symbol: '×', ...BAD },
  缺数: { symbol: '—', ...NONE },
  不适用: { symbol: '—', ...NONE },
  // A qualitative row the bureau judges: no question mark in a document sent upward.
  需判断: { symbol: '△', ...JUDGE },
  无法判断: { symbol: '？', ...NONE },
  完成: { symbol: '●', ...GOOD },
  未完成: { symbol: '×', ...BAD },
};

/** The label of a row's status; a binding row is only ever 完成/未完成 (REPORTS.md §6), never 超额完成. */
export const statusLabel = (status: Status, options: { exceeded?: boolean; binding?: boolean; upward?: boolean } = {}): StatusLabel => {
  // 需判断 is the bureau's to judge: a document sent upward (a report, the league workbook) says 待评价.
  const word = status === '完成' && options.exceeded === true && options.binding !== true ? '超额完成' : status === '需判断' && options.upward === true ? '待评价' : status;
  return { word, ...LABELS[status] };
};

/** "● 提前实现": the symbol and the word, as a cell or a table shows them. */
export const statusText = (status: Status, options: { exceeded?: boolean; binding?: boolean } = {}): string => {
  const l = statusLabel(status, options);
  return `${l.symbol} ${l.word}`;
};

/** The legend line under a table: each symbol used in the result once, with its words. */
export const statusLegend = (statuses: readonly Status[], options: { upward?: boolean } = {}): string => {
  const bySymbol = new Map<string, string[]>();
  // The verdicts first, in the ladder's order; "no verdict" (缺数, 不适用) last.
  const order = [...STATUSES.filter((s) => s !== '缺数' && s !== '不适用'), '缺数', '不适用'] as const;
  for (const s of order) {
    if (!statuses.includes(s)) continue;
    const { symbol, word } = statusLabel(s, options);
    bySymbol.set(symbol, [...(bySymbol.get(symbol) ?? []), word]);
  }
  return [...bySymbol].map(([symbol, words]) => `${symbol} ${words.join('/')}`).join('  ');
};

const PHRASES: Partial<Record<Status, string>> = {
  提前实现: '已提前实现',
  滞后: '进度滞后',
  倒退: '较基期倒退',
  需判断: '待本单位评价',
  无法判断: '无法判断',
  缺数: '缺少数据',
};

/**
 * "规划确定的21项主要指标中，3项已提前实现、2项快于预期、1项进度滞后（其中约束性指标1项）、15项缺少数据": classes in
 * the order of the status ladder, empty classes left out; a final evaluation says how many of the 完成 exceeded.
 */
export const scoreboardSentence = (result: Pick<EvaluationResult, 'rows'>): string => {
  const parts: string[] = [];
  for (const s of STATUSES) {
    const rows = result.rows.filter((r) => r.status === s);
    if (rows.length === 0) continue;
    let part = `${rows.length}项${PHRASES[s] ?? s}`;
    const binding = rows.filter((r) => r.attribute === '约束性').length;
    if ((s === '滞后' || s === '倒退' || s === '未完成' || s === '未实现') && binding > 0) part += `（其中约束性指标${binding}项）`;
    const beyond = rows.filter((r) => r.exceeded && r.attribute !== '约束性').length;
    if (s === '完成' && beyond > 0) part += `（其中超额完成${beyond}项）`;
    parts.push(part);
  }
  return `规划确定的${result.rows.length}项主要指标中，${parts.length > 0 ? parts.join('、') : '无可评价的指标'}`;
};
