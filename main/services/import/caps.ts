/**
 * The caps every import is held to before it spends anything (see issue 11): each is checked in the streamed
 * pre-scan of the zip and its XML (zip-scan.ts, sheet-scan.ts) before exceljs or SheetJS sees the file. A file
 * past one is refused whole with a message naming the cap, the file, the sheet and the cell.
 */
import { UserError } from '../../../shared/errors';

export const CAPS = {
  /** Last row × last column of a sheet, from <dimension> and from the cells present; also cells present. */
  extentCells: 6_000_000,
  /** Excel's own grid. */
  maxRow: 1_048_576,
  maxColumn: 16_384,
  /** One merged range, by area. */
  mergeCells: 1_000_000,
  /** All merged ranges of a sheet together, by area, and how many there are. */
  mergedCellsPerSheet: 6_000_000,
  merges: 100_000,
  /** <col> elements in a sheet. */
  colElements: 1_000,
  /** Zip entries. */
  zipEntries: 5_000,
  /** One part inflated, and all parts together. */
  partBytes: 400 * 2 ** 20,
  totalBytes: 1024 * 2 ** 20,
  /** Excel's limit on a cell's text; counted in bytes of XML as at most 8 bytes a character (entities). */
  cellChars: 32_767,
  /** Shared strings in a workbook. */
  sharedStrings: 6_000_000,
  /** One XML tag (its name and attributes). */
  tagBytes: 2 ** 20,
  /** Nesting of XML elements (a sheet needs about 10). */
  xmlDepth: 100,
  /** A name (item, indicator, region) before it is matched. */
  nameChars: 500,
} as const;

export const fmt = (n: number): string => n.toLocaleString('en-US');

/** The first characters of a long text, for a message that must not echo it whole. */
export const headOf = (text: string, n = 20): string => (text.length <= n ? text : `${text.slice(0, n)}…（共 ${fmt(text.length)} 个字符）`);

/** Where a cap was passed: the part, and the sheet and cell when the cap belongs to one. */
export interface CapWhere {
  part: string;
  sheet?: string;
  cell?: string;
}

/** A cap passed in the pre-scan: turned into a UserError naming the file by workbook.ts. */
export class CapExceeded extends Error {
  constructor(
    readonly cap: keyof typeof CAPS | 'dtd' | 'damaged' | 'unsafe-name',
    readonly zh: string,
    readonly en: string,
    readonly where: CapWhere,
  ) {
    super(en);
  }
}

export const capError = (file: string, e: CapExceeded): UserError => {
  const zhWhere = e.where.sheet !== undefined ? `工作表“${e.where.sheet}”${e.where.cell ? `的 ${e.where.cell}` : ''}：` : `${e.where.part}：`;
  const enWhere = e.where.sheet !== undefined ? `sheet "${e.where.sheet}"${e.where.cell ? `, ${e.where.cell}` : ''}: ` : `${e.where.part}: `;
  const action = e.cap === 'damaged' ? '请重新导出或重新下载。' : e.cap === 'dtd' || e.cap === 'unsafe-name' ? '此文件不是 Excel/WPS 保存的工作簿，已拒绝导入。' : '整个文件未导入；请删除多余的行列或拆分文件后再导入。';
  return new UserError('not-a-workbook', `${file}：${zhWhere}${e.zh}${action} / ${file}: ${enWhere}${e.en} The file was not imported.`, {
    cap: e.cap,
    ...(e.cap in CAPS ? { limit: CAPS[e.cap as keyof typeof CAPS] } : {}),
    part: e.where.part,
    ...(e.where.sheet !== undefined ? { sheet: e.where.sheet } : {}),
    ...(e.where.cell !== undefined ? { cell: e.where.cell } : {}),
  });
};
