/**
 * Name normalisation for matching what offices type against catalogue names and aliases: full-width and
 * half-width forms, spaces (also U+3000 and zero-width), quotes, bracket styles, a trailing unit in
 * brackets, leading hierarchy marks (1. （一） # 其中：) and stray trailing punctuation.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const TRAILING_UNIT = /[(（]([^()（）]{1,12})[)）]\s*[;；,，。.]*\s*$/;
const LEADING_MARK = /^(?:#+|其中[:：]?|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、]|\*+)\s*/;

/** Folds full-width forms (NFKC), removes zero-width characters and trims. Keeps inner spaces. */
export const foldWidth = (text: string): string => text.normalize('NFKC').replace(ZERO_WIDTH, '').trim();

/** Splits "社会组织专职工作人员数量（万人）" into name and unit; unit is null when there is no bracketed tail. */
export const splitNameUnit = (text: string): { name: string; unit: string | null } => {
  const folded = foldWidth(text);
  const m = TRAILING_UNIT.exec(folded);
  if (!m || !looksLikeUnit(m[1]!)) return { name: folded.replace(/[;；,，。]+$/, '').trim(), unit: null };
  return { name: folded.slice(0, m.index).trim(), unit: m[1]!.trim() };
};

/**
 * The name as printed without a trailing unit in brackets and stray trailing punctuation, keeping every other
 * character as written: "农村低保标准占城市低保标准比例（%）" → "农村低保标准占城市低保标准比例".
 */
export const printedNameWithoutUnit = (text: string): string => {
  const trimmed = text.trim();
  const m = TRAILING_UNIT.exec(trimmed);
  if (m && looksLikeUnit(m[1]!.normalize('NFKC'))) return trimmed.slice(0, m.index).trim();
  return trimmed.replace(/[;；,，。]+$/, '').trim();
};

/** The short name sentences use: the printed name without its unit in brackets and without a 其中 mark. */
export const shortName = (printed: string): string => printedNameWithoutUnit(printed).replace(/^其中[:：]\s*/u, '');

const UNIT_HINT = /^(%|‰|倍|人|万人|人次|万人次|户次|具|个|张|户|百户|元|万元|亿元|平方米|万平方米|件|对|处|所|台|次|元\/人次|元\/.+|个\/.+|张\/.+|平方米\/.+)$/;
const looksLikeUnit = (text: string): boolean => UNIT_HINT.test(text.replace(/\s+/g, ''));

/** The key under which names and aliases are compared. Two texts match when their keys are equal. */
export const nameKey = (text: string): string => {
  let s = splitNameUnit(text).name;
  for (let i = 0; i < 3; i++) {
    const next = s.replace(LEADING_MARK, '');
    if (next === s) break;
    s = next;
  }
  return s
    .replace(/\s+/g, '')
    .replace(/["'“”‘’「」『』]/g, '')
    .replace(/[【\[]/g, '(')
    .replace(/[】\]]/g, ')')
    .replace(/[;；,，。]+$/, '');
};
