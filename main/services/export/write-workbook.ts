/**
 * Saves an exported workbook: through a temporary file in the same folder and a rename, so a failed write leaves
 * neither a half file nor a damaged older copy; a folder that is missing or not writable is a UserError.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { UserError } from '../../../shared/errors';

export const saveWorkbook = async (wb: ExcelJS.Workbook, out: string): Promise<void> => {
  if (path.extname(out).toLowerCase() !== '.xlsx') {
    throw new UserError('bad-input', `导出文件名应以 .xlsx 结尾：${out} / The output file must end in .xlsx: ${out}`);
  }
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    fs.renameSync(tmp, out);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EBUSY' || code === 'EROFS') {
      throw new UserError(
        'bad-input',
        `无法写入 ${out}（文件夹不存在、无写入权限或文件正被 Excel/WPS 打开）。 / Cannot write ${out} (missing folder, no permission, or the file is open in Excel/WPS).`,
      );
    }
    throw error;
  }
};
