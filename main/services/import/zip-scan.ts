/**
 * The import's look inside an .xlsx before any spreadsheet library touches it: the central directory is read,
 * entry names are checked, and every entry is inflated as a stream (never held whole) with a cap per part and in
 * all, while its XML goes through the bounded scan (xml-scan.ts, sheet-scan.ts). workbook.xml and its rels come
 * first, then the shared strings, then the sheets, so that a cap is reported with its sheet and cell.
 */
import zlib from 'node:zlib';
import { UserError } from '../../../shared/errors';
import { CAPS, CapExceeded, fmt } from './caps';
import type { LightSheet } from './light-sheet';
import { SharedStringsScan, SheetScan, type SheetFacts } from './sheet-scan';
import { SheetValues, StylesScan, type CellBudget } from './sheet-values';
import { XmlScan, type TagHandler } from './xml-scan';
import { sheetNames, type SheetPart, type ZipLimits } from './zip-guard';

export interface WorkbookScan {
  entries: { name: string; size: number }[];
  totalBytes: number;
  sheets: Map<string, SheetPart & SheetFacts>;
  /** With `values`: every worksheet's cells, in the workbook's order of sheets. */
  values?: LightSheet[];
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface RawEntry { name: string; method: number; data: Buffer }

const damaged = (zh: string, en: string, part = ''): CapExceeded => new CapExceeded('damaged', zh, en, { part });

/** The central directory: names, methods and the bytes of each entry as stored. */
const directory = (bytes: Buffer, maxEntries: number): RawEntry[] => {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('文件已损坏或不完整（找不到 zip 目录，可能被截断）。', 'the file is damaged or incomplete (no end of central directory: truncated?).');
  const count = bytes.readUInt16LE(eocd + 10);
  if (count > maxEntries) {
    throw new CapExceeded('zipEntries', `压缩包内有 ${count} 个条目，超过上限 ${fmt(maxEntries)} 个。`, `the archive holds ${count} entries, more than the cap of ${fmt(maxEntries)}.`, { part: '' });
  }
  let offset = bytes.readUInt32LE(eocd + 16);
  const entries: RawEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL) throw damaged('文件已损坏（zip 目录损坏）。', 'the file is damaged (central directory).');
    const method = bytes.readUInt16LE(offset + 10);
    const compressed = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const localOffset = bytes.readUInt32LE(offset + 42);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
    if (/(^|[\\/])\.\.([\\/]|$)|^[\\/]|^[A-Za-z]:|\0/.test(name)) {
      throw new CapExceeded('unsafe-name', `压缩包内有不安全的条目名“${name.slice(0, 80)}”（指向上级目录或绝对路径）。`, `the archive holds an unsafe entry name "${name.slice(0, 80)}" (a parent folder or an absolute path).`, { part: name.slice(0, 80) });
    }
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL) throw damaged(`文件已损坏（条目 ${name} 缺失）。`, `the file is damaged (entry ${name} is missing).`, name);
    const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (start + compressed > bytes.length) throw damaged(`文件已损坏或不完整（条目 ${name} 被截断）。`, `the file is damaged or incomplete (entry ${name} is truncated).`, name);
    if (method !== 0 && method !== 8) throw damaged(`文件已损坏或已加密（条目 ${name} 使用压缩方法 ${method}）。`, `the file is damaged or encrypted (entry ${name} uses compression method ${method}).`, name);
    entries.push({ name, method, data: bytes.subarray(start, start + compressed) });
  }
  return entries;
};

/** Inflates one entry as a stream, handing each chunk on; returns the size. Refuses past the part and total caps. */
const inflate = async (e: RawEntry, budget: { left: number; part: number; total: number }, onChunk: (b: Buffer) => void): Promise<number> => {
  const tooLarge = (): CapExceeded =>
    new CapExceeded('partBytes', `解压后过大（条目 ${e.name} 超过 ${fmt(budget.part / 2 ** 20)} MiB，或全部超过 ${fmt(budget.total / 2 ** 20)} MiB），可能是压缩炸弹。`, `too large when uncompressed (${e.name} over ${fmt(budget.part / 2 ** 20)} MiB, or all parts over ${fmt(budget.total / 2 ** 20)} MiB); possibly a zip bomb.`, { part: e.name });
  if (e.method === 0) {
    if (e.data.length > budget.part || e.data.length > budget.left) throw tooLarge();
    for (let i = 0; i < e.data.length; i += 65_536) onChunk(e.data.subarray(i, i + 65_536));
    budget.left -= e.data.length;
    return e.data.length;
  }
  const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  inflater.end(e.data);
  let size = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > budget.part || size > budget.left) throw tooLarge();
      onChunk(chunk);
    }
  } catch (error) {
    inflater.destroy();
    // A cap, or a file too large for the cell budget, as it is; anything else is zlib's word for a damaged entry.
    if (error instanceof CapExceeded || error instanceof UserError) throw error;
    throw damaged(`文件已损坏或不完整（条目 ${e.name} 无法解压）。`, `the file is damaged or incomplete (entry ${e.name} cannot be inflated).`, e.name);
  }
  budget.left -= size;
  return size;
};

/** A handler that only keeps the part's text (workbook.xml and its rels, which are small), up to 32 MiB. */
class Collect implements TagHandler {
  readonly chunks: Buffer[] = [];
  constructor(private readonly part: string) {}
  where() {
    return { part: this.part };
  }
  open(): void {}
  close(): void {}
  text(): void {}
}

const NOOP: TagHandler = { open() {}, close() {}, text() {}, where: () => ({ part: '' }) };

const isXml = (name: string): boolean => /\.(xml|rels|vml)$/i.test(name);

const STYLES = 'xl/styles.xml';

/** The order parts are read in: workbook, its rels, shared strings and styles, the sheets, the rest. */
const order = (name: string): number =>
  name === 'xl/workbook.xml' ? 0 : name === 'xl/_rels/workbook.xml.rels' ? 1 : name === 'xl/sharedStrings.xml' || name === STYLES ? 2 : /^xl\/worksheets\/[^/]+\.xml$/.test(name) ? 3 : 4;

/**
 * `values`: read the cells too, in the same pass (sheet-values.ts), within a budget of cells for the workbook.
 */
export const scanWorkbook = async (bytes: Buffer, limits: ZipLimits, values?: Omit<CellBudget, 'before' | 'rows'>): Promise<WorkbookScan> => {
  const raw = directory(bytes, limits.maxEntries);
  const partCap = Math.min(limits.maxPartBytes ?? CAPS.partBytes, limits.maxTotalBytes);
  const room = { left: limits.maxTotalBytes, part: partCap, total: limits.maxTotalBytes };
  const sorted = [...raw].sort((a, b) => order(a.name) - order(b.name));
  const sizes = new Map<string, number>();
  let workbookXml = '';
  let relsXml = '';
  let sst = new SharedStringsScan('xl/sharedStrings.xml');
  let styles: StylesScan | null = null;
  let names: Map<string, { name: string; state: SheetPart['state'] }> | null = null;
  const sheets = new Map<string, SheetPart & SheetFacts>();
  const read = new Map<string, SheetValues>();
  const cellBudget: CellBudget | null = values ? { ...values, before: 0, rows: 0 } : null;
  for (const e of sorted) {
    const kind = order(e.name);
    if (kind === 3 && names === null) names = sheetNames(workbookXml, relsXml);
    let handler: TagHandler = NOOP;
    let sheet: SheetScan | null = null;
    let collect: Collect | null = null;
    if (kind <= 1) handler = collect = new Collect(e.name);
    else if (e.name === STYLES) {
      if (values) handler = styles = new StylesScan();
    }
    else if (kind === 2) handler = sst = new SharedStringsScan(e.name, values !== undefined);
    else if (kind === 3) {
      const n = names?.get(e.name);
      const cells = cellBudget && n ? new SheetValues(n.name, n.state, sst.strings, styles, date1904(workbookXml), cellBudget) : null;
      if (cells) read.set(e.name, cells);
      handler = sheet = new SheetScan(e.name, n?.name, sst.long, cells);
    }
    const scan = isXml(e.name) ? new XmlScan(handler, e.name === 'xl/sharedStrings.xml' ? null : undefined) : null;
    let kept = 0;
    const size = await inflate(e, room, (chunk) => {
      scan?.feed(chunk);
      if (collect) {
        kept += chunk.length;
        if (kept > 32 * 2 ** 20) throw new CapExceeded('partBytes', `${e.name} 超过 32 MiB。`, `${e.name} is larger than 32 MiB.`, { part: e.name });
        collect.chunks.push(Buffer.from(chunk));
      }
    });
    scan?.end();
    sizes.set(e.name, size);
    if (collect && kind === 0) workbookXml = Buffer.concat(collect.chunks).toString('utf8');
    if (collect && kind === 1) relsXml = Buffer.concat(collect.chunks).toString('utf8');
    if (sheet) {
      const n = names?.get(e.name);
      const facts = sheet.facts();
      sheets.set(e.name, { name: n?.name ?? e.name, state: n?.state ?? 'visible', ...facts });
      const cells = read.get(e.name)?.finish();
      if (cells) {
        // Merged ranges need the rows read; hidden rows and columns come from the scan.
        for (const range of facts.merges) cells.addMerge(range);
        for (const r of facts.hiddenRows) cells.hiddenRows.add(r);
        for (const c of facts.hiddenColumns) cells.hiddenColumns.add(c);
      }
    }
  }
  if (cellBudget) cellBudget.onRows?.(cellBudget.rows);
  const entries = raw.map((e) => ({ name: e.name, size: sizes.get(e.name) ?? 0 }));
  // Only parts that workbook.xml names are sheets (as zip-guard's sheetParts).
  for (const part of [...sheets.keys()]) if (!names?.has(part)) sheets.delete(part);
  const scanned = { entries, totalBytes: limits.maxTotalBytes - room.left, sheets };
  if (!values) return scanned;
  // In the workbook's order of sheets.
  return { ...scanned, values: [...(names?.keys() ?? [])].flatMap((part) => (read.has(part) ? [read.get(part)!.sheet] : [])) };
};

/** Whether the workbook counts dates from 1904 (old Mac workbooks). */
const date1904 = (workbookXml: string): boolean => /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbookXml);
