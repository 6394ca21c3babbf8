/**
 * The report as a document, between a template and a file: page setup and a list of blocks in the manner of
 * GB/T 9704 (title, 一、 headings, （一） headings, paragraphs, tables, charts, signature). The PDF renderer
 * (pdfmake) and the Word renderer (docx) both draw exactly this, so the two files say the same thing.
 */

export interface PageSetup {
  orientation: 'portrait' | 'landscape';
  /** Millimetres. GB/T 9704: top 37, bottom 35, left 28, right 26 (A4 portrait). */
  margins: { top: number; bottom: number; left: number; right: number };
  /** Body text size in points (3号 = 16 pt) and line pitch in points (GB/T 9704: 22 lines a page ≈ 28.95 pt). */
  bodySize: number;
  linePitch: number;
  /** Page numbers at the foot as "— N —". */
  pageNumbers: boolean;
}

export type TableAlign = 'left' | 'center' | 'right';

export interface TableColumn {
  header: string;
  /** Relative width (the renderer scales the columns to the text width). */
  width: number;
  align: TableAlign;
}

export interface TableRow {
  cells: string[];
  /** A grouping row (一、社会救助 …) spanning the whole width. */
  group?: boolean;
  /** Binding (约束性) rows are set in bold. */
  bold?: boolean;
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  /** level 1: 一、 (hei), level 2: （一） (kai), level 3: 1. (fangsong bold). The number is part of the text. */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; title: string; columns: TableColumn[]; rows: TableRow[]; note: string; fontSize: number }
  /** A chart drawn as vector graphics; width and height in millimetres. */
  | { kind: 'chart'; title: string; svg: string; width: number; height: number }
  | { kind: 'signature'; lines: string[] }
  /**
   * The attachment note before the signature (GB/T 9704 7.3.5): a blank line, then "附件：1.名称" two characters in, each
   * further name numbered under the first, and a long name's next line aligned with its first character.
   */
  | { kind: 'attachments'; titles: string[] }
  /** An attachment's head (GB/T 9704): "附件1" at the top left in 黑体, its title centred below. */
  | { kind: 'attachment'; label: string; title: string }
  /** A new page; with an orientation, the pages from here on are in it (until the next such break). */
  | { kind: 'pageBreak'; orientation?: 'portrait' | 'landscape' };

export interface ReportDocument {
  /** Document title (file metadata). */
  title: string;
  page: PageSetup;
  blocks: Block[];
}

export const GBT9704_PORTRAIT: PageSetup = {
  orientation: 'portrait',
  margins: { top: 37, bottom: 35, left: 28, right: 26 },
  bodySize: 16,
  linePitch: 28.95,
  pageNumbers: true,
};
