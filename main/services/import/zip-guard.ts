/**
 * A look inside an .xlsx (a zip) before any spreadsheet library touches it: the central directory is read and
 * every entry is inflated with a hard output limit, so a zip bomb or a damaged archive is refused with a clear
 * message instead of exhausting memory. Returns the uncompressed size of each entry.
 */
import zlib from 'node:zlib';
import { decodeXmlText } from './xml-scan';

export interface ZipLimits {
  /** All entries together, uncompressed. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Each entry, uncompressed (the import's streamed scan only; caps.ts has the default). */
  maxPartBytes?: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 400 * 2 ** 20, maxEntries: 5000 };

/** What a sheet's XML says besides its cells: merged ranges, hidden rows and columns, empty formula results. */
export interface SheetExtras {
  merges: string[];
  hiddenRows: number[];
  /** Hidden columns, 1-based, from the sheet's <cols>. */
  hiddenColumns: number[];
  /**
   * Cells whose formula's saved result is an empty string (=IF(A1="","",…)): Excel writes <v></v>, and exceljs reads
   * that as a formula without a result. They hold no value.
   */
  emptyResults: string[];
}

/**
 * A worksheet part (xl/worksheets/sheet3.xml) with its name and visibility from workbook.xml (read first, wherever it
 * lies in the zip: openpyxl, pandas and exceljs write it after the sheets), and its extras.
 */
export interface SheetPart extends SheetExtras {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

export type ZipCheck =
  | { ok: true; entries: { name: string; size: number }[]; totalBytes: number; sheets: Map<string, SheetPart> }
  | { ok: false; reason: 'damaged' | 'too-large' | 'too-many-entries'; detail: string };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export const checkZip = (bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck => {
  // End of central directory: in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'damaged', detail: 'no end of central directory (truncated?)' };
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) return { ok: false, reason: 'too-many-entries', detail: `${count} entries` };
  const entries: { name: string; size: number }[] = [];
  // Sheet extras by the sheet's name (workbook.xml and its rels tell which part is which sheet).
  const byPart = new Map<string, SheetExtras>();
  let workbookXml = '';
  let relsXml = '';
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      return { ok: false, reason: 'damaged', detail: 'central directory is damaged' };
    }
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localOffset = bytes.readUInt32LE(offset + 42);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + extraLength + commentLength;
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) {
      return { ok: false, reason: 'damaged', detail: `entry ${name} is missing` };
    }
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > bytes.length) return { ok: false, reason: 'damaged', detail: `entry ${name} is truncated` };
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    let size: number;
    let inflated: Buffer | null = null;
    if (method === 0) {
      size = compressedSize;
      inflated = data;
    } else if (method === 8) {
      try {
        inflated = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, limits.maxTotalBytes - total) });
        size = inflated.length;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          return { ok: false, reason: 'too-large', detail: `more than ${Math.round(limits.maxTotalBytes / 2 ** 20)} MiB uncompressed` };
        }
        return { ok: false, reason: 'damaged', detail: `entry ${name} cannot be inflated` };
      }
    } else return { ok: false, reason: 'damaged', detail: `entry ${name} uses compression method ${method}` };
    total += size;
    if (total > limits.maxTotalBytes) return { ok: false, reason: 'too-large', detail: `more than ${Math.round(limits.maxTotalBytes / 2 ** 20)} MiB uncompressed` };
    entries.push({ name, size });
    if (inflated && /^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      byPart.set(name, { merges: mergedRanges(inflated), hiddenRows: hiddenRows(inflated), hiddenColumns: hiddenColumns(inflated), emptyResults: emptyResults(inflated) });
    }
    if (inflated && name === 'xl/workbook.xml') workbookXml = inflated.toString('utf8');
    if (inflated && name === 'xl/_rels/workbook.xml.rels') relsXml = inflated.toString('utf8');
  }
  return { ok: true, entries, totalBytes: total, sheets: sheetParts(workbookXml, relsXml, byPart) };
};

/** The merged ranges of a sheet: <mergeCells> sits after the sheet data, so only the tail is searched. */
const mergedRanges = (xml: Buffer): string[] => {
  const at = xml.lastIndexOf('<mergeCells');
  if (at < 0) return [];
  const tail = xml.subarray(at).toString('utf8');
  return [...tail.matchAll(/<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g)].map((m) => m[1]!);
};

/** Rows marked hidden="1" (or "true") in a sheet's XML. */
const hiddenRows = (xml: Buffer): number[] => {
  if (xml.indexOf('hidden=') < 0) return [];
  const rows: number[] = [];
  for (const m of xml.toString('utf8').matchAll(/<row\b[^>]*>/g)) {
    if (!/\bhidden="(1|true)"/.test(m[0])) continue;
    const r = /\br="(\d+)"/.exec(m[0]);
    if (r) rows.push(Number(r[1]));
  }
  return rows;
};

/** Formula cells of type str whose cached value is empty: <c r="C6" t="str"><f>…</f><v></v></c> (or <v/>). */
const emptyResults = (xml: Buffer): string[] => {
  if (xml.indexOf('<v></v>') < 0 && xml.indexOf('<v/>') < 0) return [];
  const out: string[] = [];
  for (const m of xml.toString('utf8').matchAll(/<c\b([^>]*)>\s*<f\b[^>]*(?:\/>|>[^<]*<\/f>)\s*(?:<v\s*\/>|<v><\/v>)\s*<\/c>/g)) {
    if (!/\bt="str"/.test(m[1]!)) continue;
    const r = /\br="([A-Z]+\d+)"/.exec(m[1]!);
    if (r) out.push(r[1]!);
  }
  return out;
};

/** Columns marked hidden in a sheet's <cols> (<col min="3" max="4" hidden="1"/>): they precede the sheet data. */
const hiddenColumns = (xml: Buffer): number[] => {
  const end = xml.indexOf('<sheetData');
  const head = xml.subarray(0, end < 0 ? Math.min(xml.length, 65_536) : end).toString('utf8');
  const cols = new Set<number>();
  for (const m of head.matchAll(/<col\b[^>]*>/g)) {
    if (!/\bhidden="(1|true)"/.test(m[0])) continue;
    const min = Number(/\bmin="(\d+)"/.exec(m[0])?.[1] ?? 0);
    const max = Number(/\bmax="(\d+)"/.exec(m[0])?.[1] ?? min);
    for (let c = Math.max(1, min); c <= Math.min(max, 16_384); c++) cols.add(c);
    if (cols.size >= 16_384) break;
  }
  return [...cols];
};

/** Each worksheet part's sheet name and state, through workbook.xml (name → r:id) and its rels (r:id → target). */
export const sheetNames = (workbookXml: string, relsXml: string): Map<string, { name: string; state: SheetPart['state'] }> => {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const out = new Map<string, { name: string; state: SheetPart['state'] }>();
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const state = /\bstate="(hidden|veryHidden)"/.exec(m[0])?.[1] as SheetPart['state'] | undefined;
    const part = rid ? targets.get(rid) : undefined;
    if (name !== undefined && part) out.set(part, { name: decodeXmlText(name), state: state ?? 'visible' });
  }
  return out;
};

/** The worksheet parts of sheetNames with what each one's XML says besides its cells. */
const sheetParts = (workbookXml: string, relsXml: string, byPart: Map<string, SheetExtras>): Map<string, SheetPart> =>
  new Map(
    [...sheetNames(workbookXml, relsXml)].flatMap(([part, sheet]) => {
      const extras = byPart.get(part);
      return extras ? [[part, { ...sheet, ...extras }] as const] : [];
    }),
  );
