/**
 * Opens a spreadsheet file for import and turns every way it can fail into a UserError that names the file:
 * missing, empty, not a spreadsheet, a damaged or truncated zip, a zip bomb, a password-protected workbook, or
 * an empty workbook. Old .xls (BIFF) files are read with the maintained SheetJS build (@e965/xlsx 0.20.3, which
 * has the fixes for CVE-2023-30533 and CVE-2024-22363) and converted to .xlsx in memory, so one reader follows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { exceljs, sheetjs } from '../../lazy-modules';
import type { WorkBook } from '@e965/xlsx';
import { UserError } from '../../../shared/errors';
import { asWorksheet } from './light-sheet';
import { CAPS, CapExceeded, capError } from './caps';
import type { SheetPart, ZipLimits } from './zip-guard';
import { scanWorkbook, type WorkbookScan } from './zip-scan';

/** The import's zip caps (tests lower them): entries, all parts inflated, and each part inflated. */
export const IMPORT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: CAPS.totalBytes, maxEntries: CAPS.zipEntries, maxPartBytes: CAPS.partBytes };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** More cells than this is more than a statistics office sends; ask for a split rather than run out of memory. */
export const MAX_CELLS = 6_000_000;

const notAWorkbook = (name: string, zh: string, en: string): UserError =>
  new UserError('not-a-workbook', `${name}：${zh} / ${name}: ${en}`);

/** What an OLE compound file holds: an old .xls workbook, an encrypted (password-protected) .xlsx, or neither. */
const oleKind = (bytes: Buffer): 'xls' | 'encrypted' | 'unknown' => {
  try {
    const paths = sheetjs().CFB.read(bytes, { type: 'buffer' }).FullPaths.map((p: string) => p.replace(/^.*\//, '').toLowerCase());
    if (paths.includes('encryptedpackage') || paths.includes('encryptioninfo')) return 'encrypted';
    if (paths.includes('workbook') || paths.includes('book')) return 'xls';
  } catch {
    // not a readable compound file
  }
  return 'unknown';
};

/**
 * A file that is not a zip nor an OLE file: text saved under a spreadsheet's name is told apart (an HTML page, CSV
 * text) so that the message says what to do with it.
 */
const notZip = (name: string, bytes: Buffer): UserError => {
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  const text = !head.includes('\u0000') && !head.includes('\uFFFD');
  if (text && /^\s*(<!doctype html|<html|<table|<\?xml[^>]*>\s*<html)/i.test(head)) {
    return notAWorkbook(name, '这是 HTML 网页（常见于网站导出的“Excel”文件），不是 Excel 工作簿（.xlsx）；请在 Excel/WPS 中打开后另存为 .xlsx 再导入。', 'this is an HTML page, not an .xlsx workbook; open it in Excel/WPS and save it as .xlsx.');
  }
  const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (text && lines.length >= 1 && lines.slice(0, 5).every((l) => /[,\t;]/.test(l))) {
    return notAWorkbook(name, '这是 CSV 文本文件（以逗号或制表符分隔），不是 Excel 工作簿（.xlsx）；请在 Excel/WPS 中打开后另存为 .xlsx（Excel 工作簿）再导入。', 'this is CSV text (comma- or tab-separated), not an .xlsx workbook; open it in Excel/WPS and save it as .xlsx.');
  }
  return notAWorkbook(name, '不是 Excel 工作簿（.xlsx 或 .xls）。', 'not an Excel workbook (.xlsx or .xls).');
};

const fromXls = (name: string, bytes: Buffer): Buffer => {
  const kind = oleKind(bytes);
  if (kind === 'encrypted') {
    throw notAWorkbook(name, '工作簿设有打开密码，请在 Excel/WPS 中取消密码后再导入。', 'the workbook is password-protected; remove the password and import again.');
  }
  if (kind === 'unknown') {
    throw notAWorkbook(name, '像是旧版 .xls 文件但无法读取（文件可能已损坏），请在 Excel/WPS 中另存为 .xlsx 后再导入。', 'looks like an old .xls file but cannot be read (damaged?); save it as .xlsx and import again.');
  }
  let wb: WorkBook;
  try {
    wb = sheetjs().read(bytes, { type: 'buffer', cellFormula: false, cellNF: true, cellStyles: false, WTF: false });
  } catch (error) {
    const message = (error as Error).message;
    throw notAWorkbook(name, `无法读取此旧版 .xls 文件（${message}），请在 Excel/WPS 中另存为 .xlsx 后再导入。`, `cannot read this old .xls file; save it as .xlsx and import again.`);
  }
  if (wb.SheetNames.length === 0) {
    throw notAWorkbook(name, '旧版 .xls 文件中没有可读的工作表（文件可能已损坏），请在 Excel/WPS 中另存为 .xlsx 后再导入。', 'the old .xls file holds no readable sheet (damaged?); save it as .xlsx and import again.');
  }
  try {
    return sheetjs().write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  } catch (error) {
    throw notAWorkbook(name, `无法读取此旧版 .xls 文件（${(error as Error).message.slice(0, 200)}），请在 Excel/WPS 中另存为 .xlsx 后再导入。`, 'cannot read this old .xls file; save it as .xlsx and import again.');
  }
};

export interface OpenedWorkbook {
  /** LightSheets from the import's own reader behind the worksheet interface, or exceljs's (the reference). */
  sheets: ExcelJS.Worksheet[];
  bytes: Buffer;
  format: 'xlsx' | 'xls';
  reader: 'whole' | 'stream';
  /** What the file really was when it was not a workbook that Excel writes (an HTML table saved as .xls). */
  note?: string;
}

/** A web page's table or an Excel 2003 XML file is a few MB; past this it is not read as a sheet. */
const MAX_TEXT_WORKBOOK_BYTES = 20 * 2 ** 20;

/**
 * An .xls that is really an HTML table (what many provincial systems export, and Excel opens) or SpreadsheetML 2003
 * XML: read by SheetJS into a workbook, with a note saying what the file was. Null when it is neither.
 */
const fromTextXls = (name: string, bytes: Buffer): { bytes: Buffer; note: string } | null => {
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  const html = /<table[\s>]/i.test(bytes.subarray(0, Math.min(bytes.length, 2 ** 20)).toString('utf8')) && /^\s*(<!doctype html|<html|<table|<\?xml[^>]*>\s*<html|<meta)/i.test(head);
  const spreadsheetMl = /^\s*<\?xml[^>]*>[\s\S]*urn:schemas-microsoft-com:office:spreadsheet/i.test(head);
  if (!html && !spreadsheetMl) return null;
  if (bytes.length > MAX_TEXT_WORKBOOK_BYTES) {
    throw notAWorkbook(name, `网页表格或 XML 表格超过 ${MAX_TEXT_WORKBOOK_BYTES / 2 ** 20} MB，请在 Excel/WPS 中另存为 .xlsx 后再导入。`, 'the HTML or XML table is too large; save it as .xlsx.');
  }
  if (/<!DOCTYPE[^>]*\[|<!ENTITY/i.test(bytes.subarray(0, Math.min(bytes.length, 2 ** 20)).toString('utf8'))) {
    throw notAWorkbook(name, '文件含有实体声明（ENTITY），可能是恶意构造的文件，已拒绝。', 'the file declares entities; refused as possibly malicious.');
  }
  let wb: WorkBook;
  try {
    wb = sheetjs().read(bytes, { type: 'buffer', cellFormula: false, cellNF: true, cellStyles: false, WTF: false, raw: false });
  } catch (error) {
    throw notAWorkbook(name, `无法读取此网页/XML 表格（${(error as Error).message.slice(0, 100)}），请在 Excel/WPS 中另存为 .xlsx 后再导入。`, 'cannot read this HTML/XML table; save it as .xlsx.');
  }
  if (wb.SheetNames.length === 0) throw notAWorkbook(name, '文件中没有表格。', 'the file holds no table.');
  const note = html
    ? `${name} 实为网页表格（HTML，常见于业务系统导出的“Excel”文件），已按表格读取。 / ${name} is an HTML table saved as .xls; read as a sheet.`
    : `${name} 实为 Excel 2003 XML 表格（SpreadsheetML），已按表格读取。 / ${name} is an Excel 2003 XML spreadsheet; read as a sheet.`;
  return { bytes: sheetjs().write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer, note };
};

export const readWorkbookFile = async (
  file: string,
  limits: ZipLimits = IMPORT_ZIP_LIMITS,
  /**
   * `exceljsReader`: read with exceljs's whole-workbook reader instead of the import's own, as a reference that the
   * tests hold the import's reader to (same observations, same problems); it needs about 1 GB for 2 million cells.
   */
  options: { onProgress?: (rows: number) => void; exceljsReader?: boolean } = {},
): Promise<OpenedWorkbook> => {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new UserError('file-not-found', `找不到文件 ${file}。 / File not found: ${file}.`);
  }
  if (bytes.length === 0) throw notAWorkbook(name, '文件是空的（0 字节）。', 'the file is empty (0 bytes).');
  let xlsxBytes = bytes;
  let format: 'xlsx' | 'xls' = 'xlsx';
  let note: string | undefined;
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    xlsxBytes = fromXls(name, bytes);
    format = 'xls';
  } else if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    // An HTML table or SpreadsheetML saved under an .xls name is read; the same text named .xlsx is refused with a hint.
    const text = path.extname(name).toLowerCase() === '.xls' ? fromTextXls(name, bytes) : null;
    if (!text) throw notZip(name, bytes);
    xlsxBytes = text.bytes;
    note = text.note;
    format = 'xls';
  }
  // The pre-scan reads the cells in the same pass (sheet-values.ts), within the cell cap: refused while it is read.
  const tooLarge = (cells: number): never => {
    throw notAWorkbook(name, `表格过大（约 ${Math.round(cells / 10000)} 万个单元格），请按地区或年份拆分成几个文件再导入。`, `too large (${cells} cells); split the file by region or year.`);
  };
  let zip: WorkbookScan;
  try {
    zip = await scanWorkbook(xlsxBytes, limits, { max: MAX_CELLS, tooLarge, ...(options.onProgress ? { onRows: options.onProgress } : {}) });
  } catch (error) {
    if (error instanceof CapExceeded) throw capError(name, error);
    throw error;
  }
  if (!zip.entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw notAWorkbook(name, '压缩包中没有 Excel 工作簿（可能是 .docx 或其他文件改了扩展名）。', 'the archive holds no Excel workbook (a .docx or other file renamed?).');
  }
  if (options.exceljsReader) {
    zip.values = [];
    return { ...(await readWhole(name, xlsxBytes, bytes, format, options.onProgress, zip.sheets)), ...(note ? { note } : {}) };
  }
  const sheets = zip.values ?? [];
  if (sheets.length === 0) throw notAWorkbook(name, '工作簿中没有工作表。', 'the workbook has no worksheets.');
  return { sheets: sheets.map(asWorksheet), bytes, format, reader: 'stream', ...(note ? { note } : {}) };
};

/** Empties the whole reader's formula cells whose saved result is an empty string (see SheetExtras.emptyResults). */
const applyEmptyResults = (workbook: ExcelJS.Workbook, parts: ReadonlyMap<string, SheetPart>): void => {
  for (const part of parts.values()) {
    if (part.emptyResults.length === 0) continue;
    const ws = workbook.getWorksheet(part.name);
    if (!ws) continue;
    for (const address of part.emptyResults) {
      const cell = ws.getCell(address);
      const v = cell.value;
      // exceljs keeps no empty result on a formula value, so the cell is emptied: an empty text is no value.
      if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) cell.value = null;
    }
  }
};

/** exceljs's whole-workbook reader, the reference for the import's own (see `exceljsReader`). */
const readWhole = async (
  name: string,
  xlsxBytes: Buffer,
  bytes: Buffer,
  format: 'xlsx' | 'xls',
  onProgress?: (rows: number) => void,
  parts: ReadonlyMap<string, SheetPart> = new Map(),
): Promise<OpenedWorkbook> => {
  const workbook = new (exceljs().Workbook)();
  try {
    await workbook.xlsx.load(xlsxBytes as unknown as ArrayBuffer);
  } catch (error) {
    throw notAWorkbook(name, `已损坏或不是有效的工作簿（${(error as Error).message}）。`, 'damaged or not a valid workbook.');
  }
  if (workbook.worksheets.length === 0) throw notAWorkbook(name, '工作簿中没有工作表。', 'the workbook has no worksheets.');
  applyEmptyResults(workbook, parts);
  onProgress?.(workbook.worksheets.reduce((n, w) => n + w.rowCount, 0));
  return { sheets: workbook.worksheets, bytes, format, reader: 'whole' };
};
