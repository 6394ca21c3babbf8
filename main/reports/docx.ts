/**
 * Draws a ReportDocument as an editable Word file (docx), because offices make the last edits in WPS or Word:
 * the same A4 page and margins, headings in 黑体/楷体, body in 仿宋_GB2312 at 3号 with a fixed line pitch, tables whose
 * header row repeats on every page, charts as SVG with the same chart as a PNG for viewers without SVG, page
 * numbers "— N —" (odd pages right, even left), headings in the styles 标题 1–3 so that the navigation pane works.
 * Fonts are named, not embedded: Word and WPS on an office PC have them, or substitute.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { writeFileAtomic } from './write-file';
import { renderAsync } from '@resvg/resvg-js';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, ReportDocument } from '../../shared/reports/document';
import { chartFontFile } from './fonts';

const TWIP_PER_MM = 56.6929;
const FONTS = { title: '方正小标宋简体', fang: '仿宋_GB2312', hei: '黑体', kai: '楷体_GB2312', song: '宋体' } as const;

const run = (text: string, font: string, sizePt: number, bold = false) =>
  new TextRun({ text, bold, size: Math.round(sizePt * 2), font: { eastAsia: font, ascii: font === FONTS.hei ? 'SimHei' : 'Times New Roman', hAnsi: 'Times New Roman' } });

/**
 * The picture shown by Word and WPS versions (and LibreOffice) that cannot draw SVG: the same chart rendered to PNG
 * by resvg at twice its printed size, with the bundled 黑体-style face, so that no viewer shows an empty frame.
 */
const fallbackPng = async (svg: string, widthMm: number): Promise<Buffer> => {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: Math.round(widthMm * 3.78 * 2) },
    background: '#ffffff',
    font: { fontFiles: [chartFontFile()], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC', sansSerifFamily: 'Noto Sans SC' },
  });
  return Buffer.from(image.asPng());
};

/** Each chart's picture, rendered off the main thread and all at once (resvg lays out a chart's text slowly). */
const fallbackPngs = async (doc: ReportDocument): Promise<Map<string, Buffer>> => {
  const charts = [...new Map(doc.blocks.filter((b) => b.kind === 'chart').map((b) => [b.svg, b.width])).entries()];
  const pngs = await Promise.all(charts.map(([svg, width]) => fallbackPng(svg, width)));
  return new Map(charts.map(([svg], i) => [svg, pngs[i]!]));
};

const blockToDocx = (b: Block, doc: ReportDocument, pngs: ReadonlyMap<string, Buffer>): (Paragraph | Table)[] => {
  const size = doc.page.bodySize;
  const line = { line: Math.round(doc.page.linePitch * 20), lineRule: LineRuleType.EXACT };
  const indent = { firstLine: Math.round(size * 2 * 20) };
  switch (b.kind) {
    case 'title':
      // A title may be written on two lines ("…发展规划\n2024年度实施监测报告"): a line break inside the paragraph.
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 360 },
          children: b.text.split('\n').map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : 0, size: 44, font: { eastAsia: FONTS.title, ascii: 'Times New Roman', hAnsi: 'Times New Roman' } })),
        }),
      ];
    case 'subtitle':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(b.text, FONTS.kai, size)] })];
    case 'heading': {
      // Real heading styles (标题 1–3), so that the navigation pane of Word and WPS shows the outline.
      const font = b.level === 1 ? FONTS.hei : b.level === 2 ? FONTS.kai : FONTS.fang;
      const heading = b.level === 1 ? HeadingLevel.HEADING_1 : b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
      return [new Paragraph({ heading, spacing: line, indent, keepNext: true, children: [run(b.text, font, size, b.level === 3)] })];
    }
    case 'paragraph':
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: line, indent, children: [run(b.text, FONTS.fang, size)] })];
    case 'list':
      return b.items.map((t) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: line, indent, children: [run(t, FONTS.fang, size)] }));
    case 'signature':
      return b.lines.map((t) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: line, indent: { right: size * 2 * 20 }, children: [run(t, FONTS.fang, size)] }));
    case 'attachments': {
      // GB/T 9704 7.3.5: a blank line; "附件：1.名称" two characters in; a long name's next line under its first
      // character (a hanging indent of "附件：" and "1.", a half-width number and point taking one character).
      const numbered = b.titles.length > 1;
      const lead = 3 + (numbered ? 1 : 0);
      return [
        new Paragraph({ spacing: line, children: [] }),
        ...b.titles.map(
          (t, i) =>
            new Paragraph({
              spacing: line,
              keepNext: true,
              indent: { left: Math.round((2 + lead) * size * 20), hanging: Math.round(lead * size * 20) },
              children: [run(`${i === 0 ? '附件：' : '　　　'}${numbered ? `${i + 1}.` : ''}${t}`, FONTS.fang, size)],
            }),
        ),
      ];
    }
    case 'attachment':
      return [
        new Paragraph({ keepNext: true, children: [run(b.label, FONTS.hei, 16)] }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          spacing: { before: 200, after: 200 },
          children: [new TextRun({ text: b.title, size: size >= 16 ? 44 : 36, font: { eastAsia: FONTS.title, ascii: 'Times New Roman', hAnsi: 'Times New Roman' } })],
        }),
      ];
    case 'pageBreak':
      // A break that turns the page is a new section (see writeDocx), which starts on a new page by itself.
      return b.orientation ? [] : [new Paragraph({ children: [new PageBreak()] })];
    case 'chart':
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [run(b.title, FONTS.hei, 12)] }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: 'svg',
              data: Buffer.from(b.svg),
              fallback: { type: 'png', data: pngs.get(b.svg)! },
              transformation: { width: Math.round(b.width * 3.78), height: Math.round(b.height * 3.78) },
            }),
          ],
        }),
      ];
    case 'table': {
      const total = b.columns.reduce((s, c) => s + c.width, 0);
      const align = (a: string) => (a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
      const cell = (text: string, a: string, opts: { bold?: boolean; font?: string; span?: number; shade?: string; keepNext?: boolean } = {}) =>
        new TableCell({
          ...(opts.span ? { columnSpan: opts.span } : {}),
          ...(opts.shade ? { shading: { fill: opts.shade } } : {}),
          children: text.split('\n').map((t) => new Paragraph({ alignment: align(a), ...(opts.keepNext ? { keepNext: true } : {}), children: [run(t, opts.font ?? FONTS.song, b.fontSize, opts.bold)] })),
        });
      const header = new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c) => cell(c.header, 'center', { font: FONTS.hei, shade: 'EEEEEE' })) });
      // The row before the last keeps with it (Word's 与下段同页), so the last row never stands alone on a page.
      const rows = b.rows.map((r, k) =>
        r.group
          ? new TableRow({ cantSplit: true, children: [cell(r.cells[0] ?? '', 'left', { font: FONTS.hei, span: b.columns.length, shade: 'F5F5F5' })] })
          : new TableRow({ cantSplit: true, children: b.columns.map((c, i) => cell(r.cells[i] ?? '', c.align, { bold: r.bold ?? false, keepNext: b.rows.length >= 4 && k === b.rows.length - 2 })) }),
      );
      return [
        ...(b.title ? [new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120, after: 120 }, children: [run(b.title, FONTS.hei, 14)] })] : []),
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: b.columns.map((c) => Math.round((c.width / total) * 9000)), rows: [header, ...rows] }),
        ...(b.note ? b.note.split('\n').map((t) => new Paragraph({ children: [run(t, FONTS.song, 9)] })) : []),
      ];
    }
  }
};

/** The blocks cut into sections where a page break names an orientation: each section is one orientation. */
const sectionsOf = (doc: ReportDocument): { orientation: 'portrait' | 'landscape'; blocks: Block[] }[] => {
  const sections = [{ orientation: doc.page.orientation, blocks: [] as Block[] }];
  for (const b of doc.blocks) {
    if (b.kind === 'pageBreak' && b.orientation) sections.push({ orientation: b.orientation, blocks: [] });
    else sections[sections.length - 1]!.blocks.push(b);
  }
  return sections;
};

/** 正文 (Word's Normal) and 标题 1–3 as the report sets them, each heading with its outline level. */
const stylesOf = (doc: ReportDocument) => {
  const size = Math.round(doc.page.bodySize * 2);
  const spacing = { line: Math.round(doc.page.linePitch * 20), lineRule: LineRuleType.EXACT };
  const font = (f: string) => ({ eastAsia: f, ascii: f === FONTS.hei ? 'SimHei' : 'Times New Roman', hAnsi: 'Times New Roman' });
  const heading = (f: string, outlineLevel: number, bold: boolean) => ({
    run: { font: font(f), size, bold, color: '000000' },
    paragraph: { outlineLevel, spacing: { ...spacing, before: 0, after: 0 }, indent: { firstLine: Math.round(doc.page.bodySize * 2 * 20) }, keepNext: true },
  });
  return {
    default: {
      document: { run: { font: font(FONTS.fang), size }, paragraph: { spacing } },
      heading1: heading(FONTS.hei, 0, false),
      heading2: heading(FONTS.kai, 1, false),
      heading3: heading(FONTS.fang, 2, true),
    },
  };
};

/** "— N —" at the foot: odd pages at the right, even pages at the left (GB/T 9704). */
const pageNumberFooter = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: { eastAsia: FONTS.song, ascii: 'Times New Roman', hAnsi: 'Times New Roman' } })],
      }),
    ],
  });

/** The Word file's bytes; `createdAt` fixes its creation time and its entries' times, which are otherwise now. */
export const docxBytes = async (doc: ReportDocument, createdAt?: Date): Promise<Buffer> => {
  const pngs = await fallbackPngs(doc);
  const { margins } = doc.page;
  const document = new Document({
    title: doc.title,
    creator: '规划监测评估工作台',
    styles: stylesOf(doc),
    evenAndOddHeaderAndFooters: true,
    sections: sectionsOf(doc).map((section) => ({
      properties: {
        page: {
          size: { width: 11906, height: 16838, orientation: section.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: margins.top * TWIP_PER_MM, bottom: margins.bottom * TWIP_PER_MM, left: margins.left * TWIP_PER_MM, right: margins.right * TWIP_PER_MM },
        },
      },
      footers: doc.page.pageNumbers ? { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) } : {},
      children: section.blocks.flatMap((b) => blockToDocx(b, doc, pngs)),
    })),
  });
  const buffer = await Packer.toBuffer(document);
  return createdAt ? atTime(buffer, createdAt) : buffer;
};

/**
 * The same Word file stamped with one time: docx writes the time of writing into docProps/core.xml and into each zip
 * entry, so two writings of one report differ. An issued report's file is stamped with its issue time.
 */
const atTime = (buffer: Buffer, at: Date): Buffer => {
  const stamp = `${at.toISOString().slice(0, 19)}Z`;
  const files = unzipSync(buffer);
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/gu, `$1${stamp}$2`),
    );
  }
  // Zip times are local DOS times with two-second steps, from 1980.
  const mtime = new Date(Math.max(at.getTime(), Date.UTC(1980, 0, 2)));
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime }]])), { mtime }));
};

export const writeDocx = async (doc: ReportDocument, out: string): Promise<{ bytes: number }> => {
  const buffer = await docxBytes(doc);
  writeFileAtomic(out, buffer);
  return { bytes: buffer.length };
};
