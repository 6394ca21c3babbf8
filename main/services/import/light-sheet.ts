/**
 * A worksheet read by the import's own reader (sheet-values.ts), kept compactly (values and number formats per row)
 * and offering the small part of the ExcelJS.Worksheet interface the layouts and the data-entry workbook's reader
 * use. Merged ranges come from the same pass over the sheet XML and are applied here, so merged headers still work.
 */
import type ExcelJS from 'exceljs';
import { columnName, columnNumber } from '../../../shared/text/cell-address';

/** A1 (also a1 and $A$1, as a merged range may be written); null for anything else. */
const parseAddress = (a: string): { row: number; col: number } | null => {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a);
  if (!m) return null;
  return { row: Number(m[2]), col: columnNumber(m[1]!.toUpperCase()) };
};

/** Cell keys: row × KEY + column (columns stop at 16,384). */
const KEY = 16_385;

class LightCell {
  constructor(
    private readonly sheet: LightSheet,
    readonly row: number,
    readonly col: number,
  ) {}
  get address(): string {
    return `${columnName(this.col)}${this.row}`;
  }
  /** A merged cell shows its master's value (and no object is made for a cell that is not merged). */
  get value(): ExcelJS.CellValue {
    const m = this.sheet.masterKeyOf(this.row, this.col);
    return m < 0 ? this.sheet.rawValue(this.row, this.col) : this.sheet.rawValue(Math.floor(m / KEY), m % KEY);
  }
  get numFmt(): string | undefined {
    const m = this.sheet.masterKeyOf(this.row, this.col);
    return m < 0 ? this.sheet.rawNumFmt(this.row, this.col) : this.sheet.rawNumFmt(Math.floor(m / KEY), m % KEY);
  }
  get isMerged(): boolean {
    return this.sheet.masterKeyOf(this.row, this.col) >= 0 || this.sheet.isMasterOfMerge(this.row, this.col);
  }
  get master(): LightCell {
    const m = this.sheet.masterKeyOf(this.row, this.col);
    return m < 0 ? this : new LightCell(this.sheet, Math.floor(m / KEY), m % KEY);
  }
}

class LightRow {
  constructor(
    private readonly sheet: LightSheet,
    readonly number: number,
  ) {}
  get hidden(): boolean {
    return this.sheet.hiddenRows.has(this.number);
  }
  getCell(col: number): LightCell {
    return new LightCell(this.sheet, this.number, col);
  }
  eachCell(fn: (cell: LightCell, col: number) => void): void {
    const values = this.sheet.rowValues(this.number);
    values.forEach((v, c) => {
      if (v !== undefined && v !== null) fn(this.getCell(c), c);
    });
  }
}

export class LightSheet {
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns = new Set<number>();
  private readonly values: (ExcelJS.CellValue[] | undefined)[] = [];
  private readonly formats: ((string | undefined)[] | undefined)[] = [];
  /** Merged cells by key (row × KEY + col) → their master's key; only within the data read (see addMerge). */
  private readonly masters = new Map<number, number>();
  private readonly masterCells = new Set<number>();
  rowCount = 0;
  columnCount = 0;

  constructor(
    readonly name: string,
    readonly state: 'visible' | 'hidden' | 'veryHidden',
  ) {}

  addRow(number: number, values: ExcelJS.CellValue[], formats: (string | undefined)[], hidden: boolean): void {
    this.values[number] = values;
    if (formats.some((f) => f !== undefined && f !== 'General')) this.formats[number] = formats;
    if (hidden) this.hiddenRows.add(number);
    this.rowCount = Math.max(this.rowCount, number);
    this.columnCount = Math.max(this.columnCount, values.length - 1);
  }

  /**
   * A merged range, clipped to the rows and columns read: a merge reaching far beyond the data (G3:XFD1048576) costs
   * no more than the data itself (the pre-scan has capped every merge by area already).
   */
  addMerge(range: string): void {
    const [from, to] = range.split(':');
    if (!from || !to) return;
    const p = parseAddress(from);
    const q = parseAddress(to);
    if (!p || !q) return; // the scan has refused any range it cannot read; nothing else is a merge
    // Its corners in either order (F4:F3 is F3:F4): the master is the top-left cell.
    const a = { row: Math.min(p.row, q.row), col: Math.min(p.col, q.col) };
    const b = { row: Math.max(p.row, q.row), col: Math.max(p.col, q.col) };
    const master = a.row * KEY + a.col;
    this.masterCells.add(master);
    for (let r = a.row; r <= Math.min(b.row, this.rowCount); r++) {
      for (let c = a.col; c <= Math.min(b.col, this.columnCount); c++) if (r !== a.row || c !== a.col) this.masters.set(r * KEY + c, master);
    }
  }

  /** The key of the master of a merged cell (row × KEY + col), or −1. */
  masterKeyOf(row: number, col: number): number {
    if (this.masters.size === 0) return -1;
    return this.masters.get(row * KEY + col) ?? -1;
  }
  isMasterOfMerge(row: number, col: number): boolean {
    return this.masterCells.has(row * KEY + col);
  }
  rawValue(row: number, col: number): ExcelJS.CellValue {
    return this.values[row]?.[col] ?? null;
  }
  rawNumFmt(row: number, col: number): string | undefined {
    return this.formats[row]?.[col];
  }
  rowValues(row: number): ExcelJS.CellValue[] {
    return this.values[row] ?? [];
  }
  /** A formula whose saved result is an empty string: no value (exceljs reads it as a formula without a result). */
  setEmptyResult(address: string): void {
    const at = parseAddress(address);
    if (!at) return;
    const { row, col } = at;
    const v = this.values[row]?.[col];
    if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) this.values[row]![col] = null;
  }
  getColumn(col: number): { hidden: boolean } {
    return { hidden: this.hiddenColumns.has(col) };
  }
  getRow(number: number): LightRow {
    return new LightRow(this, number);
  }
  /** By row and column, or by address ('A1') as ExcelJS.Worksheet.getCell takes it. */
  getCell(row: number | string, col?: number): LightCell {
    if (typeof row === 'string') {
      const a = parseAddress(row);
      if (!a) throw new Error(`not a cell address: ${row.slice(0, 20)}`);
      return new LightCell(this, a.row, a.col);
    }
    return new LightCell(this, row, col ?? 1);
  }
}

/** The layouts are written against ExcelJS.Worksheet; a LightSheet offers the part of it they use. */
export const asWorksheet = (sheet: LightSheet): ExcelJS.Worksheet => sheet as unknown as ExcelJS.Worksheet;
