/**
 * `pwb report` and the app's report button: evaluates, builds the chosen template (built-in by kind, or the
 * user's file), and writes PDF or Word by the file's extension. Also keeps the bureau's own paragraphs.
 */
import path from 'node:path';
import { UserError } from '../../shared/errors';
import type { EvaluationKind } from '../../shared/types';
import { templatesDir } from '../catalog/paths';
import type { ReadDb, WriteDb } from '../db/types';
import { buildReport, type ReportContext } from '../reports/build';
import { completionChart, trendChart, trendSeriesMany } from '../reports/charts';
import { writeDocx } from '../reports/docx';
import { writePdf } from '../reports/pdf';
import { loadReportTemplate } from '../reports/template';
import { defaultKind, evaluatePlan, requirePlan } from './evaluate';
import { planWarnings } from './plans';

export type ReportKind = EvaluationKind | 'summary' | 'table';

export interface ReportInput {
  plan: string;
  region?: string;
  year: number;
  kind: ReportKind;
  out: string;
  template?: string;
  /** The date printed on the report; today by default. */
  date?: string;
}

const chineseDate = (d: Date): string => `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;

const paragraphsOf = (db: ReadDb, plan: string, region: string, year: number, kind: EvaluationKind): Map<string, string> =>
  new Map(
    db
      .prepare<[string, string, number, string], { key: string; text: string }>(
        'SELECT key, text FROM report_paragraph WHERE plan_id = ? AND region_code = ? AND year = ? AND kind = ?',
      )
      .all(plan, region, year, kind)
      .map((r) => [r.key, r.text]),
  );

export const listReportParagraphs = (db: ReadDb, input: { plan: string; region?: string; year: number; kind: EvaluationKind }): { key: string; text: string }[] => {
  const plan = requirePlan(db, input.plan);
  return [...paragraphsOf(db, plan.id, input.region ?? plan.regionCode, input.year, input.kind)].map(([key, text]) => ({ key, text }));
};

export const setReportParagraph = (
  db: WriteDb,
  input: { plan: string; region?: string; year: number; kind: EvaluationKind; key: string; text: string; by: string },
): { key: string } => {
  const plan = requirePlan(db, input.plan);
  if (!/^[a-z][a-z0-9-]*$/.test(input.key)) throw new UserError('bad-input', `段落名“${input.key}”无效（如 problems、measures）。 / Invalid paragraph key.`);
  db.prepare(
    `INSERT INTO report_paragraph (plan_id, region_code, year, kind, key, text, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(plan_id, region_code, year, kind, key) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(plan.id, input.region ?? plan.regionCode, input.year, input.kind, input.key, input.text, input.by, new Date().toISOString());
  return { key: input.key };
};

export const writeReport = async (db: ReadDb, input: ReportInput): Promise<{ file: string; format: 'pdf' | 'docx'; pages?: number; bytes: number }> => {
  const ext = path.extname(input.out).toLowerCase();
  if (ext !== '.pdf' && ext !== '.docx') throw new UserError('bad-input', `报告文件名应以 .pdf 或 .docx 结尾：${input.out} / The report file must end in .pdf or .docx.`);
  const plan = requirePlan(db, input.plan);
  const templateFile = input.template ?? path.join(templatesDir(), 'reports', `${input.kind}.yml`);
  const template = loadReportTemplate(templateFile);
  const evalKind: EvaluationKind = input.kind === 'summary' || input.kind === 'table' ? defaultKind(plan, input.year) : input.kind;
  const result = evaluatePlan(db, { plan: plan.id, year: input.year, kind: evalKind, ...(input.region ? { region: input.region } : {}) });
  const previousYear = input.year - 1;
  const previous = new Map<string, number | null>();
  if (previousYear > plan.baseYear) {
    for (const r of evaluatePlan(db, { plan: plan.id, year: previousYear, region: result.region }).rows) previous.set(r.seq, r.value);
  }
  const ctx: ReportContext = {
    result,
    plan,
    planWarnings: planWarnings(db, plan).map((w) => ({ seq: w.seq, message: w.message })),
    previous,
    paragraphs: paragraphsOf(db, plan.id, result.region, input.year, result.kind),
    date: input.date ?? chineseDate(new Date()),
    charts: { completion: completionChart(result), trends: [] },
  };
  if (template.blocks.some((b) => 'chart' in b && b.chart === 'trend-binding')) {
    // The binding indicators with a numeric target: their values by year against the straight target path.
    const seqs = result.rows.filter((r) => r.attribute === '约束性' && r.targetValue !== null && r.value !== null).map((r) => r.seq);
    const years = Array.from({ length: input.year - plan.baseYear }, (_, i) => plan.baseYear + 1 + i);
    trendSeriesMany(db, { plan: plan.id, region: result.region, years, rowSeqs: seqs }).forEach((s) => {
      if (s) ctx.charts.trends.push({ title: `${s.name}（${s.unit}）变化趋势与目标路径`, svg: trendChart(s) });
    });
  }
  const doc = buildReport(template, ctx);
  if (ext === '.pdf') {
    const { bytes } = await writePdf(doc, input.out);
    return { file: input.out, format: 'pdf', bytes };
  }
  const { bytes } = await writeDocx(doc, input.out);
  return { file: input.out, format: 'docx', bytes };
};
