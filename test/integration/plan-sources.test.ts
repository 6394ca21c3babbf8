/**
 * Reading a plan file into text tables (main/services/plan-import/sources.ts): the committed 15th-FYP fixtures as
 * .xlsx, .xls and .docx give back the printed table, caption and paragraphs; hostile or wrong files are refused fast.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors';
import { readPlanSource } from '../../main/services/plan-import/sources';
import {
  PLAN_15TH_CAPTION,
  PLAN_15TH_DOC_NUMBER,
  PLAN_15TH_ISSUER,
  PLAN_15TH_PASTED_TEXT,
  PLAN_15TH_SCHEDULE,
  PLAN_15TH_TABLE,
  PLAN_15TH_TITLE,
} from '../../scripts/plan-15th-table';
import { tempDir, writeWorkbook } from '../helpers/files';

const fixture = (name: string) => path.resolve('test/fixtures/plans', name);
const FAST = { timeout: 5000 };

/** The error a read throws (null if it succeeded), checked to be a UserError naming the file. */
const refusal = async (file: string): Promise<UserError> => {
  const error = await readPlanSource(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).message).toContain(path.basename(file));
  expect((error as UserError).message).toContain(' / ');
  expect(['bad-plan-file', 'file-not-found']).toContain((error as UserError).code);
  return error as UserError;
};

/** A zip archive from entries, deflated; an entry may come already deflated (a zip bomb). */
type ZipInput = { name: string; data: Buffer } | { name: string; raw: Buffer; size: number; crc: number };
const zip = (entries: ZipInput[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = 'raw' in e ? e.raw : zlib.deflateRawSync(e.data);
    const size = 'raw' in e ? e.size : e.data.length;
    const crc = 'raw' in e ? e.crc : zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(raw.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(raw.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, raw);
    centrals.push(central, name);
    offset += 30 + name.length + raw.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CONTENT_TYPES = {
  name: '[Content_Types].xml',
  data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
};
/** A .docx whose word/document.xml is the given text. */
const docxOf = (documentXml: string): Buffer => zip([CONTENT_TYPES, { name: 'word/document.xml', data: Buffer.from(documentXml) }]);
const cellXml = (t: string) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;

const writeDocx = async (file: string, children: (Paragraph | Table)[]): Promise<string> => {
  fs.writeFileSync(file, await Packer.toBuffer(new Document({ sections: [{ children }] })));
  return file;
};

describe('the 15th-FYP plan fixtures', () => {
  it.each(['plan-15th.xlsx', 'plan-15th.docx'])('reads the header and every row of %s exactly as printed', async (name) => {
    const doc = await readPlanSource(fixture(name));
    expect(doc.format).toBe(name.endsWith('.docx') ? 'docx' : 'xlsx');
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]!.rows).toEqual(PLAN_15TH_TABLE);
    expect(doc.tables[0]!.caption).toBe(PLAN_15TH_CAPTION);
    expect(doc.tables[0]!.lines).toHaveLength(PLAN_15TH_TABLE.length);
  });

  it('numbers the rows of a sheet by their sheet row, below the title and caption', async () => {
    const doc = await readPlanSource(fixture('plan-15th.xlsx'));
    expect(doc.tables[0]!.lines[0]).toBe(3);
    expect(doc.tables[0]!.lines.at(-1)).toBe(2 + PLAN_15TH_TABLE.length);
    expect(doc.paragraphs[0]).toBe(PLAN_15TH_TITLE);
    expect(doc.paragraphs).not.toContain(PLAN_15TH_CAPTION);
  });

  it('keeps the title, issuer, 文号 and schedule sentence of the Word file in order', async () => {
    const doc = await readPlanSource(fixture('plan-15th.docx'));
    const at = (text: string) => doc.paragraphs.indexOf(text);
    expect(at(PLAN_15TH_TITLE)).toBe(0);
    expect(at(PLAN_15TH_ISSUER)).toBe(1);
    expect(at(PLAN_15TH_DOC_NUMBER)).toBe(2);
    expect(at(PLAN_15TH_SCHEDULE)).toBe(doc.paragraphs.length - 1);
    expect(doc.tables[0]!.lines).toEqual(PLAN_15TH_TABLE.map((_, i) => i + 1));
  });

  it('reads the same table from an old .xls, and from a .xls that is really an .xlsx', async () => {
    const dir = tempDir();
    const book = XLSX.read(fs.readFileSync(fixture('plan-15th.xlsx')), { type: 'buffer', cellNF: true });
    const xls = path.join(dir, 'plan-15th.xls');
    fs.writeFileSync(xls, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const old = await readPlanSource(xls);
    expect(old.format).toBe('xls');
    expect(old.tables[0]!.rows).toEqual(PLAN_15TH_TABLE);
    expect(old.tables[0]!.caption).toBe(PLAN_15TH_CAPTION);
    const renamed = path.join(dir, 'renamed.xls');
    fs.copyFileSync(fixture('plan-15th.xlsx'), renamed);
    const modern = await readPlanSource(renamed);
    expect(modern.format).toBe('xlsx');
    expect(modern.tables[0]!.rows).toEqual(PLAN_15TH_TABLE);
  });
});

describe('sheets and Word tables as printed', () => {
  it('splits a sheet at blank rows into tables and skips hidden sheets', async () => {
    const file = await writeWorkbook(path.join(tempDir(), 'two.xlsx'), [
      {
        name: '指标',
        rows: [
          ['表1 主要指标'],
          ['序号', '指标名称', '目标值'],
          [1, '城市低保标准', '≥950'],
          [],
          [],
          ['表2 “十四五”规划主要指标完成情况'],
          ['序号', '指标名称', '2020年完成值'],
          [1, '养老机构床位总数', { formula: '1000+200', result: 1200 }],
        ],
      },
      { name: '隐藏', hidden: true, rows: [['序号', '指标名称'], [1, '不应读到']] },
    ]);
    const doc = await readPlanSource(file);
    expect(doc.tables.map((t) => t.caption)).toEqual(['表1 主要指标', '表2 “十四五”规划主要指标完成情况']);
    expect(doc.tables[1]!.rows).toEqual([['序号', '指标名称', '2020年完成值'], ['1', '养老机构床位总数', '1200']]);
    expect(doc.tables[1]!.lines).toEqual([7, 8]);
    expect(doc.paragraphs).toEqual([]);
  });

  it('shows a percent-formatted 0.6 as 60% and a merged cell only in its top-left cell', async () => {
    const file = await writeWorkbook(path.join(tempDir(), 'pct.xlsx'), [
      {
        name: 'S',
        rows: [['指标名称', '2025年', '2030年'], ['护理型床位占比', 0.6, '≥55%'], ['合并', '', '']],
        setup: (ws: ExcelJS.Worksheet) => {
          ws.getCell('B2').numFmt = '0%';
          ws.mergeCells('A3:B3');
        },
      },
    ]);
    const doc = await readPlanSource(file);
    expect(doc.tables[0]!.rows.slice(1)).toEqual([['护理型床位占比', '60%', '≥55%'], ['合并', '', '']]);
  });

  it("reads a vertically merged Word cell in its first row and '' below, a gridSpan as '' cells", async () => {
    const c = (text: string, o: { rowSpan?: number; columnSpan?: number } = {}) => new TableCell({ children: [new Paragraph(text)], ...o });
    const file = await writeDocx(path.join(tempDir(), 'merged.docx'), [
      new Paragraph('附表 主要指标一览表'),
      new Table({
        rows: [
          new TableRow({ children: [c('指标名称'), c('单位'), c('目标值')] }),
          new TableRow({ children: [c('城乡低保标准', { rowSpan: 2 }), c('元/人·月'), c('950')] }),
          new TableRow({ children: [c('元/人·年'), c('7200')] }),
          new TableRow({ children: [c('一、养老服务', { columnSpan: 3 })] }),
        ],
      }),
    ]);
    const doc = await readPlanSource(file);
    expect(doc.tables[0]!.caption).toBe('附表 主要指标一览表');
    expect(doc.tables[0]!.rows).toEqual([
      ['指标名称', '单位', '目标值'],
      ['城乡低保标准', '元/人·月', '950'],
      ['', '元/人·年', '7200'],
      ['一、养老服务', '', ''],
    ]);
    expect(doc.paragraphs).toEqual([]);
  });
});

describe('files that are refused with a message naming them', () => {
  let bomb: { raw: Buffer; size: number; crc: number };
  beforeAll(async () => {
    // 300 MB of zeros, deflated in 1 MiB pieces (about 300 KB).
    const zeros = Buffer.alloc(2 ** 20);
    const deflate = zlib.createDeflateRaw({ level: 9 });
    const parts: Buffer[] = [];
    deflate.on('data', (b: Buffer) => parts.push(b));
    const done = new Promise((resolve) => deflate.on('end', resolve));
    let crc = 0;
    const size = 300 * 2 ** 20;
    for (let written = 0; written < size; written += zeros.length) {
      crc = zlib.crc32(zeros, crc);
      if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
    }
    deflate.end();
    await done;
    bomb = { raw: Buffer.concat(parts), size, crc };
  });

  it('refuses a text file renamed .docx', FAST, async () => {
    const file = path.join(tempDir(), '规划.docx');
    fs.writeFileSync(file, PLAN_15TH_PASTED_TEXT);
    expect((await refusal(file)).message).toContain('Word');
  });

  it.each(['bomb.docx', 'bomb.xlsx'])('refuses a zip bomb named %s before inflating it', FAST, async (name) => {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, zip([CONTENT_TYPES, { name: name.endsWith('.docx') ? 'word/document.xml' : 'xl/workbook.xml', ...bomb }]));
    expect((await refusal(file)).message).toMatch(/zip bomb/);
  });

  it.each([
    ['entities.docx', '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>', '&b;'],
    ['xxe.docx', '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'],
  ])('refuses %s, a document with a DOCTYPE', FAST, async (name, doctype, reference) => {
    const file = path.join(tempDir(), name);
    const body = `<w:body><w:tbl><w:tr>${cellXml('序号')}${cellXml(reference)}</w:tr></w:tbl></w:body>`;
    fs.writeFileSync(file, docxOf(`<?xml version="1.0" encoding="UTF-8"?>${doctype}<w:document ${W}>${body}</w:document>`));
    const error = await refusal(file);
    expect(error.message).toContain('DOCTYPE');
    expect(error.message).not.toContain('root:');
  });

  it('refuses a truncated .xlsx as damaged', FAST, async () => {
    const file = path.join(tempDir(), 'cut.xlsx');
    const bytes = fs.readFileSync(fixture('plan-15th.xlsx'));
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    expect((await refusal(file)).message).toContain('damaged');
  });

  it('refuses a Word document without a table', FAST, async () => {
    const file = await writeDocx(path.join(tempDir(), 'no-table.docx'), [new Paragraph(PLAN_15TH_TITLE), new Paragraph(PLAN_15TH_SCHEDULE)]);
    expect((await refusal(file)).message).toContain('没有找到表格');
  });

  // Writing a 3,000-row .xls takes SheetJS a second or two; the read itself must be refused within seconds.
  it.each(['xlsx', 'xls', 'docx'])('refuses a .%s table of 3,000 rows', { timeout: 20_000 }, async (ext) => {
    const dir = tempDir();
    const rows = Array.from({ length: 3000 }, (_, i) => [i + 1, `指标${i + 1}`, '个', 10, 20, '—', '预期性']);
    const file = path.join(dir, `long.${ext}`);
    if (ext === 'docx') {
      const tr = (r: unknown[]) => `<w:tr>${r.map((v) => cellXml(String(v))).join('')}</w:tr>`;
      fs.writeFileSync(file, docxOf(`<w:document ${W}><w:body><w:tbl>${rows.map(tr).join('')}</w:tbl></w:body></w:document>`));
    } else {
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '指标');
      fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: ext === 'xls' ? 'biff8' : 'xlsx' }) as Buffer);
    }
    const started = Date.now();
    expect((await refusal(file)).message).toContain('2000');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a cell of more than 2,000 characters', FAST, async () => {
    const file = await writeWorkbook(path.join(tempDir(), 'long-cell.xlsx'), [{ name: 'S', rows: [['指标名称', '说明'], ['城市低保标准', '很'.repeat(2001)]] }]);
    expect((await refusal(file)).message).toContain('2001');
  });

  it('refuses other file types and an old .doc, and reports a missing file', FAST, async () => {
    const dir = tempDir();
    const pdf = path.join(dir, 'plan.pdf');
    fs.writeFileSync(pdf, '%PDF-1.7');
    expect((await refusal(pdf)).code).toBe('bad-plan-file');
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'WordDocument', Buffer.from('not really Word'));
    const doc = path.join(dir, 'plan.docx');
    fs.writeFileSync(doc, XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    expect((await refusal(doc)).message).toContain('.doc');
    const missing = path.join(dir, 'missing.xlsx');
    expect((await refusal(missing)).code).toBe('file-not-found');
  });
});
