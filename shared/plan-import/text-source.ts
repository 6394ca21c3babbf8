/**
 * Pasted text → SourceDocument: detects which of the three text forms it is (tab-separated rows as Word/WPS copy
 * a table, one cell per line, or a PDF copy's space-separated lines) and reads tab-separated rows itself.
 * Decoding (UTF-8 or GB18030) is the caller's; this file sees a string.
 */
import { readCellLines } from './cell-lines';
import { isHeaderRow, sameHeader } from './header-roles';
import { readPdfText } from './pdf-text';
import { ParagraphCollector, isBlankLine, isGroupHeading, isPageArtifact, splitLines } from './source-lines';
import type { SourceDocument, TextTable } from './types';

/** A row of a Word/WPS copy: at least two tabs between cells. */
const isTabRow = (line: string): boolean => line.trim() !== '' && (line.trimEnd().match(/\t/gu) ?? []).length >= 2;

/**
 * Cells of a tab row, trimmed; trailing empty cells beyond the header's width dropped. Some copies start every row
 * with a tab: a leading tab is dropped only when the row would otherwise be wider than the header, so an empty
 * first cell (a 其中 row without a 序号) keeps its column.
 */
const tabCells = (line: string, width?: number): string[] => {
  const split = (l: string) => l.split('\t').map((c) => c.replace(/^"(.*)"$/su, '$1').trim());
  const whole = split(line);
  const trimmedEnd = whole.length - [...whole].reverse().findIndex((c) => c !== '');
  const cells = /^\t(?=[^\t])/u.test(line) && (width === undefined || trimmedEnd > width) ? split(line.slice(1)) : whole;
  while (cells.length > (width ?? 0) && cells[cells.length - 1] === '') cells.pop();
  // Trailing empty cells are lost when a line's trailing tabs are trimmed: a tab row keeps its columns.
  while (width !== undefined && cells.length < width) cells.push('');
  return cells;
};

/** Reads tab-separated rows: a table opens at a header row and runs while rows (or group headings) follow. */
const readTabText = (lines: readonly string[]): { paragraphs: string[]; tables: TextTable[] } => {
  const out = new ParagraphCollector();
  const tables: TextTable[] = [];
  let table: TextTable | null = null;
  let header: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlankLine(line) || (table && isPageArtifact(line))) continue;
    if (isTabRow(line)) {
      const cells = tabCells(line, table ? header.length : undefined);
      if (isHeaderRow(cells)) {
        if (table && sameHeader(cells, header)) continue; // the header repeated on the next page
        header = cells;
        table = { caption: out.takeCaption(i + 1), rows: [cells], lines: [i + 1] };
        tables.push(table);
      } else if (table) {
        table.rows.push(cells);
        table.lines.push(i + 1);
      } else out.add(line.replace(/\t+/gu, ' '), i + 1);
      continue;
    }
    if (table && isGroupHeading(line) && !/[。；]/u.test(line)) {
      table.rows.push([line.replace(/\t/gu, '').trim()]);
      table.lines.push(i + 1);
      continue;
    }
    table = null;
    out.add(line.replace(/\t+/gu, ' '), i + 1);
  }
  return { paragraphs: out.paragraphs, tables };
};

/** Reads pasted text in whichever of the three forms it is; a text without any table has `tables: []`. */
export const readTextSource = (text: string, file: string): SourceDocument => {
  const lines = splitLines(text);
  if (lines.some((l) => isTabRow(l) && isHeaderRow(tabCells(l)))) return { file, format: 'tab-text', ...readTabText(lines) };
  const cells = readCellLines(lines);
  if (cells.tables.length > 0) return { file, format: 'cell-lines', ...cells };
  const pdf = readPdfText(lines);
  if (pdf.tables.length > 0) return { file, format: 'pdf-text', ...pdf };
  return { file, format: lines.some(isTabRow) ? 'tab-text' : 'cell-lines', ...cells };
};
