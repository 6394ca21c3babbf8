/**
 * The grammar of a plan target as written ("26至36", "≥55%", "＞30平方米", "不低于全省标准低限", "[4.5]"): parses it
 * into a Target that keeps every glyph and space, so printTarget(parseTarget(s)) === s for every string s.
 */

import { isBlankCell, parseQuantity, type PrintedQuantity } from './quantity';

export type CompareOp = '>=' | '>' | '<=' | '<';

/** Outer whitespace of the whole text, kept for print-back; '' for a trimmed cell. */
interface Framed {
  /** The whole target exactly as written. */
  readonly text: string;
  readonly lead: string;
  readonly trail: string;
}

/** A plain number: the comparison comes from the indicator's direction. `word` is 达到/保持 as written, or ''. */
export interface LevelTarget extends Framed {
  readonly kind: 'level';
  readonly word: string;
  readonly quantity: PrintedQuantity;
}

/** A number with a comparison: a glyph or words before it ("≥", "不低于", "控制在") and/or after it ("以上", "以内"). */
export interface CompareTarget extends Framed {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly prefix: string;
  readonly suffix: string;
  readonly quantity: PrintedQuantity;
}

/** Two bounds joined by 至/-/～/~/—; a unit may follow the high bound or both. Spacing sits in the bounds' text. */
export interface RangeTarget extends Framed {
  readonly kind: 'range';
  readonly low: PrintedQuantity;
  readonly joiner: string;
  readonly high: PrintedQuantity;
}

/** A comparison with another series or an outside reference named in words; what `refText` means is the template's. */
export interface RelativeTarget extends Framed {
  readonly kind: 'relative';
  readonly op: CompareOp;
  readonly opText: string;
  /** Whitespace between the comparison words and the reference. */
  readonly gap: string;
  readonly refText: string;
}

/** A five-year cumulative value: in brackets ("[4.5]", "［4.5］", "〔1200〕") or after words ("累计1200", "五年累计1200"). */
export interface CumulativeTarget extends Framed {
  readonly kind: 'cumulative';
  /** The opening bracket or the words before the value ("累计"). */
  readonly open: string;
  readonly quantity: PrintedQuantity;
  readonly close: string;
}

/** "保持" or "保持稳定" with no value: the value is to stay at least at the baseline (at most, for a decrease). */
export interface HoldTarget extends Framed {
  readonly kind: 'hold';
  readonly word: string;
}

/** Anything else, kept verbatim: it needs a judgement by hand. A blank or dash-only cell is also text. */
export interface TextTarget {
  readonly kind: 'text';
  readonly text: string;
}

/**
 * One target per part, printed in one cell: "城市11700，农村9100", "城镇≥780；农村≥600". Each part is evaluated on the
 * part's own series; the row holds when every part holds. Printed back as written.
 */
export interface PartsTarget {
  readonly kind: 'parts';
  readonly text: string;
  readonly parts: readonly { readonly label: string; readonly target: LevelTarget | CompareTarget }[];
}

export type Target = LevelTarget | CompareTarget | RangeTarget | RelativeTarget | CumulativeTarget | HoldTarget | PartsTarget | TextTarget;

/** The labels of parts a plan prints in one cell, and how a part is written: 城市11700, 农村：9100. */
export const PART_LABEL = /^(城市|农村|城镇|乡村|城区)[:：]?\s*(.+)$/u;
const PART_SEPARATORS = /[\n\s；;，,、]+/u;

/** A row named by a part alone (城市, 其中：农村): a part of the row above it, named by that row. */
export const isBarePart = (name: string): boolean => /^(?:其中[:：]\s*)?(?:城市|农村|城镇|乡村|城区)$/u.test(name.trim());

/** "城市650 农村450" → [{label: 城市, text: 650}, …]; null unless every segment is a labelled part and there are two or more. */
export const splitParts = (text: string): { label: string; text: string }[] | null => {
  const segments = text.split(PART_SEPARATORS).filter((x) => x !== '');
  if (segments.length < 2) return null;
  const parts = segments.map((x) => PART_LABEL.exec(x));
  if (parts.some((m) => m === null)) return null;
  const out = parts.map((m) => ({ label: m![1]!, text: m![2]! }));
  return new Set(out.map((p) => p.label)).size === out.length ? out : null;
};

/** A parsed form without its frame (text, lead, trail), before parseTarget adds it. */
type Body<T> = T extends Framed ? Omit<T, keyof Framed> : never;

/** Comparison words and glyphs written before a value, longest first so 大于等于 wins over 大于. */
const PREFIX_OPS: ReadonlyArray<readonly [string, CompareOp]> = (
  [
    ['≥', '>='], ['>=', '>='], ['≧', '>='], ['⩾', '>='], ['＞＝', '>='], ['>', '>'], ['＞', '>'],
    ['≤', '<='], ['<=', '<='], ['≦', '<='], ['⩽', '<='], ['＜＝', '<='], ['<', '<'], ['＜', '<'],
    ['不低于', '>='], ['不少于', '>='], ['不小于', '>='], ['大于等于', '>='], ['至少', '>='],
    ['不高于', '<='], ['不超过', '<='], ['不大于', '<='], ['不多于', '<='], ['小于等于', '<='], ['至多', '<='], ['最多', '<='],
    ['高于', '>'], ['超过', '>'], ['大于', '>'], ['多于', '>'],
    ['低于', '<'], ['少于', '<'], ['小于', '<'],
    ['不低於', '>='], ['不少於', '>='], ['不高於', '<='], ['不超過', '<='], ['高於', '>'], ['超過', '>'], ['大於', '>'],
    ['低於', '<'], ['少於', '<'], ['小於', '<'],
  ] satisfies Array<[string, CompareOp]>
).sort((a, b) => b[0].length - a[0].length);

/** Words written after a value; 控制在 may precede only the "at most" ones ("控制在5%以内"). */
const SUFFIX_OPS: ReadonlyArray<readonly [string, CompareOp]> = (
  [
    ['及以上', '>='], ['以上', '>='], ['及以下', '<='], ['以下', '<='], ['以内', '<='], ['以內', '<='],
  ] satisfies Array<[string, CompareOp]>
).sort((a, b) => b[0].length - a[0].length);

const CAP_WORDS = ['控制在'];
const LEVEL_WORDS = ['保持在', '达到', '保持', '達到'];
const RANGE_JOINERS = ['——', '至', '到', '~', '～', '〜', '-', '－', '—', '–', '−'];
const OPENS = ['[', '［', '〔', '【'];
const CLOSES = [']', '］', '〕', '】'];
/** Words before a cumulative value, longest first. */
const CUMULATIVE_WORDS = ['五年累计', '累计达到', '累计'];
const HOLD_WORDS = ['保持稳定', '保持'];
/** 全覆盖 on a coverage rate is 100%; the value is printed by the word alone. */
const FULL_COVERAGE = '全覆盖';

/** A reference named in words starts with a letter (汉字 or Latin), not with a number or a sign. */
const REFERENCE_START = /^\p{L}/u;

const quantityOf = (text: string): PrintedQuantity | null => {
  const result = parseQuantity(text);
  return result !== null && result.ok ? result.quantity : null;
};

const sameUnit = (a: string, b: string): boolean => a === '' || b === '' || a.normalize('NFKC') === b.normalize('NFKC');

const parseCumulative = (core: string): Body<CumulativeTarget> | null => {
  const word = CUMULATIVE_WORDS.find((w) => core.startsWith(w));
  if (word !== undefined) {
    const quantity = quantityOf(core.slice(word.length));
    return quantity === null ? null : { kind: 'cumulative', open: word, quantity, close: '' };
  }
  const open = OPENS.find((o) => core.startsWith(o));
  const close = CLOSES.find((c) => core.endsWith(c));
  if (open === undefined || close === undefined || core.length < 3) return null;
  const quantity = quantityOf(core.slice(open.length, core.length - close.length));
  return quantity === null ? null : { kind: 'cumulative', open, quantity, close };
};

const parsePrefixed = (core: string): Body<CompareTarget | RelativeTarget> | null => {
  const found = PREFIX_OPS.find(([glyph]) => core.startsWith(glyph));
  if (found === undefined) return null;
  const [opText, op] = found;
  const rest = core.slice(opText.length);
  const quantity = quantityOf(rest);
  if (quantity !== null) return { kind: 'compare', op, prefix: opText, suffix: '', quantity };
  const refText = rest.trimStart();
  if (!REFERENCE_START.test(refText)) return null;
  return { kind: 'relative', op, opText, gap: rest.slice(0, rest.length - refText.length), refText };
};

const parseSuffixed = (core: string): Body<CompareTarget> | null => {
  const found = SUFFIX_OPS.find(([word]) => core.endsWith(word));
  if (found === undefined) return null;
  const [suffix, op] = found;
  const body = core.slice(0, core.length - suffix.length);
  const cap = op === '<=' ? CAP_WORDS.find((word) => body.startsWith(word)) : undefined;
  const prefix = cap ?? '';
  const quantity = quantityOf(body.slice(prefix.length));
  return quantity === null ? null : { kind: 'compare', op, prefix, suffix, quantity };
};

const parseRange = (core: string): Body<RangeTarget> | null => {
  for (let i = 1; i < core.length; i += 1) {
    for (const joiner of RANGE_JOINERS.filter((j) => core.startsWith(j, i))) {
      const low = quantityOf(core.slice(0, i));
      const high = quantityOf(core.slice(i + joiner.length));
      if (low === null || high === null) continue;
      if (!sameUnit(low.unitText, high.unitText) || low.value > high.value) return null;
      return { kind: 'range', low, joiner, high };
    }
  }
  return null;
};

const parseHold = (core: string): Body<HoldTarget> | null =>
  HOLD_WORDS.includes(core) ? { kind: 'hold', word: core } : null;

const FULL_COVERAGE_QUANTITY: PrintedQuantity = { value: 100, text: '', numberText: '', unitText: '%', decimals: 0, significantDecimals: 0 };

const parseLevel = (core: string): Body<LevelTarget> | null => {
  if (core === FULL_COVERAGE) return { kind: 'level', word: FULL_COVERAGE, quantity: FULL_COVERAGE_QUANTITY };
  const word = LEVEL_WORDS.find((w) => core.startsWith(w)) ?? '';
  const quantity = quantityOf(core.slice(word.length));
  return quantity === null ? null : { kind: 'level', word, quantity };
};

const parseParts = (text: string): PartsTarget | null => {
  const split = splitParts(text.trim());
  if (split === null) return null;
  const parts = split.map((p) => ({ label: p.label, target: parseTarget(p.text) }));
  if (parts.some((p) => p.target.kind !== 'level' && p.target.kind !== 'compare')) return null;
  return { kind: 'parts', text, parts: parts as PartsTarget['parts'] };
};

/** A target a plan prints is a few words; a longer text is read as words (the range search costs its length squared). */
export const MAX_TARGET_LENGTH = 200;

/** Parses a target cell as written. Never throws: what it cannot read becomes a 'text' target. */
export const parseTarget = (text: string): Target => {
  if (text.length > MAX_TARGET_LENGTH || isBlankCell(text)) return { kind: 'text', text };
  const parts = parseParts(text);
  if (parts !== null) return parts;
  const core = text.trim();
  const lead = text.slice(0, text.length - text.trimStart().length);
  const trail = text.slice(text.trimEnd().length);
  const parsed =
    parseCumulative(core) ?? parsePrefixed(core) ?? parseSuffixed(core) ?? parseRange(core) ?? parseHold(core) ?? parseLevel(core);
  return parsed === null ? { kind: 'text', text } : { ...parsed, text, lead, trail };
};

const body = (t: Exclude<Target, TextTarget | PartsTarget>): string => {
  switch (t.kind) {
    case 'level':
      return t.word + t.quantity.text;
    case 'compare':
      return t.prefix + t.quantity.text + t.suffix;
    case 'range':
      return t.low.text + t.joiner + t.high.text;
    case 'relative':
      return t.opText + t.gap + t.refText;
    case 'cumulative':
      return t.open + t.quantity.text + t.close;
    case 'hold':
      return t.word;
  }
};

/** Prints a target back from its parts, exactly as it was written. */
export const printTarget = (t: Target): string => (t.kind === 'text' || t.kind === 'parts' ? t.text : t.lead + body(t) + t.trail);

/** The single comparison value of a level, compare or cumulative target; null for range, relative, hold and text. */
export const targetValue = (t: Target): number | null =>
  t.kind === 'level' || t.kind === 'compare' || t.kind === 'cumulative' ? t.quantity.value : null;

/** The unit printed with the target ('' if none); for a range, the high bound's unit, else the low bound's. */
export const targetUnitText = (t: Target): string => {
  switch (t.kind) {
    case 'level':
    case 'compare':
    case 'cumulative':
      return t.quantity.unitText;
    case 'range':
      return t.high.unitText !== '' ? t.high.unitText : t.low.unitText;
    case 'parts':
      return targetUnitText(t.parts[0]!.target);
    case 'relative':
    case 'hold':
    case 'text':
      return '';
  }
};

/** A target the workbench cannot evaluate (基本实现, 显著提升, …): judged by the bureau each year. */
export const isQualitative = (t: Target): boolean => t.kind === 'text' && !isBlankCell(t.text);

/** "保持X" (level with a 保持 word) or "保持"/"保持稳定": held or not, no completion. */
export const isKeepTarget = (t: Target): boolean => t.kind === 'hold' || (t.kind === 'level' && t.word.startsWith('保持'));
