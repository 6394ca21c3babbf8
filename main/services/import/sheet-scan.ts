/**
 * What the streamed pre-scan (xml-scan.ts) reads from a worksheet and from the shared strings: the sheet's extent
 * (from <dimension> and from every row and cell present), its merged ranges by area, its <col> elements, the length
 * of each cell's text, merges, hidden rows and columns and empty formula results; and, for the import's own reader
 * (sheet-values.ts), every cell's parts as they pass. Every cap of caps.ts that belongs to a sheet is checked here,
 * as the XML streams past, before the cell is kept.
 */
import { CAPS, CapExceeded, fmt, type CapWhere } from './caps';
import { MissingSharedString, type SheetValues } from './sheet-values';
import { columnName, columnNumber } from '../../../shared/text/cell-address';
import { attr, cellAttrs, decodeXmlText, cellRanges, rowRanges, TEXT_RUN_BYTES, type CellAttrs, type CellRanges, type RowRanges, type Tag, type TagHandler } from './xml-scan';

/** A1 → { row: 1, col: 1 }; null for anything else. Letters and digits are bounded before they are read. */
const parseRef = (ref: string): { row: number; col: number } | null => {
  const m = /^\$?([A-Za-z]{1,10})\$?(\d{1,15})$/.exec(ref);
  return m ? { col: columnNumber(m[1]!.toUpperCase()), row: Number(m[2]) } : null;
};

/** 1–15 plain ASCII digits as their number; −1 for anything else (the row then follows the one before). */
const digitsAt = (buf: Buffer, from: number, to: number): number => {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]!;
    if (d < 0x30 || d > 0x39) return -1;
    n = n * 10 + d - 0x30;
  }
  return n;
};

/** plainRef's answer, row × REF_KEY + column (columns of 1–3 letters stop at ZZZ, 18,278). */
const REF_KEY = 32_768;

/**
 * A1 written plainly (1–3 capital letters, a row number without leading zeros): its row and column read from the bytes,
 * as row × REF_KEY + column (no object per cell), where its text is the same as the cell's name; −1 for any other
 * writing, which parseRef reads.
 */
const plainRef = (buf: Buffer, from: number, to: number): number => {
  let i = from;
  let col = 0;
  while (i < to && buf[i]! >= 0x41 && buf[i]! <= 0x5a && i - from < 3) col = col * 26 + buf[i++]! - 64;
  if (col === 0 || i >= to || buf[i] === 0x30 || to - i > 7) return -1;
  let row = 0;
  for (; i < to; i++) {
    const d = buf[i]!;
    if (d < 0x30 || d > 0x39) return -1;
    row = row * 10 + d - 0x30;
  }
  return row * REF_KEY + col;
};

/** A cell's type as one of the constants Excel writes (s, n, b, e, d, str, inlineStr), read from its bytes. */
const typeAt = (buf: Buffer, from: number, to: number): string => {
  if (from < 0) return '';
  const length = to - from;
  const b = buf[from]!;
  if (length === 1) {
    if (b === 0x73) return 's';
    if (b === 0x6e) return 'n';
    if (b === 0x62) return 'b';
    if (b === 0x65) return 'e';
    if (b === 0x64) return 'd';
  } else if (length === 3 && b === 0x73 && buf[from + 1] === 0x74 && buf[from + 2] === 0x72) return 'str';
  return buf.toString('latin1', from, to); // inlineStr, and whatever else a file writes (compared as text)
};

/** A style index written as digits, read from the bytes; otherwise as Number reads its text (NaN: none). */
const styleAt = (buf: Buffer, from: number, to: number): number => {
  if (from < 0) return 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]!;
    if (d < 0x30 || d > 0x39 || i - from > 9) return Number(buf.toString('latin1', from, to));
    n = n * 10 + d - 0x30;
  }
  return to > from ? n : Number('');
};

/** What a cell holds: its value, formula, inline string (with rich-text runs and phonetic runs); anything else is skipped. */
const CELL_PARTS = new Set(['v', 'f', 'is', 'r', 't', 'rPh', 'rPr', 'phoneticPr']);

/** Overlong shared strings by index, with their first characters (the rest is never kept). */
export type LongStrings = Map<number, string>;

/**
 * Reads the shared strings: how many, and which are longer than a cell may be; with `keep`, the strings themselves
 * (the text of each <t>, phonetic runs left out), for the import's own reader (sheet-values.ts).
 */
export class SharedStringsScan implements TagHandler {
  count = 0;
  readonly long: LongStrings = new Map();
  readonly strings: string[] = [];
  private bytes = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private inSi = false;
  private inT = false;
  private phonetic = 0;
  private pieces: Buffer[] = [];

  constructor(
    private readonly part: string,
    private readonly keep = false,
  ) {}

  where(): CapWhere {
    return { part: this.part };
  }
  open(name: string, _tag: Tag, empty: boolean): void {
    if (this.keep && this.inSi) {
      if (name === 'rPh') this.phonetic++;
      else if (name === 't' && this.phonetic === 0) this.inT = !empty;
      return;
    }
    if (name !== 'si') return;
    if (++this.count > CAPS.sharedStrings) {
      throw new CapExceeded('sharedStrings', `共享字符串超过 ${fmt(CAPS.sharedStrings)} 条。`, `more than ${fmt(CAPS.sharedStrings)} shared strings.`, this.where());
    }
    this.inSi = !empty;
    this.bytes = 0;
    this.head = [];
    this.headBytes = 0;
    this.pieces = [];
    this.inT = false;
    this.phonetic = 0;
    if (empty && this.keep) this.strings.push('');
  }
  close(name: string): void {
    if (this.keep && this.inSi && name !== 'si') {
      if (name === 'rPh') this.phonetic = Math.max(0, this.phonetic - 1);
      else if (name === 't') this.inT = false;
      return;
    }
    if (name !== 'si' || !this.inSi) return;
    this.inSi = false;
    const long = this.bytes > TEXT_RUN_BYTES;
    if (long) this.long.set(this.count - 1, Buffer.concat(this.head).toString('utf8').replace(/\uFFFD+$/, ''));
    // An overlong string is refused where a cell uses it: only its head is kept.
    if (this.keep) this.strings.push(long ? (this.long.get(this.count - 1) ?? '') : decodeXmlText(Buffer.concat(this.pieces).toString('utf8')));
    this.pieces = [];
  }
  text(buf: Buffer, from: number, to: number): void {
    if (!this.inSi) return;
    if (this.inT && this.bytes <= TEXT_RUN_BYTES) this.pieces.push(Buffer.from(buf.subarray(from, to)));
    this.bytes += to - from;
    if (this.headBytes < 64) {
      const piece = Buffer.from(buf.subarray(from, Math.min(to, from + 64 - this.headBytes)));
      this.head.push(piece);
      this.headBytes += piece.length;
    }
  }
}

/** What the pre-scan knows of one worksheet part once it has streamed past. */
export interface SheetFacts {
  merges: string[];
  hiddenRows: number[];
  hiddenColumns: number[];
  emptyResults: string[];
  lastRow: number;
  lastColumn: number;
  /** All merged ranges together, by area (the whole-workbook reader expands them cell by cell). */
  mergedCells: number;
}

export class SheetScan implements TagHandler {
  private row = 0;
  /** The row before this one (rows must ascend). */
  private previousRow = 0;
  private col = 0;
  private rows = 0;
  private rowCells = 0;
  private cells = 0;
  private cols = 0;
  private lastRow = 0;
  private lastColumn = 0;
  private readonly merges: string[] = [];
  private mergedCells = 0;
  private readonly hiddenRows: number[] = [];
  private readonly hiddenColumns = new Set<number>();
  private readonly emptyResults: string[] = [];
  // The cell being read: its r as written when that is not its plain name, else its row and column.
  private cellRef: string | null = null;
  private cellRow = 0;
  private cellCol = 0;
  private inCell = false;
  /** Inside <sheetData>: rows and cells elsewhere (an <extLst> after it, say) are not the sheet's. */
  private inSheetData = false;
  /** Depth inside an element of a cell that is not one of its parts (an <extLst> in a <c>): skipped whole. */
  private skip = 0;
  private type = '';
  private formula = false;
  private inV = false;
  private vEmpty = false;
  private vText = '';
  private vHasText = false;
  private cellBytes = 0;
  private readonly attrs: CellAttrs = { r: null, t: null, s: null };
  private readonly ranges: CellRanges = { rFrom: -1, rTo: -1, tFrom: -1, tTo: -1, sFrom: -1, sTo: -1 };
  private readonly rowAt: RowRanges = { rFrom: -1, rTo: -1, hiddenFrom: -1, hiddenTo: -1 };

  constructor(
    private readonly part: string,
    private readonly sheet: string | undefined,
    private readonly longStrings: LongStrings,
    /** The cells' values, when the import reads them in this same pass. */
    private readonly values: SheetValues | null = null,
  ) {}

  /** The cell's name for a message, made only when asked. */
  private get cell(): string {
    return this.cellRef ?? (this.cellRow === 0 ? '' : `${columnName(Math.min(this.cellCol, CAPS.maxColumn + 1))}${this.cellRow}`);
  }

  where(cell = this.cell): CapWhere {
    return { part: this.part, ...(this.sheet !== undefined ? { sheet: this.sheet } : {}), ...(cell ? { cell } : {}) };
  }

  private fail(cap: ConstructorParameters<typeof CapExceeded>[0], zh: string, en: string, cell?: string): never {
    throw new CapExceeded(cap, zh, en, this.where(cell));
  }

  /** The extent (last row × last column) after a row or cell at (row, col): the current cell, or `row` (a <row>). */
  private extend(row: number, col: number, what: 'cell' | 'row'): void {
    if (row > CAPS.maxRow) this.fail('maxRow', `行号 ${fmt(row)}（${row}）超出 Excel 的上限 ${fmt(CAPS.maxRow)} 行。`, `row ${row} is beyond Excel's last row, ${fmt(CAPS.maxRow)}.`, this.refOf(what, row));
    if (col > CAPS.maxColumn) this.fail('maxColumn', `列号 ${fmt(col)} 超出 Excel 的上限 ${fmt(CAPS.maxColumn)} 列（XFD）。`, `column ${fmt(col)} is beyond Excel's last column, ${fmt(CAPS.maxColumn)} (XFD).`, this.refOf(what, row));
    if (row <= this.lastRow && col <= this.lastColumn) return;
    this.lastRow = Math.max(this.lastRow, row);
    this.lastColumn = Math.max(this.lastColumn, col);
    if (this.lastRow * Math.max(1, this.lastColumn) > CAPS.extentCells) this.checkExtent(this.lastRow, Math.max(1, this.lastColumn), this.refOf(what, row));
  }

  /** A row's or the current cell's name, for a message. */
  private refOf(what: 'cell' | 'row', row: number): string {
    return what === 'row' ? `${row}:${row}` : this.cell;
  }

  private checkExtent(rows: number, cols: number, ref: string): void {
    if (rows * cols <= CAPS.extentCells) return;
    this.fail(
      'extentCells',
      `表格范围（末行 × 末列）为 ${fmt(rows)} 行 × ${fmt(cols)} 列 = ${fmt(rows * cols)} 个单元格，超过上限 ${fmt(CAPS.extentCells)} 个。`,
      `the sheet's extent (last row × last column) is ${fmt(rows)} × ${fmt(cols)} = ${fmt(rows * cols)} cells, more than the cap of ${fmt(CAPS.extentCells)}.`,
      ref,
    );
  }

  private range(ref: string): { top: number; left: number; bottom: number; right: number } | null {
    const [a, b = a] = ref.split(':');
    const from = parseRef(a ?? '');
    const to = parseRef(b ?? '');
    if (!from || !to) return null;
    for (const p of [from, to]) {
      if (p.row > CAPS.maxRow || p.col > CAPS.maxColumn || p.row < 1 || p.col < 1) {
        this.fail('maxRow', `范围 ${ref} 超出 Excel 的表格（最大 XFD${CAPS.maxRow}）。`, `the range ${ref} lies outside Excel's grid (XFD${CAPS.maxRow}).`, ref);
      }
    }
    return { top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) };
  }

  open(name: string, tagBytes: Tag, empty: boolean): void {
    if (name === 'sheetData') {
      this.inSheetData = !empty;
      return;
    }
    if (this.inCell && (this.skip > 0 || !CELL_PARTS.has(name))) {
      if (!empty) this.skip++;
      return;
    }
    if (!this.inSheetData && (name === 'row' || name === 'c' || name === 'v' || name === 'f')) return;
    if (this.values && this.inCell) this.values.openPart(name, empty);
    if (name === 'v' || name === 'f') {
      if (name === 'f') this.formula = true;
      else if (this.inCell) {
        this.inV = !empty;
        this.vEmpty = empty;
        this.vText = '';
        this.vHasText = false;
      }
      return;
    }
    if (name === 'c') return this.openCell(tagBytes, empty);
    if (name === 'row') return this.openRow(tagBytes);
    if (name !== 'col' && name !== 'mergeCell' && name !== 'dimension') return;
    const tag = tagBytes.text();
    switch (name) {
      case 'col':
        return this.openCol(tag);
      case 'mergeCell':
        return this.openMerge(tag);
      case 'dimension': {
        const ref = attr(tag, 'ref') ?? '';
        const r = this.range(ref);
        if (r) this.checkExtent(r.bottom, r.right, ref);
        return;
      }
      default:
    }
  }

  /** A row's r and hidden, from the tag's bytes (no string per row); a tag written otherwise is read from its text. */
  private openRow(tagBytes: Tag): void {
    const at = this.rowAt;
    const buf = tagBytes.buf;
    let row = -1;
    let hidden: string | null;
    if (rowRanges(buf, tagBytes.from, tagBytes.to, at)) {
      if (at.rFrom >= 0) row = digitsAt(buf, at.rFrom, at.rTo);
      hidden = at.hiddenFrom < 0 ? null : buf.toString('latin1', at.hiddenFrom, at.hiddenTo);
    } else {
      const tag = tagBytes.text();
      const r = attr(tag, 'r');
      if (r !== null && /^\d{1,15}$/.test(r)) row = Number(r);
      hidden = attr(tag, 'hidden');
    }
    this.row = row >= 0 ? row : this.row + 1;
    // Rows come in ascending order (Excel repairs a file whose rows do not); a row written twice would replace the
    // first one's cells without a word, so the file is refused as damaged, naming the row.
    if (this.rows > 0 && this.row <= this.previousRow) {
      this.fail(
        'damaged',
        `第 ${fmt(this.row)} 行在第 ${fmt(this.previousRow)} 行之后又出现一次（行重复或次序颠倒），文件已损坏。`,
        `row ${this.row} comes again after row ${this.previousRow} (a row written twice or out of order); the file is damaged.`,
        `${this.row}:${this.row}`,
      );
    }
    this.previousRow = this.row;
    this.col = 0;
    this.rowCells = 0;
    if (++this.rows > CAPS.maxRow) this.fail('maxRow', `行数超过 ${fmt(CAPS.maxRow)}。`, `more than ${fmt(CAPS.maxRow)} rows.`, `${this.row}:${this.row}`);
    this.extend(this.row, 1, 'row');
    this.values?.openRow(this.row);
    if (hidden === '1' || hidden === 'true') this.hiddenRows.push(this.row);
  }

  private openCell(tag: Tag, empty: boolean): void {
    // r, t and s from the tag's bytes (no string per cell); a tag written otherwise is read from its text.
    const at = this.ranges;
    const bytes = cellRanges(tag.buf, tag.from, tag.to, at);
    const plain = bytes && at.rFrom >= 0 ? plainRef(tag.buf, at.rFrom, at.rTo) : -1;
    const attrs = bytes ? null : cellAttrs(tag.text(), this.attrs);
    const ref = plain >= 0 ? null : attrs ? attrs.r : at.rFrom >= 0 ? tag.buf.toString('latin1', at.rFrom, at.rTo) : null;
    let row = this.row;
    let col = this.col + 1;
    if (plain >= 0) {
      row = Math.floor(plain / REF_KEY);
      col = plain % REF_KEY;
    } else if (ref !== null) {
      const p = parseRef(ref);
      if (!p) this.fail('damaged', `单元格地址“${ref.slice(0, 20)}”无效。`, `invalid cell reference "${ref.slice(0, 20)}".`, ref.slice(0, 20));
      row = p.row;
      col = p.col;
    }
    if (row === 0) row = this.row = 1;
    this.col = col;
    this.cellRef = ref;
    this.cellRow = row;
    this.cellCol = col;
    if (++this.rowCells > CAPS.maxColumn) {
      this.fail('maxColumn', `一行中的单元格超过 ${fmt(CAPS.maxColumn)} 个（Excel 一行只有 ${fmt(CAPS.maxColumn)} 列）。`, `more than ${fmt(CAPS.maxColumn)} cells in one row (Excel has ${fmt(CAPS.maxColumn)} columns).`);
    }
    if (++this.cells > CAPS.extentCells) {
      this.fail('extentCells', `单元格超过 ${fmt(CAPS.extentCells)} 个。`, `more than ${fmt(CAPS.extentCells)} cells.`);
    }
    this.extend(row, col, 'cell');
    this.inCell = !empty;
    this.type = attrs ? (attrs.t ?? '') : typeAt(tag.buf, at.tFrom, at.tTo);
    if (this.values) {
      this.values.openCell(col, this.type, attrs ? (attrs.s === null ? 0 : Number(attrs.s)) : styleAt(tag.buf, at.sFrom, at.sTo));
      if (empty) this.closeValue();
    }
    this.formula = false;
    this.inV = false;
    this.vEmpty = false;
    this.cellBytes = 0;
  }

  /** The cell's value kept; a shared-string index that names no string is a damaged file, named by its cell. */
  private closeValue(): void {
    try {
      this.values!.closeCell();
    } catch (error) {
      if (!(error instanceof MissingSharedString)) throw error;
      this.fail('damaged', `单元格引用了不存在的共享字符串（${error.index}），文件已损坏。`, `the cell refers to a shared string that does not exist (${error.index}); the file is damaged.`);
    }
  }

  private openCol(tag: string): void {
    if (++this.cols > CAPS.colElements) {
      this.fail('colElements', `列定义 <col> 超过 ${fmt(CAPS.colElements)} 个。`, `more than ${fmt(CAPS.colElements)} <col> elements.`, '');
    }
    const min = Number(attr(tag, 'min') ?? NaN);
    const max = Number(attr(tag, 'max') ?? min);
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > CAPS.maxColumn) {
      this.fail('maxColumn', `列定义 <col min="${String(attr(tag, 'min')).slice(0, 20)}" max="${String(attr(tag, 'max')).slice(0, 20)}"> 超出 Excel 的 ${fmt(CAPS.maxColumn)} 列。`, `a <col> element beyond Excel's ${fmt(CAPS.maxColumn)} columns (min ${String(attr(tag, 'min')).slice(0, 20)}, max ${String(attr(tag, 'max')).slice(0, 20)}).`, '');
    }
    const hidden = attr(tag, 'hidden');
    if (hidden === '1' || hidden === 'true') for (let c = min; c <= max; c++) this.hiddenColumns.add(c);
  }

  private openMerge(tag: string): void {
    const ref = (attr(tag, 'ref') ?? '').slice(0, 40);
    const r = this.range(ref);
    if (!r) return;
    const area = (r.bottom - r.top + 1) * (r.right - r.left + 1);
    if (area > CAPS.mergeCells) {
      this.fail('mergeCells', `合并单元格 ${ref} 含 ${fmt(area)} 个单元格，超过上限 ${fmt(CAPS.mergeCells)} 个。`, `the merged range ${ref} covers ${fmt(area)} cells, more than the cap of ${fmt(CAPS.mergeCells)}.`, ref);
    }
    this.mergedCells += area;
    if (this.merges.length + 1 > CAPS.merges || this.mergedCells > CAPS.mergedCellsPerSheet) {
      this.fail('mergedCellsPerSheet', `合并单元格过多（${fmt(this.merges.length + 1)} 处，共 ${fmt(this.mergedCells)} 个单元格）。`, `too many merged cells (${fmt(this.merges.length + 1)} ranges, ${fmt(this.mergedCells)} cells).`, ref);
    }
    this.merges.push(ref);
  }

  close(name: string): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    if (name === 'sheetData') this.inSheetData = false;
    if (this.values && this.inCell) {
      if (name === 'c') this.closeValue();
      else this.values.closePart(name);
    }
    if (name === 'v' && this.inV) {
      this.inV = false;
      if (!this.vHasText) this.vEmpty = true;
      if (this.type === 's' && this.longStrings.size > 0) {
        const long = this.longStrings.get(Number(this.vText));
        if (long !== undefined) {
          this.fail('cellChars', `单元格文字超过 ${fmt(CAPS.cellChars)} 个字符（Excel 的上限），开头为“${long.slice(0, 20)}…”。`, `the cell's text is longer than ${fmt(CAPS.cellChars)} characters (Excel's limit); it begins "${long.slice(0, 20)}…".`);
        }
      }
    } else if (name === 'c' && this.inCell) {
      this.inCell = false;
      if (this.type === 'str' && this.formula && this.vEmpty) this.emptyResults.push(this.cell);
    }
  }

  text(buf: Buffer, from: number, to: number): void {
    if (!this.inCell) return;
    if (this.skip === 0) this.values?.text(buf, from, to);
    this.cellBytes += to - from;
    if (this.cellBytes > TEXT_RUN_BYTES) {
      this.fail('cellChars', `单元格文字超过 ${fmt(CAPS.cellChars)} 个字符（Excel 的上限），开头为“${buf.toString("utf8", from, Math.min(to, from + 60)).replace(/\uFFFD+$/, "").slice(0, 20)}…”。`, `the cell's text is longer than ${fmt(CAPS.cellChars)} characters (Excel's limit).`);
    }
    // The shared string's index, to find an overlong one; for other types only whether the value is empty.
    if (this.inV && this.skip === 0) {
      if (to > from) this.vHasText = true;
      if (this.type === 's' && this.longStrings.size > 0 && this.vText.length < 24) this.vText += buf.toString('latin1', from, Math.min(to, from + 24));
    }
  }

  facts(): SheetFacts {
    return {
      merges: this.merges,
      hiddenRows: this.hiddenRows,
      hiddenColumns: [...this.hiddenColumns].sort((a, b) => a - b),
      emptyResults: this.emptyResults,
      lastRow: this.lastRow,
      lastColumn: this.lastColumn,
      mergedCells: this.mergedCells,
    };
  }
}
