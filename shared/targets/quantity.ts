/**
 * Reads one number-with-unit cell exactly as a plan prints it ("1200人", "10.10%", "１.５‰", "1.3倍"), keeping the
 * printed text and precision beside the numeric value. Knows nothing about comparisons: "≥55" is not a quantity.
 */

/** A number as printed: `value` is numeric, every `…Text` field is the original characters. */
export interface PrintedQuantity {
  readonly value: number;
  /** The whole text as written, including any surrounding or inner spacing. */
  readonly text: string;
  /** The number as written, sign and full-width digits kept: "１２００", "-5", "1,200". */
  readonly numberText: string;
  /** The unit as written ("%", "％", "平方米", "元/人·月"); '' when none is printed. */
  readonly unitText: string;
  /** Digits after the decimal point as printed: "10.10" → 2. */
  readonly decimals: number;
  /** Digits after the decimal point ignoring trailing zeros: "3.70" → 1, "1.00" → 0. */
  readonly significantDecimals: number;
}

/** Why a text is not a quantity; branch on this, never on the message. */
export type QuantityProblemCode = 'has-operator' | 'not-a-number' | 'bad-unit';

export type QuantityResult =
  | { readonly ok: true; readonly quantity: PrintedQuantity }
  | { readonly ok: false; readonly code: QuantityProblemCode; readonly message: string };

const DASHES = '-－—–―−‐‑';
const BLANK = new RegExp(`^\\s*(?:[${DASHES}]+\\s*)?$`, 'u');

/** True for a cell that holds no value: empty, whitespace, or dashes only ("-", "—", "－", "——"). */
export const isBlankCell = (text: string): boolean => BLANK.test(text);

const OPERATOR_GLYPHS = /[<>＜＞≤≥≦≧⩽⩾=＝]/u;
const OPERATOR_WORDS = [
  '不低于', '不少于', '不小于', '不高于', '不超过', '不大于', '不多于', '高于', '超过', '大于', '多于', '低于', '少于', '小于',
  '以上', '以下', '以内', '控制在', '至少', '至多', '最多',
  '不低於', '不少於', '不高於', '不超過', '高於', '超過', '大於', '低於', '少於', '小於', '以內',
];

/** Words that never belong to a unit: a range joiner, "about", "and/or". */
const NOT_UNIT_WORDS = ['至', '到', '左右', '及', '或', '和', '约', '約'];

const NUMBER = /^([+\-＋－−]?)((?:[0-9０-９]{1,3}(?:,[0-9０-９]{3})+|[0-9０-９]+)(?:[.．]([0-9０-９]+))?)(\s*)(.*)$/u;
const UNIT = /^[\p{L}%％‰‱℃°²³㎡/／·・•()（）]+$/u;
const DIGIT = /[0-9０-９]/u;

/** Full-width digits and point → ASCII, full-width and Unicode signs → ASCII, thousands commas removed. */
export const toAsciiNumber = (numberText: string): string =>
  numberText
    .replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/．/gu, '.')
    .replace(/[－−]/gu, '-')
    .replace(/＋/gu, '+')
    .replace(/,/gu, '');

const problem = (code: QuantityProblemCode, text: string, zh: string, en: string): QuantityResult => ({
  ok: false,
  code,
  message: `“${text.trim()}”${zh} / "${text.trim()}" ${en}`,
});

const hasOperator = (core: string): boolean =>
  OPERATOR_GLYPHS.test(core) || OPERATOR_WORDS.some((word) => core.includes(word));

/**
 * Parses a number-with-unit cell. Returns null when the cell holds no value (blank or dashes), a problem when the
 * text is something else (a comparison, a range, words), and never throws.
 */
export const parseQuantity = (text: string): QuantityResult | null => {
  if (isBlankCell(text)) return null;
  const core = text.trim();
  if (hasOperator(core)) return problem('has-operator', text, '含比较符号，不是单个数值', 'has a comparison, not a single value');
  const match = NUMBER.exec(core);
  if (match === null) return problem('not-a-number', text, '不是数值', 'is not a number');
  const [, sign = '', digits = '', fraction = '', , unitText = ''] = match;
  if (DIGIT.test(unitText) || /^[.．]/u.test(unitText)) return problem('not-a-number', text, '不是单个数值', 'is not a single number');
  if (unitText !== '' && (!UNIT.test(unitText) || NOT_UNIT_WORDS.some((word) => unitText.includes(word)))) {
    return problem('bad-unit', text, `的单位“${unitText}”无法识别`, `has an unreadable unit "${unitText}"`);
  }
  const numberText = sign + digits;
  const value = Number(toAsciiNumber(numberText));
  if (!Number.isFinite(value)) return problem('not-a-number', text, '不是有限数值', 'is not a finite number');
  const asciiFraction = toAsciiNumber(fraction);
  return {
    ok: true,
    quantity: {
      value: value === 0 ? 0 : value,
      text,
      numberText,
      unitText,
      decimals: asciiFraction.length,
      significantDecimals: asciiFraction.replace(/0+$/u, '').length,
    },
  };
};
