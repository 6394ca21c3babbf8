/**
 * Reads a plan file (.xlsx, .xls, .docx) into a SourceDocument: its tables as printed text and the paragraphs around
 * them. Picks the reader by content (a .xls that is really a zip is read as .xlsx) and refuses anything else, a zip
 * bomb, a DOCTYPE, or a table larger than a plan's, with a UserError that names the file, before the costly read.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import type { WorkBook } from '@e965/xlsx';
import type { SaxesTagNS } from 'saxes';
import { saxes, sheetjs } from '../../lazy-modules';
import { UserError } from '../../../shared/errors';
import type { SourceDocument, TextTable } from '../../../shared/plan-import/types';
import { readWorkbookFile } from '../import/workbook';
import { checkZip, type ZipLimits } from '../import/zip-guard';
import { columnName, columnNumber } from '../../../shared/text/cell-address';

/** A plan file is small: these caps refuse anything larger before it is parsed. */
export const PLAN_LIMITS = {
  fileBytes: 10 * 2 ** 20,
  zip: { maxTotalBytes: 16 * 2 ** 20, maxEntries: 2000 } satisfies ZipLimits,
  rows: 2000,
  columns: 50,
  cellChars: 2000,
};

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const W_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
/** A caption: 表1…/附表… or a title ending in 指标/一览表. */
const CAPTION = /^(附\s*)?表|(指标|一览表|指标表)$/u;
/** Lines under a table that are notes, not rows. */
const NOTE = /^(注|说明|备注|资料来源|数据来源)\s*[:：0-9１-９]/u;

const refuse = (name: string, zh: string, en: string): UserError => new UserError('bad-plan-file', `${name}：${zh} / ${name}: ${en}`);

const tooBig = (name: string, what: string, whatEn: string): UserError =>
  refuse(
    name,
    `${what}，超出规划文件的上限（${PLAN_LIMITS.rows} 行 × ${PLAN_LIMITS.columns} 列，单元格 ${PLAN_LIMITS.cellChars} 字）；请只保留规划指标表后再导入。`,
    `${whatEn}, more than a plan file holds (${PLAN_LIMITS.rows} rows × ${PLAN_LIMITS.columns} columns, ${PLAN_LIMITS.cellChars} characters a cell); keep only the plan's indicator table.`,
  );

const checkCell = (name: string, text: string, where: string): string => {
  if (text.length > PLAN_LIMITS.cellChars) throw tooBig(name, `${where} 的单元格有 ${text.length} 字`, `a cell at ${where} holds ${text.length} characters`);
  return text;
};

export const readPlanSource = async (file: string): Promise<SourceDocument> => {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (!['.xlsx', '.xls', '.docx'].includes(ext)) {
    throw refuse(name, '不支持此文件类型，规划文件请用 .xlsx、.xls 或 .docx。', 'unsupported file type; a plan file must be .xlsx, .xls or .docx.');
  }
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new UserError('file-not-found', `找不到文件 ${file}。 / File not found: ${file}.`);
  }
  if (size === 0) throw refuse(name, '文件是空的（0 字节）。', 'the file is empty (0 bytes).');
  if (size > PLAN_LIMITS.fileBytes) {
    throw refuse(name, `文件过大（${(size / 2 ** 20).toFixed(1)} MB），不像一份规划；请只保留规划指标表后再导入。`, `too large for a plan (${(size / 2 ** 20).toFixed(1)} MB); keep only the plan's indicator table.`);
  }
  const bytes = fs.readFileSync(file);
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    checkOle(name, bytes);
    preScanXls(name, bytes);
    return readSheets(file, name, 'xls');
  }
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw refuse(name, `不是 ${ext === '.docx' ? 'Word 文档' : 'Excel 工作簿'}（可能是其他文件改了扩展名）；请用 .xlsx、.xls 或 .docx。`, `not ${ext === '.docx' ? 'a Word document' : 'an Excel workbook'} (another file renamed?); use .xlsx, .xls or .docx.`);
  }
  const zip = checkZip(bytes, PLAN_LIMITS.zip);
  if (!zip.ok) {
    if (zip.reason === 'damaged') throw refuse(name, `文件已损坏或不完整（${zip.detail}），请重新保存或重新下载。`, `the file is damaged or incomplete (${zip.detail}).`);
    throw refuse(name, `解压后过大（${zip.detail}），可能是压缩炸弹，不像一份规划。`, `too large when uncompressed (${zip.detail}); possibly a zip bomb, not a plan.`);
  }
  const names = new Set(zip.entries.map((e) => e.name));
  if (names.has('word/document.xml')) return readDocx(file, name, bytes);
  if (names.has('xl/workbook.xml')) {
    for (const [part, sheet] of zip.sheets) if (sheet.state === 'visible') preScan(name, sheet.name, zipEntry(bytes, part) ?? Buffer.alloc(0));
    return readSheets(file, name, 'xlsx');
  }
  throw refuse(name, '压缩包中既没有 Excel 工作簿也没有 Word 文档；请用 .xlsx、.xls 或 .docx。', 'the archive holds neither an Excel workbook nor a Word document; use .xlsx, .xls or .docx.');
};

/** What an OLE compound file is: an old .xls is read; an old .doc or a password-protected file is refused. */
const checkOle = (name: string, bytes: Buffer): void => {
  let paths: string[] = [];
  try {
    paths = sheetjs().CFB.read(bytes, { type: 'buffer' }).FullPaths.map((p: string) => p.replace(/^.*\//, '').toLowerCase());
  } catch {
    // not a readable compound file: refused below
  }
  if (paths.includes('encryptedpackage') || paths.includes('encryptioninfo')) {
    throw refuse(name, '文件设有打开密码，请在 Office/WPS 中取消密码后再导入。', 'the file is password-protected; remove the password and import again.');
  }
  if (paths.includes('worddocument')) throw refuse(name, '是旧版 Word（.doc）文档，请在 Word/WPS 中另存为 .docx 后再导入。', 'an old Word .doc file; save it as .docx and import again.');
  if (paths.includes('workbook') || paths.includes('book')) return;
  throw refuse(name, '无法读取（文件可能已损坏），请在 Excel/WPS 中另存为 .xlsx 后再导入。', 'cannot be read (damaged?); save it as .xlsx and import again.');
};

/** One entry of a zip that checkZip has passed, inflated with the same limit; null when absent. */
const zipEntry = (bytes: Buffer, wanted: string): Buffer | null => {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let offset = bytes.readUInt32LE(eocd + 16);
  for (let n = bytes.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = bytes.readUInt16LE(offset + 10);
    const compressed = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const local = bytes.readUInt32LE(offset + 42);
    const entry = bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
    if (entry !== wanted) continue;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    return method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: PLAN_LIMITS.zip.maxTotalBytes });
  }
  return null;
};

/** Caps before cost: counts a sheet's rows and columns holding values in its XML, before exceljs loads it. */
const preScan = (name: string, sheet: string, xml: Buffer): void => {
  let rows = 0;
  let minCol = Infinity;
  let maxCol = 0;
  for (const row of xml.toString('utf8').matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    let used = false;
    for (const c of (row[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      if (!c[2] || !/<(v|is)\b/.test(c[2])) continue;
      used = true;
      const col = columnNumber(/\br="([A-Z]+)\d+"/.exec(c[1]!)?.[1] ?? '');
      if (col > 0) [minCol, maxCol] = [Math.min(minCol, col), Math.max(maxCol, col)];
    }
    if (used && ++rows > PLAN_LIMITS.rows) throw tooBig(name, `工作表“${sheet}”超过 ${PLAN_LIMITS.rows} 行`, `sheet "${sheet}" has more than ${PLAN_LIMITS.rows} rows`);
  }
  if (maxCol - minCol + 1 > PLAN_LIMITS.columns) {
    throw tooBig(name, `工作表“${sheet}”有 ${maxCol - minCol + 1} 列`, `sheet "${sheet}" has ${maxCol - minCol + 1} columns`);
  }
};

/** The same for an old .xls: only the first rows are read, and refused when all of them hold values. */
const preScanXls = (name: string, bytes: Buffer): void => {
  let book: WorkBook;
  try {
    book = sheetjs().read(bytes, { type: 'buffer', sheetRows: PLAN_LIMITS.rows + 1, cellFormula: false, cellHTML: false, cellText: false });
  } catch {
    return; // the reader below says what is wrong
  }
  book.SheetNames.forEach((sheet, i) => {
    if (book.Workbook?.Sheets?.[i]?.Hidden) return;
    const rows = sheetjs().utils.sheet_to_json<unknown[]>(book.Sheets[sheet]!, { header: 1, blankrows: false });
    if (rows.length > PLAN_LIMITS.rows) throw tooBig(name, `工作表“${sheet}”超过 ${PLAN_LIMITS.rows} 行`, `sheet "${sheet}" has more than ${PLAN_LIMITS.rows} rows`);
  });
};


// ---------------------------------------------------------------- sheets (.xlsx, .xls)

const readSheets = async (file: string, name: string, format: 'xlsx' | 'xls'): Promise<SourceDocument> => {
  // The workbook reader's refusals (damaged, password, no sheets) name the file already; the code says it is a plan file.
  const book = await readWorkbookFile(file, PLAN_LIMITS.zip).catch((error: unknown) => {
    throw error instanceof UserError && error.code === 'not-a-workbook' ? new UserError('bad-plan-file', error.message, error.details) : error;
  });
  const doc: SourceDocument = { file, format: book.format, paragraphs: [], tables: [] };
  let rowsSeen = 0;
  for (const ws of book.sheets) {
    if (ws.state !== 'visible') continue;
    const rows = sheetRows(name, ws);
    rowsSeen += rows.length;
    if (rowsSeen > PLAN_LIMITS.rows) throw tooBig(name, `表格超过 ${PLAN_LIMITS.rows} 行`, `more than ${PLAN_LIMITS.rows} rows`);
    splitTables(rows, doc);
  }
  if (doc.tables.length === 0) throw noTable(name, format === 'xls' ? '旧版工作簿' : '工作簿');
  return doc;
};

const noTable = (name: string, what: string): UserError =>
  refuse(name, `${what}中没有找到表格；请导入含规划指标表的文件。`, 'no table found; import the file that holds the plan\'s indicator table.');

type SheetRow = { line: number; cells: Map<number, string> };

/** The non-blank rows of a sheet, each as its non-empty cells' display text by column. */
const sheetRows = (name: string, ws: ExcelJS.Worksheet): SheetRow[] => {
  const out: SheetRow[] = [];
  const visit = (row: ExcelJS.Row, line: number) => {
    const cells = new Map<number, string>();
    row.eachCell((cell, c) => {
      const text = displayText(cell);
      if (text !== '') cells.set(c, checkCell(name, text, `“${ws.name}”!${columnName(c)}${line}`));
    });
    if (cells.size === 0) return;
    const cols = [...cells.keys()];
    if (Math.max(...cols) - Math.min(...cols) + 1 > PLAN_LIMITS.columns) {
      throw tooBig(name, `工作表“${ws.name}”第 ${line} 行超过 ${PLAN_LIMITS.columns} 列`, `row ${line} of sheet "${ws.name}" is wider than ${PLAN_LIMITS.columns} columns`);
    }
    out.push({ line, cells });
  };
  if (typeof ws.eachRow === 'function') ws.eachRow({ includeEmpty: false }, visit);
  else for (let r = 1; r <= ws.rowCount; r++) visit(ws.getRow(r), r);
  return out;
};

/** A cell's text as Excel shows it: numbers in their number format (0.6 as 60%), merged cells only in the top-left. */
const displayText = (cell: ExcelJS.Cell): string => {
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  let v: unknown = cell.value;
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) v = (v as { result?: unknown }).result;
  if (v === null || v === undefined) return '';
  let text: string;
  if (typeof v === 'string') text = v;
  else if (typeof v === 'number') text = formatNumber(v, cell.numFmt || 'General');
  else if (typeof v === 'boolean') text = v ? 'TRUE' : 'FALSE';
  else if (v instanceof Date) text = formatNumber(v.getTime() / 86_400_000 + 25_569, cell.numFmt || 'yyyy-mm-dd');
  else if (typeof v === 'object' && 'richText' in v) text = (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  else if (typeof v === 'object' && 'text' in v) text = String((v as { text: unknown }).text ?? '');
  else if (typeof v === 'object' && 'error' in v) text = String((v as { error: unknown }).error);
  else text = '';
  return text.replace(/\r\n?/g, '\n').trim();
};

const formatNumber = (value: number, numFmt: string): string => {
  try {
    return String(sheetjs().SSF.format(numFmt, value));
  } catch {
    return String(value);
  }
};

/**
 * A sheet's rows into tables, split at blank rows. In each block the single-cell rows above the first row of several
 * cells are titles: the one just above the header is the caption, the others paragraphs; notes below go to paragraphs.
 */
const splitTables = (rows: SheetRow[], doc: SourceDocument): void => {
  const blocks: SheetRow[][] = [];
  for (const row of rows) {
    const last = blocks.at(-1);
    if (last && last.at(-1)!.line === row.line - 1) last.push(row);
    else blocks.push([row]);
  }
  let pendingCaption: string | null = null;
  for (const block of blocks) {
    const first = block.findIndex((r) => r.cells.size > 1);
    const texts = (rs: SheetRow[]) => rs.map((r) => [...r.cells.values()].join(' '));
    if (first < 0) {
      doc.paragraphs.push(...texts(block));
      const lastText = texts(block).at(-1)!;
      pendingCaption = CAPTION.test(lastText) ? lastText : null;
      continue;
    }
    let end = block.length;
    while (end > first + 1 && block[end - 1]!.cells.size === 1 && NOTE.test(texts([block[end - 1]!])[0]!)) end--;
    const titles = texts(block.slice(0, first));
    let caption: string | null = titles.pop() ?? null;
    if (caption === null && pendingCaption !== null) {
      caption = pendingCaption;
      doc.paragraphs.splice(doc.paragraphs.lastIndexOf(pendingCaption), 1);
    }
    doc.paragraphs.push(...titles);
    const body = block.slice(first, end);
    const cols = body.flatMap((r) => [...r.cells.keys()]);
    const [minCol, maxCol] = [Math.min(...cols), Math.max(...cols)];
    const table: TextTable = {
      caption,
      rows: body.map((r) => Array.from({ length: maxCol - minCol + 1 }, (_, i) => r.cells.get(minCol + i) ?? '')),
      lines: body.map((r) => r.line),
    };
    doc.tables.push(table);
    doc.paragraphs.push(...texts(block.slice(end)));
    pendingCaption = null;
  }
};

// ---------------------------------------------------------------- Word (.docx)

/** Limits of a Word plan file's structure: nesting and tables. */
const MAX_XML_DEPTH = 200;
const MAX_TABLES = 200;

const readDocx = (file: string, name: string, bytes: Buffer): SourceDocument => {
  const entry = zipEntry(bytes, 'word/document.xml');
  if (!entry) throw refuse(name, '文档已损坏（缺少正文）。', 'the document is damaged (no word/document.xml).');
  let xml = entry.toString('utf8');
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  const doc: SourceDocument = { file, format: 'docx', paragraphs: [], tables: [] };
  const parser = new (saxes().SaxesParser)({ xmlns: true, position: false });
  const isW = (tag: SaxesTagNS, local: string) => tag.local === local && W_NS.has(tag.uri);
  const wAttr = (tag: SaxesTagNS, local: string): string | undefined =>
    Object.values(tag.attributes).find((a) => a.local === local && W_NS.has(a.uri))?.value;

  let tblDepth = 0; // open w:tbl; tables inside a cell are read as that cell's text
  let pDepth = 0;
  let inText = false;
  let skip = 0; // inside mc:Fallback (a copy of mc:Choice) or w:tcPr of a nested table
  let paragraph: string[] = [];
  let paragraphsBefore = 0; // doc.paragraphs.length when the last table ended
  let table: { rows: string[][]; lines: number[]; count: number } | null = null;
  let row: string[] = [];
  let after = 0; // w:gridAfter of the row
  let cell: string[] = [];
  let span = 1;
  let continued = false;
  const text = (s: string) => {
    if (tblDepth > 0) cell.push(s);
    else if (pDepth > 0) paragraph.push(s);
  };

  parser.on('doctype', () => {
    throw refuse(name, '文档含有 DOCTYPE 声明（Word 不会写入），可能是恶意构造的文件，已拒绝。', 'the document holds a DOCTYPE declaration (Word never writes one); refused as possibly malicious.');
  });
  // A real document nests a few dozen elements deep; resolving names costs the depth at every tag, so a file built
  // to nest thousands deep is refused before it costs minutes.
  let depth = 0;
  let tables = 0;
  parser.on('opentag', (tag) => {
    if (++depth > MAX_XML_DEPTH) throw tooBig(name, `正文嵌套超过 ${MAX_XML_DEPTH} 层`, `the document nests deeper than ${MAX_XML_DEPTH} levels`);
    if (tag.local === 'Fallback' && tag.uri === MC_NS) skip++;
    if (skip > 0) return;
    if (isW(tag, 'tbl')) {
      if (++tblDepth === 1 && ++tables > MAX_TABLES) throw tooBig(name, `文档超过 ${MAX_TABLES} 张表格`, `the document has more than ${MAX_TABLES} tables`);
      if (tblDepth === 1) table = { rows: [], lines: [], count: 0 };
    } else if (tblDepth === 1 && isW(tag, 'tr')) {
      row = [];
      after = 0;
      if (++table!.count > PLAN_LIMITS.rows) throw tooBig(name, `表格超过 ${PLAN_LIMITS.rows} 行`, `a table has more than ${PLAN_LIMITS.rows} rows`);
    } else if (tblDepth === 1 && (isW(tag, 'gridBefore') || isW(tag, 'gridAfter'))) {
      const n = Math.min(Number(wAttr(tag, 'val') ?? 0) || 0, PLAN_LIMITS.columns + 1);
      if (tag.local === 'gridBefore') row.push(...Array<string>(n).fill(''));
      else after = n;
    } else if (tblDepth === 1 && isW(tag, 'tc')) {
      [cell, span, continued] = [[], 1, false];
    } else if (tblDepth === 1 && isW(tag, 'gridSpan')) {
      span = Math.min(Math.max(1, Number(wAttr(tag, 'val') ?? 1) || 1), PLAN_LIMITS.columns + 1);
    } else if (tblDepth === 1 && isW(tag, 'vMerge')) {
      continued = (wAttr(tag, 'val') ?? 'continue') === 'continue';
    } else if (isW(tag, 'p')) {
      if (pDepth++ === 0 && tblDepth === 0) paragraph = [];
    } else if (isW(tag, 't')) inText = true;
    else if (isW(tag, 'tab')) text(tblDepth > 0 ? ' ' : '\t');
    else if (isW(tag, 'noBreakHyphen')) text('-');
  });
  parser.on('text', (s) => {
    if (inText && skip === 0) text(s);
  });
  parser.on('closetag', (tag) => {
    depth--;
    if (tag.local === 'Fallback' && tag.uri === MC_NS) skip--;
    if (skip > 0) return;
    if (isW(tag, 't')) inText = false;
    else if (isW(tag, 'p')) {
      if (--pDepth === 0 && tblDepth === 0) {
        const t = paragraph.join('').trim();
        if (t !== '') doc.paragraphs.push(t);
      }
    } else if (tblDepth === 1 && isW(tag, 'tc')) {
      const t = continued ? '' : cell.join('').trim();
      row.push(checkCell(name, t, `表 ${doc.tables.length + 1} 第 ${table!.count} 行`), ...Array<string>(span - 1).fill(''));
    } else if (tblDepth === 1 && isW(tag, 'tr')) {
      row.push(...Array<string>(after).fill(''));
      if (row.length > PLAN_LIMITS.columns) throw tooBig(name, `表格第 ${table!.count} 行超过 ${PLAN_LIMITS.columns} 列`, `row ${table!.count} of a table is wider than ${PLAN_LIMITS.columns} columns`);
      if (row.some((c) => c !== '')) {
        table!.rows.push(row);
        table!.lines.push(table!.count);
      }
    } else if (isW(tag, 'tbl') && --tblDepth === 0) {
      endTable(doc, table!, paragraphsBefore);
      paragraphsBefore = doc.paragraphs.length;
      table = null;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw refuse(name, `文档正文无法读取（${(error as Error).message}），请在 Word/WPS 中重新保存后再导入。`, 'the document body cannot be read; save it again in Word/WPS.');
  }
  if (doc.tables.length === 0) throw noTable(name, '文档');
  return doc;
};

/** A Word table: rows padded to one width; the caption is the last paragraph since the previous table, if it is one. */
const endTable = (doc: SourceDocument, table: { rows: string[][]; lines: number[] }, paragraphsBefore: number): void => {
  if (table.rows.length === 0) return;
  const width = Math.max(...table.rows.map((r) => r.length));
  const rows = table.rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const last = doc.paragraphs.length > paragraphsBefore ? doc.paragraphs.at(-1)! : null;
  const caption = last !== null && CAPTION.test(last) ? last : null;
  if (caption !== null) doc.paragraphs.pop();
  doc.tables.push({ caption, rows, lines: table.lines });
};
