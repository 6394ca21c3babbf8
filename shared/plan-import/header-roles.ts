/**
 * The words of a plan table's header row (序号, 指标名称, 2020年实际值, 2025年目标值, 指标属性 …): which role each
 * column plays, which years it names, and whether a row of cells is a header at all. Shared by the readers and the draft.
 */
import type { ColumnRole } from './types';

/** Traditional forms that occur in header words, attributes and headings of web copies (seed 000). */
const TRADITIONAL: Readonly<Record<string, string>> = {
  號: '号', 標: '标', 單: '单', 屬: '属', 稱: '称', 預: '预', 約: '约', 項: '项', 類: '类', 實: '实', 際: '际',
  長: '长', 現: '现', 狀: '状', 計: '计', 別: '别', 領: '领', 準: '准', 總: '总', 規: '规', 劃: '划',
};

/** Header text folded for matching: no spaces or line breaks, full-width digits and traditional forms folded. */
export const headerKey = (text: string): string =>
  text
    .replace(/\s+/gu, '')
    .replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/./gu, (c) => TRADITIONAL[c] ?? c);

/** The header cell as printed with its wrapped lines joined: "2025年\n目标值" → "2025年目标值". */
export const headerText = (text: string): string => text.replace(/\s*\n\s*/gu, '').trim();

const YEAR = /((?:19|20)\d\d)年?/u;

/** The four-digit year a header names ("2020年实际值" → 2020), or null. */
export const headerYear = (text: string): number | null => {
  const m = YEAR.exec(headerKey(text));
  return m ? Number(m[1]) : null;
};

/** The role a header word names by itself; a bare year ("2025年") is 'other' here and decided by `columnRoles`. */
export const wordRole = (text: string): ColumnRole => {
  const key = headerKey(text).replace(/[（(][^)）]*[)）]/gu, '');
  if (key === '') return 'other';
  if (/属性/u.test(key)) return 'attribute';
  if (/^(计量)?单位$/u.test(key)) return 'unit';
  if (/年均增长|年均增速|增速|增长比例|增长率|增幅|^增长/u.test(key)) return 'growth';
  if (/完成值|完成情况|完成数|实际完成/u.test(key)) return 'final';
  if (/目标值|目标|规划值|预期值/u.test(key)) return 'target';
  if (/基期值|现状值|基数|基准值|基期|实际值|现状|现值/u.test(key)) return 'baseline';
  if (/^(序号|编号|No\.?)$/iu.test(key)) return 'seq';
  if (/^(类别|领域|类型|分类|指标类别|指标类型)$/u.test(key)) return 'category';
  if (/^(指标名称|主要指标|指标|指标内容|名称|项目|具体指标|指标项)$/u.test(key)) return 'name';
  return 'other';
};

/** True for a header cell that is a bare year ("2025年", "2025"). */
const isBareYear = (text: string): boolean => /^(19|20)\d\d年?$/u.test(headerKey(text));

/** True when a cell could stand in a header row: a role word or a year heading. */
export const isHeaderWord = (text: string): boolean => wordRole(text) !== 'other' || /^(19|20)\d\d年/u.test(headerKey(text));

/** True when a cell can open a header row (序号 or a name heading). */
export const opensHeader = (text: string): boolean => {
  const role = wordRole(text);
  return role === 'seq' || role === 'name' || role === 'category';
};

/**
 * The role of each column. A bare year is the baseline when it is the earlier of two bare years or when the table
 * already has a target column, else the target: "2020年 | 2025年" → baseline, target.
 */
export const columnRoles = (cells: readonly string[]): ColumnRole[] => {
  const roles = cells.map((c) => wordRole(c));
  const bare = cells.map((c, i) => (roles[i] === 'other' && isBareYear(c) ? headerYear(c) : null));
  const bareYears = bare.filter((y): y is number => y !== null);
  const hasTarget = roles.includes('target');
  bare.forEach((year, i) => {
    if (year === null) return;
    if (bareYears.length >= 2) roles[i] = year === Math.min(...bareYears) ? 'baseline' : 'target';
    else roles[i] = hasTarget ? 'baseline' : 'target';
  });
  return roles;
};

/** True when the cells form a header row: a name column and at least one other known column, nearly all known. */
export const isHeaderRow = (cells: readonly string[]): boolean => {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length < 3) return false;
  const roles = columnRoles(cells);
  if (!roles.includes('name')) return false;
  const known = filled.filter((c) => isHeaderWord(c)).length;
  const others = roles.filter((r) => r !== 'name' && r !== 'other').length;
  return others >= 2 && known >= filled.length - 1;
};

/** Two header rows are the same header (a table continued on the next page repeats it). */
export const sameHeader = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((cell, i) => headerKey(cell) === headerKey(b[i] ?? ''));

/** Five-year periods named in titles and captions: "十四五" → 2020–2025. */
const PERIODS: Readonly<Record<string, [number, number]>> = {
  十一五: [2005, 2010],
  十二五: [2010, 2015],
  十三五: [2015, 2020],
  十四五: [2020, 2025],
  十五五: [2025, 2030],
  十六五: [2030, 2035],
};

/** The base and target year of the five-year period a text names, or null. */
export const periodOf = (text: string): { baseYear: number; targetYear: number; name: string } | null => {
  const m = /(十[一二三四五六]五)/u.exec(text.replace(/./gu, (c) => TRADITIONAL[c] ?? c));
  const period = m ? PERIODS[m[1]!] : undefined;
  return period && m ? { baseYear: period[0], targetYear: period[1], name: m[1]! } : null;
};
