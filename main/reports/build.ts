/**
 * Turns a report template and an evaluation into a ReportDocument: placeholders filled from the numbers and the
 * generated narrative, the indicator table with the chosen columns, charts, the bureau's own paragraphs (or a
 * marked place for them). The same document is then drawn as PDF and as Word.
 */
import { baselineMeetsTarget, type EvaluatedRow, type EvaluationResult } from '../../shared/evaluation/result';
import { statusLabel, statusLegend } from '../../shared/evaluation/status-labels';
import { GBT9704_PORTRAIT, type Block, type ReportDocument, type TableColumn, type TableRow } from '../../shared/reports/document';
import {
  bindingOverview,
  bindingSummary,
  indicatorSentence,
  laggingExpectedSummary,
  laggingSummary,
  partNote,
  planCheckSentences,
  progressHighlights,
  problemsFromEvaluation,
  scoreboard,
  shortProblems,
  verdictSentence,
  periodName,
} from '../../shared/reports/narrative';
import { changeSinceBase } from '../../shared/evaluation/change';
import { changeCell, num, rowFormat, rowValue, shownCompletion } from '../../shared/reports/numbers';
import type { Plan } from '../../shared/types';
import type { LeagueTable } from '../../shared/evaluation/league';
import type { LIST_PLACEHOLDERS, ReportTemplate, SCALAR_PLACEHOLDERS, TableColumnKey, TemplateBlock } from './template';
import { chartSizeMm, COMPLETION_CHART_MM, TREND_CHART_MM } from './charts';

export interface ReportContext {
  result: EvaluationResult;
  plan: Plan;
  /** The checks of the plan's tables (table number, 序号, message); only the main tables' reach a report. */
  planWarnings: { table: number; seq: string; message: string }[];
  /** Append the internal annex 内部核对材料 (规划指标口径核对, 数据核验; off unless the report or the template asks for it). */
  planChecks?: boolean;
  /** 数据核验 of the values the report uses (main/services/data-checks.ts), for the internal annex. */
  dataChecks?: { findings: string[]; more: number; scope: string } | null;
  /** The previous year's values by row seq (annual reports: 上年值, 比上年增减). */
  previous: Map<string, number | null>;
  /** Each year's values by row seq, for the years after the base year and before the report's (the `years` column). */
  history: Map<number, Map<string, number | null>>;
  /** The same years' rows by seq, for a row whose figure is its parts' (城市750、农村605). */
  historyRows?: Map<number, Map<string, EvaluatedRow>>;
  /** The bureau's own paragraphs by key. */
  paragraphs: Map<string, string>;
  /** Date printed on the report (YYYY年M月D日). */
  date: string;
  /** The name of the plan's own region (楚雄彝族自治州), for a report on a region below it. */
  planRegionName: string;
  /** The completion chart, and the trend charts of each selection a template names (see trendSelectionKey). */
  charts: {
    completion: string | null;
    /** Per selection: a chart for each row that changed, and one sentence naming the rows that never did. */
    trends: Map<string, { charts: { title: string; svg: string }[]; flat: string | null }>;
  };
  /** The sub-regions' league table, when the template has a league block and the region has sub-regions. */
  league?: LeagueTable | null;
}

/** Whether the league table says anything: some sub-region has a value on some row. */
const leagueHasValues = (t: LeagueTable | null | undefined): t is LeagueTable => !!t && t.regions.some((r) => r.rows.some((x) => x.value !== null));

/**
 * The league table as report tables: 序号 and 指标, then per sub-region its value with its status symbol and its rank
 * in brackets, a table per `perTable` sub-regions so that each fits a landscape page.
 */
const leagueTables = (t: LeagueTable, rows: EvaluatedRow[], perTable: number, fontSize: number): Block[] => {
  const byRow = new Map(rows.map((r) => [r.seq, r]));
  // Tables of even width: 10 sub-regions at 8 a table are two tables of 5.
  const size = Math.ceil(t.regions.length / Math.max(1, Math.ceil(t.regions.length / perTable)));
  const chunks: LeagueTable['regions'][] = [];
  for (let i = 0; i < t.regions.length; i += size) chunks.push(t.regions.slice(i, i + size));
  const statuses = t.regions.flatMap((r) => r.rows.map((x) => x.status));
  return chunks.map((regions, k) => ({
    kind: 'table' as const,
    title: chunks.length > 1 ? `（${k + 1}/${chunks.length}）` : '',
    columns: [
      { header: '序号', width: 3.2, align: 'center' as const },
      { header: '指标', width: 16, align: 'left' as const },
      { header: '单位', width: 4.5, align: 'center' as const },
      ...regions.map((r) => ({ header: r.name, width: 7, align: 'center' as const })),
    ],
    rows: t.columns.map((c, i) => {
      const row = byRow.get(c.seq);
      return {
        cells: [
          c.seq,
          row?.printedName ?? c.name,
          c.unit,
          ...regions.map((r) => {
            const x = r.rows[i]!;
            const label = statusLabel(x.status, { upward: true });
            if (x.value === null) return `${label.symbol}${label.word}`;
            const shown = row ? figure(row, x.value) : String(x.value);
            // A value without a judgement (不适用, or a reference missing) is printed alone: "— 85" would read as −85.
            const judged = x.status !== '缺数' && x.status !== '不适用' && x.status !== '需判断';
            return `${judged ? `${label.symbol} ` : ''}${shown}${x.rank !== null ? `（${x.rank}）` : ''}`;
          }),
        ],
        bold: row?.attribute === '约束性',
      };
    }),
    note: k === chunks.length - 1 ? `说明：括号内为在${t.regions.length}个下级地区中的排名（按完成目标进度，无进度的按数值），并列同名次，缺数、不适用和待评价的不排名。评价符号：${statusLegend(statuses, { upward: true })}` : '',
    fontSize,
  }));
};

/** A trend chart block's selection as a key: "binding", "lagging" or the 序号 joined ("6,16"). */
export const trendSelectionKey = (b: Extract<TemplateBlock, { chart: unknown }>): string | null =>
  b.chart === 'trend-binding' ? 'binding' : b.chart === 'trend' ? (typeof b.rows === 'string' ? b.rows : b.rows.join(',')) : null;

const KIND_NAMES = { annual: '年度监测', midterm: '中期评估', final: '总结评估' } as const;


const scalars = (ctx: ReportContext): Record<(typeof SCALAR_PLACEHOLDERS)[number], string> => {
  const r = ctx.result;
  return {
    planTitle: ctx.plan.title,
    // The plan's own title as issued (REPORTS.md): 《楚雄州民政事业发展“十四五”规划》, or for a region below the
    // plan's, 双柏县落实《…》.
    planName: r.region === ctx.plan.regionCode ? `《${ctx.plan.title}》` : `${r.regionName}落实《${ctx.plan.title}》`,
    periodName: periodName(r.baseYear, r.targetYear),
    periodPlan: periodName(r.baseYear, r.targetYear) === '' ? '规划' : `“${periodName(r.baseYear, r.targetYear)}”规划`,
    issuer: ctx.plan.issuer,
    docNumber: ctx.plan.docNumber ?? '',
    regionName: r.regionName,
    // Whose plan the report is about: the plan's region, or "双柏县落实楚雄彝族自治州" for a region below it, which
    // has no plan of its own here and is measured against the prefecture's.
    planSubject: r.region === ctx.plan.regionCode ? r.regionName : `${r.regionName}落实${ctx.planRegionName}`,
    region: r.region,
    year: String(r.year),
    kindName: KIND_NAMES[r.kind],
    date: ctx.date,
    baseYear: String(r.baseYear),
    targetYear: String(r.targetYear),
    timeProgress: `${Math.round(r.timeProgress * 100)}%`,
    yearOrdinal: '一二三四五六七八九十'[r.year - r.baseYear - 1] ?? String(r.year - r.baseYear),
    indicatorCount: String(r.rows.length),
    bindingCount: String(r.rows.filter((x) => x.attribute === '约束性').length),
    scoreboard: scoreboard(r),
    verdict: verdictSentence(r),
    bindingOverview: bindingOverview(r),
    period: `${r.baseYear + 1}年1月1日至${r.year}年12月31日`,
    dataSources: '民政统计季报、年报，统计年鉴及部门台账',
    // Set by buildReport once it knows how many attachments the report has.
    tableAttachment: '附件',
  };
};

const lists = (ctx: ReportContext): Record<(typeof LIST_PLACEHOLDERS)[number], string[]> => ({
  indicatorSentences: ctx.result.rows.map((row) => indicatorSentence(row, ctx.result, { previous: ctx.previous.get(row.seq) ?? null })),
  expectedSentences: ctx.result.rows
    .filter((row) => row.attribute !== '约束性')
    .map((row) => indicatorSentence(row, ctx.result, { previous: ctx.previous.get(row.seq) ?? null })),
  bindingSentences: bindingSummary(ctx.result, ctx.previous),
  laggingSentences: laggingSummary(ctx.result),
  laggingExpectedSentences: laggingExpectedSummary(ctx.result),
  problems: problemsFromEvaluation(ctx.result),
  shortProblems: shortProblems(ctx.result, 3),
  planChecks: planCheckSentences(currentPlanWarnings(ctx)),
  progressHighlights: progressHighlights(ctx.result),
  causes: causePlaceholders(ctx),
});

/**
 * The final evaluation's place for causes (REPORTS.md §3, §8): one paragraph per 未完成 or binding row, the bureau's
 * own text where saved under the key cause-序号, else a marked prompt.
 */
const causePlaceholders = (ctx: ReportContext): string[] =>
  ctx.result.rows
    .filter((r) => r.attribute === '约束性' || LAGGING.has(r.status))
    .map((r) => {
      const own = ctx.paragraphs.get(`cause-${r.seq.replace(/[^0-9a-z]/giu, '')}`);
      const word = LAGGING.has(r.status) ? (ctx.result.kind === 'final' ? '未完成' : '滞后') : '完成';
      return own?.trim() ? `${r.name}：${own.trim()}` : `${r.name}（${word}）：【此处由本单位填写：${word === '完成' ? '完成情况及主要做法' : '原因分析、已采取的措施及下一步安排'}】`;
    });

/**
 * The checks of the plan's own indicator tables: a superseded plan's table (the 13th plan's completion table printed
 * in the 14th plan) is the previous plan's arithmetic and never reaches a report, not even the internal annex.
 */
const currentPlanWarnings = (ctx: ReportContext): { seq: string; message: string }[] => {
  const completion = new Set(ctx.plan.tables.filter((t) => t.kind === 'completion').map((t) => t.tableNo));
  return ctx.planWarnings.filter((w) => !completion.has(w.table));
};

/**
 * The internal annex 规划指标口径核对: on a page of its own after everything else, marked as the bureau's working
 * material, so that what is sent upward never criticises the plan's own arithmetic.
 */
const planChecksAnnex = (ctx: ReportContext, lastOrientation: 'portrait' | 'landscape'): Block[] => [
  lastOrientation === 'landscape' ? { kind: 'pageBreak', orientation: 'portrait' } : { kind: 'pageBreak' },
  { kind: 'heading', level: 1, text: '内部核对材料（不随报告报送）' },
  { kind: 'heading', level: 2, text: '（一）规划指标口径核对' },
  { kind: 'list', items: planCheckSentences(currentPlanWarnings(ctx)) },
  ...dataCheckBlocks(ctx),
];

/**
 * （二）数据核验: the rules and outlier checks of the import run on the stored values the report uses, each finding with
 * its numbers; a final evaluation also names the rows without a value for the target year.
 */
const dataCheckBlocks = (ctx: ReportContext): Block[] => {
  const checks = ctx.dataChecks;
  if (!checks) return [];
  const { result } = ctx;
  const missingFinal =
    result.kind === 'final'
      ? result.rows
          .filter((r) => r.value === null && r.status !== '不适用')
          .map((r) => `第${r.seq}项“${r.name}”缺${result.targetYear}年数值，总结评估须有目标年份的数值，需补报。`)
      : [];
  const findings = [...missingFinal, ...checks.findings.map((f) => (/[。；！？]$/u.test(f) ? f : `${f}。`))];
  return [
    { kind: 'heading', level: 2, text: '（二）数据核验' },
    {
      kind: 'paragraph',
      text: `按统计项的校验规则（部分不超过整体、数值在合理范围内）和异常值检查（较上年变化超过10倍、与同级地区中位数相差3倍以上），核验了本报告所用的${checks.scope}数据。${findings.length === 0 ? '未发现需核实之处。' : `需核实${findings.length + checks.more}处：`}`,
    },
    ...(findings.length > 0 ? [{ kind: 'list' as const, items: checks.more > 0 ? [...findings, `另有${checks.more}处未列出。`] : findings }] : []),
  ];
};

const fill = (text: string, values: Record<string, string>): string => text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, k: string) => values[k] ?? '');

const LAGGING = new Set(['滞后', '倒退', '未实现', '偏离', '不符合要求', '未完成']);

/** A column as drawn: a template key, or one year of the `years` key. */
interface ColumnRef {
  key: TableColumnKey;
  year?: number;
}

const columnOf = ({ key, year }: ColumnRef, r: EvaluationResult): TableColumn => {
  const c: Record<TableColumnKey, TableColumn> = {
    seq: { header: '序号', width: 3.2, align: 'center' },
    name: { header: '指标名称', width: 19, align: 'left' },
    unit: { header: '单位', width: 5.5, align: 'center' },
    attribute: { header: '属性', width: 4.5, align: 'center' },
    baseline: { header: `${r.baseYear}年\n基期值`, width: 6, align: 'right' },
    target: { header: `${r.targetYear}年\n目标值`, width: 7.5, align: 'right' },
    previous: { header: `${r.year - 1}年`, width: 6, align: 'right' },
    years: { header: `${year ?? ''}年`, width: 5.5, align: 'right' },
    value: { header: `${r.year}年${r.kind === 'final' ? '\n实际' : ''}`, width: 6, align: 'right' },
    yearChange: { header: '比上年\n增减', width: 9, align: 'right' },
    change: { header: '较基期', width: 9, align: 'right' },
    completion: { header: '完成目标\n进度', width: 6, align: 'right' },
    timeProgress: { header: '时序\n进度', width: 5, align: 'right' },
    status: { header: r.kind === 'final' ? '完成情况' : '评价', width: 8, align: 'left' },
    pace: { header: '增速\n判断', width: 5.5, align: 'left' },
    note: { header: '备注', width: 11, align: 'left' },
  };
  return c[key];
};

/** A figure of the row in the row's printed unit and one precision for the whole row (shared/reports/numbers). */
const figure = (row: EvaluatedRow, x: number | null | undefined): string => {
  if (x === null || x === undefined) return '—';
  const f = rowFormat(row);
  return num(x * f.factor, f.decimals);
};

/**
 * A row with a figure per part (城市/农村) prints each part on its own line in a value cell ("城市750\n农村605"), so that
 * no single number stands for one of them unnamed; null for a row without parts' values.
 */
const partsFigure = (row: EvaluatedRow, at: EvaluatedRow | undefined): string | null => {
  const parts = (at?.parts ?? []).filter((p) => p.value !== null);
  if (parts.length < 2) return null;
  const f = rowFormat(row);
  return parts.map((p) => `${p.label}${num(p.value! * f.factor, f.decimals)}`).join('\n');
};

const cellOf = ({ key, year }: ColumnRef, row: EvaluatedRow, ctx: ReportContext, withBaseline = true, leader = false): string => {
  switch (key) {
    case 'seq':
      return row.seq;
    case 'name':
      // Attachment tables print the name as the plan prints it (其中：…, units in brackets); sentences the short form.
      return row.printedName;
    case 'unit':
      // A unit the plan left blank (the row's unit is in its name or target) is the unit its figures are in.
      return row.unit || row.valueUnit;
    case 'attribute':
      return row.attribute ?? '';
    case 'baseline':
      return `${figure(row, row.baseline)}${row.baselineSource === 'data' ? '*' : ''}`;
    case 'target':
      return row.status === '不适用' ? '—' : row.target || '—';
    case 'previous':
      return partsFigure(row, ctx.historyRows?.get(ctx.result.year - 1)?.get(row.seq) ?? undefined) ?? figure(row, ctx.previous.get(row.seq));
    case 'yearChange': {
      // Parts (城市/农村) each change from their own figure of last year.
      const last = ctx.historyRows?.get(ctx.result.year - 1)?.get(row.seq);
      const byPart = partsFigure(row, row) !== null && last ? row.parts.flatMap((p) => {
        const was = last.parts.find((q) => q.label === p.label)?.value ?? null;
        return p.value === null || was === null ? [] : [`${p.label}${changeCell({ ...row, value: p.value, baseline: null, change: null }, was)}`];
      }) : [];
      if (byPart.length >= 2) return byPart.join('\n');
      const before = ctx.previous.get(row.seq);
      // A running sum always grows: its change on last year says nothing (the year's own figure is in the note).
      if (before === null || before === undefined || row.value === null || row.yearValue !== undefined) return '—';
      return changeCell(row, before);
    }
    case 'years':
      return (year === undefined ? null : partsFigure(row, ctx.historyRows?.get(year)?.get(row.seq))) ?? figure(row, year === undefined ? null : ctx.history.get(year)?.get(row.seq));
    case 'value':
      return partsFigure(row, row) ?? figure(row, row.value);
    case 'change':
      // A row whose figure is its parts' has no one change since the base year to print unnamed.
      return partsFigure(row, row) !== null ? '—' : changeCell(row);
    case 'completion':
      // A target the baseline already met has a completion (DESIGN.md's formula) that says nothing: the note says why.
      if (baselineMeetsTarget(row) || row.completion === null) return '—';
      // The leader's page says a row fell back rather than print a negative share of the way (-80%).
      if (leader && shownCompletion(row)! < 0) return '倒退';
      return `${num(shownCompletion(row)!, 1)}%`;
    case 'timeProgress':
      return `${Math.round(row.timeProgress * 100)}%`;
    case 'status': {
      const l = statusLabel(row.status, { exceeded: row.exceeded, binding: row.attribute === '约束性', upward: true });
      return `${l.symbol} ${l.word}`;
    }
    case 'pace':
      // A row the region is not judged on (a county's 不适用) has no pace either.
      return row.status === '不适用' ? '—' : row.paceClass;
    case 'note':
      return [
        // The baseline column's asterisk says where a baseline came from; without that column, the note says it.
        row.baselineSource === 'data' && !withBaseline ? `基期值取自本地区${ctx.result.baseYear}年数据` : '',
        row.adjustment ? `目标按${row.adjustment.doc}自${row.adjustment.fromYear}年起由${row.adjustment.printedTarget}调整` : '',
        row.yearValue !== undefined ? `五年累计；当年${row.yearValue === null ? '—' : rowValue(rowFormat(row), row.yearValue)}` : '',
        row.judgement ? `经${row.judgement.by}判断${JUDGEMENT_WORDS[row.judgement.result]}${row.judgement.note ? `：${row.judgement.note}` : ''}` : '',
        ...(row.upper ?? []).map((u) => `上级规划目标${u.target}，${u.status}`),
        ...row.parts.map((p) => partNote(row, p)), ...row.warnings.map((w) => warningNote(row, w.split(' / ')[0]!))]
        .filter(Boolean)
        .join('；');
  }
};

/**
 * An evaluation's warning as a leader reads it in 备注: what the figures were computed from, not what the program
 * found odd ("规划基期值1200人与2020年数据1210不一致" → "按规划基期值1200人计算（2020年统计数据为1210人）").
 */
const warningNote = (row: EvaluatedRow, warning: string): string => {
  const differs = /^规划基期值(.+?)与(\d{4})年数据(.+?)不一致$/u.exec(warning);
  if (differs) {
    const unit = /\d$/u.test(differs[3]!) ? row.unit : '';
    return `按规划基期值${differs[1]}计算（${differs[2]}年统计数据为${differs[3]}${unit}）`;
  }
  const met = /^基期值(.+?)已达到目标(.+?)，完成进度.+无实际意义$/u.exec(warning);
  if (met) return `基期值${met[1]}已达到目标${met[2]}，不计完成进度`;
  return warning;
};

const JUDGEMENT_WORDS = { met: '达到', unmet: '未达到', unknown: '无法判断' } as const;

/** What the asterisk of a baseline says: the plan printed none (the plan's region), or the region is one below the plan's. */
const baselineFootnote = (ctx: ReportContext): string =>
  ctx.result.region === ctx.plan.regionCode
    ? `*规划未列基期值，取自本地区${ctx.result.baseYear}年统计数据。`
    : `*基期值取自${ctx.result.regionName}${ctx.result.baseYear}年统计数据（规划所列基期值为${ctx.planRegionName}的数据）。`;

const FINAL_MUTE: ReadonlySet<string> = new Set(['timeProgress', 'pace']);

const tableBlock = (spec: Extract<TemplateBlock, { table: unknown }>['table'], ctx: ReportContext, values: Record<string, string>): Block => {
  const r = ctx.result;
  let rows = r.rows;
  if (spec.rows === 'binding') rows = rows.filter((x) => x.attribute === '约束性');
  if (spec.rows === 'lagging') rows = rows.filter((x) => LAGGING.has(x.status));
  if (spec.rows === 'summary') {
    const rank = (x: EvaluatedRow) => (x.attribute === '约束性' && LAGGING.has(x.status) ? 0 : LAGGING.has(x.status) ? 1 : x.attribute === '约束性' ? 2 : 3);
    // Within a class the row furthest from its target first, so that a short table never leaves out the worst.
    // A row without a completion that missed (a range overshot, 偏离) ranks with the furthest.
    const far = (x: EvaluatedRow) => (LAGGING.has(x.status) ? (x.completion ?? -1) : 0);
    rows = [...rows].sort((a, b) => rank(a) - rank(b) || far(a) - far(b));
  }
  // A short table says how many rows behind it leaves out.
  const leftBehind = spec.limit ? rows.slice(spec.limit).filter((x) => LAGGING.has(x.status)).length : 0;
  if (spec.limit) rows = rows.slice(0, spec.limit);
  // A final evaluation is at 100% time progress and has no trend left to judge: those two columns say nothing there.
  const keys = r.kind === 'final' ? spec.columns.filter((k) => !FINAL_MUTE.has(k)) : spec.columns;
  // `years`: one column for each year after the base year and before the report's (2021 | 2022 at mid-term).
  const between = Array.from({ length: Math.max(0, r.year - r.baseYear - 1) }, (_, i) => r.baseYear + 1 + i);
  const columns = keys.flatMap((key): ColumnRef[] => (key === 'years' ? between.map((year) => ({ key, year })) : [{ key }]));
  const tableRows: TableRow[] = rows.map((row) => ({ cells: columns.map((k) => cellOf(k, row, ctx, keys.includes('baseline'), spec.rows === 'summary')), bold: row.attribute === '约束性' }));
  const anyFromData = rows.some((x) => x.baselineSource === 'data');
  return {
    kind: 'table',
    title: fill(spec.title ?? '', values),
    columns: columns.map((k) => columnOf(k, r)),
    rows: tableRows,
    note: [fill(spec.note ?? '', values), leftBehind > 0 ? `另有${leftBehind}项${r.kind === 'final' ? '未完成' : '进度滞后或未达标'}的指标未列入本表，见评估报告所附指标完成情况表。` : '', anyFromData && keys.includes('baseline') ? baselineFootnote(ctx) : '', rows.length > 0 ? `评价符号：${statusLegend(rows.map((x) => x.status), { upward: true })}` : '']
      .filter(Boolean)
      .join('\n'),
    fontSize: spec.fontSize,
  };
};

export const buildReport = (template: ReportTemplate, ctx: ReportContext): ReportDocument => {
  const values = scalars(ctx);
  const listValues = lists(ctx);
  const blocks: Block[] = [];
  const league = leagueHasValues(ctx.league) ? ctx.league : null;
  // The attachments in order, for 附件说明 and for numbering 附件 → 附件1, 附件2 when there are several.
  const attached = template.blocks.flatMap((b) =>
    'attachment' in b ? [{ label: fill(b.label, values), title: fill(b.attachment, values) }] : 'league' in b && league ? [{ label: fill(b.league.label, values), title: fill(b.league.attachment, values) }] : [],
  );
  const numbered = attached.length > 1;
  // The attachment the text cites for the indicator table: the first one.
  values.tableAttachment = numbered ? '附件1' : '附件';
  let attachmentNo = 0;
  const labelOf = (label: string): string => {
    attachmentNo++;
    return numbered && label === '附件' ? `附件${attachmentNo}` : label;
  };
  for (const b of template.blocks) {
    if ('title' in b) blocks.push({ kind: 'title', text: fill(b.title, values) });
    else if ('subtitle' in b) blocks.push({ kind: 'subtitle', text: fill(b.subtitle, values) });
    else if ('heading' in b) blocks.push({ kind: 'heading', level: 1, text: fill(b.heading, values) });
    else if ('heading2' in b) blocks.push({ kind: 'heading', level: 2, text: fill(b.heading2, values) });
    else if ('heading3' in b) blocks.push({ kind: 'heading', level: 3, text: fill(b.heading3, values) });
    else if ('paragraph' in b) blocks.push({ kind: 'paragraph', text: fill(b.paragraph, values) });
    else if ('list' in b) {
      const items = typeof b.list === 'string' ? expandList(b.list, listValues, values) : b.list.map((t) => fill(t, values));
      if (items.length > 0) blocks.push({ kind: 'list', items });
    } else if ('table' in b) blocks.push(tableBlock(b.table, ctx, values));
    else if ('chart' in b) {
      if (b.chart === 'completion' && ctx.charts.completion) {
        const size = chartSizeMm(ctx.charts.completion) ?? COMPLETION_CHART_MM;
        blocks.push({ kind: 'chart', title: `主要指标完成进度与时序进度（${ctx.result.year}年）`, svg: ctx.charts.completion, width: size.width, height: size.height });
      }
      const key = trendSelectionKey(b);
      const trends = key === null ? undefined : ctx.charts.trends.get(key);
      for (const t of trends?.charts ?? []) blocks.push({ kind: 'chart', title: t.title, svg: t.svg, width: TREND_CHART_MM.width, height: TREND_CHART_MM.height });
      if (trends?.flat) blocks.push({ kind: 'paragraph', text: trends.flat });
    } else if ('bureau' in b) {
      if (b.bureau.heading) blocks.push({ kind: 'heading', level: 1, text: fill(b.bureau.heading, values) });
      const own = ctx.paragraphs.get(b.bureau.key);
      const texts = own ? own.split(/\n+/).filter((t) => t.trim() !== '') : [`【${fill(b.bureau.placeholder, values)}】`];
      for (const t of texts) blocks.push({ kind: 'paragraph', text: t.trim() });
    } else if ('attachment' in b) blocks.push({ kind: 'attachment', label: labelOf(fill(b.label, values)), title: fill(b.attachment, values) });
    else if ('attachmentNote' in b) {
      if (attached.length > 0) blocks.push({ kind: 'attachments', titles: attached.map((a) => a.title) });
    } else if ('league' in b) {
      if (!league) continue;
      // A new page, landscape: a plain break when the pages before are landscape already (one Word section).
      const turned = blocks.filter((x): x is Extract<Block, { kind: 'pageBreak' }> => x.kind === 'pageBreak' && x.orientation !== undefined);
      const landscape = (turned[turned.length - 1]?.orientation ?? template.page.orientation) === 'landscape';
      blocks.push(landscape ? { kind: 'pageBreak' } : { kind: 'pageBreak', orientation: 'landscape' });
      blocks.push({ kind: 'attachment', label: labelOf(fill(b.league.label, values)), title: fill(b.league.attachment, values) });
      blocks.push(...leagueTables(league, ctx.result.rows, b.league.regionsPerTable, b.league.fontSize));
    }
    else if ('blankTable' in b) {
      const t = b.blankTable;
      blocks.push({
        kind: 'table',
        title: fill(t.title ?? '', values),
        columns: t.columns.map((h, i) => ({ header: fill(h, values), width: i === 0 ? 3.2 : i === 1 ? 16 : 8, align: i === 0 ? 'center' : 'left' })),
        rows: Array.from({ length: t.rows }, (_, i) => ({ cells: [String(i + 1), ...t.columns.slice(1).map(() => '')] })),
        note: '',
        fontSize: t.fontSize,
      });
    } else if ('signature' in b) blocks.push({ kind: 'signature', lines: b.signature.map((t) => fill(t, values)) });
    else if ('pageBreak' in b) blocks.push(b.pageBreak === true ? { kind: 'pageBreak' } : { kind: 'pageBreak', orientation: b.pageBreak });
  }
  if (ctx.planChecks ?? template.planChecks) {
    const turned = blocks.filter((b): b is Extract<Block, { kind: 'pageBreak' }> => b.kind === 'pageBreak' && b.orientation !== undefined);
    blocks.push(...planChecksAnnex(ctx, turned[turned.length - 1]?.orientation ?? template.page.orientation));
  }
  const page = {
    ...GBT9704_PORTRAIT,
    orientation: template.page.orientation,
    margins: template.page.margins ?? (template.page.orientation === 'landscape' ? { top: 26, bottom: 24, left: 25, right: 25 } : GBT9704_PORTRAIT.margins),
    bodySize: template.page.bodySize,
    linePitch: template.page.linePitch ?? (template.page.bodySize === 16 ? GBT9704_PORTRAIT.linePitch : template.page.bodySize * 1.75),
    pageNumbers: template.page.pageNumbers,
  };
  const title = blocks.find((b): b is Extract<Block, { kind: 'title' }> => b.kind === 'title')?.text.replace(/\s*\n\s*/g, '') ?? template.name;
  return { title, page, blocks };
};

/** A list block whose text is a single list placeholder expands to its lines; anything else is one item. */
const expandList = (text: string, lists: Record<string, string[]>, values: Record<string, string>): string[] => {
  const m = /^\s*\{\{\s*([^}]*?)\s*\}\}\s*$/.exec(text);
  if (m && lists[m[1]!]) return lists[m[1]!]!;
  return [fill(text, values)];
};
