/**
 * What the plan reader hands on: a file's tables as printed text (SourceDocument), then the indicator table read
 * with column roles, period and rows (PlanDraft). Pure data: matching against indicators and storing come later.
 */

/** One table as printed: cells as text, rows in printed order; `line` is where each row starts in the source. */
export interface TextTable {
  /** The caption printed just above the table (表2：“十四五”时期…主要发展指标), or null. */
  caption: string | null;
  rows: string[][];
  /** 1-based source line (text), sheet row (xlsx) or table row (docx) of each row, for messages. */
  lines: number[];
}

/** A file read into its tables plus the text around them (for the title, issuer, 文号 and schedule). */
export interface SourceDocument {
  file: string;
  format: 'tab-text' | 'cell-lines' | 'pdf-text' | 'xlsx' | 'xls' | 'docx';
  /** Paragraphs outside the tables, in order (title lines, 文号, body sentences). */
  paragraphs: string[];
  tables: TextTable[];
}

export type ColumnRole = 'seq' | 'name' | 'unit' | 'baseline' | 'target' | 'growth' | 'attribute' | 'category' | 'final' | 'other';

export interface DraftRow {
  /** As printed, or the printed order ("1", "2", …) where the table has no 序号 column. */
  seq: string;
  /** Exactly as printed (units in brackets and marks kept), wrapped lines joined. */
  name: string;
  /** The unit as printed: the 单位 column, else the unit inside the name's brackets, else inside the values; '' if none. */
  unit: string;
  baseline?: string;
  target?: string;
  /** Completion tables: the printed value at the end of the period (2020年完成值). */
  final?: string;
  growth?: string;
  attribute?: '预期性' | '约束性';
  /** The group heading the row stands under (一、社会救助), if any. */
  category?: string;
  /** A 其中 sub-row: the seq of the row it belongs to. */
  parentSeq?: string;
  /** A row printed with a value per part (城市/农村): the parts as printed. */
  parts?: { label: string; baseline?: string; target?: string }[];
  /** 1-based row and column in the table as read, for problems. */
  row: number;
}

export interface DraftProblem {
  severity: 'error' | 'warning';
  /** 1-based in the table as read; 0 when the problem is about the whole table or file. */
  row: number;
  column: number;
  message: string;
}

export interface DraftTable {
  caption: string;
  kind: 'main' | 'completion';
  baseYear: number | null;
  targetYear: number | null;
  /** The header cells as printed (wrapped lines joined), one per column. */
  columns: string[];
  roles: ColumnRole[];
  rows: DraftRow[];
}

export interface PlanDraft {
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  /** The sentences that set annual monitoring, mid-term and final evaluation, as printed. */
  scheduleText: string | null;
  baseYear: number | null;
  targetYear: number | null;
  /** The main indicator table first, then any others (a completion table of the previous plan). */
  tables: DraftTable[];
  problems: DraftProblem[];
}
