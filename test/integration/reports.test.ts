/**
 * The reports read back: every built-in kind for a plan as a PDF (page size, page count, fonts embedded as
 * subsets, the plan's indicator names and the statuses in the extracted text) and as Word (page setup, repeated
 * table header, page numbers); a user's template with a mistake fails naming its line.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createHandlers } from '../../main/services/handlers';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../shared/errors';
import { runImport } from '../../main/services/import/run';
import { listReportParagraphs, setReportParagraph, writeReport } from '../../main/services/reports';
import { freshDb, tempDir } from '../helpers/files';
import type { WriteDb } from '../../main/db/types';

let db: WriteDb;
let dir: string;

const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdfInfo = (file: string): { pages: number; size: string } => {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), size: /Page size:\s+([\d.]+ x [\d.]+)/.exec(info)![1]! };
};
const pdfFonts = (file: string): string => execFileSync('pdffonts', [file], { encoding: 'utf8' });

/** The parts of a .docx (a zip) whose names match, as bytes, found without an unzip library. */
const docxParts = (file: string, match: (name: string) => boolean): { name: string; data: Buffer }[] => {
  const bytes = fs.readFileSync(file);
  const out: { name: string; data: Buffer }[] = [];
  let at = 0;
  while ((at = bytes.indexOf('PK\x03\x04', at)) >= 0) {
    const method = bytes.readUInt16LE(at + 8);
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString();
    const data = bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    if (match(name)) out.push({ name, data: method === 8 ? zlib.inflateRawSync(data) : data });
    at += 30 + nameLength + extra + size;
  }
  return out;
};

/** The text of one part of a .docx (a zip). */
const docxPart = (file: string, part: string): string => {
  const found = docxParts(file, (name) => name === part)[0];
  if (!found) throw new Error(`${part} not in ${file}`);
  return found.data.toString('utf8');
};

beforeAll(async () => {
  ({ db, dir } = freshDb());
  const r = await runImport(db, { file: path.resolve('samples/chuxiong-示例数据.xlsx') });
  expect(r.ok).toBe(true);
  setReportParagraph(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', key: 'measures', text: '加快护理型床位改造，力争2025年达到55%。', by: '测试' });
}, 60_000);

describe('PDF reports', () => {
  it.each([
    ['midterm', 2023, 3, 18],
    ['annual', 2022, 2, 12],
    ['table', 2023, 1, 3],
  ] as const)('writes the %s report for 楚雄州 %i as an A4 PDF of %i to %i pages with fonts embedded', async (kind, year, min, max) => {
    const out = path.join(dir, `${kind}.pdf`);
    await writeReport(db, { plan: 'chuxiong', year, kind, out, date: '2024年3月1日' });
    const info = pdfInfo(out);
    expect(info.size).toBe(kind === 'table' ? '841.89 x 595.28' : '595.28 x 841.89');
    expect(info.pages).toBeGreaterThanOrEqual(min);
    expect(info.pages).toBeLessThanOrEqual(max);
    const fonts = pdfFonts(out).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/\+.*\byes\s+yes\s+yes\b/); // embedded, subset, unicode
  });

  it('reads no font file for a second report: the faces come from memory, the charts’ text still in Noto Sans SC, each face embedded once', async () => {
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out: path.join(dir, 'fonts-1.pdf') });
    const reads: string[] = [];
    const readFileSync = fs.readFileSync;
    const spy = vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (typeof file === 'string' && /\.(ttf|otf|ttc)$/i.test(file)) reads.push(file);
      return (readFileSync as (...a: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFileSync);
    const out = path.join(dir, 'fonts-2.pdf');
    try {
      await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out });
    } finally {
      spy.mockRestore();
    }
    expect(reads).toEqual([]);
    const names = pdfFonts(out).split('\n').slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toContain('NotoSansSC-Regular'); // the charts' labels and the 一、 headings
    expect(names.some((n) => /Helvetica/i.test(n))).toBe(false);
    expect(new Set(names).size).toBe(names.length);
    expect(pdfText(out)).toContain('时序进度'); // a chart label, drawn as text
  });

  it('names every indicator of the plan and the statuses in the mid-term report, with the bureau’s own paragraph in place', async () => {
    const out = path.join(dir, 'midterm-text.pdf');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out, date: '2024年3月1日' });
    const text = pdfText(out).replace(/\s+/g, '');
    for (const name of ['养老机构护理型床位占比', '节地生态安葬率', '社会组织专职工作人员数量', '查明身份信息流浪乞讨受助人员接送返回率']) expect(text).toContain(name);
    for (const status of ['基本符合预期', '滞后', '倒退', '提前实现']) expect(text).toContain(status);
    expect(text).toContain('中期评估报告');
    expect(text).toContain('加快护理型床位改造，力争2025年达到55%。');
    expect(text).toContain('—1—');
  });

  it('removes a paragraph saved empty, printing the template’s prompt again', async () => {
    const input = { plan: 'chuxiong', year: 2023, kind: 'midterm' as const, key: 'environment', by: '测试' };
    setReportParagraph(db, { ...input, text: '人口老龄化加快。' });
    expect(listReportParagraphs(db, input).map((p) => p.key)).toContain('environment');
    setReportParagraph(db, { ...input, text: '  ' });
    expect(listReportParagraphs(db, input).map((p) => p.key)).not.toContain('environment');
  });

  it('refuses a paragraph over 10,000 characters, naming the cap, and keeps the one stored', async () => {
    const input = { plan: 'chuxiong', year: 2023, kind: 'midterm' as const, key: 'tasks', by: '测试' };
    setReportParagraph(db, { ...input, text: '社会救助兜底保障有力。' });
    expect(() => setReportParagraph(db, { ...input, text: '养'.repeat(60_000) })).toThrow(/段落过长：60,000 字，每段至多 10,000 字/);
    expect(listReportParagraphs(db, input).find((p) => p.key === 'tasks')?.text).toBe('社会救助兜底保障有力。');
    setReportParagraph(db, { ...input, text: '养'.repeat(10_000) });
    setReportParagraph(db, { ...input, text: '' });
  });

  it('titles a county’s report as the county carrying out the prefecture’s plan, not as a plan of its own', async () => {
    const out = path.join(dir, 'county.pdf');
    await writeReport(db, { plan: 'chuxiong', region: '532322', year: 2023, kind: 'midterm', out, date: '2024年3月1日' });
    expect(pdfText(out).replace(/\s+/g, '')).toMatch(/^双柏县落实《楚雄州民政事业发展“十四五”规划》实施情况中期评估报告/);
  });

  it('fits the leader’s summary on one A4 page', async () => {
    const out = path.join(dir, 'summary.pdf');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'summary', out, date: '2024年3月1日' });
    expect(pdfInfo(out).pages).toBe(1);
    expect(pdfText(out).replace(/\s+/g, '')).toContain('突出问题');
  });

  it('explains under each table only the symbols of its evaluation: 完成/未完成 in the final summary, the ladder at mid-term', async () => {
    const final = path.join(dir, 'summary-2025.pdf');
    await writeReport(db, { plan: 'chuxiong', year: 2025, kind: 'summary', out: final, date: '2026年3月1日' });
    const finalText = pdfText(final).replace(/\s+/g, '');
    expect(finalText).toContain('评价符号：●完成×未完成');
    expect(finalText).not.toMatch(/快于预期|提前实现/);
    expect(pdfInfo(final).pages).toBe(1);
    const mid = path.join(dir, 'table-2023.pdf');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'table', out: mid, date: '2024年3月1日' });
    expect(pdfText(mid).replace(/\s+/g, '')).toMatch(/评价符号：●提前实现\/符合要求◎快于预期○基本符合预期▲滞后▼倒退×未实现—缺数/);
  });

  it('leaves time progress and the pace judgement out of a final evaluation’s table', async () => {
    const out = path.join(dir, 'table-2025.pdf');
    await writeReport(db, { plan: 'chuxiong', year: 2025, kind: 'table', out, date: '2026年3月1日' });
    const text = pdfText(out).replace(/\s+/g, '');
    expect(text).toContain('完成情况');
    expect(text).not.toMatch(/时序进度(?!100%）)/); // only the subtitle's "时序进度100%）"
    expect(text).not.toContain('增速判断');
  });

  it('prints the rare characters of place names and plan texts (脿 〔〕 ‰ ≥ ＞)', async () => {
    const template = path.join(dir, 'rare.yml');
    fs.writeFileSync(template, 'name: 测试\nkind: table\nblocks:\n  - title: "双柏县法脿镇〔2021〕"\n  - paragraph: "比例1.8‰，≥55%，＞30平方米。"\n');
    const out = path.join(dir, 'rare.pdf');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'table', out, template });
    const text = pdfText(out);
    for (const ch of ['脿', '〔', '〕', '‰', '≥', '＞']) expect(text).toContain(ch);
  });
});

describe('the attachment table on landscape pages', () => {
  it('turns the mid-term report’s last pages to landscape for its table, with a column for 2021 and 2022 before 2023', async () => {
    const out = path.join(dir, 'midterm-attachment.pdf');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out, date: '2024年3月1日' });
    const pages = execFileSync('pdfinfo', ['-f', '1', '-l', '40', out], { encoding: 'utf8' });
    const sizes = [...pages.matchAll(/Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/g)].map((m) => m[1]);
    const firstLandscape = sizes.indexOf('841.89 x 595.28');
    expect(firstLandscape).toBeGreaterThan(2);
    expect(sizes.slice(0, firstLandscape).every((s) => s === '595.28 x 841.89')).toBe(true);
    expect(sizes.slice(firstLandscape).every((s) => s === '841.89 x 595.28')).toBe(true);
    const attachment = execFileSync('pdftotext', ['-f', String(firstLandscape + 1), '-layout', out, '-'], { encoding: 'utf8' });
    expect(attachment).toMatch(/^\s*附件1\s*\n/); // GB/T 9704: 附件1 at the top left, its title below (附件2: the counties)
    expect(attachment).toMatch(/2021年\s+2022年\s+2023年/);
    // 16 养老机构护理型床位占比 year by year: 3400/10200, 3900/10300 → 33.3, 37.9; 42 in 2023.
    expect(attachment).toMatch(/养老机构护理型床位占比.*33\.3\s+37\.9\s+42\b/);
  });

  it('attaches the counties’ league table to the prefecture’s mid-term report, listed in 附件说明, and leaves it out for a county without township data', async () => {
    const out = path.join(dir, 'midterm-league.pdf');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out, date: '2024年3月1日' });
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    // The two titles in 附件说明, one under the other (the lines of the PDF wrap them).
    expect(text.replace(/\s+/g, '')).toContain('附件：1.《楚雄州民政事业发展“十四五”规划》主要指标完成情况表（2023年）2.楚雄彝族自治州各下级地区主要指标完成情况对比表（2023年）');
    const league = text.slice(text.lastIndexOf('附件2'));
    expect(league).toMatch(/^附件2\s*\n\s*楚雄彝族自治州各下级地区主要指标完成情况对比表（2023年）/);
    const t = await createHandlers(db)['evaluation.league']({ plan: 'chuxiong', year: 2023 });
    for (const r of t.regions) expect(league).toContain(r.name);
    // Each county's value on row 16 with its rank in brackets, as the league table ranks it.
    const ranked = t.regions.flatMap((r) => r.rows.filter((x) => x.seq === '16' && x.rank !== null).map((x) => ({ name: r.name, rank: x.rank! })));
    expect(ranked.length).toBeGreaterThan(0);
    for (const r of ranked) expect(league).toContain(`（${r.rank}）`);
    expect(league).toContain('括号内为在10个下级地区中的排名');
    const county = path.join(dir, 'midterm-county.pdf');
    await writeReport(db, { plan: 'chuxiong', region: '532322', year: 2023, kind: 'midterm', out: county, date: '2024年3月1日' });
    const countyText = execFileSync('pdftotext', ['-layout', county, '-'], { encoding: 'utf8' });
    expect(countyText).not.toContain('各下级地区');
    expect(countyText.replace(/\s+/g, '')).toContain('附件：双柏县落实《楚雄州民政事业发展“十四五”规划》主要指标完成情况表（2023年）');
  });

  it('puts the same table in its own landscape section of the Word file', async () => {
    const out = path.join(dir, 'midterm-sections.docx');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out, date: '2024年3月1日' });
    const body = docxPart(out, 'word/document.xml');
    const sections = [...body.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).not.toContain('w:orient="landscape"');
    expect(sections[1]).toContain('w:orient="landscape"');
  });
});

describe('Word reports', () => {
  it('gives each chart a real picture beside its SVG, for Word, WPS and LibreOffice versions that cannot draw SVG', async () => {
    const out = path.join(dir, 'midterm-charts.docx');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out, date: '2024年3月1日' });
    const svgs = docxParts(out, (name) => /^word\/media\/.*\.svg$/.test(name));
    const pngs = docxParts(out, (name) => /^word\/media\/.*\.png$/.test(name));
    expect(svgs.length).toBeGreaterThan(0);
    expect(pngs).toHaveLength(svgs.length);
    for (const { name, data } of pngs) {
      expect(data.subarray(1, 4).toString(), name).toBe('PNG');
      // IHDR: width and height at bytes 16 and 20; drawn at twice the printed width (about 1,000 pixels and more).
      expect(data.readUInt32BE(16), name).toBeGreaterThan(800);
      expect(data.readUInt32BE(20), name).toBeGreaterThan(300);
      expect(data.length, name).toBeGreaterThan(10_000);
    }
  });

  it('writes an A4 .docx with the table header repeated on every page and page numbers', async () => {
    const out = path.join(dir, 'midterm.docx');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out, date: '2024年3月1日' });
    const body = docxPart(out, 'word/document.xml');
    expect(body).toContain('w:w="11906"');
    expect(body).toContain('<w:tblHeader/>');
    expect(body).toContain('养老机构护理型床位占比');
    expect(body).toContain('仿宋_GB2312');
    const footer = docxPart(out, 'word/footer1.xml');
    expect(footer).toMatch(/PAGE/);
  });
});

describe('report templates', () => {
  it('refuses a template with an unknown block, naming the file and the line', async () => {
    const template = path.join(tempDir(), '我的模板.yml');
    fs.writeFileSync(template, 'name: 测试\nkind: midterm\nblocks:\n  - title: "标题"\n  - paragrah: "拼错的块"\n');
    const error = await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out: path.join(dir, 'x.pdf'), template }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/我的模板\.yml 第 5 行/);
  });

  it('refuses an unknown placeholder, listing the ones that exist', async () => {
    const template = path.join(tempDir(), 'p.yml');
    fs.writeFileSync(template, 'name: 测试\nkind: midterm\nblocks:\n  - title: "标题"\n  - paragraph: "{{regionNmae}}的情况"\n');
    const error = await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out: path.join(dir, 'y.pdf'), template }).catch((e: unknown) => e);
    expect((error as UserError).message).toMatch(/第 5 行.*未知的占位符“\{\{regionNmae\}\}”.*regionName/);
  });

  it('refuses a page break in an orientation that does not exist, naming its line', async () => {
    const template = path.join(tempDir(), 'o.yml');
    fs.writeFileSync(template, 'name: 测试\nkind: midterm\nblocks:\n  - title: "标题"\n  - pageBreak: sideways\n');
    const error = await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out: path.join(dir, 'o.pdf'), template }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/o\.yml 第 5 行/);
  });

  it('draws the trend of the rows a template lists by 序号, and of the lagging rows, each titled by its indicator', async () => {
    const template = path.join(tempDir(), 't.yml');
    fs.writeFileSync(template, 'name: 测试\nkind: midterm\nblocks:\n  - title: "趋势"\n  - chart: trend\n    rows: [16, 6]\n  - heading: 滞后\n  - chart: trend\n    rows: lagging\n');
    const out = path.join(dir, 'trend.pdf');
    await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out, template });
    const text = pdfText(out).replace(/\s+/g, '');
    // 16 and 6 drawn as listed, then the lagging rows with a target and a value, in the plan's order: 8 滞后, 16 滞后,
    // 18 倒退, 19 未实现 (no baseline, drawn against its target alone); 4, 6, 12 and 14 moved by less than a twentieth
    // and are said in one sentence instead.
    const expected = [
      '养老机构护理型床位占比（%）', '社会组织专职工作人员数量（人）',
      '志愿服务站点在社区综合服务设施中的覆盖率（%）', '养老机构护理型床位占比（%）',
      '有集中供养意愿的特困人员集中供养率（%）', '县级失能照护机构覆盖率（%）',
    ].map((t) => `${t}变化趋势与目标路径`);
    expect(text).toMatch(/另，困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率2020年至2023年在95%至96%之间，2020年最低，2023年为96%；社会组织专职工作人员数量2020年至2023年在1180人至1230人之间，2023年为1180人（最低）；查明身份/u);
    expect(text.split('变化趋势与目标路径').length - 1).toBe(expected.length);
    let at = 0;
    for (const title of expected) {
      const found = text.indexOf(title, at);
      expect(found, title).toBeGreaterThanOrEqual(at);
      at = found + title.length;
    }
  });

  it('refuses a trend chart of a row the plan does not have, naming the 序号', async () => {
    const template = path.join(tempDir(), 'u.yml');
    fs.writeFileSync(template, 'name: 测试\nkind: midterm\nblocks:\n  - chart: trend\n    rows: [99]\n');
    const error = await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out: path.join(dir, 'u.pdf'), template }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/u\.yml.*“99”/);
  });

  it('refuses broken YAML with its line', async () => {
    const template = path.join(tempDir(), 'b.yml');
    fs.writeFileSync(template, 'name: 测试\nkind: midterm\nblocks:\n  - title: "未闭合\n');
    const error = await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'midterm', out: path.join(dir, 'z.pdf'), template }).catch((e: unknown) => e);
    expect((error as UserError).message).toMatch(/b\.yml 第 \d+ 行格式有误/);
  });
});
