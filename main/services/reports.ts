/**
 * `pwb report` and the app's report button: evaluates, builds the chosen template (built-in by kind, or the
 * user's file), and writes PDF or Word by the file's extension. Also keeps the bureau's own paragraphs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors';
import { baselineMeetsTarget, type EvaluationResult } from '../../shared/evaluation/result';
import type { EvaluationKind } from '../../shared/types';
import { templatesDir } from '../catalog/paths';
import type { ReadDb, WriteDb } from '../db/types';
import { buildReport, trendSelectionKey, type ReportContext } from '../reports/build';
import type { ReportDocument } from '../../shared/reports/document';
import type { Plan } from '../../shared/types';
import { childRegions } from '../db/queries/regions';
import { leagueTable } from './league';
import { dataChecks } from './data-checks';
import type { LeagueTable } from '../../shared/evaluation/league';
import { barelyMoved, completionChart, flatSummary, flatValue, trendChart, trendSeriesFrom, type TrendSeries } from '../reports/charts';
import { parseReportTemplate, readTemplate } from '../reports/template';
import { writeFileAtomic } from '../reports/write-file';
import { defaultKind, evaluatePlan, requirePlan } from './evaluate';
import { planWarnings } from './plans';
import { regionTreeOf } from './context';

export type ReportKind = EvaluationKind | 'summary' | 'table';

export interface ReportInput {
  plan: string;
  region?: string;
  year: number;
  kind: ReportKind;
  out: string;
  template?: string;
  /** The date printed on the report; blank (for the bureau to fill in) by default. */
  date?: string;
  /** Append the internal annex 规划指标口径核对 (the template's `planChecks` otherwise; off by default). */
  planChecks?: boolean;
}

/** The date line a bureau fills in by hand when it sets none: never silently today (REPORTS.md). */
export const BLANK_DATE = '　　年　　月　　日';

/** "2024-03-01", "2024/3/1" or "2024年3月1日" → "2024年3月1日"; anything else is refused. */
export const reportDate = (text: string | undefined): string | null => {
  if (text === undefined || text.trim() === '') return null;
  const t = text.trim().normalize('NFKC');
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/u.exec(t);
  const ok = m && (() => {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1949 && y <= 2100;
  })();
  if (!m || !ok) throw new UserError('bad-input', `报告日期“${text.slice(0, 40)}”无法识别，请写作 2026-03-01 或 2026年3月1日。 / Unreadable report date.`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
};

export const paragraphsOf = (db: ReadDb, plan: string, region: string, year: number, kind: EvaluationKind): Map<string, string> =>
  new Map(
    db
      .prepare<[string, string, number, string], { key: string; text: string }>(
        'SELECT key, text FROM report_paragraph WHERE plan_id = ? AND region_code = ? AND year = ? AND kind = ?',
      )
      .all(plan, region, year, kind)
      .map((r) => [r.key, r.text]),
  );

/** The longest text of one of the bureau's paragraphs (about sixteen pages of 3号 仿宋). */
export const MAX_PARAGRAPH_CHARS = 10_000;

export const listReportParagraphs = (db: ReadDb, input: { plan: string; region?: string; year: number; kind: EvaluationKind }): { key: string; text: string }[] => {
  const plan = requirePlan(db, input.plan);
  return [...paragraphsOf(db, plan.id, input.region ?? plan.regionCode, input.year, input.kind)].map(([key, text]) => ({ key, text }));
};

export const setReportParagraph = (
  db: WriteDb,
  input: { plan: string; region?: string; year: number; kind: EvaluationKind; key: string; text: string; by: string },
): { key: string } => {
  const plan = requirePlan(db, input.plan);
  // Every cost is capped before it is spent: a report lays out its paragraphs line by line.
  const chars = [...input.text].length;
  if (chars > MAX_PARAGRAPH_CHARS) {
    throw new UserError(
      'bad-input',
      `段落过长：${chars.toLocaleString('en')} 字，每段至多 ${MAX_PARAGRAPH_CHARS.toLocaleString('en')} 字（约十余页），请精简或分段写入不同栏目。 / A paragraph may have at most ${MAX_PARAGRAPH_CHARS} characters.`,
    );
  }
  if (!/^[a-z][a-z0-9-]*$/.test(input.key)) throw new UserError('bad-input', `段落名“${input.key}”无效（如 problems、measures）。 / Invalid paragraph key.`);
  // An empty text removes the paragraph: the report prints the template's prompt in its place again.
  if (input.text.trim() === '') {
    db.prepare('DELETE FROM report_paragraph WHERE plan_id = ? AND region_code = ? AND year = ? AND kind = ? AND key = ?').run(
      plan.id,
      input.region ?? plan.regionCode,
      input.year,
      input.kind,
      input.key,
    );
    return { key: input.key };
  }
  db.prepare(
    `INSERT INTO report_paragraph (plan_id, region_code, year, kind, key, text, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(plan_id, region_code, year, kind, key) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(plan.id, input.region ?? plan.regionCode, input.year, input.kind, input.key, input.text, input.by, new Date().toISOString());
  return { key: input.key };
};

const TREND_LAGGING: ReadonlySet<string> = new Set(['滞后', '倒退', '未实现', '未完成']);

/**
 * The rows a trend chart draws: those with a numeric target and a value, among the binding or lagging rows, or the
 * 序号 a template lists (each must be in the plan's table; a row without a numeric target cannot be drawn).
 */
const trendRows = (result: EvaluationResult, selection: 'binding' | 'lagging' | string[], templateFile: string): string[] => {
  const drawable = result.rows.filter((r) => r.targetValue !== null && r.value !== null && !baselineMeetsTarget(r));
  if (selection === 'binding') return drawable.filter((r) => r.attribute === '约束性').map((r) => r.seq);
  if (selection === 'lagging') return drawable.filter((r) => TREND_LAGGING.has(r.status)).map((r) => r.seq);
  for (const seq of selection) {
    if (!result.rows.some((r) => r.seq === seq)) {
      throw new UserError('template-invalid', `报告模板 ${path.basename(templateFile)}：趋势图的序号“${seq}”不在规划主要指标表中。 / Trend chart row ${seq} is not in the plan's table.`);
    }
  }
  return selection.filter((seq) => drawable.some((r) => r.seq === seq));
};

/**
 * Row names as a report prints them: a name the plan's table ends with a stray mark ("环保节能火化炉数量（个）；", as
 * transcribed) loses it in sentences, tables and charts; the evaluation keeps the name as printed.
 */
const stripMark = (name: string): string => name.replace(/[；;，,。、:：\s]+$/u, '');
const forPrint = (result: EvaluationResult): EvaluationResult => ({
  ...result,
  rows: result.rows.map((r) => ({ ...r, name: stripMark(r.name), printedName: stripMark(r.printedName) })),
});

/** The league table's row names as the report prints them (stripMark). */
const leagueOf = (t: LeagueTable): LeagueTable => ({ ...t, columns: t.columns.map((c) => ({ ...c, name: stripMark(c.name) })) });

/**
 * Everything a report is made of, as plain data: the template's text, the plan, the evaluations of the report's year and
 * of each earlier year of the period, the bureau's paragraphs, the date, the league table. A report is rendered from
 * these alone, so that an issued report (签发) kept with its inputs prints the same bytes again after later corrections.
 */
export interface ReportInputs {
  kind: ReportKind;
  template: { name: string; source: string };
  plan: Plan;
  result: EvaluationResult;
  /** Each earlier year of the plan period, oldest first. */
  earlier: EvaluationResult[];
  planWarnings: { table: number; seq: string; message: string }[];
  planChecks?: boolean;
  /** 数据核验 for the internal annex, when it is asked for. */
  dataChecks?: { findings: string[]; more: number; scope: string } | null;
  paragraphs: [string, string][];
  /** The date printed (YYYY年M月D日), or BLANK_DATE. */
  date: string;
  planRegionName: string;
  league: LeagueTable | null;
}

/** `templateText`: the template's text as kept with an issued report (not read from its file again). */
export const reportInputs = (db: ReadDb, input: Omit<ReportInput, 'out'> & { templateText?: { name: string; source: string } }): ReportInputs => {
  const date = reportDate(input.date);
  const plan = requirePlan(db, input.plan);
  const templateFile = input.templateText?.name ?? input.template ?? path.join(templatesDir(), 'reports', `${input.kind}.yml`);
  const source = input.templateText?.source ?? readTemplate(templateFile);
  const template = parseReportTemplate(source, templateFile);
  const evalKind: EvaluationKind = input.kind === 'summary' || input.kind === 'table' ? defaultKind(plan, input.year) : input.kind;
  const result = forPrint(evaluatePlan(db, { plan: plan.id, year: input.year, kind: evalKind, ...(input.region ? { region: input.region } : {}) }));
  // Each earlier year of the plan period, evaluated once: the previous year's values, the `years` columns and the
  // trend charts all read these.
  const earlier = Array.from({ length: Math.max(0, input.year - plan.baseYear - 1) }, (_, i) =>
    forPrint(evaluatePlan(db, { plan: plan.id, year: plan.baseYear + 1 + i, region: result.region })),
  );
  const annex = input.planChecks ?? template.planChecks;
  return {
    kind: input.kind,
    template: { name: templateFile, source },
    plan,
    result,
    earlier,
    planWarnings: planWarnings(db, plan).map((w) => ({ table: w.table, seq: w.seq, message: w.message })),
    ...(input.planChecks !== undefined ? { planChecks: input.planChecks } : {}),
    ...(annex ? { dataChecks: dataChecksOf(db, plan, result, input.year) } : {}),
    paragraphs: [...paragraphsOf(db, plan.id, result.region, input.year, result.kind)],
    date: date ?? BLANK_DATE,
    planRegionName: regionTreeOf(db).regions.get(plan.regionCode)?.name ?? plan.regionCode,
    // The sub-regions' league table, for a template that attaches it (a region without sub-regions has none).
    league: template.blocks.some((b) => 'league' in b) && childRegions(db, result.region).length > 0 ? leagueOf(leagueTable(db, { plan: plan.id, year: input.year, region: result.region, kind: result.kind })) : null,
  };
};

/** 数据核验 of the values the report uses: the region's and its sub-regions', from the year after the base year. */
const dataChecksOf = (db: ReadDb, plan: Plan, result: EvaluationResult, year: number): NonNullable<ReportInputs['dataChecks']> => {
  const { findings, more } = dataChecks(db, { plan: plan.id, region: result.region, year });
  const below = childRegions(db, result.region).length > 0 ? '及其下级地区' : '';
  return { findings: findings.map((f) => f.message), more, scope: `${result.regionName}${below}${plan.baseYear}—${year}年` };
};

/** The report's document (titles, paragraphs, tables, charts) built from its inputs. */
export const reportDocument = (inputs: ReportInputs): ReportDocument => {
  const { result, earlier } = inputs;
  const template = parseReportTemplate(inputs.template.source, inputs.template.name);
  const history = new Map(earlier.map((e) => [e.year, new Map(e.rows.map((r) => [r.seq, r.value]))]));
  const ctx: ReportContext = {
    result,
    plan: inputs.plan,
    planWarnings: inputs.planWarnings,
    ...(inputs.planChecks !== undefined ? { planChecks: inputs.planChecks } : {}),
    ...(inputs.dataChecks ? { dataChecks: inputs.dataChecks } : {}),
    previous: history.get(result.year - 1) ?? new Map<string, number | null>(),
    history,
    historyRows: new Map(earlier.map((e) => [e.year, new Map(e.rows.map((r) => [r.seq, r]))])),
    paragraphs: new Map(inputs.paragraphs),
    date: inputs.date,
    planRegionName: inputs.planRegionName,
    charts: { completion: completionChart(result), trends: new Map() },
    league: inputs.league,
  };
  // Each trend selection the template names: the rows' values by year against the straight target path.
  for (const b of template.blocks) {
    if (!('chart' in b)) continue;
    const key = trendSelectionKey(b);
    if (key === null || ctx.charts.trends.has(key)) continue;
    const seqs = trendRows(result, b.chart === 'trend' ? b.rows : 'binding', inputs.template.name);
    // A row of the binding or lagging selection that never changed (100% every year) or barely moved is named in one
    // sentence rather than drawn; rows a template lists by 序号 are drawn as asked.
    const series = trendSeriesFrom([...earlier, result], seqs).filter((s): s is TrendSeries => s !== null);
    const listed = b.chart === 'trend' && Array.isArray(b.rows);
    const still = (s: TrendSeries) => !listed && (flatValue(s) !== null || barelyMoved(s));
    const drawn = series.filter((s) => !still(s));
    ctx.charts.trends.set(key, {
      charts: drawn.map((s) => ({ title: `${s.name}（${s.unit}）变化趋势与目标路径`, svg: trendChart(s) })),
      flat: flatSummary(series.filter(still), drawn.length > 0),
    });
  }
  return buildReport(template, ctx);
};

/** The file's bytes; `createdAt` fixes the document's own creation time (an issued report's, so that it prints again the same). */
export const renderReport = async (inputs: ReportInputs, format: 'pdf' | 'docx', createdAt?: Date): Promise<Buffer> => {
  const doc = reportDocument(inputs);
  // The writers (pdfmake, docx, resvg, fflate) load when the first report is written, not with every command.
  if (format === 'pdf') return (await (await import('../reports/pdf')).pdfBytes(doc, createdAt)).buffer;
  return (await import('../reports/docx')).docxBytes(doc, createdAt);
};

export const reportFormat = (out: string): 'pdf' | 'docx' => {
  const ext = path.extname(out).toLowerCase();
  if (ext !== '.pdf' && ext !== '.docx') throw new UserError('bad-input', `报告文件名应以 .pdf 或 .docx 结尾：${out} / The report file must end in .pdf or .docx.`);
  // Checked before anything is built or kept: an issued report is never stored without its file.
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError('file-not-found', `报告所在文件夹不存在：${dir}。 / The folder of the report does not exist: ${dir}.`);
  return ext === '.pdf' ? 'pdf' : 'docx';
};

export const writeReport = async (
  db: ReadDb,
  input: ReportInput,
): Promise<{ file: string; format: 'pdf' | 'docx'; pages?: number; bytes: number; date: string | null }> => {
  const format = reportFormat(input.out);
  const inputs = reportInputs(db, input);
  const buffer = await renderReport(inputs, format);
  writeFileAtomic(input.out, buffer);
  return { file: input.out, format, bytes: buffer.length, date: inputs.date === BLANK_DATE ? null : inputs.date };
};

/**
 * 报告's preview: the PDF a `writeReport` of the same input would write, as base64 for the page to draw (pdf.js) —
 * nothing is written to disk, and the template is the built-in one of the kind.
 */
export const previewReport = async (db: ReadDb, input: Omit<ReportInput, 'out' | 'template'>): Promise<{ pdf: string; bytes: number; date: string | null }> => {
  const inputs = reportInputs(db, input);
  const buffer = await renderReport(inputs, 'pdf');
  return { pdf: buffer.toString('base64'), bytes: buffer.length, date: inputs.date === BLANK_DATE ? null : inputs.date };
};
