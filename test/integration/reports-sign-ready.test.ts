/**
 * Issue 13, read back from the files a bureau would send upward: no plan critique in the body (the internal annex
 * only on request), figures that reconcile across text, table and notes, no sentence twice, status words that fit
 * the row, the final evaluation's parts, Word that navigates and says what the PDF says, charts that tell the truth.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../main/services/import/run';
import { writeReport, type ReportInput } from '../../main/services/reports';
import { freshDb } from '../helpers/files';
import type { WriteDb } from '../../main/db/types';

let db: WriteDb;
let dir: string;

const flat = (s: string): string => s.replace(/\s+/g, '');
const pdfText = (file: string, first?: number, last?: number): string =>
  execFileSync('pdftotext', [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), '-layout', file, '-'], { encoding: 'utf8' });
const pdfPages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

/** One part of a .docx (a zip) as text, found without an unzip library. */
const docxPart = (file: string, part: string): string => {
  const bytes = fs.readFileSync(file);
  let at = 0;
  while ((at = bytes.indexOf('PK\x03\x04', at)) >= 0) {
    const method = bytes.readUInt16LE(at + 8);
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString();
    const data = bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    if (name === part) return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    at += 30 + nameLength + extra + size;
  }
  throw new Error(`${part} not in ${file}`);
};

const cache = new Map<string, string>();
/** Writes a report once per set of options and returns its file. */
const report = async (input: Omit<ReportInput, 'out' | 'plan'> & { plan?: string }, ext: 'pdf' | 'docx' = 'pdf'): Promise<string> => {
  const key = JSON.stringify({ ...input, ext });
  if (cache.has(key)) return cache.get(key)!;
  const out = path.join(dir, `r${cache.size}.${ext}`);
  await writeReport(db, { plan: 'chuxiong', date: '2026年3月1日', ...input, out });
  cache.set(key, out);
  return out;
};

beforeAll(async () => {
  ({ db, dir } = freshDb());
  const r = await runImport(db, { file: path.resolve('samples/chuxiong-示例数据.xlsx') });
  expect(r.ok).toBe(true);
}, 60_000);

describe('plan checks leave the body', () => {
  it('keeps the plan’s arithmetic out of the mid-term report unless the internal annex is asked for', async () => {
    const text = flat(pdfText(await report({ year: 2023, kind: 'midterm' })));
    expect(text).not.toMatch(/规划指标口径核对|按增长比例计算应为|规划表\d+第\d+行|\^\(1\/5\)/);
  });

  it('puts the checks in an annex 规划指标口径核对 at the end when asked, never from the superseded plan’s table', async () => {
    const file = await report({ year: 2023, kind: 'midterm', planChecks: true });
    const text = flat(pdfText(file));
    const annex = text.slice(text.indexOf('规划指标口径核对'));
    expect(text.indexOf('规划指标口径核对')).toBeGreaterThan(text.indexOf('附件：'));
    // 表2 is the 14th plan's own table: its 节地生态安葬率 target below the baseline is for the bureau to check.
    expect(annex).toContain('节地生态安葬率”（规划表2第15行）');
    // 表1 is the 13th plan's completion table, printed in the 14th plan for the record: not the bureau's to check.
    expect(annex).not.toMatch(/规划表1第|按增长比例计算应为/);
    // The annex is on a portrait page of its own after the landscape attachment.
    const last = pdfPages(file);
    expect(flat(pdfText(file, last, last))).toContain('规划指标口径核对');
  });
});

describe('figures that reconcile', () => {
  /** Every "为96.4%，距2025年目标（100%）还差3.6个百分点" of a text: the gap is the difference of the printed figures. */
  const gapsOf = (text: string) =>
    [...text.matchAll(/(?:为|达到)(\d+(?:\.\d+)?)%，(?:[^，。]*，)?距[^（，。]*（[≥]?(\d+(?:\.\d+)?)%）还差(\d+(?:\.\d+)?)个百分点/gu)].map((m) => ({
      said: m[0],
      value: Number(m[1]),
      target: Number(m[2]),
      gap: Number(m[3]),
    }));

  it('says a gap to the target that a reader gets from the printed value and target (96.4% is 3.6 points short of 100%)', async () => {
    const text = flat(pdfText(await report({ year: 2024, kind: 'annual' })));
    const gaps = gapsOf(text);
    expect(gaps.length).toBeGreaterThan(1);
    for (const g of gaps) expect(Math.round((g.target - g.value) * 100) / 100, g.said).toBe(g.gap);
    expect(text).not.toContain('还差3.7个百分点');
  });

  it('prints a value whose completion a reader can work out: (value − 60) / (75 − 60) is the completion printed', async () => {
    const text = flat(pdfText(await report({ year: 2025, kind: 'final' })));
    const m = /农村低保标准占城市最低生活保障标准比率2025年达到(\d+(?:\.\d+)?)%.*?完成规划目标的(\d+(?:\.\d+)?)%/u.exec(text)!;
    expect(m).not.toBeNull();
    expect(Math.round(((Number(m[1]) - 60) / 15) * 1000) / 10).toBe(Number(m[2]));
  });

  it('works out every growth 增长X% and 比上年增长X% from the two figures as printed (27.6 → 29 is 5.1%, 25 → 31.8 is 27.2%)', async () => {
    const midterm = flat(pdfText(await report({ year: 2023, kind: 'midterm' })));
    expect(midterm).toContain('每百户居民拥有的城乡社区综合服务设施面积2023年达到29平方米，比上年增长5.1%');
    const final = flat(pdfText(await report({ year: 2025, kind: 'final' })));
    expect(final).toMatch(/较2020年（25平方米）增加6\.8平方米、增长27\.2%/u);
  });

  it('gives in 比上年增减 the change from last year’s figure in the table, not from the base year', async () => {
    const table = pdfText(await report({ year: 2024, kind: 'annual' }));
    // Row 2, 农村低保标准占城市最低生活保障标准比率: 70% in 2023, 72.1% in 2024.
    const row2 = table.split('\n').find((l) => /^\s*2\s+农村低保标准占城市/u.test(l))!;
    expect(row2).toMatch(/\b70\s+72\.1\s+\+2\.1百分点/u);
    expect(table).not.toContain('+12.1百分点');
    // Row 1 has a figure per part (城市/农村): each part and its own change from last year, never one unnamed number.
    const row1 = flat(table.slice(table.search(/^\s*1\s+城乡低保标准年度增速/mu), table.search(/^\s*2\s+农村低保标准/mu)));
    // (pdftotext reads the cells' lines across the row: 城市8.6 城市7.2 城市-1.4 …, then 农村10.8 农村10.5 …)
    expect(row1).toMatch(/城市8\.6城市7\.2城市-1\.4百分点/u);
    expect(row1).toMatch(/农村10\.8农村10\.5农村-0\.3百分点/u);
  });

  it('writes the parts in the table’s note as the sentence does: with the unit and the sentence’s decimals', async () => {
    const finalText = flat(pdfText(await report({ year: 2025, kind: 'final' })));
    expect(finalText).toMatch(/城乡低保标准年度增速2025年城市为6\.7%/u);
    // The note's column wraps beside its neighbours: its own words are read in raw order.
    const finalNote = flat(execFileSync('pdftotext', ['-raw', await report({ year: 2025, kind: 'final' }), '-'], { encoding: 'utf8' }));
    expect(finalNote).toContain('城市6.7%（城镇居民上年度人均消费支出增速4.7%）');
    expect(finalNote).not.toContain('6.75');
    const annual = flat(execFileSync('pdftotext', ['-raw', await report({ year: 2024, kind: 'annual' }), '-'], { encoding: 'utf8' }));
    expect(annual).not.toMatch(/增速6）|增速\d+\.\d\d）/u);
    expect(annual).toMatch(/城镇居民上年度人均消费支出增速6%）/u);
  });
});

describe('no sentence twice', () => {
  /** The sentences of a report's body (before its attachment), of at least 12 characters. */
  const sentencesOf = (text: string): string[] =>
    flat(text.slice(0, text.indexOf('附件') > 0 ? text.lastIndexOf('附件：') : undefined))
      .replace(/—\d+—/gu, '')
      .split(/[。；]/u)
      .filter((t) => [...t].length >= 12);

  it.each([
    ['midterm', 2023],
    ['final', 2025],
    ['annual', 2024],
  ] as const)('says each sentence of the %s report once', async (kind, year) => {
    const sentences = sentencesOf(pdfText(await report({ year, kind })));
    const twice = sentences.filter((t, i) => sentences.indexOf(t) !== i);
    expect(twice).toEqual([]);
  });

  it('names each binding row of the final evaluation once on its first page, with 完成 or 未完成, and gives its figures once', async () => {
    const text = flat(pdfText(await report({ year: 2025, kind: 'final' })));
    expect(text).toContain('4项约束性指标中，3项完成（查明身份信息流浪乞讨受助人员接送返回率、殡仪馆县级行政区域覆盖率、农村公益性公墓（骨灰堂）乡镇覆盖率），1项未完成（养老机构护理型床位占比）。');
    expect(text.split('养老机构护理型床位占比2025年').length - 1).toBe(1);
  });

  it('puts each bracket of the scoreboard after the class it counts', async () => {
    const text = flat(pdfText(await report({ year: 2023, kind: 'midterm' })));
    expect(text).toContain('3项进度滞后（其中约束性指标1项），2项较基期倒退');
    expect(text).not.toContain('2项较基期倒退）');
  });
});

describe('status words that fit the row', () => {
  it('does not call a rate rising toward its target without a baseline (30 → 90 toward 100%) 进度滞后', async () => {
    const text = flat(pdfText(await report({ year: 2024, kind: 'annual' })));
    const section = text.slice(text.indexOf('（二）需加快推进的预期性指标'), text.indexOf('三、'));
    expect(section).not.toContain('县级失能照护机构覆盖率');
    expect(section).toContain('困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率');
  });

  it('gives a county’s 不适用 row no pace class and no prefecture target in its table', async () => {
    const text = pdfText(await report({ year: 2023, kind: 'table', region: '532322' }));
    const line = text.split('\n').find((l) => l.includes('社会组织专职工作人员数量'))!;
    expect(line).toContain('不适用');
    expect(line).not.toMatch(/进展有限|1450/);
  });
});

describe('the leader’s one-page summary', () => {
  it('names the rows furthest from their targets among its problems, binding first', async () => {
    const text = flat(pdfText(await report({ year: 2025, kind: 'summary' })));
    const problems = text.slice(text.indexOf('四、突出问题'), text.indexOf('五、'));
    expect(problems).toMatch(/^四、突出问题约束性指标养老机构护理型床位占比/u);
    // −80% and −28% of the way: both named, ahead of rows nearer their targets.
    expect(problems).toContain('有集中供养意愿的特困人员集中供养率82%');
    expect(problems).toContain('社会组织专职工作人员数量1130人');
    // No negative share of the way on the leader's page: a row that fell back says so.
    const table = text.slice(text.indexOf('二、指标一览'), text.indexOf('三、'));
    expect(table).not.toMatch(/-\d+(?:\.\d+)?%/u);
    expect(table).toMatch(/82倒退×未完成/u);
  });
});

describe('the final evaluation’s parts', () => {
  it('has a cause paragraph for each 未完成 and binding row, 附件说明 before the signature, and 附件1 and 附件2 at the top left', async () => {
    const file = await report({ year: 2025, kind: 'final' });
    const text = flat(pdfText(file));
    for (const name of ['养老机构护理型床位占比（未完成）：【此处由本单位填写：原因分析', '社会组织专职工作人员数量（未完成）：【', '殡仪馆县级行政区域覆盖率（完成）：【']) expect(text).toContain(name);
    const note = text.indexOf('附件：1.《楚雄州民政事业发展“十四五”规划》主要指标完成情况表2.重大工程项目（重点任务）完成情况表');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(text.lastIndexOf('楚雄州民政局2026年3月1日'));
    const pages = pdfPages(file);
    const heads = Array.from({ length: pages }, (_, i) => pdfText(file, i + 1, i + 1).split('\n').filter((l) => l.trim() !== ''));
    const one = heads.findIndex((lines) => lines[0]!.trim() === '附件1');
    expect(one).toBeGreaterThan(0);
    expect(flat(heads[one]![1]!)).toBe('《楚雄州民政事业发展“十四五”规划》主要指标完成情况表');
    // At the left margin, not centred.
    expect(heads[one]![0]!.search(/\S/)).toBeLessThan(10);
    const two = heads.findIndex((lines) => lines[0]!.trim() === '附件2');
    expect(flat(heads[two]!.slice(1).join(''))).toMatch(/^重大工程项目（重点任务）完成情况表序号工程项目（重点任务）名称/);
  });

  it('sets 附件说明 as GB/T 9704 7.3.5 does: 2. under 1., a long name’s next line under its first character', async () => {
    const file = await report({ year: 2023, kind: 'midterm' });
    const words = [...execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }).matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/gu)].map((m) => ({ x: Number(m[1]), text: m[2]! }));
    const at = words.findIndex((w) => w.text.startsWith('附件：'));
    expect(at).toBeGreaterThan(0);
    const lead = words[at]!;
    const name = words[at + 1]!;
    expect(name.text.startsWith('《楚雄州民政事业发展')).toBe(true);
    const rest = words.slice(at + 2, words.findIndex((w, i) => i > at && w.text === '楚雄州民政局'));
    expect(rest.length).toBeGreaterThanOrEqual(2);
    for (const w of rest) {
      // "2." stands where "1." does (three characters in from 附件), a wrapped name under the first one's first character.
      if (/^\d+\./u.test(w.text)) expect(w.x, w.text).toBeCloseTo(lead.x + 3 * 16, 0);
      else expect(w.x, w.text).toBeCloseTo(name.x, 0);
    }
    // A title breaks between words: the attachment's and the table's "（2023年）" stay whole.
    const text = pdfText(file);
    expect(text).not.toMatch(/（2023\s*\n\s*年）/u);
  });

  it('breaks the attachment table’s headers and units only between words', async () => {
    for (const [kind, year] of [['final', 2025], ['midterm', 2023], ['annual', 2024]] as const) {
      const file = await report({ year, kind });
      const text = pdfText(file);
      const table = text.slice(text.lastIndexOf('序号'));
      const tokens = text.slice(text.indexOf('附件1') > 0 ? text.indexOf('附件1') : text.lastIndexOf('附件')).split(/\s+/u);
      for (const lone of ['值', '度', '米', '点', '/点', '元）', '元)']) expect(tokens, `${kind}: ${lone}`).not.toContain(lone);
      expect(table.length).toBeGreaterThan(0);
    }
  });
});

describe('charts that tell the truth, text set without gaps', () => {
  /** The body of a report: its text before the first attachment. */
  const body = (file: string): string[] => {
    const text = pdfText(file);
    const at = text.search(/^\s*附件\s*1?\s*$/mu);
    return (at > 0 ? text.slice(0, at) : text).split('\n').map((l) => l.trim());
  };

  it('names the binding rows that were 100% every year in one sentence instead of a chart each', async () => {
    const text = flat(pdfText(await report({ year: 2025, kind: 'final' })));
    expect(text).toContain(flat('另，殡仪馆县级行政区域覆盖率2020年至2025年各年均为100%，始终保持规划目标值；'));
    expect(text).toMatch(/农村公益性公墓（骨灰堂）乡镇覆盖率2020年至2025年在99%至100%之间，2025年为100%，不另作图。/u);
    expect(text).not.toContain('殡仪馆县级行政区域覆盖率（%）变化趋势与目标路径');
    // A row that barely moved (100% → 98.5% → 100%) is said in the sentence; one that moved is drawn.
    expect(text).not.toContain('查明身份信息流浪乞讨受助人员接送返回率（%）变化趋势与目标路径');
    expect(text).toContain(flat('查明身份信息流浪乞讨受助人员接送返回率2020年至2025年在98.5%至100%之间，2023年最低，2025年为100%'));
    expect(text).toContain('养老机构护理型床位占比（%）变化趋势与目标路径');
  });

  it('says a change from the printed baseline when the note says the base year’s data differs', async () => {
    const text = flat(pdfText(await report({ year: 2025, kind: 'final' })));
    expect(text).toContain('按规划基期值1200人计算（2020年统计数据为1210人）');
    expect(text).toContain('较2020年规划基期值（1200人）减少70人、下降5.8%');
    expect(text).not.toContain('较2020年减少70人');
  });

  it.each([
    ['final', 2025],
    ['midterm', 2023],
    ['annual', 2024],
  ] as const)('ends no paragraph of the %s report on one character alone', async (kind, year) => {
    const lines = body(await report({ year, kind }));
    const lone = lines.filter((l) => /^[^\s，。、；：！？）】”\d—-][，。、；：！？）】”]*$/u.test(l));
    expect(lone).toEqual([]);
  });

  it.each([
    ['final', 2025],
    ['midterm', 2023],
    ['annual', 2024],
  ] as const)('leaves no heading of the %s report at the foot of a page', async (kind, year) => {
    const file = await report({ year, kind });
    for (let page = 1; page <= pdfPages(file); page += 1) {
      const lines = pdfText(file, page, page).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^—\s*\d+\s*—$/u.test(l));
      expect(lines.at(-1) ?? '', `${kind} page ${page}`).not.toMatch(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\S{2,24}$/u);
    }
  });

  it('spreads no line of the final report’s body apart for a number that did not fit at its end', async () => {
    // pdftotext writes a spread line with a space between its characters ("农 村 公 益 性 公 墓").
    const spread = body(await report({ year: 2025, kind: 'final' })).filter((l) => /(?:\p{Script=Han} ){6}/u.test(l));
    expect(spread).toEqual([]);
  });
});

describe('Word', () => {
  /** The paragraphs of a .docx outside its tables, as text. */
  const docxParagraphs = (file: string): { style: string; text: string }[] =>
    docxPart(file, 'word/document.xml')
      .replace(/<w:tbl>[\s\S]*?<\/w:tbl>/gu, '')
      .split('</w:p>')
      .map((p) => ({ style: /<w:pStyle w:val="([^"]+)"/u.exec(p)?.[1] ?? '', text: [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('') }))
      .filter((p) => p.text.trim() !== '');

  it('sets headings in the styles 标题 1–3 with outline levels, so the navigation pane shows the outline', async () => {
    const file = await report({ year: 2023, kind: 'midterm' }, 'docx');
    const paragraphs = docxParagraphs(file);
    expect(paragraphs.find((p) => p.text === '一、规划实施总体情况')?.style).toBe('Heading1');
    expect(paragraphs.find((p) => p.text === '（一）约束性指标')?.style).toBe('Heading2');
    const styles = docxPart(file, 'word/styles.xml');
    for (const [id, level] of [['Heading1', 0], ['Heading2', 1], ['Heading3', 2]] as const) {
      expect(styles).toMatch(new RegExp(`w:styleId="${id}"[\\s\\S]*?<w:outlineLvl w:val="${level}"/>`, 'u'));
    }
  });

  it('puts odd pages’ numbers at the right and even pages’ at the left', async () => {
    const file = await report({ year: 2023, kind: 'midterm' }, 'docx');
    expect(docxPart(file, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const body = docxPart(file, 'word/document.xml');
    const odd = /<w:footerReference w:type="default" r:id="(\w+)"/u.exec(body)![1];
    const even = /<w:footerReference w:type="even" r:id="(\w+)"/u.exec(body)![1];
    const rels = docxPart(file, 'word/_rels/document.xml.rels');
    const footer = (id: string) => docxPart(file, `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`, 'u').exec(rels)![1]}`);
    expect(footer(odd!)).toContain('<w:jc w:val="right"/>');
    expect(footer(even!)).toContain('<w:jc w:val="left"/>');
  });

  it.each([
    ['midterm', 2023],
    ['final', 2025],
  ] as const)('says in the %s .docx what the PDF says, figure for figure', async (kind, year) => {
    const pdf = flat(pdfText(await report({ year, kind }))).replace(/—\d+—/gu, '');
    const paragraphs = docxParagraphs(await report({ year, kind }, 'docx')).map((p) => flat(p.text)).filter((t) => [...t].length >= 12);
    expect(paragraphs.length).toBeGreaterThan(20);
    for (const p of paragraphs) expect(pdf, p).toContain(p);
  });
});
