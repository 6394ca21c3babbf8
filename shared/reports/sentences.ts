/**
 * One indicator in words (REPORTS.md §7): the progress sentence of the report body, and the shorter statements of
 * the binding and lagging paragraphs. Built only from the evaluated row: the status decides the verdict, the
 * numbers are rounded for reading by numbers.ts; nothing here re-judges an indicator.
 */
import { baselineMeetsTarget, printedBaselineDiffers, type EvaluatedPart, type EvaluatedRow, type EvaluationResult } from '../evaluation/result';
import { atLeast, greaterThan, roundTo } from '../evaluation/round';
import type { Status } from '../evaluation/status';
import { parseTarget, type CompareOp, type RangeTarget, type Target } from '../targets/grammar';
import {
  differenceUnit,
  num,
  percentOf,
  percentText,
  rowDifference,
  rowFormat,
  printedRelative,
  rowValue,
  shownCompletion,
  shownSign,
  withUnit,
  type RowFormat,
} from './numbers';

/** The parts of a result a sentence needs. */
export type SentenceContext = Pick<EvaluationResult, 'year' | 'baseYear' | 'targetYear' | 'kind' | 'timeProgress'>;

/** Statuses that say the target is met (for y < T or y = T). */
export const MET: ReadonlySet<Status> = new Set<Status>(['提前实现', '完成', '符合要求']);
/** The lagging family of REPORTS.md §8: named in the lagging paragraph and among the problems. */
export const LAGGING: ReadonlySet<Status> = new Set<Status>(['滞后', '倒退', '未实现', '偏离', '不符合要求', '未完成']);
const LADDER: ReadonlySet<Status> = new Set<Status>(['快于预期', '基本符合预期', '滞后']);

/** A series that is itself a growth rate (城乡低保标准年度增速): never given a CAGR or a trend. */
export const isGrowthSeries = (row: Pick<EvaluatedRow, 'name'>): boolean => /增速|增长率|增幅/u.test(row.name);

interface Facts {
  row: EvaluatedRow;
  ctx: SentenceContext;
  f: RowFormat;
  target: Target;
  final: boolean;
  binding: boolean;
  /** The year's label: "2023年". */
  head: string;
}

const factsOf = (row: EvaluatedRow, ctx: SentenceContext): Facts => ({
  row,
  ctx,
  f: rowFormat(row),
  target: parseTarget(row.target),
  final: ctx.kind === 'final' || ctx.year >= ctx.targetYear,
  binding: row.attribute === '约束性',
  head: `${row.name}${ctx.year}年`,
});

const compareOp = (t: Target): CompareOp | null => (t.kind === 'compare' || t.kind === 'relative' ? t.op : null);

const A = (x: Facts): string => rowValue(x.f, x.row.value ?? 0);

/** The target as written, with the unit added where the plan prints it only in the unit column: "≥55" → "≥55%". */
const targetText = (x: Facts): string => {
  const t = x.target;
  const written = x.row.target.trim();
  if ((t.kind === 'level' || t.kind === 'compare' || t.kind === 'cumulative') && t.quantity.unitText === '' && x.f.unit !== '') {
    const unit = x.f.points ? x.f.unit : differenceUnit(x.f.unit);
    return t.kind === 'compare' && t.suffix !== '' ? written.replace(t.suffix.trim(), `${unit}${t.suffix.trim()}`) : `${written}${unit}`;
  }
  return written;
};

/** "达到" up, "降至" down towards a target, "为" otherwise; money standards are "提高到". */
const verb = (x: Facts): string => {
  const { row, f } = x;
  if (row.value === null) return '为';
  if (row.baseline === null) return MET.has(row.status) ? '达到' : '为';
  const s = shownSign(f, row.baseline, row.value);
  if (s === 0 || row.status === '倒退') return '为';
  if (s > 0) return f.kind === 'money' ? '提高到' : '达到';
  return MET.has(row.status) || LADDER.has(row.status) ? '降至' : '为';
};

/** "较2020年提高15个百分点", "较2020年（25平方米）增加4平方米、增长16%", "与2020年持平"; null without a baseline. */
const changeClause = (x: Facts): string | null => {
  const { row, f, ctx } = x;
  const b = row.baseline;
  const v = row.value;
  if (b === null || v === null) return null;
  // The stored value of the base year, or the printed baseline when the table's note says the two differ.
  const basis = row.baselineSource === 'data' ? `（${rowValue(f, b)}）` : printedBaselineDiffers(row) ? `规划基期值（${rowValue(f, b)}）` : '';
  const year = `${ctx.baseYear}年${basis}`;
  const s = shownSign(f, b, v);
  if (s === 0) return `与${year}持平`;
  if (f.points) return `较${year}${s > 0 ? '提高' : '下降'}${rowDifference(f, b, v)}`;
  if (f.kind === 'times') return `较${ctx.baseYear}年的${rowValue(f, b)}有所${s > 0 ? '提高' : '下降'}`;
  const pct = printedRelative(f, b, v);
  const relative = pct === null ? '' : `${s > 0 ? '增长' : '下降'}${percentText(Math.abs(pct))}`;
  if (f.kind === 'money' && relative !== '') return `较${year}${relative}`;
  return `较${year}${s > 0 ? '增加' : '减少'}${rowDifference(f, b, v)}${relative === '' ? '' : `、${relative}`}`;
};

/** "比上年提高3个百分点" / "比上年增长5.2%" for an annual report, from last year's value. */
const previousClause = (x: Facts, previous: number | null | undefined): string | null => {
  const v = x.row.value;
  if (previous === null || previous === undefined || v === null) return null;
  const s = shownSign(x.f, previous, v);
  if (s === 0) return '与上年持平';
  if (x.f.points) return `比上年${s > 0 ? '提高' : '下降'}${rowDifference(x.f, previous, v)}`;
  if (previous === 0) return `比上年${s > 0 ? '增加' : '减少'}${rowDifference(x.f, previous, v)}`;
  const pct = printedRelative(x.f, previous, v);
  if (pct === null) return `比上年${s > 0 ? '增加' : '减少'}${rowDifference(x.f, previous, v)}`;
  return `比上年${s > 0 ? '增长' : '下降'}${percentText(Math.abs(pct))}`;
};

/** "10个百分点", "250人": the distance from the value to the single target. */
const gap = (x: Facts): string | null =>
  x.row.value === null || x.row.targetValue === null ? null : rowDifference(x.f, x.row.value, x.row.targetValue);

/** Words for ρ − τ given the row's status: "与时序进度持平", "略高于时序进度1.3个百分点", "低于…，进度滞后". */
export const timeWords = (status: Status, rho: number, tau: number): string => {
  const diff = roundTo(rho - tau, 1);
  const pts = `${num(Math.abs(diff), 1)}个百分点`;
  if (diff === 0) return '与时序进度持平';
  if (status === '滞后') return `低于时序进度${pts}，进度滞后`;
  if (status === '快于预期' && diff > 0) return `高于时序进度${pts}`;
  // "略" only for a small difference: 10 points below time progress is not "slightly" below it.
  const slight = Math.abs(diff) < 5 ? '略' : '';
  return `${slight}${diff > 0 ? '高于' : '低于'}时序进度${pts}`;
};

/** "完成规划目标的60%，与时序进度持平". */
const progress = (x: Facts): string | null => {
  const rho = shownCompletion(x.row);
  if (rho === null || baselineMeetsTarget(x.row)) return null;
  return `完成规划目标的${num(rho, 1)}%，${timeWords(x.row.status, rho, percentOf(x.ctx.timeProgress))}`;
};

/**
 * "按2020年以来年均增长14.5%的速度测算，预计2025年可达59%，能够完成规划目标": only before the target year, for a
 * single target not yet met and not a "keep" target, with a CAGR and projection, and never for a growth-rate series.
 */
const trendClause = (x: Facts): string | null => {
  const { row, f, ctx } = x;
  const { actualCagr: a, projection: exact, targetValue: t, value: v, baseline: b } = row;
  if (x.final || MET.has(row.status) || !(LADDER.has(row.status) || row.status === '倒退' || row.status === '未实现')) return null;
  if (a === null || exact === null || t === null || v === null || isGrowthSeries(row)) return null;
  if (x.target.kind !== 'level' && x.target.kind !== 'compare') return null;
  if (b !== null && shownSign(f, b, t) === 0) return null;
  // The rate and the projection from the figures as printed, so that a reader gets the same (44.7 × 1.299² = 75.4).
  const printed = printedCagr(f, b, v, ctx.year - ctx.baseYear);
  const g = printed ?? roundTo(a * 100, 1);
  const p = printed === null ? exact : (roundTo(v * f.factor, f.decimals) * (1 + g / 100) ** (ctx.targetYear - ctx.year)) / f.factor;
  const speed = g === 0 ? `按${ctx.baseYear}年以来的发展速度测算` : `按${ctx.baseYear}年以来年均${g > 0 ? '增长' : '下降'}${num(Math.abs(g), 1)}%的速度测算`;
  const op = compareOp(x.target);
  const up = op === null ? t > v : op === '>=' || op === '>';
  const reaches = up ? (op === '>' ? greaterThan(p, t) : atLeast(p, t)) : op === '<' ? greaterThan(t, p) : atLeast(t, p);
  if (f.kind === 'percent' && p * f.factor > 100 && reaches) return `${speed}，预计${ctx.targetYear}年前能够完成规划目标`;
  const towards = shownSign(f, v, p) === (up ? 1 : -1);
  return `${speed}，预计${ctx.targetYear}年${towards ? '可达' : '为'}${rowValue(f, p)}，${reaches ? '能够' : '难以'}完成规划目标`;
};

/** The average yearly growth in per cent at one place from the printed baseline and value; null without both. */
const printedCagr = (f: RowFormat, b: number | null, v: number, years: number): number | null => {
  if (b === null || years <= 0) return null;
  const pb = roundTo(b * f.factor, f.decimals);
  const pv = roundTo(v * f.factor, f.decimals);
  if (pb <= 0 || pv <= 0) return null;
  return roundTo(((pv / pb) ** (1 / years) - 1) * 100, 1);
};

/** "超过2025年目标12个百分点，已提前实现规划目标". */
const aheadClause = (x: Facts): string => {
  const { row, f, ctx } = x;
  const t = row.targetValue;
  if (t === null || row.value === null) return '已提前实现规划目标';
  const s = shownSign(f, t, row.value);
  if (s === 0) return '已提前实现规划目标';
  return `${s > 0 ? '超过' : '低于'}${ctx.targetYear}年目标${rowDifference(f, t, row.value)}，已提前实现规划目标`;
};

const finalClauses = (x: Facts): string[] => {
  const { row } = x;
  const g = gap(x);
  if (row.status === '完成') {
    if (row.exceeded && !x.binding && g !== null) return [`超目标${g}`, '超额完成规划目标'];
    return ['完成规划目标'];
  }
  const out: string[] = [];
  if (g !== null) out.push(`距规划目标还差${g}`);
  if (row.completion !== null && row.completion >= 0 && !baselineMeetsTarget(row)) out.push(`完成规划目标的${num(shownCompletion(row)!, 1)}%`);
  out.push('未完成规划目标');
  return out;
};

const interimClauses = (x: Facts): string[] => {
  const { row, f, ctx } = x;
  const g = gap(x);
  const gapText = g === null ? null : `距${ctx.targetYear}年目标还差${g}`;
  const withGap = f.points || f.kind === 'money';
  switch (row.status) {
    case '提前实现':
      return [aheadClause(x)];
    case '快于预期':
    case '基本符合预期':
    case '滞后':
      return [withGap ? gapText : null, progress(x)].filter((s): s is string => s !== null);
    case '倒退':
      return [gapText, '较基期倒退'].filter((s): s is string => s !== null);
    case '未实现':
      return [gapText, `尚未达到规划目标${row.baseline === null ? `（缺少${ctx.baseYear}年基期值，不测算完成进度）` : ''}`].filter(
        (s): s is string => s !== null,
      );
    default:
      return [];
  }
};

const sentence = (head: string, clauses: (string | null)[], trend: string | null = null): string =>
  `${head}${clauses.filter((c): c is string => c !== null && c !== '').join('，')}${trend ? `；${trend}` : ''}。`
    // "与上年持平，与2020年持平" is said once: "与上年及2020年持平".
    .replace(/与上年持平，与(\d{4}年)持平/u, '与上年及$1持平');

/** A binding coverage target of 100% (殡仪馆覆盖率, 接送返回率): "保持100%，约束性指标持续达标". */
const isFullCoverage = (x: Facts): boolean =>
  x.binding &&
  x.f.kind === 'percent' &&
  x.row.targetValue === 100 &&
  (x.target.kind === 'level' || (x.target.kind === 'compare' && x.target.op === '>='));

/** `previous` (last year's value, when the report knows it): 保持 only if it too was at the value. */
const coverageClauses = (x: Facts, previous?: number | null): string[] => {
  const { row, f } = x;
  if (MET.has(row.status)) {
    const steady = (v: number | null | undefined): boolean => v === null || v === undefined || shownSign(f, v, row.value ?? 0) === 0;
    const kept = row.baseline !== null && steady(row.baseline) && steady(previous);
    const done = x.final ? '完成约束性目标' : kept ? '约束性指标持续达标' : '约束性指标已达标';
    return kept ? [`保持${A(x)}`, done] : [`达到${A(x)}`, changeClause(x) ?? '', done];
  }
  const out = [`为${A(x)}`, changeClause(x) ?? ''];
  if (x.final) return [...out, '未达到100%的约束性目标', '未完成'];
  out.push('尚未达到100%的约束性目标');
  if (LADDER.has(row.status)) out.push(progress(x) ?? '');
  if (row.status === '倒退') out.push('较基期倒退');
  return out;
};

const REF_OP: Record<CompareOp, [string, string]> = {
  '>=': ['不低于', '低于'],
  '>': ['高于', '未高于'],
  '<=': ['不高于', '高于'],
  '<': ['低于', '未低于'],
};

const partFormat = (row: EvaluatedRow, p: EvaluatedPart): RowFormat =>
  rowFormat({ ...row, value: p.value, baseline: null, targetValue: p.reference, target: '', projection: null, completion: null });

/** A part in a table's note, with the figures of the sentence: "城市6.7%（城镇居民上年度人均消费支出增速4.7%）". */
export const partNote = (row: EvaluatedRow, p: EvaluatedPart): string => {
  const f = partFormat(row, p);
  const value = p.value === null ? '—' : rowValue(f, p.value);
  return `${p.label}${value}（${p.referenceName}${p.reference === null ? '暂无数据' : refShort(f, p.reference)}）`;
};

const refShort = (f: RowFormat, r: number): string =>
  f.points ? withUnit(num(r * f.factor, f.decimals), f.unit) : `${num(r * f.factor, f.decimals)}${differenceUnit(f.unit)}`;

/**
 * A target relative to another series or an outside reference, each part with its reference named: "城乡低保标准年度
 * 增速2023年城市为8.6%、农村为10.8%，分别不低于城镇居民上年度人均消费支出增速（4.2%）、…（4.7%），符合要求。"
 */
/** A row with a target per part is on the ladder of time progress, said in words. */
const PART_VERDICTS: Partial<Record<Status, string>> = {
  提前实现: '已达到规划目标',
  快于预期: '进度快于预期',
  基本符合预期: '进度基本符合预期',
  滞后: '进度滞后',
  倒退: '较基期倒退',
  未实现: '尚未达到规划目标',
};

const relativeSentence = (x: Facts): string => {
  const { row } = x;
  const op = compareOp(x.target) ?? '>=';
  const verdict = x.final
    ? row.status === '完成' ? '完成规划目标' : '未完成规划目标'
    : x.target.kind === 'parts' ? PART_VERDICTS[row.status] ?? row.status
    : row.status === '符合要求' ? '符合要求' : '不符合要求';
  if (row.parts.length === 0) {
    if (row.value === null) return `${row.name}暂无${x.ctx.year}年数据。`;
    const decided = row.status === '符合要求' || row.status === '不符合要求' || row.status === '完成' || row.status === '未完成';
    return sentence(x.head, [`为${A(x)}`, changeClause(x), `规划要求${row.target.trim()}`, decided ? verdict : '是否符合要求待本单位评价']);
  }
  const shown = row.parts.filter((p) => p.value !== null);
  if (shown.length === 0) return `${row.name}暂无${x.ctx.year}年数据。`;
  const values = shown.map((p) => `${p.label}为${rowValue(partFormat(row, p), p.value ?? 0)}`).join('、');
  const missing = shown.filter((p) => p.reference === null || p.holds === null);
  if (missing.length > 0) return `${x.head}${values}，暂无${missing.map((p) => p.referenceName).join('、')}数据，无法判断是否符合要求。`;
  const ref = (p: EvaluatedPart): string => `${p.referenceName}（${refShort(partFormat(row, p), p.reference ?? 0)}）`;
  if (shown.every((p) => p.holds === true)) {
    return sentence(x.head, [values, `${shown.length > 1 ? '分别' : ''}${REF_OP[op][0]}${shown.map(ref).join('、')}`, verdict]);
  }
  const each = shown.map((p) => {
    const f = partFormat(row, p);
    const short = !p.holds && (op === '>=' || op === '<=') ? rowDifference(f, p.reference ?? 0, p.value ?? 0) : '';
    return `${p.label}${REF_OP[op][p.holds ? 0 : 1]}${ref(p)}${short}`;
  });
  return sentence(x.head, [values, `${shown.length > 1 ? '其中' : ''}${each.join('，')}`, verdict]);
};

const rangeOf = (x: Facts): RangeTarget | null => (x.target.kind === 'range' ? x.target : null);

/** "处于规划区间（26%至36%）内" or "高于规划区间（35%至45%）上限8.3个百分点". */
const rangeClause = (x: Facts, r: RangeTarget): string => {
  const { f } = x;
  const v = x.row.value ?? 0;
  const lo = r.low.value / f.factor;
  const hi = r.high.value / f.factor;
  const interval = `规划区间（${withUnit(num(r.low.value, f.decimals), f.unit)}至${withUnit(num(r.high.value, f.decimals), f.unit)}）`;
  if (!atLeast(v, lo)) return `低于${interval}下限${rowDifference(f, v, lo)}`;
  if (!atLeast(hi, v)) return `高于${interval}上限${rowDifference(f, hi, v)}`;
  return `处于${interval}内`;
};

const rangeSentence = (x: Facts, r: RangeTarget): string => {
  const inside = MET.has(x.row.status);
  const verdict = x.final ? (inside ? '完成规划目标' : '未完成规划目标') : inside ? null : '偏离规划区间';
  return sentence(x.head, [`为${A(x)}`, changeClause(x), rangeClause(x, r), verdict]);
};

/** A five-year cumulative task ("[4.5]"): "累计完成A，为目标任务的ρ%". */
const taskSentence = (x: Facts): string => {
  const { row } = x;
  const t = row.targetValue;
  const ratio = t !== null && t !== 0 && row.value !== null ? row.value / t : null;
  const clauses = [`累计完成${A(x)}`, ratio === null ? null : `为目标任务的${num(percentOf(ratio), 1)}%`];
  if (x.final) clauses.push(row.status === '完成' ? (row.exceeded && !x.binding ? '超额完成' : '完成规划目标') : '未完成规划目标');
  else if (row.status === '提前实现') clauses.push('已提前完成目标任务');
  else if (ratio !== null) clauses.push(timeWords(row.status, percentOf(ratio), percentOf(x.ctx.timeProgress)));
  return sentence(x.head, clauses);
};

/** A status judged by hand on a text target, in words. */
const JUDGED: Partial<Record<Status, string>> = { 提前实现: '已提前实现规划目标', 完成: '完成规划目标', 未完成: '未完成规划目标' };

/**
 * The progress sentence of one indicator (REPORTS.md §7), ending in "。". `previous` is last year's value, for the
 * annual report's "比上年…" clause.
 */
export const indicatorSentence = (row: EvaluatedRow, result: SentenceContext, options: { previous?: number | null } = {}): string => {
  const x = factsOf(row, result);
  if (row.parts.length > 0 || x.target.kind === 'relative') return relativeSentence(x);
  if (x.target.kind === 'text' && row.value === null) {
    const judged = row.status === '需判断' ? '待本单位评价' : row.status === '无法判断' ? '经评价无法判定' : `经评价${JUDGED[row.status] ?? row.status}`;
    return `${row.name}规划目标为“${row.target.trim()}”，${judged}${row.judgement?.note ? `（${row.judgement.note}）` : ''}。`;
  }
  if (row.value === null) return `${row.name}暂无${result.year}年数据。`;
  const prev = previousClause(x, options.previous);
  if (row.status === '不适用') return `${x.head}${[`为${A(x)}`, prev, changeClause(x)].filter(Boolean).join('，')}；本级无对应目标，不作评价。`;
  if (row.status === '需判断' || x.target.kind === 'text') {
    const judged = row.status === '需判断' ? '待本单位评价' : `经评价${JUDGED[row.status] ?? row.status}`;
    return sentence(x.head, [`为${A(x)}`, prev, changeClause(x), `规划目标为“${row.target.trim()}”，${judged}`]);
  }
  const range = rangeOf(x);
  if (range !== null) return rangeSentence(x, range);
  if (x.target.kind === 'cumulative') return taskSentence(x);
  if (isFullCoverage(x)) {
    const [first = '', ...rest] = coverageClauses(x, options.previous);
    return sentence(x.head, [first, prev, ...rest], trendClause(x));
  }
  const clauses = [`${verb(x)}${A(x)}`, prev, changeClause(x), ...(x.final ? finalClauses(x) : interimClauses(x))];
  return sentence(x.head, clauses, trendClause(x));
};

/**
 * The short statement of a binding or lagging row: value, distance to the target and the verdict, with the trend
 * for a lagging row when `trend` is set. `goal` names the target ("约束性目标" or "2025年目标").
 */
export const statusSentence = (
  row: EvaluatedRow,
  result: SentenceContext,
  options: { goal: string; trend: boolean; prefix?: string; previous?: number | null | undefined },
): string => {
  const x = factsOf(row, result);
  const head = `${options.prefix ?? ''}${x.head}`;
  if (row.parts.length > 0 || x.target.kind === 'relative') return `${options.prefix ?? ''}${relativeSentence(x)}`;
  if (row.value === null) return `${options.prefix ?? ''}${row.name}暂无${result.year}年数据，无法判断${options.goal.replace(/^\d+年/u, '')}完成情况。`;
  if (row.status === '不适用') return `${head}为${A(x)}，本级无对应目标，不作评价。`;
  if (row.status === '需判断' || x.target.kind === 'text') return `${head}为${A(x)}，是否达到${options.goal}（${row.target.trim()}）待本单位评价。`;
  const range = rangeOf(x);
  if (range !== null) return `${options.prefix ?? ''}${rangeSentence(x, range)}`;
  const trend = options.trend ? trendClause(x) : null;
  if (isFullCoverage(x)) return sentence(head, coverageClauses(x, options.previous), trend);
  const g = gap(x);
  const toGoal = g === null ? null : `距${options.goal}（${targetText(x)}）还差${g}`;
  if (MET.has(row.status)) return sentence(head, [`为${A(x)}`, `已达到${options.goal}（${targetText(x)}）`, x.final ? (row.exceeded && !x.binding ? '超额完成' : '完成') : null]);
  switch (row.status) {
    case '快于预期':
    case '基本符合预期':
    case '滞后':
      return sentence(head, [`为${A(x)}`, toGoal, progress(x)], trend);
    case '倒退':
      return sentence(head, [`为${A(x)}`, changeClause(x), toGoal, '较基期倒退'], trend);
    case '未实现':
      return sentence(head, [`为${A(x)}`, toGoal, x.binding ? '尚未达标' : '尚未达到规划目标'], trend);
    default:
      return sentence(head, [`为${A(x)}`, toGoal, row.status === '未完成' ? '未完成' : row.status]);
  }
};

/** Internal pieces the narrative reuses for its short problem statements. */
export const rowPieces = (row: EvaluatedRow, result: SentenceContext) => {
  const x = factsOf(row, result);
  return {
    value: row.value === null ? null : A(x),
    change: changeClause(x),
    gap: gap(x),
    completion: row.completion === null ? null : num(shownCompletion(row)!, 1),
    behindTime: row.completion === null ? null : roundTo(percentOf(result.timeProgress) - shownCompletion(row)!, 1),
    range: rangeOf(x) === null || row.value === null ? null : rangeClause(x, rangeOf(x) as RangeTarget),
    fullCoverage: isFullCoverage(x),
  };
};
