/**
 * Names broken into lines between words, for chart labels and narrow table headings, where a name cut inside a word
 * ("困难残疾人生活补贴和…" → "…和重度残/疾人") misleads. Words come from ICU's Chinese word dictionary (Intl.Segmenter).
 */
const WORDS = new Intl.Segmenter('zh-CN', { granularity: 'word' });
/** Characters that never begin a line (closing brackets and marks stay with the word before them). */
const NO_LINE_START = /^[）)】」』”’》〉，。、；：！？%‰]/u;

/**
 * Words of the civil-affairs indicator names that ICU's dictionary splits ("供|养", "特|困", "站|点"): kept whole.
 * A one-character suffix (…率, …数, …比) stays with the word before it.
 */
const GLOSSARY = [
  '供养', '特困', '站点', '低保', '低限', '覆盖率', '占比', '比率', '殡仪馆', '骨灰堂', '公益性', '护理型', '全州', '全省', '全市', '全县',
  '社工', '孤儿', '五保', '残疾人', '帮扶', '县级', '市级', '乡镇', '火葬区', '上年度', '城乡', '百分点', '千分点', '失能', '人均', '增速', '基期值', '基期', '目标值',
];
const SUFFIX = /^[率数比量额度]$/u;

/**
 * ICU's words with no break inside a glossary word wherever it occurs (ICU may cut "城市低保" as 城市低|保), and a
 * one-character suffix joined to the word before it.
 */
const domainWords = (segments: string[]): string[] => {
  const text = segments.join('');
  const inside = new Set<number>();
  for (const word of GLOSSARY) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) for (let k = at + 1; k < at + word.length; k += 1) inside.add(k);
  }
  const merged: string[] = [];
  let pos = 0;
  for (const seg of segments) {
    if (merged.length > 0 && inside.has(pos)) merged[merged.length - 1] += seg;
    else merged.push(seg);
    pos += seg.length;
  }
  const out: string[] = [];
  for (const word of merged) {
    const before = out[out.length - 1];
    // A suffix stays with its word; a number with the unit after it (1200人, 750元, 2025年).
    if (before !== undefined && (SUFFIX.test(word) || (/[\d.]$/u.test(before) && /^\p{Script=Han}{1,3}$/u.test(word)))) out[out.length - 1] += word;
    else out.push(word);
  }
  return out;
};

/**
 * The words of a text, where a line may break: ICU's Chinese words with the indicator names' own words kept whole, a
 * bracketed part ("（骨灰堂）") one word when it is at most `bracket` characters, closing marks with the word before.
 */
export const chineseWords = (text: string, bracket = 12): string[] => {
  const words: string[] = [];
  /** The words of an open bracket, its "（" included in the first. */
  let inner: string[] | null = null;
  const push = (w: string) => {
    // A closing mark never begins a line; an opening one never ends one (it goes with the word after it).
    if (NO_LINE_START.test(w) && words.length > 0) words[words.length - 1] += w;
    else if (words.length > 0 && /[（(]$/u.test(words[words.length - 1]!)) words[words.length - 1] += w;
    else words.push(w);
  };
  for (const segment of domainWords([...WORDS.segment(text)].map((x) => x.segment))) {
    if (inner) {
      inner.push(segment);
      if (/[）)]/u.test(segment)) {
        const whole = inner.join('');
        if ([...whole].length <= bracket) push(whole);
        else inner.forEach(push);
        inner = null;
      }
    } else if (/^[（(]/u.test(segment)) inner = [segment];
    else push(segment);
  }
  if (inner) inner.forEach(push);
  return words;
};

/**
 * A name in lines of at most `max` characters, broken only between words (ICU's Chinese dictionary: 困难|残疾|人|生活
 * |补贴…), a bracketed part kept whole where it fits; at most `maxLines` lines, the last one ending in "…" after a
 * whole word when the name is longer than that.
 */
export const wrapWords = (name: string, max = 12, maxLines = 3): string[] => {
  const words = chineseWords(name, max);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && [...line].length + [...w].length > max) {
      lines.push(line);
      line = '';
    }
    // A word longer than a line (a long run of digits or Latin letters) is cut where it must be.
    let rest = w;
    while ([...rest].length > max) {
      lines.push([...rest].slice(0, max).join(''));
      rest = [...rest].slice(max).join('');
    }
    line += rest;
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  // The last kept line ends on a whole word and "…".
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = [...last].length < max ? `${last}…` : `${[...WORDS.segment(last)].slice(0, -1).map((x) => x.segment).join('')}…`;
  return kept;
};
