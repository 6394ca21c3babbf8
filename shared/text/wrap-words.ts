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
const GLOSSARY = new Set(['供养', '特困', '站点', '低保', '覆盖率', '占比', '比率', '殡仪馆', '骨灰堂', '公益性', '护理型', '全州', '全省', '全市', '全县', '社工', '孤儿', '五保']);
const SUFFIX = /^[率数比量额度]$/u;

const domainWords = (segments: string[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    let taken = 1;
    for (let j = Math.min(segments.length, i + 4); j > i + 1; j -= 1) {
      if (GLOSSARY.has(segments.slice(i, j).join(''))) {
        taken = j - i;
        break;
      }
    }
    const word = segments.slice(i, i + taken).join('');
    if (SUFFIX.test(word) && out.length > 0) out[out.length - 1] += word;
    else out.push(word);
    i += taken - 1;
  }
  return out;
};

/**
 * The words of a text, where a line may break: ICU's Chinese words with the indicator names' own words kept whole, a
 * bracketed part ("（骨灰堂）") one word when it is at most `bracket` characters, closing marks with the word before.
 */
export const chineseWords = (text: string, bracket = 12): string[] => {
  const words: string[] = [];
  let open = '';
  for (const segment of domainWords([...WORDS.segment(text)].map((x) => x.segment))) {
    if (open) {
      open += segment;
      if (/[）)]/u.test(segment)) {
        if ([...open].length <= bracket) words.push(open);
        else words.push(...[...WORDS.segment(open)].map((x) => x.segment));
        open = '';
      }
    } else if (/^[（(]/u.test(segment)) open = segment;
    else if (NO_LINE_START.test(segment) && words.length > 0) words[words.length - 1] += segment;
    else words.push(segment);
  }
  if (open) words.push(open);
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
