/**
 * Reads tables copied one cell per line, as a PDF viewer or a web page copies them (seeds 001, 002, 003): cells
 * start with a tab (or stand alone between blank lines), a line without the tab continues the cell above, and the
 * header row (序号/指标名称/…) gives the number of columns by which the cells are grouped into rows.
 */
import { isHeaderWord, opensHeader, isHeaderRow, sameHeader, columnRoles } from './header-roles';
import { ParagraphCollector, isBlankLine, isBodyText, isGroupHeading, isPageArtifact, isSeqCell } from './source-lines';
import type { TextTable } from './types';

interface Line {
  kind: 'blank' | 'cell' | 'text';
  text: string;
  /** 1-based source line. */
  line: number;
}

interface Cell {
  text: string;
  line: number;
}

const toLines = (lines: readonly string[]): Line[] =>
  lines.map((raw, i) => {
    if (isBlankLine(raw)) return { kind: 'blank', text: '', line: i + 1 };
    if (raw.startsWith('\t')) return { kind: 'cell', text: raw.replace(/^\t+/u, '').trim(), line: i + 1 };
    return { kind: 'text', text: raw.trim(), line: i + 1 };
  });

/** In tab mode cells are tab lines; in bare mode (seed 002) every non-blank line is a cell. */
const isCellLine = (l: Line, tabMode: boolean): boolean => l.kind === 'cell' || (!tabMode && l.kind === 'text');

/** The header row starting at `start`: the longest run of header words, with continuation lines joined. */
const readHeader = (ls: readonly Line[], start: number, tabMode: boolean): { cells: Cell[]; next: number } | null => {
  const cells: Cell[] = [];
  let i = start;
  for (; i < ls.length; i++) {
    const l = ls[i]!;
    if (l.kind === 'blank') continue;
    if (isCellLine(l, tabMode)) {
      if (!isHeaderWord(l.text)) break;
      cells.push({ text: l.text, line: l.line });
    } else if (tabMode && cells.length > 0 && l.text.length <= 12 && !isBodyText(l.text)) {
      const last = cells[cells.length - 1]!;
      last.text = `${last.text}\n${l.text}`;
    } else break;
  }
  const texts = cells.map((c) => c.text);
  return isHeaderRow(texts) ? { cells, next: i } : null;
};

/** Groups the cells after a header into rows; returns the rows and the index of the first line after the table. */
const readRows = (
  ls: readonly Line[],
  start: number,
  header: readonly string[],
  tabMode: boolean,
): { rows: Cell[][]; next: number } => {
  const width = header.length;
  const hasSeq = columnRoles(header)[0] === 'seq';
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let blankSince = false;
  let lastSeq = 0;
  const emit = (): void => {
    if (row.length === 0) return;
    const seq = Number(row[0]!.text.replace(/[.．、]$/u, ''));
    if (hasSeq && Number.isInteger(seq) && row.length > 1) lastSeq = seq;
    rows.push(row);
    row = [];
  };
  let i = start;
  for (; i < ls.length; i++) {
    const l = ls[i]!;
    if (l.kind === 'blank') {
      blankSince = true;
      if (row.length === 1 && isGroupHeading(row[0]!.text)) emit();
      continue;
    }
    if (isPageArtifact(l.text)) continue;
    if (isCellLine(l, tabMode)) {
      if (row.length === 0 && opensHeader(l.text)) {
        const again = readHeader(ls, i, tabMode);
        if (again && sameHeader(again.cells.map((c) => c.text), header)) {
          i = again.next - 1;
          continue;
        }
        if (again) break;
      }
      if (row.length === 0 && (isBodyText(l.text) || (hasSeq && !isSeqCell(l.text) && !tabMode))) break;
      const current = row.length > 0 ? Number(row[0]!.text.replace(/[.．、]$/u, '')) : NaN;
      const nextSeq = String(Number.isInteger(current) ? current + 1 : lastSeq + 1);
      const opensNext = (hasSeq && l.text.replace(/[.．、]$/u, '') === nextSeq) || isGroupHeading(l.text);
      if (row.length >= 3 && opensNext) emit();
      else if (row.length === 1 && isGroupHeading(row[0]!.text) && isSeqCell(l.text)) emit();
      row.push({ text: l.text, line: l.line });
      blankSince = false;
      if (row.length === width) emit();
      continue;
    }
    // A line without the tab: it continues the cell above, unless the row is complete and it is body text.
    const continues = row.length > 0 && (!blankSince || (l.text.length <= 12 && !isBodyText(l.text)));
    if (!continues) break;
    const last = row[row.length - 1]!;
    last.text = `${last.text}\n${l.text}`;
  }
  emit();
  return { rows, next: i };
};

/** Reads cell-per-line text: its tables and the paragraphs around them. */
export const readCellLines = (lines: readonly string[]): { paragraphs: string[]; tables: TextTable[] } => {
  const ls = toLines(lines);
  const out = new ParagraphCollector();
  const tables: TextTable[] = [];
  let i = 0;
  while (i < ls.length) {
    const l = ls[i]!;
    if (l.kind !== 'blank' && opensHeader(l.text)) {
      const tabMode = l.kind === 'cell';
      const header = readHeader(ls, i, tabMode);
      if (header) {
        const caption = out.takeCaption(l.line);
        const texts = header.cells.map((c) => c.text);
        const body = readRows(ls, header.next, texts, tabMode);
        const rows = [texts, ...body.rows.map((r) => r.map((c) => c.text))];
        tables.push({ caption, rows, lines: [l.line, ...body.rows.map((r) => r[0]!.line)] });
        i = Math.max(body.next, i + 1);
        continue;
      }
    }
    if (l.kind !== 'blank') out.add(l.text, l.line);
    i++;
  }
  return { paragraphs: out.paragraphs, tables };
};
