/**
 * Units of civil-affairs statistics (元/人·月, 个/万人, ‰ …): parsing unit text into a scale factor and base
 * dimensions, and converting values between units of the same dimension. Pure: no Node, no DOM.
 */

/** A parsed unit: `value × factor` is the value in base units; `dims` maps base dimension → exponent. */
export interface Unit {
  readonly text: string;
  readonly factor: number;
  readonly dims: Readonly<Record<string, number>>;
}

export type UnitLike = Unit | string;

/** A unit cannot be read, or two units cannot be combined or converted. Message: 中文 / English. */
export class UnitError extends Error {
  override name = 'UnitError' as const;
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

interface Atom {
  readonly factor: number;
  readonly dim: string | null;
}

/** Counted things and money: these take the scale prefixes 十 百 千 万 十万 百万 千万 亿. */
const SCALABLE: Readonly<Record<string, Atom>> = {
  元: { factor: 1, dim: 'money' },
  人次: { factor: 1, dim: 'person-visit' },
  户次: { factor: 1, dim: 'household-visit' },
  // A body (火化遗体数、安葬数) is a deceased person: 火化率 = 火化遗体数（具）/ 死亡人数（人）.
  具: { factor: 1, dim: 'person' },
  人: { factor: 1, dim: 'person' },
  名: { factor: 1, dim: 'person' },
  户: { factor: 1, dim: 'household' },
  个: { factor: 1, dim: 'thing' },
  家: { factor: 1, dim: 'thing' },
  张: { factor: 1, dim: 'bed' },
  对: { factor: 1, dim: 'couple' },
  件: { factor: 1, dim: 'case' },
  处: { factor: 1, dim: 'site' },
  所: { factor: 1, dim: 'institution' },
  台: { factor: 1, dim: 'machine' },
  平方米: { factor: 1, dim: 'area' },
};

/** Units that take no prefix: time and the dimensionless ones. */
const FIXED: Readonly<Record<string, Atom>> = {
  '': { factor: 1, dim: null },
  '1': { factor: 1, dim: null },
  倍: { factor: 1, dim: null },
  '%': { factor: 0.01, dim: null },
  '‰': { factor: 0.001, dim: null },
  百分点: { factor: 0.01, dim: null },
  个百分点: { factor: 0.01, dim: null },
  月: { factor: 1, dim: 'time' },
  年: { factor: 12, dim: 'time' },
};

const PREFIXES: Readonly<Record<string, number>> = {
  '': 1,
  十: 10,
  百: 100,
  千: 1e3,
  万: 1e4,
  十万: 1e5,
  百万: 1e6,
  千万: 1e7,
  亿: 1e8,
};

/** Longest names first, so that 人次 wins over 人. */
const SCALABLE_NAMES = Object.keys(SCALABLE).sort((a, b) => b.length - a.length);

/** Rounds away binary noise (0.312 × 100 = 31.200000000000003) to 15 significant digits; keeps -0 out. */
export const tidy = (x: number): number =>
  // A whole number of up to 15 digits is its own 15-digit text (no string made).
  Number.isInteger(x) && Math.abs(x) < 1e15 ? (x === 0 ? 0 : x) : Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(15)) : x === 0 ? 0 : x;

/** Spelling variants: full-width slash, percent and brackets, the various middle dots, blanks. */
export const normalizeUnitText = (text: string): string =>
  text
    .replace(/[\s\u3000]+/g, '')
    .replace(/／/g, '/')
    .replace(/％/g, '%')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[·•・･‧⋅∙]/g, '·');

const cleanDims = (dims: Record<string, number>): Readonly<Record<string, number>> => {
  const out: Record<string, number> = {};
  for (const key of Object.keys(dims).sort()) {
    const exp = dims[key] ?? 0;
    if (exp !== 0) out[key] = exp;
  }
  return Object.freeze(out);
};

const makeUnit = (text: string, factor: number, dims: Record<string, number>): Unit =>
  Object.freeze({ text, factor, dims: cleanDims(dims) });

const combineDims = (a: Unit, b: Unit, sign: 1 | -1): Record<string, number> => {
  const out: Record<string, number> = { ...a.dims };
  for (const [key, exp] of Object.entries(b.dims)) out[key] = (out[key] ?? 0) + sign * exp;
  return out;
};

const unknownUnit = (whole: string, part: string): UnitError =>
  part === whole || part === ''
    ? new UnitError(`无法识别的单位“${whole}”`, `unknown unit '${whole}'`)
    : new UnitError(`无法识别的单位“${whole}”：不认识“${part}”`, `unknown unit '${whole}': '${part}' is not a known unit`);

const atomUnit = (name: string, whole: string): Unit => {
  const fixed = FIXED[name];
  if (fixed) return makeUnit(name, fixed.factor, fixed.dim ? { [fixed.dim]: 1 } : {});
  for (const base of SCALABLE_NAMES) {
    if (!name.endsWith(base)) continue;
    const prefix = PREFIXES[name.slice(0, name.length - base.length)];
    const atom = SCALABLE[base];
    if (prefix !== undefined && atom?.dim) return makeUnit(name, prefix * atom.factor, { [atom.dim]: 1 });
  }
  throw unknownUnit(whole, name);
};

/** Tokens of a unit text: operators / · ( ) and the names between them. */
const unitTokens = (text: string): string[] => text.split(/([/·()])/).filter((t) => t !== '');

/**
 * Reads a unit. Statistics write `a/b·c` for a/(b·c), so `·` binds tighter than `/`, and `/` chains
 * to the left (元/人/月 = 元/(人·月)).
 */
const readUnit = (whole: string): Unit => {
  const tokens = unitTokens(whole);
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const product = (): Unit => {
    let unit = primary();
    while (peek() === '·') {
      pos += 1;
      unit = multiplyUnits(unit, primary());
    }
    return unit;
  };
  const quotient = (): Unit => {
    let unit = product();
    while (peek() === '/') {
      pos += 1;
      unit = divideUnits(unit, product());
    }
    return unit;
  };
  const primary = (): Unit => {
    const token = peek();
    if (token === '(') {
      pos += 1;
      const inner = quotient();
      if (peek() !== ')') throw unknownUnit(whole, whole);
      pos += 1;
      return inner;
    }
    if (token === undefined || token === ')' || token === '/' || token === '·') throw unknownUnit(whole, whole);
    pos += 1;
    return atomUnit(token, whole);
  };
  if (tokens.length === 0) return atomUnit('', whole);
  const unit = quotient();
  if (pos !== tokens.length) throw unknownUnit(whole, whole);
  return makeUnit(whole, unit.factor, { ...unit.dims });
};

const cache = new Map<string, Unit>();
/** By the text as given, before normalising (six replacements): the engine converts the same few units all day. */
const byRawText = new Map<string, Unit>();

/** Parses unit text such as `万人`, `元/人·月`, `平方米/百户`, `‰`; '' is dimensionless. Throws UnitError. */
export const parseUnit = (text: string): Unit => {
  const raw = byRawText.get(text);
  if (raw) return raw;
  const unit = parseNormalUnit(normalizeUnitText(text));
  if (byRawText.size > 10_000) byRawText.clear();
  byRawText.set(text, unit);
  return unit;
};

const parseNormalUnit = (normal: string): Unit => {
  const known = cache.get(normal);
  if (known) return known;
  const unit = readUnit(normal);
  if (cache.size > 10_000) cache.clear();
  cache.set(normal, unit);
  return unit;
};

export const toUnitObject = (u: UnitLike): Unit => (typeof u === 'string' ? parseUnit(u) : u);

export const DIMENSIONLESS: Unit = parseUnit('');

/** How a unit is named in messages; the empty unit is “无量纲” / dimensionless. */
export const unitLabel = (u: Unit): { zh: string; en: string } =>
  u.text === '' ? { zh: '无量纲', en: 'dimensionless' } : { zh: `“${u.text}”`, en: `'${u.text}'` };

const wrapIf = (text: string, chars: RegExp): string => (chars.test(text) ? `(${text})` : text);

/** a·b, with text that parseUnit reads back to the same unit. */
/**
 * Results of multiplying and dividing units, by the pair of (immutable) units: a formula over a ratio computes the
 * same unit for every region and year of a league table.
 */
const products = new WeakMap<Unit, Map<Unit, Unit>>();
const quotients = new WeakMap<Unit, Map<Unit, Unit>>();

const remembered = (table: WeakMap<Unit, Map<Unit, Unit>>, a: Unit, b: Unit, make: () => Unit): Unit => {
  let byB = table.get(a);
  if (!byB) table.set(a, (byB = new Map()));
  let unit = byB.get(b);
  if (!unit) {
    if (byB.size > 1000) byB.clear();
    byB.set(b, (unit = make()));
  }
  return unit;
};

export const multiplyUnits = (a: UnitLike, b: UnitLike): Unit => {
  const ua = toUnitObject(a);
  const ub = toUnitObject(b);
  return remembered(products, ua, ub, () => multiplied(ua, ub));
};

const multiplied = (ua: Unit, ub: Unit): Unit => {
  const text = ua.text === '' ? ub.text : ub.text === '' ? ua.text : `${wrapIf(ua.text, /\//)}·${wrapIf(ub.text, /\//)}`;
  return makeUnit(text, ua.factor * ub.factor, combineDims(ua, ub, 1));
};

/** a/b, with text that parseUnit reads back to the same unit. */
export const divideUnits = (a: UnitLike, b: UnitLike): Unit => {
  const ua = toUnitObject(a);
  const ub = toUnitObject(b);
  return remembered(quotients, ua, ub, () => divided(ua, ub));
};

const divided = (ua: Unit, ub: Unit): Unit => {
  const text = ub.text === '' ? ua.text : `${ua.text === '' ? '1' : ua.text}/${wrapIf(ub.text, /\//)}`;
  return makeUnit(text, ua.factor / ub.factor, combineDims(ua, ub, -1));
};

export const isDimensionless = (u: UnitLike): boolean => Object.keys(toUnitObject(u).dims).length === 0;

export const sameDimension = (a: UnitLike, b: UnitLike): boolean => {
  const da = toUnitObject(a).dims;
  const db = toUnitObject(b).dims;
  const keys = Object.keys(da);
  return keys.length === Object.keys(db).length && keys.every((k) => da[k] === db[k]);
};

/** Same dimension and same scale (元/人/月 equals 元/人·月; % equals 百分点 in scale). */
export const unitsEqual = (a: UnitLike, b: UnitLike): boolean => {
  const ua = toUnitObject(a);
  const ub = toUnitObject(b);
  return sameDimension(ua, ub) && Math.abs(ua.factor - ub.factor) <= 1e-12 * Math.max(Math.abs(ua.factor), Math.abs(ub.factor));
};

/** True for % and ‰ only: a change of such a value is worded in 百分点 (percentage points). */
export const isRateUnit = (u: UnitLike): boolean => {
  const text = toUnitObject(u).text;
  return text === '%' || text === '‰';
};

export const dimensionMismatch = (from: Unit, to: Unit, verb: { zh: string; en: string }): UnitError => {
  const a = unitLabel(from);
  const b = unitLabel(to);
  return new UnitError(`单位量纲不同，不能${verb.zh}：${a.zh} 与 ${b.zh}`, `cannot ${verb.en} ${a.en} and ${b.en}: different dimensions`);
};

/** The number to multiply a value in `from` by to express it in `to`. Throws UnitError across dimensions. */
export const conversionFactor = (from: UnitLike, to: UnitLike): number => {
  const uf = toUnitObject(from);
  const ut = toUnitObject(to);
  if (!sameDimension(uf, ut)) throw dimensionMismatch(uf, ut, { zh: '换算', en: 'convert between' });
  return tidy(uf.factor / ut.factor);
};

/** `value` in `from`, expressed in `to` (1.5 万人 → 15000 人). Throws UnitError across dimensions. */
export const convertValue = (value: number, from: UnitLike, to: UnitLike): number => {
  const uf = toUnitObject(from);
  const ut = toUnitObject(to);
  if (uf !== ut && !sameDimension(uf, ut)) throw dimensionMismatch(uf, ut, { zh: '换算', en: 'convert between' });
  return tidy((value * uf.factor) / ut.factor);
};

/** Whether `text` is a unit the workbench reads (万人, 元/人·月, ‰ …); never throws. */
export const isUnitText = (text: string): boolean => {
  try {
    parseUnit(text);
    return true;
  } catch {
    return false;
  }
};

/** The factor from one unit to another, or null when either is unknown or they measure different things. */
export const conversionFactorOrNull = (from: UnitLike, to: UnitLike): number | null => {
  try {
    return conversionFactor(from, to);
  } catch {
    return null;
  }
};

/**
 * The unit a plan prints for a rate per something is often its numerator alone: 社会组织每万人占有数量（个） is in
 * 个/万人, 每百户居民拥有的…面积 with 单位 平方米 is in 平方米/百户. A unit that is exactly the numerator of the
 * series' unit means the series' unit; any other unit is taken as written.
 */
export const unitAsPrinted = (printed: string, seriesUnit: string): string => {
  const p = printed.normalize('NFKC').trim();
  return p !== '' && seriesUnit.normalize('NFKC').startsWith(`${p}/`) ? seriesUnit : printed;
};

/** Whether a row printed in `printed` can be measured on a series in `seriesUnit` (the same dimension, as printed). */
export const printedUnitFits = (printed: string, seriesUnit: string): boolean => {
  if (printed === '') return true;
  try {
    return sameDimension(parseUnit(unitAsPrinted(printed, seriesUnit)), parseUnit(seriesUnit));
  } catch {
    return false;
  }
};

/** The unit a row's values are in: as printed (the series' own where the print gives its numerator or nothing). */
export const rowValueUnit = (printed: string, seriesUnit: string): string => (printed === '' ? seriesUnit : unitAsPrinted(printed, seriesUnit));
