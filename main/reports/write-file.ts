/** Writes a file whole or not at all: to FILE.part, then renamed, so that a reader never sees half a report. */
import fs from 'node:fs';
import { UserError } from '../../shared/errors';

const WHY: Record<string, string> = {
  ENOENT: '文件夹不存在',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EROFS: '磁盘只读',
  ENOSPC: '磁盘已满',
  EISDIR: '该名称是一个文件夹',
  EBUSY: '文件正被其他程序（如 WPS、Word 或 PDF 阅读器）打开',
};

export const writeFileAtomic = (out: string, data: Uint8Array): void => {
  const tmp = `${out}.part`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, out);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UserError('bad-input', `无法写入 ${out}：${WHY[code] ?? code}。 / Cannot write ${out} (${code}).`);
  }
};
