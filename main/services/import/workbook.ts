/**
 * Opens an .xlsx file for import with exceljs and turns every way it can fail into a UserError that names the
 * file: missing, not an xlsx (wrong magic bytes, an old .xls), damaged zip, password-protected (an encrypted
 * OLE container), or empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { UserError } from '../../../shared/errors';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const readWorkbookFile = async (file: string): Promise<{ workbook: ExcelJS.Workbook; bytes: Buffer }> => {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new UserError('file-not-found', `找不到文件 ${file}。 / File not found: ${file}.`);
  }
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    throw new UserError(
      'not-a-workbook',
      `${name}：这是旧版 .xls 文件或设置了打开密码的工作簿，请在 Excel/WPS 中另存为 .xlsx（并取消密码）后再导入。` +
        ` / ${name} is an old .xls file or a password-protected workbook; save it as .xlsx without a password and import again.`,
    );
  }
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new UserError('not-a-workbook', `${name} 不是 Excel 工作簿（.xlsx）。 / ${name} is not an Excel workbook (.xlsx).`);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UserError(
      'not-a-workbook',
      `${name} 已损坏或不是有效的 .xlsx 文件（${(error as Error).message}）。 / ${name} is damaged or not a valid .xlsx file.`,
    );
  }
  if (workbook.worksheets.length === 0) {
    throw new UserError('not-a-workbook', `${name} 中没有工作表。 / ${name} has no worksheets.`);
  }
  return { workbook, bytes };
};
