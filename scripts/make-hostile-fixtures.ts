/**
 * Writes the hostile-file corpus into test/fixtures/hostile/ (run: npm run fixtures:hostile). Every file is built
 * here, byte by byte, never downloaded: hand-written OOXML parts in a hand-written zip, large inflations made with
 * a streaming deflater so that each file stays small. manifest.json says what the import must do with each one.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as XLSX from '@e965/xlsx';

const OUT = path.resolve(import.meta.dirname, '../test/fixtures/hostile');

/** A zip entry: bytes as stored (deflated or not) plus what the headers need. */
interface Entry { name: string; data: Buffer; method: 0 | 8 | number; crc: number; size: number }

const stored = (name: string, content: string | Buffer): Entry => {
  const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, data: zlib.deflateRawSync(raw, { level: 9 }), method: 8, crc: zlib.crc32(raw), size: raw.length };
};

/** A large entry deflated as a stream from a generator of chunks, never held whole. */
const streamed = async (name: string, chunks: () => Iterable<Buffer | string>): Promise<Entry> => {
  const deflater = zlib.createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => { deflater.on('end', resolve); deflater.on('error', reject); });
  let crc = 0;
  let size = 0;
  for (const c of chunks()) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(c, 'utf8');
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflater.write(b)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await done;
  return { name, data: Buffer.concat(out), method: 8, crc, size };
};

const zip = (entries: Entry[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  eocd.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const contentTypes = (sheets: number, extra = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
  Array.from({ length: sheets }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
  `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>${extra}</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const workbookXml = (names: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${NS} ${RNS}><sheets>` +
  names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
  `</sheets></workbook>`;

const workbookRels = (sheets: number, extra = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  Array.from({ length: sheets }, (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
  `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>${extra}</Relationships>`;

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;

/** The valid table every case starts from: 楚雄州, 城市低保标准 in 元/人·月, 2023: 700 (C3). */
const BASE_ROWS = (c3 = '<c r="C3"><v>700</v></c>', a3 = inline('A3', '城市低保标准')) =>
  `<row r="1">${inline('A1', '地区：楚雄州')}</row>` +
  `<row r="2">${inline('A2', '指标名称')}${inline('B2', '单位')}${inline('C2', '2023年')}</row>` +
  `<row r="3">${a3}${inline('B3', '元/人·月')}${c3}</row>`;

const sheetXml = (o: { head?: string; rows?: string; tail?: string; prolog?: string } = {}) =>
  `${o.prolog ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'}<worksheet ${NS} ${RNS}>${o.head ?? ''}<sheetData>${o.rows ?? BASE_ROWS()}</sheetData>${o.tail ?? ''}</worksheet>`;

const EMPTY_SST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst ${NS} count="0" uniqueCount="0"></sst>`;

/** A workbook of hand-written parts; `sheets` are whole sheet XML texts or ready entries. */
const workbook = (sheets: (string | Entry)[], o: { sst?: string | Entry; extra?: Entry[]; names?: string[]; types?: string; rels?: string } = {}): Buffer =>
  zip([
    stored('[Content_Types].xml', contentTypes(sheets.length, o.types)),
    stored('_rels/.rels', ROOT_RELS),
    stored('xl/workbook.xml', workbookXml(o.names ?? sheets.map((_, i) => (i === 0 ? '楚雄州' : `表${i + 1}`)))),
    stored('xl/_rels/workbook.xml.rels', workbookRels(sheets.length, o.rels)),
    ...sheets.map((s, i) => (typeof s === 'string' ? stored(`xl/worksheets/sheet${i + 1}.xml`, s) : { ...s, name: `xl/worksheets/sheet${i + 1}.xml` })),
    typeof o.sst === 'object' ? { ...o.sst, name: 'xl/sharedStrings.xml' } : stored('xl/sharedStrings.xml', o.sst ?? EMPTY_SST),
    ...(o.extra ?? []),
  ]);

const repeat = function* (piece: string | Buffer, totalBytes: number): Iterable<Buffer> {
  const one = Buffer.isBuffer(piece) ? piece : Buffer.from(piece, 'utf8');
  const block = Buffer.alloc(Math.max(one.length, Math.floor(2 ** 20 / one.length) * one.length));
  for (let i = 0; i + one.length <= block.length; i += one.length) one.copy(block, i);
  let left = totalBytes - (totalBytes % one.length);
  while (left > 0) {
    const n = Math.min(left, block.length);
    yield block.subarray(0, n);
    left -= n;
  }
};

const MiB = 2 ** 20;

/** What the import must do with a file: refuse it whole (with words its message must hold), or read it. */
export type Expect =
  | { kind: 'refused'; contains: string[] }
  | { kind: 'problems'; contains: string[] }
  | { kind: 'imported'; observations: number };

const cases: { file: string; what: string; expect: Expect; build: () => Buffer | Promise<Buffer> }[] = [
  { file: 'valid-baseline.xlsx', what: 'the valid table every case starts from', expect: { kind: 'imported', observations: 1 }, build: () => workbook([sheetXml()]) },
  {
    file: 'cell-xfd1048576.xlsx', what: 'one cell at XFD1048576 (1.8 KB)', expect: { kind: 'refused', contains: ['XFD1048576', '6,000,000'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS() + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' })]),
  },
  {
    file: 'row-100000000.xlsx', what: 'one row numbered 100000000', expect: { kind: 'refused', contains: ['100000000', '1,048,576'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS() + '<row r="100000000"><c r="A100000000"><v>1</v></c></row>' })]),
  },
  {
    file: 'row-100000000-no-cell-ref.xlsx', what: 'a row numbered 100000000 whose cell has no r attribute', expect: { kind: 'refused', contains: ['100000000'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS() + '<row r="100000000"><c><v>1</v></c></row>' })]),
  },
  {
    file: 'column-beyond-xfd.xlsx', what: 'a cell in column ZZZZ (beyond XFD)', expect: { kind: 'refused', contains: ['ZZZZ5', '16,384'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS() + '<row r="5"><c r="ZZZZ5"><v>1</v></c></row>' })]),
  },
  {
    file: 'dimension-a1-xfd1048576.xlsx', what: '<dimension ref="A1:XFD1048576"/> over three rows of data', expect: { kind: 'refused', contains: ['A1:XFD1048576', '6,000,000'] },
    build: () => workbook([sheetXml({ head: '<dimension ref="A1:XFD1048576"/>' })]),
  },
  {
    file: 'merge-g3-xfd1048576.xlsx', what: 'a merge G3:XFD1048576', expect: { kind: 'refused', contains: ['G3:XFD1048576', '1,000,000'] },
    build: () => workbook([sheetXml({ tail: '<mergeCells count="1"><mergeCell ref="G3:XFD1048576"/></mergeCells>' })]),
  },
  {
    file: 'merge-just-over-1m.xlsx', what: 'a merge of 1,000,001 cells (A4:A1000004)', expect: { kind: 'refused', contains: ['A4:A1000004', '1,000,000'] },
    build: () => workbook([sheetXml({ tail: '<mergeCells count="1"><mergeCell ref="A4:A1000004"/></mergeCells>' })]),
  },
  {
    file: 'merge-header-valid.xlsx', what: 'a merged title A1:C1 (valid)', expect: { kind: 'imported', observations: 1 },
    build: () => workbook([sheetXml({ tail: '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>' })]),
  },
  {
    file: 'cols-20000.xlsx', what: '20,000 <col min=1 max=16384 hidden=1> elements', expect: { kind: 'refused', contains: ['<col>', '1,000'] },
    build: () => workbook([sheetXml({ head: `<cols>${'<col min="1" max="16384" hidden="1"/>'.repeat(20_000)}</cols>` })]),
  },
  {
    file: 'col-max-2000000000.xlsx', what: 'one <col min=1 max=2000000000>', expect: { kind: 'refused', contains: ['2000000000', '16,384'] },
    build: () => workbook([sheetXml({ head: '<cols><col min="1" max="2000000000" width="9"/></cols>' })]),
  },
  {
    file: 'shared-strings-60x500k.xlsx', what: '60 shared strings of 500,000 characters each, used as names', expect: { kind: 'refused', contains: ['32,767', 'A4'] },
    build: () => {
      const big = (i: number) => `<si><t>${String.fromCharCode(0x4e00 + i).repeat(500_000)}</t></si>`;
      const sst = `<sst ${NS} count="60" uniqueCount="60">${Array.from({ length: 60 }, (_, i) => big(i)).join('')}</sst>`;
      const rows = BASE_ROWS() + Array.from({ length: 60 }, (_, i) => `<row r="${i + 4}"><c r="A${i + 4}" t="s"><v>${i}</v></c>${inline(`B${i + 4}`, '人')}<c r="C${i + 4}"><v>1</v></c></row>`).join('');
      return workbook([sheetXml({ rows })], { sst });
    },
  },
  {
    file: 'name-10mb.xlsx', what: 'a 10 MB indicator name (inline string)', expect: { kind: 'refused', contains: ['32,767', 'A3'] },
    build: async () => {
      const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${BASE_ROWS().replace(/<row r="3">.*$/, '')}<row r="3"><c r="A3" t="inlineStr"><is><t>`;
      const tail = `</t></is></c>${inline('B3', '元/人·月')}<c r="C3"><v>700</v></c></row></sheetData></worksheet>`;
      const sheet = await streamed('s', function* () { yield head; yield* repeat('城市低保标准', 10 * MiB); yield tail; });
      return workbook([sheet]);
    },
  },
  {
    file: 'name-600-chars.xlsx', what: 'an indicator name of 600 characters', expect: { kind: 'problems', contains: ['A3', '500'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS(undefined, inline('A3', '城市低保标准'.repeat(100))) })]),
  },
  {
    file: 'inflate-368mib-whitespace.xlsx', what: 'a 370 KB file whose sheet inflates to 368 MiB (whitespace between rows)', expect: { kind: 'refused', contains: ['32,767'] },
    build: async () => {
      const [pre, post] = sheetXml({ rows: `${BASE_ROWS()}@@` }).split('@@') as [string, string];
      return workbook([await streamed('s', function* () { yield pre; yield* repeat(' ', 368 * MiB); yield post; })]);
    },
  },
  {
    file: 'inflate-cells-10m-duplicates.xlsx', what: '10 million <c r="D4"> elements in one row (210 MiB, extent D4)', expect: { kind: 'refused', contains: ['16,384'] },
    build: async () => {
      const [pre, post] = sheetXml({ rows: `${BASE_ROWS()}<row r="4">@@</row>` }).split('@@') as [string, string];
      return workbook([await streamed('s', function* () { yield pre; yield* repeat('<c r="D4"><v>1</v></c>', 22 * 10_000_000); yield post; })]);
    },
  },
  {
    file: 'shared-strings-7m-empty.xlsx', what: '7 million empty shared strings', expect: { kind: 'refused', contains: ['6,000,000'] },
    build: async () => {
      const sst = await streamed('x', function* () { yield `<sst ${NS}>`; yield* repeat('<si><t/></si>', 13 * 7_000_000); yield '</sst>'; });
      return workbook([sheetXml()], { sst });
    },
  },
  {
    file: 'zip-bomb-media-420mib.xlsx', what: 'a picture part that inflates to 420 MiB of zeros', expect: { kind: 'refused', contains: ['400 MiB', '压缩炸弹'] },
    build: async () => workbook([sheetXml()], { extra: [await streamed('xl/media/image1.png', () => repeat(Buffer.alloc(1), 420 * MiB))] }),
  },
  {
    file: 'zip-bomb-sheet-zeros.xlsx', what: 'a sheet of 300 MiB of NUL bytes', expect: { kind: 'refused', contains: ['楚雄州', '32,767'] },
    build: async () => workbook([await streamed('s', () => repeat(Buffer.alloc(1), 300 * MiB))]),
  },
  {
    file: 'billion-laughs.xlsx', what: 'XML entity expansion (billion laughs) in the sheet', expect: { kind: 'refused', contains: ['DOCTYPE'] },
    build: () => {
      const ents = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('');
      return workbook([sheetXml({ prolog: `<?xml version="1.0"?><!DOCTYPE worksheet [${ents}]>`, rows: BASE_ROWS(undefined, inline('A3', '&lol9;').replace('&amp;lol9;', '&lol9;')) })]);
    },
  },
  {
    file: 'xxe-etc-passwd.xlsx', what: 'an external entity to /etc/passwd in the shared strings', expect: { kind: 'refused', contains: ['DOCTYPE'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS(undefined, '<c r="A3" t="s"><v>0</v></c>') })], {
      sst: `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst ${NS} count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>`,
    }),
  },
  {
    file: 'zip-slip.xlsx', what: 'zip entries named ../../evil.sh and /etc/cron.d/x', expect: { kind: 'refused', contains: ['../../evil.sh'] },
    build: () => workbook([sheetXml()], { extra: [stored('../../evil.sh', '#!/bin/sh\necho pwned\n'), stored('/etc/cron.d/x', '* * * * * root true\n')] }),
  },
  {
    file: 'zip-6000-entries.xlsx', what: 'a zip with 6,000 entries', expect: { kind: 'refused', contains: ['6006', '5,000'] },
    build: () => workbook([sheetXml()], { extra: Array.from({ length: 6000 }, (_, i) => stored(`xl/media/x${i}.bin`, '')) }),
  },
  {
    file: 'sheets-2000.xlsx', what: 'a workbook of 2,000 small sheets (valid)', expect: { kind: 'imported', observations: 1 },
    build: () => workbook([sheetXml(), ...Array.from({ length: 1999 }, () => sheetXml({ rows: `<row r="1">${inline('A1', '备注')}</row>` }))]),
  },
  {
    file: 'encrypted.xlsx', what: 'a password-protected workbook (CFB with EncryptionInfo and EncryptedPackage)', expect: { kind: 'refused', contains: ['密码'] },
    build: () => {
      const cfb = XLSX.CFB.utils.cfb_new();
      XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0, ...Buffer.from('<?xml version="1.0"?><encryption/>')]));
      XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 0x5a));
      return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
    },
  },
  {
    file: 'xls-garbage-stream.xls', what: 'an .xls whose Workbook stream is garbage', expect: { kind: 'refused', contains: ['.xls'] },
    build: () => {
      let seed = 11;
      const garbage = Buffer.alloc(64 * 1024, 0).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
      const cfb = XLSX.CFB.utils.cfb_new();
      XLSX.CFB.utils.cfb_add(cfb, '/Workbook', garbage);
      return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
    },
  },
  {
    file: 'xls-zero-magic.xls', what: 'the OLE magic followed by zeros', expect: { kind: 'refused', contains: ['.xls'] },
    build: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4088)]),
  },
  {
    file: 'html-renamed.xlsx', what: 'an HTML table saved with the .xlsx extension', expect: { kind: 'refused', contains: ['HTML'] },
    build: () => Buffer.from('<!DOCTYPE html><html><body><table><tr><td>指标名称</td><td>2023年</td></tr><tr><td>城市低保标准</td><td>700</td></tr></table></body></html>\n'),
  },
  {
    file: 'csv-renamed.xlsx', what: 'CSV text saved with the .xlsx extension', expect: { kind: 'refused', contains: ['CSV', '另存为'] },
    build: () => Buffer.from('\ufeff地区,指标名称,单位,2023年\n楚雄州,城市低保标准,元/人·月,700\n'),
  },
  {
    file: 'external-link.xlsx', what: 'a formula reading another workbook ([1]Sheet1!A1) with its cached value, and the external link part', expect: { kind: 'imported', observations: 1 },
    build: () => workbook([sheetXml({ rows: BASE_ROWS('<c r="C3"><f>[1]Sheet1!A1</f><v>700</v></c>') })], {
      extra: [
        stored('xl/externalLinks/externalLink1.xml', `<?xml version="1.0"?><externalLink ${NS} ${RNS}><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>`),
        stored('xl/externalLinks/_rels/externalLink1.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///\\\\evil-server\\share\\book.xlsx" TargetMode="External"/></Relationships>`),
      ],
      rels: '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>',
    }),
  },
  {
    file: 'formula-no-cached-value.xlsx', what: 'a formula without a cached value', expect: { kind: 'problems', contains: ['C3', '公式没有计算结果'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS('<c r="C3"><f>600*1.1</f></c>') })]),
  },
  {
    file: 'error-values.xlsx', what: 'Excel error values (#DIV/0! as a value)', expect: { kind: 'problems', contains: ['C3', '#DIV/0!'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS('<c r="C3" t="e"><v>#DIV/0!</v></c>') })]),
  },
  {
    file: 'number-1e999.xlsx', what: '1e999 as a number', expect: { kind: 'problems', contains: ['C3'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS('<c r="C3"><v>1e999</v></c>') })]),
  },
  {
    file: 'deep-nesting-50000.xlsx', what: 'XML nested 50,000 levels deep inside a cell', expect: { kind: 'refused', contains: ['100'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS(`<c r="C3"><v>700</v>${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}</c>`) })]),
  },
  {
    file: 'long-tag-2mib.xlsx', what: 'one tag of 2 MiB (an attribute that never ends)', expect: { kind: 'refused', contains: ['1 MiB'] },
    build: () => workbook([sheetXml({ rows: BASE_ROWS(`<c r="C3" x="${'a'.repeat(2 * MiB)}"><v>700</v></c>`) })]),
  },
  {
    file: 'truncated.xlsx', what: 'a valid workbook cut in half', expect: { kind: 'refused', contains: ['已损坏'] },
    build: () => { const b = workbook([sheetXml()]); return b.subarray(0, Math.floor(b.length / 2)); },
  },
  {
    file: 'compression-method-99.xlsx', what: 'a zip entry with an unknown compression method (99, AES)', expect: { kind: 'refused', contains: ['已损坏'] },
    build: () => { const e = stored('xl/worksheets/sheet1.xml', sheetXml()); return workbook([{ ...e, method: 99 }]); },
  },
  {
    file: 'docx-renamed.xlsx', what: 'a Word document renamed .xlsx', expect: { kind: 'refused', contains: ['没有 Excel 工作簿'] },
    build: () => zip([stored('[Content_Types].xml', '<Types/>'), stored('word/document.xml', '<w:document xmlns:w="x"/>')]),
  },
];

const main = async (): Promise<void> => {
  fs.mkdirSync(OUT, { recursive: true });
  const manifest: Record<string, { what: string; expect: Expect; bytes: number }> = {};
  for (const c of cases) {
    const bytes = await c.build();
    fs.writeFileSync(path.join(OUT, c.file), bytes);
    manifest[c.file] = { what: c.what, expect: c.expect, bytes: bytes.length };
    console.log(`${c.file.padEnd(36)} ${String(bytes.length).padStart(9)} bytes  ${c.what}`);
  }
  fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`${cases.length} files in ${path.relative(process.cwd(), OUT)}`);
};

await main();
