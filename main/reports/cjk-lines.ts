/**
 * Sets a justified Chinese paragraph the way a typesetter would, before pdfmake breaks it into lines:
 *
 * - A line that would be loose (a number such as "100%，" does not fit at its end, so the gap is spread between every
 *   character) takes that number in by squeezing punctuation to half width (标点挤压: the comma at the line's end first,
 *   then the brackets and commas before it), when that is enough.
 * - The last line never holds one character alone ("标。"): it is taken into the line above by squeezing punctuation,
 *   or else the word before it goes down with it.
 *
 * Lines are found exactly as pdfmake finds them (the same UAX #14 break opportunities, the same widths from the same
 * font), so the inlines returned make pdfmake break where this module decided. A squeezed mark is its own inline with
 * the font's `halt` feature (half-width forms, present in Noto Serif/Sans SC); a font without it squeezes nothing and
 * the paragraph is left as it was.
 */
import LineBreaker from 'linebreak';
import { chineseWords } from '../../shared/text/wrap-words';

/** Width in points of a text in the paragraph's font and size, with the OpenType features given. */
export type Measure = (text: string, features?: string[]) => number;

export type Inline = string | { text: string; fontFeatures?: string[]; noWrap?: boolean };

export interface ParagraphBox {
  /** The width of a line, in points. */
  width: number;
  /** The first line's indent, in points (two characters in an official document). */
  indent: number;
  /** The font size, in points: one em. */
  em: number;
}

const HALF = ['halt'];
/** Marks whose full-width form has half an em of blank that may be squeezed out. */
const SQUEEZABLE = new Set([...'，。、；：！？）】」』”’》〉（【「『“‘《〈']);
const CLOSING = new Set([...'，。、；：！？）】」』”’》〉']);
/** A line this much shorter than its box is loose enough to be worth tightening. */
const LOOSE_EM = 1;
/** The longest paragraph set here, in UTF-16 units (a report's sentences are a few hundred). */
const MAX_SET_LENGTH = 4_000;
/** Room left at the end of a line that pdfmake must also find fitting (its widths are summed in another order). */
const EPSILON = 0.01;

interface Token {
  text: string;
  /** Indices (in code units) of the marks squeezed to half width. */
  squeezed: Set<number>;
  /** Kept on one line with the next token. */
  glued: boolean;
}

/** The break opportunities pdfmake uses (its TextBreaker splits at each of them). */
export const breakWords = (text: string): string[] => {
  const breaker = new LineBreaker(text);
  const words: string[] = [];
  let last = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    words.push(text.slice(last, bk.position));
    last = bk.position;
  }
  return words;
};

/** A token as the pieces pdfmake will measure and draw: plain runs and single squeezed marks. */
const pieces = (t: Token): Inline[] => {
  if (t.squeezed.size === 0) return [t.text];
  const out: Inline[] = [];
  let run = '';
  for (let i = 0; i < t.text.length; i += 1) {
    if (t.squeezed.has(i)) {
      if (run) out.push(run);
      run = '';
      out.push({ text: t.text[i]!, fontFeatures: HALF });
    } else run += t.text[i];
  }
  if (run) out.push(run);
  return out;
};

const widthOf = (t: Token, measure: Measure): number =>
  pieces(t).reduce<number>((s, p) => s + (typeof p === 'string' ? measure(p) : measure(p.text, p.fontFeatures)), 0);

/** Lines as runs of token indices [start, end), broken greedily as pdfmake breaks them (glued tokens stay together). */
const layout = (tokens: Token[], widths: number[], box: ParagraphBox): [number, number][] => {
  const lines: [number, number][] = [];
  let start = 0;
  while (start < tokens.length) {
    const max = box.width - (lines.length === 0 ? box.indent : 0);
    let used = 0;
    let end = start;
    while (end < tokens.length) {
      let unitEnd = end + 1;
      while (unitEnd < tokens.length && tokens[unitEnd - 1]!.glued) unitEnd += 1;
      let w = 0;
      for (let k = end; k < unitEnd; k += 1) w += widths[k]!;
      if (end > start && used + w > max - EPSILON) break;
      used += w;
      end = unitEnd;
    }
    lines.push([start, end]);
    start = end;
  }
  return lines;
};

/** The marks of tokens [from, to) not yet squeezed, the last first, each with the width it gives back. */
const squeezable = (tokens: Token[], from: number, to: number, measure: Measure): { token: number; index: number; saves: number }[] => {
  const out: { token: number; index: number; saves: number }[] = [];
  for (let k = to - 1; k >= from; k -= 1) {
    const t = tokens[k]!;
    for (let i = t.text.length - 1; i >= 0; i -= 1) {
      const ch = t.text[i]!;
      if (!SQUEEZABLE.has(ch) || t.squeezed.has(i)) continue;
      const saves = measure(ch) - measure(ch, HALF);
      if (saves > 0) out.push({ token: k, index: i, saves });
    }
  }
  return out;
};

/** Squeezes the fewest marks of tokens [from, to) that give back `need` points; false (nothing changed) if they cannot. */
const squeeze = (tokens: Token[], from: number, to: number, need: number, measure: Measure): boolean => {
  const chosen: { token: number; index: number }[] = [];
  let saved = 0;
  for (const m of squeezable(tokens, from, to, measure)) {
    if (saved >= need) break;
    chosen.push(m);
    saved += m.saves;
  }
  if (saved < need) return false;
  for (const m of chosen) tokens[m.token]!.squeezed.add(m.index);
  return true;
};

/** How much of a line is not closing punctuation, in ems: a last line of "标。" is one. */
const inkEms = (tokens: Token[], [from, to]: [number, number], measure: Measure, em: number): number => {
  let w = 0;
  for (let k = from; k < to; k += 1) for (const ch of tokens[k]!.text) if (!CLOSING.has(ch) && ch.trim() !== '') w += measure(ch);
  return w / em;
};

/**
 * The paragraph as pdfmake inlines (see the module comment); the text itself when it has a line break of its own or
 * nothing needs tightening.
 */
export const setParagraph = (text: string, measure: Measure, box: ParagraphBox): Inline[] | string => {
  // Each tightened line lays the paragraph out again: a text past this length (a pasted page) is left to pdfmake.
  if (/[\r\n]/u.test(text) || text.trim() === '' || text.length > MAX_SET_LENGTH) return text;
  const tokens: Token[] = breakWords(text).map((w) => ({ text: w, squeezed: new Set(), glued: false }));
  const widths = tokens.map((t) => widthOf(t, measure));
  const remeasure = (from: number, to: number) => {
    for (let k = from; k < to; k += 1) widths[k] = widthOf(tokens[k]!, measure);
  };
  let changed = false;
  let lines = layout(tokens, widths, box);

  // Loose lines take the next word in when squeezing their punctuation makes room for it.
  for (let i = 0; i < lines.length - 1; i += 1) {
    const [from, to] = lines[i]!;
    const max = box.width - (i === 0 ? box.indent : 0);
    const used = widths.slice(from, to).reduce((s, w) => s + w, 0);
    if (max - used < LOOSE_EM * box.em) continue;
    const next = lines[i + 1]!;
    // The next unit: its first token and any glued to it.
    let unitEnd = next[0] + 1;
    while (unitEnd < tokens.length && tokens[unitEnd - 1]!.glued) unitEnd += 1;
    const need = used + widths.slice(to, unitEnd).reduce((s, w) => s + w, 0) - (max - EPSILON * 2);
    if (!squeeze(tokens, from, unitEnd, need, measure)) continue;
    remeasure(from, unitEnd);
    changed = true;
    lines = layout(tokens, widths, box);
  }

  // A last line of one character goes up into the line above, or takes the word before it down.
  const n = lines.length;
  if (n >= 2 && inkEms(tokens, lines[n - 1]!, measure, box.em) <= 1.05) {
    const [from, to] = lines[n - 2]!;
    const max = box.width - (n - 2 === 0 ? box.indent : 0);
    const used = widths.slice(from, to).reduce((s, w) => s + w, 0);
    const need = used + widths.slice(to).reduce((s, w) => s + w, 0) - (max - EPSILON * 2);
    if (squeeze(tokens, from, tokens.length, need, measure)) remeasure(from, tokens.length);
    else if (to - from >= 3) {
      for (let k = to - 1; k < tokens.length; k += 1) tokens[k]!.squeezed.clear();
      for (let k = to - 1; k < tokens.length - 1; k += 1) tokens[k]!.glued = true;
      remeasure(to - 1, tokens.length);
    }
    changed = true;
  }
  if (!changed) return text;

  // Plain tokens run together; squeezed marks stand alone; glued tokens are one unbreakable inline.
  const out: Inline[] = [];
  let run = '';
  const flush = () => {
    if (run) out.push(run);
    run = '';
  };
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k]!;
    if (t.glued || (k > 0 && tokens[k - 1]!.glued)) {
      let glue = '';
      while (k < tokens.length && tokens[k]!.glued) glue += tokens[k++]!.text;
      glue += tokens[k]!.text;
      flush();
      out.push({ text: glue, noWrap: true });
      continue;
    }
    for (const p of pieces(t)) {
      if (typeof p === 'string') run += p;
      else {
        flush();
        out.push(p);
      }
    }
  }
  flush();
  return out;
};

/** The lines pdfmake will set for a paragraph, as text: for tests and for checking a page without rendering it. */
export const linesOf = (inlines: Inline[] | string, measure: Measure, box: ParagraphBox): string[] => {
  const parts = typeof inlines === 'string' ? [inlines] : inlines;
  const tokens: Token[] = [];
  for (const p of parts) {
    const words = typeof p === 'string' ? breakWords(p) : [p.text];
    const squeezed = typeof p !== 'string' && p.fontFeatures ? new Set([0]) : new Set<number>();
    // pdfmake keeps an inline on the line of the one before when the two would make one word (TextBreaker's noNewLine).
    const before = tokens[tokens.length - 1];
    if (before && breakWords(before.text + words[0]!).length === 1) before.glued = true;
    for (const w of words) tokens.push({ text: w, squeezed: new Set(squeezed), glued: false });
  }
  const widths = tokens.map((t) => widthOf(t, measure));
  return layout(tokens, widths, box).map(([from, to]) => tokens.slice(from, to).map((t) => t.text).join(''));
};

/**
 * A short text set in a narrow box (a table cell, a chart's or an attachment's title) as inlines that pdfmake breaks
 * only between words: each word of two to eight characters is one unbreakable inline ("设施", "（骨灰堂）"), and the last
 * word goes with the one before it when it is one character ("…覆盖率" never wraps to "率"). Longer words (a long
 * number) may still break, as they must to fit. Each line of a text with line breaks of its own is set so.
 */
export const wordInlines = (text: string): Inline[] | string => {
  // Lines of their own (城市750\n农村605): each line set the same way.
  if (/\n/u.test(text)) {
    return text.split('\n').flatMap((line, i): Inline[] => {
      const set = wordInlines(line);
      return [...(i > 0 ? ['\n'] : []), ...(typeof set === 'string' ? [set] : set)];
    });
  }
  if (/\r/u.test(text) || [...text].length <= 2) return text;
  const words = chineseWords(text, 8);
  if (words.length >= 2) {
    const last = words[words.length - 1]!;
    if ([...last].filter((ch) => !CLOSING.has(ch) && ch.trim() !== '').length <= 1) words.splice(-2, 2, words[words.length - 2]! + last);
  }
  const out: Inline[] = [];
  for (const w of words) {
    const n = [...w].length;
    if (n >= 2 && n <= 8) out.push({ text: w, noWrap: true });
    else if (typeof out[out.length - 1] === 'string') out[out.length - 1] += w;
    else out.push(w);
  }
  return out;
};
