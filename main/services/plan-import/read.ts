/**
 * A plan file read into its tables: pasted text (UTF-8 or GB18030) through the text reader, sheets and .docx through
 * the file readers. Caps the size before reading; a plan package (.json) is not read here but in package.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/errors';
import { readTextSource } from '../../../shared/plan-import/text-source';
import type { SourceDocument } from '../../../shared/plan-import/types';
import { readPlanSource } from './sources';

/** A plan's table is a few pages: anything larger than this is not a plan table. */
export const MAX_PLAN_FILE_BYTES = 20 * 2 ** 20;
const MAX_TEXT_BYTES = 4 * 2 ** 20;

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030 as WPS and Notepad save Chinese text. */
export const decodeText = (bytes: Buffer): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
};

const fileError = (file: string, zh: string, en: string): UserError =>
  new UserError('bad-plan-file', `规划文件 ${path.basename(file)}：${zh} / Plan file ${path.basename(file)}: ${en}`);

export const readPlanDocument = async (file: string): Promise<SourceDocument> => {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw fileError(file, '找不到该文件。', 'not found.');
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.txt' || ext === '.tsv' || ext === '.text') {
    if (size > MAX_TEXT_BYTES) throw fileError(file, `文本超过 ${MAX_TEXT_BYTES / 2 ** 20} MB，不是一张规划指标表。`, 'text over 4 MB is not a plan table.');
    return readTextSource(decodeText(fs.readFileSync(file)), file);
  }
  if (size > MAX_PLAN_FILE_BYTES) throw fileError(file, `文件超过 ${MAX_PLAN_FILE_BYTES / 2 ** 20} MB。`, 'file over 20 MB.');
  if (ext === '.xlsx' || ext === '.xls' || ext === '.docx') return readPlanSource(file);
  throw fileError(
    file,
    '只能读取粘贴的文本（.txt）、表格（.xlsx、.xls）、Word 文档（.docx）或规划包（.json）。',
    'only .txt, .xlsx, .xls, .docx or a plan package (.json) can be read.',
  );
};
