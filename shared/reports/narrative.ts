/**
 * The report narrative generated from an evaluation (REPORTS.md §1–§8): the scoreboard sentence, the binding and
 * lagging paragraphs, the problems (full and ≤ 40-character leader's variant) and the plan checks worded for print.
 * Every sentence ends in "。". Per-indicator sentences live in sentences.ts, number formatting in numbers.ts.
 */
import { baselineMeetsTarget, type EvaluatedRow, type EvaluationResult } from '../evaluation/result';
import { STATUSES, type Status } from '../evaluation/status';
import { rowFormat, rowValue } from './numbers';
import { LAGGING, MET, partNote, rowPieces, statusSentence } from './sentences';
import { wrapWords } from '../text/wrap-words';

export { formatValue } from './numbers';
export { indicatorSentence, isGrowthSeries, partNote } from './sentences';

type Result = Pick<EvaluationResult, 'rows' | 'year' | 'baseYear' | 'targetYear' | 'kind' | 'timeProgress'>;

/** At most this many indicator names in brackets, then "等". */
const MAX_NAMES = 6;

const isBinding = (r: EvaluatedRow): boolean => r.attribute === '约束性';
const isFinal = (r: Result): boolean => r.kind === 'final' || r.year >= r.targetYear;
const CN = '零一二三四五六七八九十';

/** The plan period's name from its base year: 2020 → "十四五", 2025 → "十五五"; '' for a period that is not a Five-Year Plan's. */
export const periodName = (baseYear: number, targetYear = baseYear + 5): string => {
  if (targetYear - baseYear !== 5) return '';
  const n = (baseYear - 1950) / 5;
  if (!Number.isInteger(n) || n < 1 || n > 19) return '';
  return n <= 10 ? `${n === 10 ? '十' : CN[n]}五` : `十${CN[n - 10]}五`;
};

/** "2023年是“十四五”规划实施的第三年，时序进度为60%。" (REPORTS.md §2); the target year is the 收官之年. */
export const progressOpening = (result: Result): string => {
  const name = periodName(result.baseYear);
  const plan = name === '' ? '规划' : `“${name}”规划`;
  if (isFinal(result)) return `${result.year}年是${plan}实施的收官之年。`;
  const n = result.year - result.baseYear;
  const ordinal = n >= 1 && n <= 10 ? CN[n] : String(n);
  return `${result.year}年是${plan}实施的第${ordinal}年，时序进度为${Math.round(result.timeProgress * 100)}%。`;
};

const bindingNote = (rows: EvaluatedRow[]): string => {
  const n = rows.filter(isBinding).length;
  return n > 0 ? `（其中约束性指标${n}项）` : '';
};

/** The classes after the main ones, in words: 符合要求, 尚未达到目标值, 偏离, 缺数, 需判断, 不适用. */
const OTHER_WORDS: Partial<Record<Status, { words: string; binding: boolean }>> = {
  符合要求: { words: '符合要求', binding: false },
  不符合要求: { words: '不符合要求', binding: true },
  未实现: { words: '尚未达到目标值', binding: true },
  偏离: { words: '偏离规划区间', binding: true },
  缺数: { words: '暂无统计数据', binding: false },
  需判断: { words: '为定性指标、待本单位评价', binding: false },
  无法判断: { words: '经评价无法判定', binding: false },
  不适用: { words: '无本级目标、不作评价', binding: false },
};

const OTHER_ORDER: Status[] = ['符合要求', '不符合要求', '未实现', '偏离', '完成', '未完成', '需判断', '无法判断', '缺数', '不适用'];

const othersOf = (rows: EvaluatedRow[], main: readonly Status[]): string[] =>
  [...OTHER_ORDER, ...STATUSES.filter((s) => !OTHER_ORDER.includes(s))]
    .filter((s) => !main.includes(s))
    .map((s) => {
      const members = rows.filter((r) => r.status === s);
      if (members.length === 0) return '';
      const w = OTHER_WORDS[s] ?? { words: s, binding: true };
      return `${members.length}项${w.words}${w.binding ? bindingNote(members) : ''}`;
    })
    .filter((t) => t !== '');

/**
 * The scoreboard (REPORTS.md §6): "规划确定的21项主要指标中，5项已提前实现、2项快于预期、3项基本符合预期，3项进度滞后（其中
 * 约束性指标1项），2项较基期倒退；另有1项符合要求，3项尚未达到目标值（其中约束性指标2项），2项暂无统计数据。" Empty classes
 * are left out; each bracket counts the binding rows of the class just before it. Final: "X项完成（其中超额完成Y项），Z项未完成（其中约束性指标k项）".
 */
export const scoreboard = (result: Result): string => {
  const rows = result.rows;
  const of = (...s: Status[]) => rows.filter((r) => s.includes(r.status));
  let main: string[];
  let mainStatuses: Status[];
  if (isFinal(result)) {
    mainStatuses = ['完成', '未完成'];
    const done = of('完成');
    const beyond = done.filter((r) => r.exceeded && !isBinding(r)).length;
    const notDone = of('未完成');
    main = [
      done.length > 0 ? `${done.length}项完成${beyond > 0 ? `（其中超额完成${beyond}项）` : ''}` : '',
      notDone.length > 0 ? `${notDone.length}项未完成${bindingNote(notDone)}` : '',
    ].filter((t) => t !== '');
  } else {
    mainStatuses = ['提前实现', '快于预期', '基本符合预期', '滞后', '倒退'];
    const good = (
      [
        ['提前实现', '已提前实现'],
        ['快于预期', '快于预期'],
        ['基本符合预期', '基本符合预期'],
      ] as const
    )
      .map(([s, words]) => (of(s).length > 0 ? `${of(s).length}项${words}` : ''))
      .filter((t) => t !== '');
    // Each bracket follows the class it counts: "3项进度滞后（其中约束性指标1项），2项较基期倒退".
    const lag = of('滞后');
    const back = of('倒退');
    main = [
      good.join('、'),
      lag.length > 0 ? `${lag.length}项进度滞后${bindingNote(lag)}` : '',
      back.length > 0 ? `${back.length}项较基期倒退${bindingNote(back)}` : '',
    ].filter((t) => t !== '');
  }
  const others = othersOf(rows, mainStatuses);
  const head = `规划确定的${rows.length}项主要指标中，`;
  if (rows.length === 0) return '规划未列主要指标。';
  if (main.length === 0) return `${head}${others.join('，')}。`;
  return `${head}${main.join('，')}${others.length > 0 ? `；另有${others.join('，')}` : ''}。`;
};

/**
 * The one-sentence verdict of a mid-term or annual opening (REPORTS.md §1), which the scoreboard then details:
 * "时间过半、任务过半" when nothing lags, else how many indicators need to speed up.
 */
export const verdictSentence = (result: Result): string => {
  const rows = result.rows;
  const behind = rows.filter((r) => LAGGING.has(r.status)).length;
  const onTrack = rows.filter((r) => MET.has(r.status) || r.status === '快于预期' || r.status === '基本符合预期').length;
  if (isFinal(result)) return behind === 0 ? '规划主要指标全面完成。' : `规划主要指标总体完成，${behind}项未完成。`;
  const halfway = result.kind === 'midterm';
  if (behind === 0) return halfway ? '总体看，规划主要指标进展顺利，实现了“时间过半、任务过半”。' : '总体看，规划主要指标进展顺利，均达到时序进度要求。';
  // Binding rows behind are named in the count; with half of them or more behind, the plan is not "on track".
  const binding = rows.filter((r) => r.attribute === '约束性');
  const bindingBehind = binding.filter((r) => LAGGING.has(r.status)).length;
  const count = `${behind}项指标进度滞后或尚未达到目标${bindingBehind > 0 ? `（其中约束性指标${bindingBehind}项）` : ''}`;
  if (onTrack >= behind && bindingBehind * 2 < binding.length) return `总体看，规划实施基本符合预期，但有${count}，需加快推进。`;
  if (onTrack >= behind) return `总体看，规划实施进度不平衡，有${count}，需加快推进。`;
  return `总体看，规划实施进度偏慢，有${count}。`;
};

const rank = (r: EvaluatedRow): number => {
  if (LAGGING.has(r.status)) return 0;
  if (r.status === '快于预期' || r.status === '基本符合预期') return 1;
  if (!MET.has(r.status)) return 2;
  return 3;
};

/** Names joined with 、; a name with a 、 of its own is quoted, so that two names never read as four. */
const nameList = (rows: readonly EvaluatedRow[]): string => rows.map((r) => (r.name.includes('、') ? `“${r.name}”` : r.name)).join('、');

const byRank = (rows: EvaluatedRow[], key: (r: EvaluatedRow) => number): EvaluatedRow[] =>
  rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => key(a.r) - key(b.r) || a.i - b.i)
    .map(({ r }) => r);

/** One sentence per binding row (REPORTS.md §8): unmet and lagging first, then on time, then without data, then met. */
export const bindingSummary = (result: Result, previous?: ReadonlyMap<string, number | null>): string[] =>
  byRank(result.rows.filter(isBinding), rank).map((r) => statusSentence(r, result, { goal: '约束性目标', trend: false, previous: previous?.get(r.seq) }));

/**
 * The clause on binding indicators that follows the scoreboard on the leader's page (REPORTS.md §4): "4项约束性指标中，
 * 1项已达标，3项尚未达标（…）。" or "2项约束性指标全部达标。"
 */
export const bindingOverview = (result: Result): string => {
  const rows = result.rows.filter(isBinding);
  if (rows.length === 0) return '规划未设置约束性指标。';
  const final = isFinal(result);
  const met = rows.filter((r) => MET.has(r.status));
  if (met.length === rows.length && !final) return `${rows.length}项约束性指标全部达标。`;
  const onTime = rows.filter((r) => r.status === '快于预期' || r.status === '基本符合预期');
  const bad = rows.filter((r) => LAGGING.has(r.status));
  const named = (members: EvaluatedRow[]) => nameList(members.slice(0, MAX_NAMES)) + (members.length > MAX_NAMES ? '等' : '');
  // The final evaluation names every binding row with 完成 or 未完成 (REPORTS.md §3), once, here.
  if (final) {
    const done = rows.filter((r) => r.status === '完成');
    const notDone = rows.filter((r) => r.status !== '完成');
    const parts = [
      done.length > 0 ? `${done.length}项完成（${nameList(done)}）` : '',
      notDone.length > 0 ? `${notDone.length}项${notDone.every((r) => r.status === '未完成') ? '未完成' : '未完成或无法评价'}（${nameList(notDone)}）` : '',
    ].filter((t) => t !== '');
    return `${rows.length}项约束性指标中，${parts.join('，')}。`;
  }
  const parts = [
    met.length > 0 ? `${met.length}项已达标` : '',
    onTime.length > 0 ? `${onTime.length}项进度符合预期` : '',
    bad.length > 0 ? `${bad.length}项尚未达标（${named(bad)}）` : '',
    ...(['缺数', '需判断', '不适用'] as const).map((s) => {
      const n = rows.filter((r) => r.status === s).length;
      return n > 0 ? `${n}项${OTHER_WORDS[s]?.words ?? s}` : '';
    }),
  ].filter((t) => t !== '');
  return `${rows.length}项约束性指标中，${parts.join('，')}。`;
};

/** One sentence per 滞后/倒退/未实现/偏离/不符合要求/未完成 row, binding ones first and marked, with value, gap and trend. */
export const laggingSummary = (result: Result): string[] =>
  byRank(
    result.rows.filter((r) => LAGGING.has(r.status)),
    (r) => (isBinding(r) ? 0 : 1),
  ).map((r) =>
    statusSentence(r, result, { goal: isFinal(result) ? '规划目标' : `${result.targetYear}年目标`, trend: true, prefix: isBinding(r) ? '约束性指标' : '' }),
  );

/** "养老机构护理型床位占比为42%，完成规划目标的48%，低于时序进度12个百分点": the issue of one row in a clause. */
const issueClause = (r: EvaluatedRow, result: Result): string => {
  const p = rowPieces(r, result);
  const at = p.value === null ? r.name : `${r.name}为${p.value}`;
  // A target on parts (城市、农村 against their floors) is missed by the parts that fall short: name those, not the row's value.
  const failing = r.parts.filter((x) => x.holds === false);
  if (failing.length > 0 && !MET.has(r.status)) {
    return `${r.name}（${failing.map((x) => x.label).join('、')}）未达到${failing.map((x) => x.referenceName).join('、')}`;
  }
  if (p.fullCoverage && !MET.has(r.status) && r.status !== '倒退') return `${at}，未达到100%的约束性目标`;
  if (r.status === '未完成' && p.range !== null) return `${at}，${p.range}`;
  switch (r.status) {
    case '滞后':
      return `${at}，完成规划目标的${p.completion}%，低于时序进度${p.behindTime}个百分点`;
    case '倒退':
      return p.change === null ? `${at}，较基期倒退` : `${at}，${p.change}`;
    case '偏离':
      return p.range === null ? `${at}，偏离规划区间` : `${at}，${p.range}`;
    default:
      return p.gap === null ? `${at}，${r.status}` : `${at}，距${isFinal(result) ? '规划' : ''}目标还差${p.gap}`;
  }
};

/**
 * The problems of 存在的主要问题 / 需关注的问题, numbered "1." …: binding indicators first, then indicators that went
 * backwards, lagging expected indicators, expected indicators not meeting their target, and data gaps.
 */
export const problemsFromEvaluation = (result: Result): string[] => {
  const rows = result.rows;
  const groups: [string, EvaluatedRow[]][] = [
    ['约束性指标尚未全部达标', rows.filter((r) => isBinding(r) && LAGGING.has(r.status))],
    ['部分指标较基期倒退', rows.filter((r) => !isBinding(r) && r.status === '倒退')],
    ['部分预期性指标进度滞后', rows.filter((r) => !isBinding(r) && r.status === '滞后')],
    ['部分指标尚未达到规划要求', rows.filter((r) => !isBinding(r) && ['未实现', '偏离', '不符合要求'].includes(r.status))],
    ['部分预期性指标未完成规划目标', rows.filter((r) => !isBinding(r) && r.status === '未完成')],
  ];
  const out = groups
    .filter(([, members]) => members.length > 0)
    .map(([lead, members]) => `${lead}。${members.map((r) => issueClause(r, result)).join('；')}。`);
  const missing = rows.filter((r) => r.status === '缺数');
  if (missing.length > 0) {
    const names = nameList(missing.slice(0, MAX_NAMES)) + (missing.length > MAX_NAMES ? '等' : '');
    // A numbered item never starts with a figure: "3.有17项…", not "3.17项…".
    out.push(`有${missing.length}项指标暂无统计数据（${names}），监测统计基础有待加强。`);
  }
  return out.map((t, i) => `${i + 1}.${t}`);
};

const length = (s: string): number => [...s].length;

/** Shorter names for the leader's page: without brackets, then "困难残疾人生活补贴等覆盖率". */
const nameVariants = (name: string): string[] => {
  const bare = name.replace(/（[^）]*）|\([^)]*\)/gu, '');
  const out = [name, bare];
  if (bare.includes('、')) {
    const tail = /(覆盖率|参与率|实施率|开通率|比率|比例|占比|率|数量|人数|总量|标准|面积)$/u.exec(bare)?.[1] ?? '';
    out.push(`${bare.split('、')[0]}等${tail}`);
  }
  return [...new Set(out)];
};

/** The last resort: the name cut to `room` characters with "…". */
const cutName = (name: string, room: number): string => {
  const bare = name.replace(/（[^）]*）|\([^)]*\)/gu, '');
  if ([...bare].length <= room) return bare;
  // Cut after a whole word, with "…" (never "农村最低生活保障标准占当…").
  return room >= 4 ? wrapWords(bare, room, 1)[0]! : `${[...bare].slice(0, Math.max(2, room - 1)).join('')}…`;
};

const shortTemplates = (r: EvaluatedRow, result: Result): ((name: string) => string)[] => {
  const p = rowPieces(r, result);
  const v = p.value ?? '';
  const failing = r.parts.filter((x) => x.holds === false);
  if (failing.length > 0) {
    const refs = failing.map((x) => x.referenceName).join('、');
    const labels = failing.map((x) => x.label).filter((l) => l !== '').join('、');
    // With the figures first: "城乡低保标准城市每人每月780元（全省城市低保标准低限820元）".
    return [
      (n) => `${n}${failing.map((x) => partNote(r, x)).join('、')}`,
      (n) => `${n}${labels === '' ? '' : `（${labels}）`}未达到${refs}`,
      (n) => `${n}${r.status === '未完成' ? '未完成' : '不符合要求'}`,
    ];
  }
  if (p.fullCoverage && r.status !== '倒退') return [(n) => `${n}${v}，未达100%约束性目标`, (n) => `${n}未达约束性目标`];
  // Without a single target there is no "还差": a range says how far outside it the value lies.
  const missed = (word: string): ((name: string) => string)[] =>
    p.range !== null
      ? [(n) => `${n}${v}，${p.range!.replace(/规划区间（[^）]*）/u, '区间')}`, (n) => `${n}${word}`]
      : p.gap !== null
        ? [(n) => `${n}${v}，距目标还差${p.gap}`, (n) => `${n}${word}`]
        : [(n) => `${n}${word}`];
  switch (r.status) {
    case '滞后':
      return [(n) => `${n}${v}，低于时序进度${p.behindTime}个百分点`, (n) => `${n}低于时序进度${p.behindTime}个百分点`, (n) => `${n}进度滞后`];
    case '倒退': {
      const change = p.change?.split('、')[0]?.replace(/（[^）]*）/u, '') ?? '';
      return [(n) => `${n}${v}，${change}`, (n) => `${n}较基期倒退`];
    }
    case '偏离':
      return [(n) => `${n}${v}，${(p.range ?? '偏离规划区间').replace(/规划区间（[^）]*）/u, '区间')}`, (n) => `${n}偏离规划区间`];
    case '未完成':
      return missed('未完成');
    default:
      return missed('尚未达到目标');
  }
};

const ORDER: Status[] = ['倒退', '滞后', '未实现', '偏离', '不符合要求', '未完成'];

/**
 * The leader's page (REPORTS.md §4): at most `max` problems of at most `limit` characters, binding first, then
 * 倒退, 滞后 (furthest behind first), 未实现, 偏离, 不符合要求, 未完成, then the data gap. Not numbered.
 */
export const shortProblems = (result: Result, max = 3, limit = 40): string[] => {
  const key = (r: EvaluatedRow): number => (isBinding(r) ? 0 : 100) + ORDER.indexOf(r.status) * 10;
  const behind = (r: EvaluatedRow): number => (r.status === '滞后' ? (rowPieces(r, result).behindTime ?? 0) : 0);
  // Within a class, the row furthest from its target first (a completion of −55.6% before one of 83%).
  const far = (r: EvaluatedRow): number => Math.max(-9, Math.min(9, r.completion ?? -1));
  const sorted = byRank(
    result.rows.filter((r) => LAGGING.has(r.status)),
    (r) => key(r) * 1000 - behind(r) + far(r),
  );
  const items: string[] = [];
  for (const r of sorted) {
    const templates = shortTemplates(r, result);
    const marks = (t: (n: string) => string): string[] => (isBinding(r) && !t('').includes('约束性') ? ['约束性指标', ''] : ['']);
    const fits = (among: typeof templates, names: (t: (n: string) => string) => string[]): string | null => {
      for (const t of among) for (const mark of marks(t)) for (const name of names(t)) if (length(t(mark + name)) <= limit) return t(mark + name);
      return null;
    };
    const variants = () => nameVariants(r.name);
    const cut = (t: (n: string) => string) => [cutName(r.name, limit - length(t('')))];
    // The problem with its figure first, the name shortened if it must be; a line without a figure only when even
    // that does not fit.
    const [withFigure, ...others] = templates;
    const chosen =
      fits(withFigure ? [withFigure] : [], variants) ?? fits(withFigure ? [withFigure] : [], cut) ?? fits(others, variants) ?? fits(others, cut);
    if (chosen !== null) items.push(chosen);
  }
  const missing = result.rows.filter((r) => r.status === '缺数').length;
  if (missing > 0) items.push(`有${missing}项指标暂无统计数据`);
  // Each a sentence of its own on the leader's page.
  return items.slice(0, max).map((t) => (/[。；！？]$/u.test(t) ? t : `${t}。`));
};

/** The plan checks as a report prints them: Chinese only, the indicator named first, "请核实" as "需核实". */
export const planCheckSentences = (warnings: readonly { seq: string; message: string }[]): string[] => {
  const out = warnings.map(({ seq, message }) => {
    let m = (message.split(' / ')[0] ?? '').trim();
    const table = /^表(\d+)：\S*?\s+第(\S+?)行“(.+?)”：/u.exec(m);
    if (table) m = `“${table[3]}”（规划表${table[1]}第${table[2]}行）：${m.slice(table[0].length)}`;
    else if (m.startsWith(`${seq} `)) m = m.replace(new RegExp(`^${seq.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\s+(.+?)：`, 'u'), `“$1”（第${seq}项指标）：`);
    m = m.replace(/请核实/gu, '需核实');
    return /[。；！？]$/u.test(m) ? m : `${m}。`;
  });
  // The section is in the template either way: say that the table was checked and nothing was found.
  if (out.length === 0) return ['经核对，规划主要指标表的基期值、目标值、年均增速与单位相互一致，未发现需核实之处。'];
  return [...new Set(out)];
};

/** The expected rows behind time (the binding ones have their own section in the annual report). */
export const laggingExpectedSummary = (result: Result): string[] => {
  // Before the target year only 滞后 and 倒退 are behind time: a rate still short of its target with no baseline
  // (30 → 50 → 70 → 90 toward 100%) has no pace to lag, and is among the problems as not yet at its target.
  const behind = (r: EvaluatedRow) => !isBinding(r) && (isFinal(result) || r.status === '滞后' || r.status === '倒退');
  const out = laggingSummary({ ...result, rows: result.rows.filter(behind) });
  return out.length > 0 ? out : [isFinal(result) ? '预期性指标均已完成。' : '预期性指标中没有进度滞后的指标。'];
};

/**
 * 主要进展 on the leader's page (REPORTS.md §4): up to `max` indicators that met or beat their target or time
 * progress, furthest ahead first, one figure each with the base year named: "养老机构护理型床位占比由2020年的30%提高到
 * 2025年的56.6%". A target the baseline already met says nothing about progress and is left out.
 */
export const progressHighlights = (result: Result, max = 3): string[] => {
  const good = new Set<Status>(['提前实现', '快于预期', '完成', '基本符合预期']);
  const rows = result.rows
    .filter((r) => good.has(r.status) && r.baseline !== null && r.value !== null && r.completion !== null && r.completion > 0 && !baselineMeetsTarget(r))
    .sort((a, b) => b.completion! - a.completion!)
    .slice(0, max);
  return rows.map((r) => {
    const f = rowFormat(r);
    const up = r.value! >= r.baseline!;
    return `${r.name}由${result.baseYear}年的${rowValue(f, r.baseline!)}${up ? '提高' : '降低'}到${result.year}年的${rowValue(f, r.value!)}。`;
  });
};
