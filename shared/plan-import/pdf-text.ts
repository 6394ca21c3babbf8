/**
 * Reads the space-separated lines of a PDF copy (seed 004): a header line of header words, rows that start with
 * their seq, names wrapped over several lines, the values and attribute on the row's last line, page numbers between.
 * Values are taken from the right of the last line; whatever is left of them is the name.
 */
import { isUnitText } from '../units/units';
import { isBlankCell } from '../targets/quantity';
import { columnRoles, isHeaderRow, sameHeader } from './header-roles';
import { ParagraphCollector, isBlankLine, isGroupHeading, isPageArtifact } from './source-lines';
import type { ColumnRole, TextTable } from './types';

const ATTRIBUTE = /^(预期性|约束性|預期性|約束性)$/u;

/** A header line split into cells: "2025 年目标值" is one cell ("2025年目标值"). */
const headerCells = (line: string): string[] => {
  const tokens = line.trim().split(/[\s\u3000]+/u);
  const cells: string[] = [];
  for (const token of tokens) {
    const prev = cells[cells.length - 1];
    if (prev !== undefined && /^(19|20)\d\d$/u.test(prev) && token.startsWith('年')) cells[cells.length - 1] = prev + token;
    else cells.push(token);
  }
  return cells;
};

/** Range joiners spaced by the PDF copy are closed up: "26至 36" → "26至36". */
const closeRanges = (text: string): string => text.replace(/(\d)\s*([至到~～])\s*(\d)/gu, '$1$2$3');

const isValueLike = (token: string): boolean => isBlankCell(token) || (/[0-9０-９]/u.test(token) && token.length <= 16);
const isUnitLike = (token: string): boolean => token !== '' && !/[0-9０-９]/u.test(token) && token.length <= 8 && isUnitText(token);

/** Splits one row's lines into cells by the header's roles. */
const rowCells = (group: readonly string[], roles: readonly ColumnRole[]): string[] => {
  const width = roles.length;
  const cells: string[] = new Array<string>(width).fill('');
  const lines = group.map((l) => l.trim());
  const nameCol = roles.indexOf('name');
  if (roles[0] === 'seq' && nameCol > 0) {
    const m = /^(\d{1,3})[.．、]?(?:[\s\u3000]+|$)/u.exec(lines[0]!);
    if (m) {
      cells[0] = m[1]!;
      lines[0] = lines[0]!.slice(m[0].length);
    }
  }
  const last = lines.length - 1;
  const tokens = closeRanges(lines[last]!).split(/[\s\u3000]+/u).filter((t) => t !== '');
  const leftOf = nameCol < 0 ? 0 : nameCol + 1;
  for (let col = width - 1; col >= leftOf && tokens.length > 0; col--) {
    const role = roles[col];
    const token = tokens[tokens.length - 1]!;
    const namesLeft = tokens.length > 1 || lines.slice(0, last).some((l) => l !== '');
    let take = false;
    if (role === 'attribute') take = ATTRIBUTE.test(token);
    else if (role === 'unit') take = isUnitLike(token);
    else if (role === 'target') take = namesLeft && (isValueLike(token) || !isUnitLike(token));
    else take = namesLeft && isValueLike(token);
    if (take) cells[col] = tokens.pop()!;
  }
  lines[last] = tokens.join(' ');
  if (nameCol >= 0) cells[nameCol] = lines.filter((l) => l !== '').join('');
  return cells;
};

/** True when a row's lines are complete: its last line ends in the attribute, or in a value if there is none. */
const isComplete = (group: readonly string[], roles: readonly ColumnRole[]): boolean => {
  const tokens = closeRanges(group[group.length - 1] ?? '').trim().split(/[\s\u3000]+/u);
  const lastToken = tokens[tokens.length - 1] ?? '';
  if (roles.includes('attribute')) return ATTRIBUTE.test(lastToken);
  return tokens.length > 1 && isValueLike(lastToken);
};

/** Reads the rows below a header line; returns them with their lines and the index after the table. */
const readRows = (
  lines: readonly string[],
  start: number,
  header: readonly string[],
): { rows: string[][]; rowLines: number[]; next: number } => {
  const roles = columnRoles(header);
  const hasSeq = roles[0] === 'seq';
  const rows: string[][] = [];
  const rowLines: number[] = [];
  let group: string[] = [];
  let groupLine = 0;
  let lastSeq = 0;
  const emit = (): void => {
    if (group.length === 0) return;
    const cells = rowCells(group, roles);
    const seq = Number(cells[0]);
    if (hasSeq && Number.isInteger(seq) && seq > 0) lastSeq = seq;
    rows.push(cells);
    rowLines.push(groupLine);
    group = [];
  };
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlankLine(line) || isPageArtifact(line)) continue;
    const text = line.trim();
    if (sameHeader(headerCells(text), header)) continue;
    const complete = group.length > 0 && isComplete(group, roles);
    const seqMatch = /^(\d{1,3})[.．、]?(?:[\s\u3000]|$)/u.exec(text);
    const current = group.length > 0 ? /^(\d{1,3})/u.exec(group[0]!) : null;
    const expected = current ? Number(current[1]) + 1 : lastSeq + 1;
    const opensRow = hasSeq ? seqMatch !== null && Number(seqMatch[1]) === expected : group.length === 0 || complete;
    if (opensRow) {
      emit();
      group = [text];
      groupLine = i + 1;
    } else if (isGroupHeading(text) && (group.length === 0 || complete) && text.split(/[\s\u3000]+/u).length === 1) {
      emit();
      rows.push([text]);
      rowLines.push(i + 1);
    } else if (group.length > 0 && !complete) {
      group.push(text);
    } else if (/^\d{1,4}$/u.test(text)) {
      continue; // a bare page number between rows
    } else break;
  }
  emit();
  return { rows, rowLines, next: i };
};

/** Reads PDF-copied text: its tables and its paragraphs, wrapped paragraph lines joined. */
export const readPdfText = (lines: readonly string[]): { paragraphs: string[]; tables: TextTable[] } => {
  const out = new ParagraphCollector();
  const tables: TextTable[] = [];
  let open = false;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlankLine(line) || isPageArtifact(line)) {
      i++;
      continue;
    }
    const cells = headerCells(line);
    if (cells.length >= 3 && isHeaderRow(cells)) {
      const caption = out.takeCaption(i + 1);
      const body = readRows(lines, i + 1, cells);
      tables.push({ caption, rows: [cells, ...body.rows], lines: [i + 1, ...body.rowLines] });
      open = false;
      i = body.next;
      continue;
    }
    // A line indented by the PDF opens a paragraph; an unindented one continues it until a sentence ends.
    const indented = /^[\s\u3000]{2,}/u.test(line);
    const last = out.paragraphs[out.paragraphs.length - 1] ?? '';
    if (open && !indented && !/[。！？：:]$/u.test(last)) out.continueLast(line);
    else out.add(line, i + 1);
    open = true;
    i++;
  }
  return { paragraphs: out.paragraphs, tables };
};
