/**
 * The import's own reader of cell values, fed by the same streamed pass that checks the caps (sheet-scan.ts): one
 * inflate and one scan of each sheet's XML, rows kept compactly in LightSheets. Values read as exceljs reads them
 * (numbers, shared and inline strings, booleans, errors, formulas with their saved result, dates by number format,
 * with exceljs's own table of built-in formats), so that the layouts see the same cells whichever reader ran.
 */
import type ExcelJS from 'exceljs';
// exceljs's built-in number formats by id, and its date test: the same as its readers use.
import defaultNumFormats from 'exceljs/lib/xlsx/defaultnumformats.js';
import { LightSheet } from './light-sheet';
import { attr, decodeXmlText, type Tag, type TagHandler } from './xml-scan';

/** exceljs's test for a date format: any of y m d h s b outside quotes and brackets. */
const isDateFormat = (fmt: string | undefined): boolean =>
  fmt !== undefined && /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

const excelToDate = (v: number, date1904: boolean): Date => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

/** The number formats of xl/styles.xml: custom formats by id, and each cell style's format id (cellXfs, in order). */
export class StylesScan implements TagHandler {
  private readonly custom = new Map<number, string>();
  private readonly xfs: number[] = [];
  private inNumFmts = false;
  private inCellXfs = false;

  where() {
    return { part: 'xl/styles.xml' };
  }
  open(name: string, tag: Tag, empty: boolean): void {
    if (name === 'numFmts') this.inNumFmts = !empty;
    else if (name === 'cellXfs') this.inCellXfs = !empty;
    else if (name === 'numFmt' && this.inNumFmts) {
      const t = tag.text();
      const id = Number(attr(t, 'numFmtId'));
      const code = attr(t, 'formatCode');
      if (Number.isInteger(id) && code !== null) this.custom.set(id, decodeXmlText(code));
    } else if (name === 'xf' && this.inCellXfs) this.xfs.push(Number(attr(tag.text(), 'numFmtId') ?? 0) || 0);
  }
  close(name: string): void {
    if (name === 'numFmts') this.inNumFmts = false;
    else if (name === 'cellXfs') this.inCellXfs = false;
  }
  text(): void {}

  /** The number format of a cell's style index (`s`), as exceljs gives it: none for style 0 or format 0. */
  numFmtOf(style: number): string | undefined {
    const id = this.xfs[style];
    if (!id) return undefined;
    return this.custom.get(id) ?? defaultNumFormats[id]?.f;
  }
}

/** Powers of ten that a double holds exactly. */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A number written plainly in ASCII (-12.5, 3E-2) with at most 15 significant digits, read straight from the bytes:
 * the digits as an integer (exact below 2^53) scaled by an exact power of ten is the correctly rounded double, the
 * same as parseFloat gives (Clinger's fast path). NaN for anything else, which parseFloat then reads.
 */
export const plainNumber = (buf: Buffer, from: number, to: number): number => {
  let i = from;
  const negative = buf[i] === 45; // -
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let seen = false;
  let dot = false;
  for (; i < to; i++) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) {
      seen = true;
      if (digits > 0 || c !== 48) {
        if (++digits > 15) return Number.NaN;
        mantissa = mantissa * 10 + (c - 48);
      }
      if (dot) scale--;
    } else if (c === 46 && !dot) dot = true; // .
    else break;
  }
  if (!seen) return Number.NaN;
  if (i < to) {
    const c = buf[i]!;
    if (c !== 69 && c !== 101) return Number.NaN; // E e
    i++;
    let sign = 1;
    if (buf[i] === 45 || buf[i] === 43) sign = buf[i++] === 45 ? -1 : 1;
    let exponent = 0;
    const start = i;
    for (; i < to && exponent < 1000; i++) {
      const d = buf[i]!;
      if (d < 48 || d > 57) return Number.NaN;
      exponent = exponent * 10 + (d - 48);
    }
    if (i === start || i < to) return Number.NaN;
    scale += sign * exponent;
  }
  if (scale < -22 || scale > 22) return Number.NaN;
  const value = scale < 0 ? mantissa / EXACT_POWERS[-scale]! : mantissa * EXACT_POWERS[scale]!;
  return negative ? -value : value;
};

/** Text between tags, kept as the byte ranges it arrived in (one range without copying, more joined). */
class TextBytes {
  private buf: Buffer | null = null;
  private from = 0;
  private to = 0;
  private more: Buffer[] | null = null;

  reset(): void {
    this.buf = null;
    this.more = null;
  }
  add(buf: Buffer, from: number, to: number): void {
    if (to <= from) return;
    if (this.buf === null) {
      this.buf = buf;
      this.from = from;
      this.to = to;
    } else {
      this.more ??= [Buffer.from(this.buf.subarray(this.from, this.to))];
      this.more.push(Buffer.from(buf.subarray(from, to)));
    }
  }
  get empty(): boolean {
    return this.buf === null;
  }
  /** The text as a number, as parseFloat reads it (character references resolved): plain ones from the bytes. */
  number(): number {
    if (this.buf !== null && this.more === null) {
      const n = plainNumber(this.buf, this.from, this.to);
      if (!Number.isNaN(n)) return n;
    }
    return parseFloat(this.utf8());
  }
  /** The text as parseInt(text, 10) reads it, character references resolved: plain digits from the bytes. */
  integer(): number {
    if (this.buf !== null && this.more === null && this.to - this.from <= 9) {
      let n = 0;
      let i = this.from;
      for (; i < this.to; i++) {
        const d = this.buf[i]!;
        if (d < 0x30 || d > 0x39) break;
        n = n * 10 + d - 0x30;
      }
      if (i === this.to) return n;
    }
    return parseInt(this.utf8(), 10);
  }
  latin1(): string {
    if (this.buf === null) return '';
    return this.more ? Buffer.concat(this.more).toString('latin1') : this.buf.toString('latin1', this.from, this.to);
  }
  utf8(): string {
    if (this.buf === null) return '';
    return decodeXmlText(this.more ? Buffer.concat(this.more).toString('utf8') : this.buf.toString('utf8', this.from, this.to));
  }
}

/** A cell of type s whose index names no shared string (sheet-scan.ts reports it as a damaged file, by cell). */
export class MissingSharedString extends Error {
  constructor(readonly index: string) {
    super(`no shared string ${index}`);
  }
}

/** Counts the cells kept across the sheets of a workbook (rows × widest row), refusing past `max`. */
export interface CellBudget {
  max: number;
  before: number;
  tooLarge(cells: number): never;
  onRows?: (rows: number) => void;
  rows: number;
}

/**
 * One worksheet's values, told by SheetScan as its tags stream past: rows, cells (type and style), the text of
 * <v>, <f> and inline <t> (phonetic runs left out). Hidden rows and merges are added from the scan's facts after.
 */
export class SheetValues {
  readonly sheet: LightSheet;
  private rowNo = 0;
  private values: ExcelJS.CellValue[] = [];
  private formats: (string | undefined)[] = [];
  private col = 0;
  private type = '';
  private numFmt: string | undefined;
  private readonly v = new TextBytes();
  private readonly f = new TextBytes();
  private hasV = false;
  private hasF = false;
  private target: 'v' | 'f' | 't' | null = null;
  private phonetic = 0;

  constructor(
    name: string,
    state: LightSheet['state'],
    private readonly strings: readonly string[],
    private readonly styles: StylesScan | null,
    private readonly date1904: boolean,
    private readonly budget: CellBudget,
  ) {
    this.sheet = new LightSheet(name, state);
  }

  openRow(number: number): void {
    this.flush();
    this.rowNo = number;
  }

  /** `style`: the cell's s (0 when it has none, NaN when it is not a number). */
  openCell(col: number, type: string, style: number): void {
    this.col = col;
    this.type = type;
    this.numFmt = style && this.styles ? this.styles.numFmtOf(style) : undefined;
    this.v.reset();
    this.f.reset();
    this.hasV = false;
    this.hasF = false;
    this.target = null;
    this.phonetic = 0;
  }

  /** <v>, <f>, or (in an inline string) <t> and <rPh> opened within the cell. */
  openPart(name: string, empty: boolean): void {
    if (name === 'rPh') this.phonetic++;
    else if (name === 'f') {
      this.hasF = true;
      if (!empty) this.target = 'f';
    } else if (name === 'v' || (name === 't' && this.phonetic === 0)) {
      this.hasV = true;
      if (!empty) this.target = name === 'v' ? 'v' : 't';
    }
  }

  closePart(name: string): void {
    if (name === 'rPh') this.phonetic = Math.max(0, this.phonetic - 1);
    else if (name === 'v' || name === 'f' || name === 't') this.target = null;
  }

  text(buf: Buffer, from: number, to: number): void {
    if (this.target === 'f') this.f.add(buf, from, to);
    else if (this.target !== null) this.v.add(buf, from, to);
  }

  closeCell(): void {
    if (this.rowNo === 0) return; // a cell outside any row is no cell
    const value = this.value();
    if (value === null || value === undefined) return;
    this.values[this.col] = value;
    if (this.numFmt !== undefined) this.formats[this.col] = this.numFmt;
  }

  private value(): ExcelJS.CellValue {
    if (this.hasF) {
      const formula = this.f.utf8();
      if (!this.hasV) return { formula } as ExcelJS.CellFormulaValue;
      // A formula whose saved result is an empty text is no value (as the whole-workbook reader is made to read it).
      if (this.type === 'str' && this.v.empty) return null;
      const text = this.v.latin1();
      const result =
        this.type === 'str' ? this.v.utf8() : this.type === 'e' ? { error: text } : this.type === 'b' ? parseInt(text, 10) !== 0 : parseFloat(text);
      return { formula, result } as ExcelJS.CellFormulaValue;
    }
    if (!this.hasV) return null;
    switch (this.type) {
      case 's': {
        if (this.v.empty) return null;
        const index = this.v.integer();
        const s = this.strings[index];
        // An index that names no shared string is a damaged file, never an empty cell (exceljs refuses it too).
        if (s === undefined) throw new MissingSharedString(this.v.latin1().slice(0, 20));
        return s;
      }
      case 'str':
      case 'inlineStr':
        return this.v.utf8();
      case 'e':
        return { error: this.v.latin1() } as ExcelJS.CellErrorValue;
      case 'b':
        return parseInt(this.v.latin1(), 10) !== 0;
      case 'd': {
        const d = new Date(this.v.latin1());
        return Number.isNaN(d.getTime()) ? this.v.latin1() : d;
      }
      default: {
        if (this.v.empty) return null;
        const n = this.v.number();
        return isDateFormat(this.numFmt) ? excelToDate(n, this.date1904) : n;
      }
    }
  }

  /** Keeps the row read so far; counts the cells against the workbook's budget. */
  private flush(): void {
    if (this.rowNo === 0) return;
    this.sheet.addRow(this.rowNo, this.values, this.formats, false);
    this.values = [];
    this.formats = [];
    this.rowNo = 0;
    const b = this.budget;
    if (++b.rows % 5000 === 0) b.onRows?.(b.rows);
    const cells = b.before + this.sheet.rowCount * this.sheet.columnCount;
    if (cells > b.max) b.tooLarge(cells);
  }

  /** The last row kept; the sheet's cells are added to the budget. */
  finish(): LightSheet {
    this.flush();
    this.budget.before += this.sheet.rowCount * this.sheet.columnCount;
    return this.sheet;
  }
}
