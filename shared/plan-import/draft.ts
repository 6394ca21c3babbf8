/**
 * SourceDocument → PlanDraft: finds the main indicator table (the one with a target column) and any completion
 * table of the previous plan, reads column roles, the period (header years, else 十四五/十五五 in the title or
 * caption, options first), and collects problems instead of throwing. Rows are read in draft-rows.ts.
 */
import { readDocMeta } from './doc-meta';
import { readDraftRows } from './draft-rows';
import { columnRoles, headerText, headerYear, isHeaderRow, periodOf, sameHeader } from './header-roles';
import type { ColumnRole, DraftProblem, DraftTable, PlanDraft, SourceDocument, TextTable } from './types';

export interface DraftOptions {
  baseYear?: number;
  targetYear?: number;
  title?: string;
}

/** One header and the rows under it; a printed table holding a second, different header is split in two. */
interface Segment {
  caption: string;
  header: string[];
  rows: { cells: string[]; row: number }[];
  label: { zh: string; en: string };
}

const labelOf = (caption: string, n: number): { zh: string; en: string } =>
  caption !== '' ? { zh: `表“${caption}”`, en: `table "${caption}"` } : { zh: `第${n}张表`, en: `table ${n}` };

/** A second header row under the first (基期值 | 目标值 over 2025年 | 2030年): years or header words, no name. */
const CONTINUATION_CELL = /^(?:\d{4}\s*年?.*|.*(?:值|年|%|（.*）|\(.*\)))$/u;
const isHeaderContinuation = (header: readonly string[], cells: readonly string[] | undefined): boolean => {
  if (!cells) return false;
  const roles = columnRoles(header);
  const name = roles.indexOf('name');
  const filled = cells.map((c, i) => [c.trim(), i] as const).filter(([c]) => c !== '');
  return filled.length > 0 && (name < 0 || (cells[name] ?? '').trim() === '') && filled.every(([c]) => CONTINUATION_CELL.test(c) && !/^\d+(?:\.\d+)?%?$/u.test(c));
};

/** Splits a table at any second header that differs from its first; the same header again is a page repeat. */
const segmentsOf = (table: TextTable, n: number, problems: DraftProblem[]): Segment[] => {
  const caption = table.caption ?? '';
  const [first0 = [], ...rest] = table.rows;
  // A header printed over two rows is read as one: each column's words joined (目标值 + 2030年).
  const merged = isHeaderContinuation(first0, rest[0]);
  const header = merged ? first0.map((c, i) => `${c}${rest[0]![i] ?? ''}`) : first0;
  const body = merged ? rest.slice(1) : rest;
  const first: Segment = { caption, header, rows: [], label: labelOf(caption, n) };
  const segments = [first];
  let current = first;
  body.forEach((cells, i) => {
    const row = i + (merged ? 3 : 2);
    if (!isHeaderRow(cells)) current.rows.push({ cells, row });
    else if (!sameHeader(cells, current.header)) {
      problems.push({
        severity: 'error',
        row,
        column: 1,
        message: `${first.label.zh}第${row}行是另一张表的表头，两张表连在了一起；已从此行起分开读取，请分别粘贴 / Row ${row} of ${first.label.en} is the header of another table: two tables were pasted as one; read apart from this row, please paste them separately`,
      });
      current = { caption: '', header: cells, rows: [], label: { zh: `${first.label.zh}第${row}行起的表`, en: `the table from row ${row} of ${first.label.en}` } };
      segments.push(current);
    }
  });
  return segments;
};

const yearOf = (header: readonly string[], roles: readonly ColumnRole[], role: ColumnRole): { year: number; col: number } | null => {
  const col = roles.indexOf(role);
  const year = col >= 0 ? headerYear(header[col]!) : null;
  return year !== null ? { year, col } : null;
};

interface Drafted {
  table: DraftTable;
  header: string[];
  label: { zh: string; en: string };
}

/** Reads a document's tables into a plan draft; never throws for bad input, reports problems instead. */
export const draftPlan = (doc: SourceDocument, opts: DraftOptions = {}): PlanDraft => {
  const meta = readDocMeta(doc.paragraphs);
  const problems: DraftProblem[] = [];
  const segments = doc.tables.flatMap((t, i) => segmentsOf(t, i + 1, problems));
  const drafted: Drafted[] = segments.map((s) => {
    const roles = columnRoles(s.header);
    const read = readDraftRows({ rows: s.rows, roles, label: s.label });
    problems.push(...read.problems);
    const kind = roles.includes('target') || !roles.includes('final') ? 'main' : 'completion';
    const table: DraftTable = { caption: s.caption, kind, baseYear: null, targetYear: null, columns: s.header.map(headerText), roles, rows: read.rows };
    return { table, header: s.header, label: s.label };
  });

  const mains = drafted.filter((d) => d.table.roles.includes('target'));
  for (const d of mains.filter((x) => x.table.rows.length === 0)) {
    problems.push({ severity: 'error', row: 2, column: 0, message: `${d.label.zh}表头下没有指标行 / ${d.label.en} has no indicator rows under its header` });
  }
  const completions = drafted.filter((d) => !d.table.roles.includes('target') && d.table.roles.includes('final'));
  if (doc.tables.length === 0) {
    problems.push({ severity: 'error', row: 0, column: 0, message: `${doc.file}中没有找到指标表（应有“序号/指标名称/目标值”等表头） / No indicator table found in ${doc.file} (expected a header such as 序号/指标名称/目标值)` });
  } else if (mains.length === 0) {
    for (const d of drafted) {
      problems.push({ severity: 'error', row: 1, column: 0, message: `${d.label.zh}没有目标值列（如“2025年目标值”），无法作为规划指标表 / ${d.label.en} has no target column (such as 2025年目标值), so it is not a plan's indicator table` });
    }
  }
  for (const d of drafted.filter((x) => !mains.includes(x) && !completions.includes(x) && mains.length > 0)) {
    problems.push({ severity: 'warning', row: 1, column: 0, message: `${d.label.zh}既无目标值列也无完成值列，已略过 / ${d.label.en} has neither a target nor a completion column and is left out` });
  }

  // The period: header years of the main table, else the title's or caption's 十四五/十五五; options override.
  const main = mains[0];
  const title = opts.title ?? meta.title;
  const period = periodOf(title ?? '') ?? periodOf(main?.table.caption ?? '');
  const headerBase = main ? yearOf(main.header, main.table.roles, 'baseline') : null;
  const headerTarget = main ? yearOf(main.header, main.table.roles, 'target') : null;
  if (main && period) {
    const source = title !== null && periodOf(title) ? `标题“${title}”` : `表题“${main.table.caption}”`;
    const checks: [typeof headerBase, number][] = [[headerBase, period.baseYear], [headerTarget, period.targetYear]];
    for (const [found, expected] of checks) {
      if (!found || found.year === expected) continue;
      const cell = headerText(main.header[found.col]!);
      problems.push({
        severity: 'error',
        row: 1,
        column: found.col + 1,
        message: `${main.label.zh}第1行第${found.col + 1}列“${cell}”的年份${found.year}与${source}的“${period.name}”时期（${period.baseYear}—${period.targetYear}年）不符 / Header "${cell}" (row 1, column ${found.col + 1}) names ${found.year}, but the period "${period.name}" of the title is ${period.baseYear}–${period.targetYear}`,
      });
    }
  }
  let targetYear = opts.targetYear ?? headerTarget?.year ?? period?.targetYear ?? null;
  let baseYear = opts.baseYear ?? headerBase?.year ?? period?.baseYear ?? null;
  if (baseYear === null && targetYear !== null) baseYear = targetYear - 5;
  if (targetYear === null && baseYear !== null) targetYear = baseYear + 5;
  for (const d of mains) {
    d.table.baseYear = baseYear;
    d.table.targetYear = targetYear;
  }
  for (const d of completions) {
    d.table.baseYear = yearOf(d.header, d.table.roles, 'baseline')?.year ?? (baseYear !== null ? baseYear - 5 : null);
    d.table.targetYear = yearOf(d.header, d.table.roles, 'final')?.year ?? baseYear;
  }

  return {
    title,
    issuer: meta.issuer,
    docNumber: meta.docNumber,
    scheduleText: meta.scheduleText,
    baseYear,
    targetYear,
    tables: [...mains, ...completions].map((d) => d.table),
    problems,
  };
};
