/**
 * What the three text readers share: splitting pasted text into lines, telling captions, group headings and
 * sentences apart, and collecting the paragraphs around the tables (a caption just above a table is taken from them).
 */

/** The text's lines without BOM, CR or trailing spaces; line i of the result is source line i + 1. */
export const splitLines = (text: string): string[] =>
  text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u).map((line) => line.replace(/[\s\u3000]+$/u, ''));

/** A blank line: nothing but spaces (also U+3000 and zero-width). */
export const isBlankLine = (line: string): boolean => /^[\s\u3000\u200B-\u200D\uFEFF]*$/u.test(line);

/** A printed table caption: 表2：…指标, or a short heading ending in 指标/情况/一览表, never a sentence. */
export const isCaption = (text: string): boolean => {
  const t = text.trim();
  if (t === '' || t.length > 60 || /[。；;]/u.test(t)) return false;
  return /^表\s*[0-9０-９一二三四五六七八九十]+/u.test(t) || /(指标|指标表|情况|情况表|一览表|指标體系|指标体系)$/u.test(t);
};

/** A group heading inside a table: 一、社会救助 / （一）养老服务 / 二．… */
export const isGroupHeading = (text: string): boolean =>
  /^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[)）])\s*\S/u.test(text.trim());

/** Body text, not a cell: a sentence (。) or a chapter/section heading (第三章 主要任务). */
export const isBodyText = (text: string): boolean => {
  const t = text.trim();
  return /[。]/u.test(t) || /^第[一二三四五六七八九十百\d]+[章节篇部分]/u.test(t);
};

/** A page artifact of a PDF or Word copy: a page number ("- 10 -", "— 3 —", "第 3 页"), "PAGE". */
export const isPageArtifact = (text: string): boolean => {
  const t = text.trim();
  return (
    /^[-—–－~]+\s*\d{1,4}\s*[-—–－~]+$/u.test(t) ||
    /^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/u.test(t) ||
    /^\d{1,4}\s*\/\s*\d{1,4}$/u.test(t) ||
    /^PAGE\b/u.test(t)
  );
};

/** A cell that opens a data row: a printed seq number ("1", "12", "1.") or a group heading. */
export const isSeqCell = (text: string): boolean => /^\d{1,3}[.．、]?$/u.test(text.trim()) || isGroupHeading(text);

/** The paragraphs outside tables, each with its source line, so that a caption can be taken back from them. */
export class ParagraphCollector {
  readonly paragraphs: string[] = [];
  private readonly lines: number[] = [];

  add(text: string, line: number): void {
    const t = text.replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '');
    if (t === '' || isPageArtifact(t)) return;
    this.paragraphs.push(t);
    this.lines.push(line);
  }

  /** Appends a wrapped line to the last paragraph (PDF copies). */
  continueLast(text: string): void {
    const last = this.paragraphs.length - 1;
    if (last < 0) return;
    this.paragraphs[last] = this.paragraphs[last] + text.trim();
  }

  /** Takes the caption printed within `reach` lines above `headerLine` out of the paragraphs, or returns null. */
  takeCaption(headerLine: number, reach = 4): string | null {
    const last = this.paragraphs.length - 1;
    const text = this.paragraphs[last];
    const line = this.lines[last];
    if (text === undefined || line === undefined || headerLine - line > reach || !isCaption(text)) return null;
    this.paragraphs.pop();
    this.lines.pop();
    return text;
  }
}
