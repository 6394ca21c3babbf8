/**
 * Draws a ReportDocument as a PDF with pdfmake, in the manner of GB/T 9704: A4, the standard margins, title in
 * 小标宋 (or its fallback), body in 仿宋 at 3号 with a fixed line pitch, 一、 headings in 黑体 and （一） in 楷体, page
 * numbers "— N —" at the foot (odd pages right, even pages left), tables whose header row repeats on every page,
 * charts as vector graphics. Fonts are embedded as subsets.
 */
import { createRequire } from 'node:module';
import { writeFileAtomic } from './write-file';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { Block, ReportDocument } from '../../shared/reports/document';
import { setParagraph, wordInlines, type Inline } from './cjk-lines';
import { fontkitModule } from '../lazy-modules';
import { chooseFonts, fontBytes, lineHeightOf, measurer, type Face, type FontChoice, type FontSet } from './fonts';

const MM = 72 / 25.4;
const FAMILY: Record<Face, string> = { title: 'Title', fang: 'Fang', song: 'Song', hei: 'Hei', kai: 'Kai' };

/** Which face prints which block, so that each face is chosen for exactly the characters it will print. */
const textByFace = (doc: ReportDocument): Record<Face, string> => {
  const t: Record<Face, string> = { title: '', fang: '', song: '— 0123456789', hei: '', kai: '' };
  for (const b of doc.blocks) {
    if (b.kind === 'title') t.title += b.text;
    else if (b.kind === 'heading') (b.level === 1 ? (t.hei += b.text) : b.level === 2 ? (t.kai += b.text) : (t.fang += b.text));
    else if (b.kind === 'paragraph' || b.kind === 'subtitle') t.fang += b.text;
    else if (b.kind === 'list') t.fang += b.items.join('');
    else if (b.kind === 'signature') t.fang += b.lines.join('');
    else if (b.kind === 'attachments') t.fang += `附件：0123456789.${b.titles.join('')}`;
    else if (b.kind === 'attachment') {
      t.hei += b.label;
      t.title += b.title;
    }
    else if (b.kind === 'table') {
      t.hei += b.title + b.columns.map((c) => c.header).join('');
      t.song += b.rows.flatMap((r) => r.cells).join('') + b.note;
    } else if (b.kind === 'chart') t.hei += b.title + b.svg.replace(/<[^>]+>/g, ''); // the chart's own labels are drawn in 黑体 too
  }
  return t;
};

/**
 * Fonts by the name pdfmake is given for them, with their bytes as fonts.ts read them (once per process): a report
 * embeds four faces from files of 10–15 MB each, which pdfkit would otherwise read from disk for every document and
 * every chart.
 */
const memoryFonts = new Map<string, Buffer>();
const memoryName = (c: FontChoice): string => `pwb-fonts${c.file.replace(/\\/g, '/')}`;

const fontDescriptors = (fonts: FontSet) =>
  Object.fromEntries(
    (Object.keys(FAMILY) as Face[]).map((face) => {
      const f = (c: FontChoice) => {
        const bytes = fontBytes(c);
        if (bytes) memoryFonts.set(memoryName(c), bytes);
        const src = bytes ? memoryName(c) : c.file;
        return c.postscript ? [src, c.postscript] : src;
      };
      return [FAMILY[face], { normal: f(fonts[face].normal), bold: f(fonts[face].bold), italics: f(fonts[face].normal), bolditalics: f(fonts[face].bold) }];
    }),
  );

/** What of a pdfkit document and its fonts is used here (pdfkit's own fields, read as they are in the version locked). */
interface PdfKitFonts {
  registerFont(name: string, src: Buffer, family?: string): void;
  _font: EmbeddedFont;
  _fontCount: number;
  _fontFamilies: Record<string, EmbeddedFont>;
}
interface EmbeddedFont {
  name: string;
  /** The parsed font (fontkit), which the document's own subset reads. */
  font: FontkitFont;
  constructor: new (document: PdfKitFonts, font: FontkitFont, id: string) => EmbeddedFont;
}
/** fontkit's font: its tables as decoded so far (by the table's tag), filled as they are first read. */
interface FontkitFont {
  _tables: Record<string, unknown>;
}
type FontMethod = (this: PdfKitFonts, src: unknown, family?: unknown, size?: unknown) => unknown;
const registered = new WeakMap<PdfKitFonts, Set<string>>();
let fontsPatched = false;
/**
 * Each memory font's tables decoded once per process, with pdfkit's class for a document's font: decoding a CJK font
 * of 10–15 MB (cmap, metrics, layout tables) took some 50 ms of every report (issue 14). A document still gets its
 * own fontkit font (its own glyphs, so that each glyph's characters, which the PDF's text layer is made from, are the
 * document's own), subset and layout cache, as pdfkit would make them; only the decoded tables are shared.
 */
const parsed = new Map<string, { tables: FontkitFont['_tables']; Embedded: EmbeddedFont['constructor'] }>();

/**
 * pdfkit opens a font by file name (pdfmake's text, and the charts' SVG text through svg-to-pdfkit's fontCallback)
 * and reads the file each time it meets a name it has not opened in that document. pdfmake's document class is
 * taught, once, to open the names of memoryFonts from memory instead: each is registered with pdfkit (its public
 * registerFont) on first use in a document, so the text and the charts share one embedded font, read from no disk
 * and decoded once per process.
 */
const openFontsFromMemory = (): void => {
  if (fontsPatched) return;
  fontsPatched = true;
  const { default: PdfDocument } = createRequire(import.meta.url)('pdfmake/js/PDFDocument') as { default: { prototype: { font: FontMethod } } };
  const font = PdfDocument.prototype.font;
  PdfDocument.prototype.font = function (src, family, size) {
    const bytes = typeof src === 'string' ? memoryFonts.get(src) : undefined;
    if (!bytes) return font.call(this, src, family, size);
    const postscript = typeof family === 'string' ? family : undefined;
    const key = postscript ? `${src as string}#${postscript}` : (src as string);
    let known = registered.get(this);
    if (!known) registered.set(this, (known = new Set()));
    if (!known.has(key)) {
      this.registerFont(key, bytes, postscript);
      known.add(key);
      const done = parsed.get(key);
      if (done) {
        // What pdfkit's font() does on a name's first use (fontkit.create reads only the file's table directory),
        // with the tables decoded before.
        const own = fontkitModule().create(bytes, postscript) as unknown as FontkitFont;
        own._tables = done.tables;
        const embedded = new done.Embedded(this, own, `F${++this._fontCount}`);
        this._fontFamilies[key] = embedded;
        this._fontFamilies[embedded.name] ??= embedded;
      }
    }
    const result = font.call(this, key, typeof family === 'number' ? family : size);
    if (!parsed.has(key)) parsed.set(key, { tables: this._font.font._tables, Embedded: this._font.constructor });
    return result;
  };
};

/** What pdfmake tells pageBreakBefore of a node. */
interface PageNode {
  id?: unknown;
  text?: unknown;
  svg?: unknown;
  headlineLevel?: unknown;
  startPosition?: { pageNumber: number };
}

/** The id prefix of the cells of a table's last two rows (see the table case and pageBreakBefore). */
const LONE_ROW = 'pwb-lone-row-';

/** Body text as pdfmake text: a string, or inlines that tighten loose lines and keep a last character company. */
type SetBody = (text: string, textWidth: number) => Inline[] | string;

const blockContent = (
  b: Block,
  doc: ReportDocument,
  lineHeight: number,
  textWidth: number,
  set: SetBody,
  measureBody: (text: string) => number,
  table: number | null = null,
  splitTables: ReadonlySet<number> = new Set(),
): Content => {
  const size = doc.page.bodySize;
  switch (b.kind) {
    case 'title':
      // 2号 (22 pt) on a 3号 body; smaller pages (the one-page summary) scale it down with the body.
      return { text: b.text, font: 'Title', fontSize: size >= 16 ? 22 : size + 5, alignment: 'center', lineHeight: 1.2, margin: [0, 0, 0, size >= 16 ? 18 : 8] };
    case 'subtitle':
      return { text: b.text, font: 'Kai', fontSize: size, alignment: 'center', margin: [0, 0, 0, size >= 16 ? 14 : 6] };
    case 'heading':
      return {
        text: b.text,
        font: b.level === 1 ? 'Hei' : b.level === 2 ? 'Kai' : 'Fang',
        bold: b.level === 3,
        fontSize: size,
        lineHeight,
        leadingIndent: size * 2,
        headlineLevel: b.level,
      } as Content;
    case 'paragraph':
      return { text: set(b.text, textWidth), fontSize: size, lineHeight, leadingIndent: size * 2, alignment: 'justify' } as Content;
    case 'list':
      return { stack: b.items.map((item) => ({ text: set(item, textWidth), fontSize: size, lineHeight, leadingIndent: size * 2, alignment: 'justify' as const })) } as Content;
    case 'signature':
      return { stack: b.lines.map((l) => ({ text: l, alignment: 'right' as const, fontSize: size, lineHeight })), margin: [0, size, size * 2, 0] };
    case 'attachments': {
      // GB/T 9704 7.3.5: a blank line, "附件：" two characters in, "1." and the name, further names under the first,
      // a long name's next line under its first character (columns of the lead, the number and the name).
      const numbered = b.titles.length > 1;
      const number = numbered ? Math.max(...b.titles.map((_, i) => measureBody(`${i + 1}.`))) + 1 : 0;
      return {
        stack: b.titles.map((t, i) => ({
          columns: [
            { width: size * 3, text: i === 0 ? '附件：' : '' },
            ...(numbered ? [{ width: number, text: `${i + 1}.` }] : []),
            { width: '*', text: wordInlines(t), alignment: 'left' },
          ],
          columnGap: 0,
          fontSize: size,
          lineHeight,
        })),
        margin: [size * 2, lineHeight * size * 1.0, 0, 0],
      } as Content;
    }
    case 'attachment':
      // GB/T 9704: "附件1" in 黑体 at the top left, without indent; the title centred below in 小标宋.
      return {
        stack: [
          { text: b.label, font: 'Hei', fontSize: size >= 16 ? 16 : size + 2, alignment: 'left' },
          { text: wordInlines(b.title), font: 'Title', fontSize: size >= 16 ? 22 : 18, alignment: 'center', lineHeight: 1.2, margin: [0, 10, 0, 10] },
        ],
        unbreakable: true,
      } as Content;
    case 'pageBreak':
      // pdfmake turns the page for a node that breaks before it and names an orientation.
      return b.orientation ? ({ text: '', pageBreak: 'before', pageOrientation: b.orientation } as Content) : { text: '', pageBreak: 'after' };
    case 'chart':
      return {
        stack: [
          { text: wordInlines(b.title), font: 'Hei', fontSize: 12, alignment: 'center', margin: [0, 6, 0, 4] },
          // The SVG names HeiTi first; pdfmake matches it to no registered family, so the chart inherits this font.
          { svg: b.svg, width: Math.min(b.width * MM, textWidth), alignment: 'center', font: 'Hei' },
        ],
        unbreakable: true,
      } as Content;
    case 'table': {
      const fontSize = b.fontSize;
      const header: TableCell[] = b.columns.map((c) => ({ text: c.header, font: 'Hei', fontSize, alignment: 'center', fillColor: '#eeeeee' }));
      const body: TableCell[][] = [header];
      for (const r of b.rows) {
        if (r.group) {
          body.push([{ text: r.cells[0] ?? '', colSpan: b.columns.length, font: 'Hei', fontSize, fillColor: '#f5f5f5' }, ...b.columns.slice(1).map(() => ({ text: '' }))]);
          continue;
        }
        body.push(b.columns.map((c, i) => ({ text: wordInlines(r.cells[i] ?? ''), font: 'Song', fontSize, alignment: c.align, bold: r.bold ?? false }) as TableCell));
      }
      // The last row never stands alone on a page, nor the note under the table: the rows to keep with the end carry
      // ids that pageBreakBefore (below) reads. A table found to need it is laid out again split before its last two
      // rows, the second part on a new page under the header (moving cells instead would leave an empty row behind).
      const ends = table !== null && body.length >= 5;
      const split = ends && splitTables.has(table);
      if (ends && !split) {
        const mark = (row: TableCell[], what: string) => row.forEach((cell, i) => Object.assign(cell as object, { id: `${LONE_ROW}${table}-${what}-${i}` }));
        mark(body[body.length - 2]!, 'keep1');
        mark(body[body.length - 1]!, b.note ? 'keep2' : 'end');
      }
      const total = b.columns.reduce((s, c) => s + c.width, 0);
      const tableOf = (rows: TableCell[][], extra: object = {}) => ({
        table: { headerRows: 1, dontBreakRows: true, widths: b.columns.map((c) => (c.width / total) * (textWidth - b.columns.length * 8.5)), body: rows },
        layout: { hLineWidth: () => 0.6, vLineWidth: () => 0.6, paddingTop: () => 2, paddingBottom: () => 2, paddingLeft: () => 3, paddingRight: () => 3 },
        ...extra,
      });
      return {
        stack: [
          ...(b.title ? [{ text: b.title, font: 'Hei', fontSize: 14, alignment: 'center' as const, margin: [0, 8, 0, 6] as [number, number, number, number] }] : []),
          ...(split
            ? [tableOf(body.slice(0, -2)), tableOf([header.map((c) => ({ ...(c as object) }) as TableCell), ...body.slice(-2)], { pageBreak: 'before' })]
            : [tableOf(body)]),
          ...(b.note ? [{ text: b.note, font: 'Song', fontSize: 9, margin: [0, 4, 0, 0] as [number, number, number, number], ...(ends ? { id: `${LONE_ROW}${table}-end-note` } : {}) }] : []),
        ],
        margin: [0, 4, 0, 8],
      };
    }
  }
};

/**
 * `splitTables`: the tables (by block index) to set split before their last two rows; `wantSplit` collects the tables
 * whose end would stand alone on a page in this layout (writePdf lays the document out again with them split).
 */
export const reportDefinition = (
  doc: ReportDocument,
  fonts: FontSet,
  splitTables: ReadonlySet<number> = new Set(),
  wantSplit: Set<number> = new Set(),
  createdAt?: Date,
): TDocumentDefinitions => {
  const { margins, orientation, bodySize, linePitch } = doc.page;
  const textWidthOf = (o: 'portrait' | 'landscape') => (o === 'portrait' ? 210 : 297) * MM - (margins.left + margins.right) * MM;
  const lineHeight = linePitch / lineHeightOf(fonts.fang.normal, bodySize);
  const measure = measurer(fonts.fang.normal, bodySize);
  const set = (text: string, width: number) => (measure ? setParagraph(text, measure, { width, indent: bodySize * 2, em: bodySize }) : text);
  // A page break with an orientation turns the pages after it; tables and charts there get that page's width.
  let current = orientation;
  const content: Content[] = [];
  doc.blocks.forEach((b, i) => {
    if (b.kind === 'pageBreak' && b.orientation) current = b.orientation;
    const node = blockContent(b, doc, lineHeight, textWidthOf(current), set, (t) => measure?.(t) ?? bodySize * [...t].length * 0.5, b.kind === 'table' ? i : null, splitTables);
    // The signature never stands alone on a page (GB/T 9704: it shares a page with the text): it keeps the attachment
    // note and the last (short) paragraph above it.
    if (b.kind === 'signature') {
      const kept: Content[] = [];
      let k = i - 1;
      if (doc.blocks[k]?.kind === 'attachments') (kept.unshift(content.pop()!), (k -= 1));
      const before = doc.blocks[k];
      if (before?.kind === 'paragraph' && [...before.text].length <= 300) {
        kept.unshift(content.pop()!);
        // …and the heading of that paragraph, which would otherwise stay behind at the foot of the page.
        if (doc.blocks[k - 1]?.kind === 'heading') kept.unshift(content.pop()!);
      }
      content.push(kept.length > 0 ? ({ stack: [...kept, node], unbreakable: true } as Content) : node);
    } else content.push(node);
  });
  // A trailing bottom margin would open an empty last page when the content ends at the foot of one.
  const last = content[content.length - 1] as { margin?: [number, number, number, number] } | undefined;
  if (last?.margin) last.margin = [last.margin[0], last.margin[1], last.margin[2], 0];
  return {
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: [margins.left * MM, margins.top * MM, margins.right * MM, margins.bottom * MM],
    // The creation time also seeds the file's /ID: a fixed one (an issued report's) prints the same bytes again.
    info: { title: doc.title, creator: '规划监测评估工作台', producer: '规划监测评估工作台', ...(createdAt ? { creationDate: createdAt } : {}) },
    defaultStyle: { font: 'Fang', fontSize: bodySize },
    content,
    // A heading never stays alone at the foot of a page: it moves to the next page with its text.
    // A table's row before its last moves to the next page when the last row would stand alone there.
    // A node counts as on a page where it starts: a row moved to the next page keeps a stale position on the page before.
    pageBreakBefore: (node: PageNode, nodes: { getFollowingNodesOnPage: () => PageNode[] }) => {
      const page = node.startPosition?.pageNumber;
      // The page number at the foot is laid out with the page: it is not text that follows.
      // Only what prints counts (text, a picture), not a container whose content may have moved to the next page.
      const following = () =>
        nodes
          .getFollowingNodesOnPage()
          .filter((n) => n.startPosition?.pageNumber === page && (n.text !== undefined || n.svg !== undefined) && !(typeof n.text === 'string' && /^— \d+ —$/u.test(n.text)));
      if (node.headlineLevel !== undefined) return !following().some((n) => n.headlineLevel === undefined);
      if (typeof node.id !== 'string' || !node.id.startsWith(LONE_ROW) || !/-keep\d-\d+$/u.test(node.id)) return false;
      const end = node.id.replace(/-keep\d-\d+$/u, '-end-');
      if (!following().some((n) => typeof n.id === 'string' && n.id.startsWith(end))) wantSplit.add(Number(/^pwb-lone-row-(\d+)-/u.exec(node.id)![1]));
      return false;
    },
    footer: doc.page.pageNumbers
      ? (page: number) => ({
          text: `— ${page} —`,
          font: 'Song',
          fontSize: 14,
          alignment: page % 2 === 1 ? 'right' : 'left',
          margin: [margins.left * MM + 14, 10, margins.right * MM + 14, 0],
        })
      : undefined,
  } as TDocumentDefinitions;
};

/**
 * pdfmake's fonts and file policy are set on the module for each report, and a report is laid out over several awaits:
 * two reports at once (a preview and a save in browser mode) would lay one out with the other's fonts. One at a time.
 */
let turn: Promise<unknown> = Promise.resolve();

/** The PDF's bytes; `createdAt` fixes its creation time (and so its /ID), which is otherwise now. */
export const pdfBytes = (doc: ReportDocument, createdAt?: Date): Promise<{ fonts: FontSet; buffer: Buffer }> => {
  const run = turn.then(() => layOut(doc, createdAt));
  turn = run.catch(() => undefined);
  return run;
};

const layOut = async (doc: ReportDocument, createdAt?: Date): Promise<{ fonts: FontSet; buffer: Buffer }> => {
  const fonts = chooseFonts(textByFace(doc));
  // pdfmake may read only the chosen font files from disk.
  const fontFiles = new Set(Object.values(fonts).flatMap((f) => [f.normal.file, f.bold.file]));
  const pdfmake = (await import('pdfmake')).default as unknown as {
    setFonts(f: object): void;
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    createPdf(def: TDocumentDefinitions): { getStream(): Promise<unknown>; getBuffer(): Promise<Buffer> };
  };
  openFontsFromMemory();
  pdfmake.setFonts(fontDescriptors(fonts));
  pdfmake.setUrlAccessPolicy(() => false);
  (pdfmake as unknown as { setLocalAccessPolicy(cb: (p: string) => boolean): void }).setLocalAccessPolicy((p) => fontFiles.has(p) || memoryFonts.has(p));
  // Laid out once; if a table's end would stand alone on a page, laid out again with those tables split. A layout that
  // is laid out again is never finished (its fonts are not subset, its file not written), nor drawn: pdfmake reads
  // maxPagesNumber (a documented option) once the pages are laid out, and then draws only the first page. Drawing is
  // some 40% of a pass (issue 14); an annual or mid-term report is laid out twice.
  const split = new Set<number>();
  let buffer: Buffer;
  for (let pass = 0; ; pass += 1) {
    const wanted = new Set<number>();
    const definition = reportDefinition(doc, fonts, split, wanted, createdAt);
    const again = () => pass < 3 && [...wanted].some((t) => !split.has(t));
    Object.defineProperty(definition, 'maxPagesNumber', { get: () => (again() ? 1 : undefined), enumerable: true });
    const output = pdfmake.createPdf(definition);
    await output.getStream();
    if (!again()) {
      buffer = await output.getBuffer();
      break;
    }
    for (const t of wanted) split.add(t);
  }
  return { fonts, buffer };
};

export const writePdf = async (doc: ReportDocument, out: string): Promise<{ fonts: FontSet; bytes: number }> => {
  const { fonts, buffer } = await pdfBytes(doc);
  writeFileAtomic(out, buffer);
  return { fonts, bytes: buffer.length };
};
