/**
 * Report templates: YAML files in templates/reports/ that a bureau can copy and edit without programming. A
 * template sets the page and lists blocks — title, headings, paragraphs with {{placeholders}}, lists, the indicator
 * table with chosen columns, charts, the bureau's own paragraphs, a signature. A mistake is reported with its line.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LineCounter, parseDocument, Node } from 'yaml';
import { yamlModule } from '../lazy-modules';
import { z } from 'zod';
import { UserError } from '../../shared/errors';

export const TABLE_COLUMNS = [
  'seq', 'name', 'unit', 'attribute', 'baseline', 'target', 'previous', 'years', 'value', 'yearChange', 'change', 'completion', 'timeProgress', 'status', 'pace', 'note',
] as const;
export type TableColumnKey = (typeof TABLE_COLUMNS)[number];

const text = z.string();
const BlockSchema = z.union([
  z.object({ title: text }).strict(),
  z.object({ subtitle: text }).strict(),
  z.object({ heading: text }).strict(),
  z.object({ heading2: text }).strict(),
  z.object({ heading3: text }).strict(),
  z.object({ paragraph: text }).strict(),
  z.object({ list: z.union([text, z.array(text)]) }).strict(),
  z.object({
    table: z
      .object({
        title: text.optional(),
        columns: z.array(z.enum(TABLE_COLUMNS)).min(2),
        rows: z.enum(['all', 'binding', 'lagging', 'summary']).default('all'),
        limit: z.number().int().positive().optional(),
        fontSize: z.number().min(6).max(16).default(10.5),
        note: text.optional(),
      })
      .strict(),
  }).strict(),
  z.object({ chart: z.enum(['completion', 'trend-binding']) }).strict(),
  // Trend charts of chosen rows: binding, lagging (滞后, 倒退, 未实现, 未完成 …) or the rows' 序号 as the plan prints them.
  z.object({ chart: z.literal('trend'), rows: z.union([z.enum(['binding', 'lagging']), z.array(z.union([z.string(), z.number()]).transform(String)).min(1)]) }).strict(),
  z.object({ bureau: z.object({ key: z.string().regex(/^[a-z][a-z0-9-]*$/), heading: text.optional(), placeholder: text }).strict() }).strict(),
  z.object({ signature: z.array(text).min(1) }).strict(),
  // An attachment's head: "附件1" at the top left, the title centred below it (GB/T 9704).
  z.object({ attachment: text, label: text.default('附件') }).strict(),
  // A table for the bureau to fill in (重大工程项目 where the plan lists none): headers and empty rows.
  z.object({ blankTable: z.object({ title: text.optional(), columns: z.array(text).min(2), rows: z.number().int().min(1).max(40).default(5), fontSize: z.number().min(6).max(16).default(10.5) }).strict() }).strict(),
  // true: a new page; landscape/portrait: a new page in that orientation for what follows (a wide table as an attachment).
  z.object({ pageBreak: z.union([z.literal(true), z.enum(['landscape', 'portrait'])]) }).strict(),
  // 附件：1.… 2.… — the attachments this report has (the league table only when there is one), numbered when several.
  z.object({ attachmentNote: z.literal(true) }).strict(),
  // The league table of the report region's sub-regions (下级地区对比) as an attachment on a new page; left out, with
  // its line in the attachment note, when the region has no sub-regions or none of them has a value.
  z.object({
    league: z
      .object({ attachment: text, label: text.default('附件'), fontSize: z.number().min(6).max(16).default(9), regionsPerTable: z.number().int().min(2).max(20).default(8) })
      .strict(),
  }).strict(),
]);
export type TemplateBlock = z.infer<typeof BlockSchema>;

export const ReportTemplateSchema = z
  .object({
    name: text,
    kind: z.enum(['annual', 'midterm', 'final', 'summary', 'table']),
    description: text.optional(),
    // The internal annex 规划指标口径核对 at the end (the bureau's own check of the plan's tables); off by default.
    planChecks: z.boolean().default(false),
    page: z
      .object({
        orientation: z.enum(['portrait', 'landscape']).default('portrait'),
        margins: z.object({ top: z.number(), bottom: z.number(), left: z.number(), right: z.number() }).optional(),
        bodySize: z.number().min(8).max(22).default(16),
        linePitch: z.number().min(10).max(40).optional(),
        pageNumbers: z.boolean().default(true),
      })
      .strict()
      .default({ orientation: 'portrait', bodySize: 16, pageNumbers: true }),
    blocks: z.array(BlockSchema).min(1),
  })
  .strict();
export type ReportTemplate = z.infer<typeof ReportTemplateSchema>;

const lineOf = (doc: ReturnType<typeof parseDocument>, counter: LineCounter, pathParts: (string | number)[]): number | null => {
  let node: unknown = doc.contents;
  let found: Node | null = null;
  const { isMap, isSeq } = yamlModule();
  for (const key of pathParts) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node)) node = node.get(Number(key), true);
    else break;
    if (node && typeof node === 'object' && 'range' in (node as object)) found = node as Node;
  }
  const range = (found as { range?: [number, number, number] } | null)?.range;
  return range ? counter.linePos(range[0]).line : null;
};

/** Parses a template, reporting the first mistake with its line and field. */
export const parseReportTemplate = (source: string, file: string): ReportTemplate => {
  const { LineCounter: Counter, parseDocument: parse } = yamlModule();
  const counter = new Counter();
  const doc = parse(source, { lineCounter: counter, prettyErrors: true });
  const name = path.basename(file);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? '?';
    throw new UserError('template-invalid', `报告模板 ${name} 第 ${line} 行格式有误：${e.message.split('\n')[0]} / Report template ${name}, line ${line}: ${e.message.split('\n')[0]}`);
  }
  const parsed = ReportTemplateSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map(String);
    const line = lineOf(doc, counter, issue.path as (string | number)[]);
    const field = where.join('.') || '(全文)';
    const hint = issue.code === 'invalid_union' ? '不是可用的块（title、heading、paragraph、list、table、chart、bureau、signature、attachment、attachmentNote、league、blankTable、pageBreak）' : issue.message;
    throw new UserError(
      'template-invalid',
      `报告模板 ${name} 第 ${line ?? '?'} 行（${field}）有误：${hint} / Report template ${name}, line ${line ?? '?'} (${field}): ${issue.message}`,
    );
  }
  checkPlaceholders(parsed.data, doc, counter, name);
  return parsed.data;
};

/** Placeholders a template may use in any text, and those that expand to several lines (only in `list`). */
export const SCALAR_PLACEHOLDERS = [
  'planTitle', 'planName', 'periodName', 'periodPlan', 'issuer', 'docNumber', 'regionName', 'planSubject', 'region', 'year', 'kindName', 'date', 'baseYear', 'targetYear',
  'timeProgress', 'yearOrdinal', 'indicatorCount', 'bindingCount', 'scoreboard', 'verdict', 'bindingOverview', 'period', 'dataSources', 'tableAttachment',
] as const;
export const LIST_PLACEHOLDERS = [
  'indicatorSentences', 'expectedSentences', 'bindingSentences', 'laggingSentences', 'laggingExpectedSentences', 'problems', 'shortProblems', 'planChecks',
  'progressHighlights', 'causes',
] as const;

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Every {{name}} must be known; a list placeholder must stand alone in a `list` block. */
const checkPlaceholders = (template: ReportTemplate, doc: ReturnType<typeof parseDocument>, counter: LineCounter, name: string): void => {
  template.blocks.forEach((block, i) => {
    const isList = 'list' in block;
    const texts = JSON.stringify(block).match(PLACEHOLDER) ?? [];
    for (const raw of texts) {
      const key = raw.replace(/[{}\s]/g, '');
      const scalar = (SCALAR_PLACEHOLDERS as readonly string[]).includes(key);
      const list = (LIST_PLACEHOLDERS as readonly string[]).includes(key);
      if (scalar || (list && isList)) continue;
      const line = lineOf(doc, counter, ['blocks', i]);
      const why = list ? `“${raw}”会展开为多行，只能单独用在 list 中` : `未知的占位符“${raw}”（可用：${SCALAR_PLACEHOLDERS.join('、')}；list 中还可用：${LIST_PLACEHOLDERS.join('、')}）`;
      throw new UserError('template-invalid', `报告模板 ${name} 第 ${line ?? '?'} 行：${why} / Report template ${name}, line ${line ?? '?'}: unknown or misplaced placeholder ${raw}`);
    }
  });
};

/** A template file's text (kept with an issued report, so that the report can be built again without the file). */
export const readTemplate = (file: string): string => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new UserError('file-not-found', `找不到报告模板 ${file}。 / Report template not found: ${file}.`);
  }
};

export const loadReportTemplate = (file: string): ReportTemplate => parseReportTemplate(readTemplate(file), file);
