/**
 * `pwb demo`, the README's first command, end to end: a fresh database from the committed sample workbooks, the
 * evaluation JSON of every plan for 2021–2025, and every report kind as PDF (and Word) read back. The sample
 * workbooks are checked against scripts/sample-data.ts, so a stale file in samples/ fails here.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type DemoResult } from '../../main/services/demo';
import type { EvaluationResult } from '../../shared/evaluation/result';
import { scoreboard } from '../../shared/reports/narrative';
import { BUREAU_PLAN_BOOK, SAMPLE_BOOKS } from '../../scripts/sample-data';
import { tempDir } from '../helpers/files';

let demo: DemoResult;

const json = (file: string): EvaluationResult => JSON.parse(fs.readFileSync(file, 'utf8')) as EvaluationResult;
const outputOf = (plan: string, region: string, year: number): EvaluationResult => {
  const o = demo.outputs.find((x) => x.plan === plan && x.region === region && x.year === year);
  if (!o) throw new Error(`no demo output for ${plan} ${region} ${year}`);
  return json(o.file);
};
const PLANS: [string, string][] = [
  ['chengde', '130800'],
  ['chuxiong', '532300'],
  ['dazhou', '511700'],
  ['guizhou', '520000'],
];
/** The text of a PDF with every space and line break removed, so that a sentence wrapped across lines is found whole. */
const pdfText = (file: string): string => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
const pdfPages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

beforeAll(async () => {
  demo = await runDemo(tempDir('pwb-demo-'));
}, 120_000);

describe('pwb demo', () => {
  it('imports each sample workbook whole: as many values as scripts/sample-data.ts holds', () => {
    const expected = [...SAMPLE_BOOKS, BUREAU_PLAN_BOOK].map((b) => ({
      file: b.file,
      observations: b.sheets.flatMap((s) => s.rows.flatMap(([, , values]) => values.filter((v) => v !== null))).length,
    })).sort((a, b) => a.file.localeCompare(b.file));
    expect(demo.imports.map(({ file, observations }) => ({ file, observations }))).toEqual(expected);
    expect(demo.imports.every((i) => i.batch !== null)).toBe(true);
    expect(fs.existsSync(demo.database)).toBe(true);
  });

  it('evaluates every plan at its region for 2021–2025: annual, mid-term in 2023, final in 2025', () => {
    for (const [plan, region] of PLANS) {
      expect([2021, 2022, 2023, 2024, 2025].map((y) => outputOf(plan, region, y).kind)).toEqual(['annual', 'annual', 'midterm', 'annual', 'final']);
    }
  });

  it('shows every mid-term status across the four plans in 2023, and 不适用 for 双柏县 against the prefecture’s plan', () => {
    const statuses = new Set(PLANS.flatMap(([plan, region]) => outputOf(plan, region, 2023).rows.map((r) => r.status)));
    for (const s of ['提前实现', '快于预期', '基本符合预期', '滞后', '倒退', '未实现', '偏离', '符合要求', '不符合要求', '缺数']) expect(statuses, s).toContain(s);
    expect(outputOf('chuxiong', '532322', 2023).rows.map((r) => r.status)).toContain('不适用');
  });

  it('gives the final evaluation (2025) 完成, 超额完成, 未完成 with binding rows among them, and 缺数', () => {
    const rows = PLANS.flatMap(([plan, region]) => outputOf(plan, region, 2025).rows);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['完成', '未完成', '缺数']));
    expect(rows.some((r) => r.status === '完成' && r.exceeded === true && r.attribute === '预期性')).toBe(true);
    expect(rows.some((r) => r.status === '未完成' && r.attribute === '约束性')).toBe(true);
    // 社会工作专业人才总量 is missing for 2023 and 2024 but given for 2025: the final evaluation reads the final year.
    const talent = outputOf('chuxiong', '532300', 2025).rows.find((r) => r.name === '社会工作专业人才占全州人口比例')!;
    expect([talent.status, outputOf('chuxiong', '532300', 2023).rows.find((r) => r.seq === talent.seq)!.status]).toEqual(['完成', '缺数']);
  });

  it('writes each evaluation as the JSON it returns', () => {
    for (const o of demo.outputs) expect(json(o.file).summary).toEqual(o.summary);
  });

  it('writes every report kind of every plan; the final report and the summary say the 2025 scoreboard', () => {
    expect(demo.reports.map((f) => path.basename(f).replace(/^\w+-\d+-/, '')).slice(0, 7)).toEqual([
      '2024-annual.pdf',
      '2023-midterm.pdf',
      '2023-midterm.docx',
      '2025-final.pdf',
      '2025-final.docx',
      '2025-summary.pdf',
      '2025-table.pdf',
    ]);
    // Seven for each built-in plan, three (annual PDF and Word, table) for the bureau's 15th plan in its second year.
    expect(demo.reports).toHaveLength(7 * PLANS.length + 3);
    for (const f of demo.reports.filter((x) => x.endsWith('.pdf'))) expect(pdfPages(f), f).toBeGreaterThanOrEqual(1);
    for (const f of demo.reports.filter((x) => x.endsWith('.docx'))) expect(fs.readFileSync(f).subarray(0, 2).toString()).toBe('PK');
    const final = outputOf('chuxiong', '532300', 2025);
    const sentence = scoreboard(final).replace(/\s+/g, '');
    expect(sentence).toMatch(/^规划确定的21项主要指标中，14项完成/);
    const dir = path.dirname(demo.database);
    expect(pdfText(path.join(dir, 'chuxiong-532300-2025-final.pdf'))).toContain(sentence);
    expect(pdfText(path.join(dir, 'chuxiong-532300-2025-summary.pdf'))).toContain('养老机构护理型床位占比');
    expect(pdfPages(path.join(dir, 'chuxiong-532300-2025-summary.pdf'))).toBeLessThanOrEqual(2);
  });

  it('gives every 突出问题 on each plan’s one-page summary with its figure', () => {
    const summaries = demo.reports.filter((x) => x.endsWith('-summary.pdf'));
    expect(summaries.length).toBe(4);
    for (const f of summaries) {
      const text = pdfText(f);
      const problems = text.slice(text.indexOf('四、突出问题') + '四、突出问题'.length, text.indexOf('五、'));
      const items = problems.split('。').filter((t) => t !== '');
      expect(items.length, f).toBeGreaterThanOrEqual(2);
      for (const item of items) expect(item, f).toMatch(/\d/u);
    }
  });

  it('names the part that misses a target on parts (达州 城市低保标准 780 元 below the floor 820 元), and never leaves “还差” without a figure', () => {
    const dir = path.dirname(demo.database);
    const final = pdfText(path.join(dir, 'dazhou-511700-2025-final.pdf'));
    expect(final).toContain('城乡低保标准（城市）未达到全省城市低保标准低限');
    expect(final).not.toContain('城乡低保标准为每人每月650元，未完成');
    // A sentence may run over a page: the page number between "还差" and its figure is not part of it.
    for (const f of demo.reports.filter((x) => x.endsWith('.pdf'))) expect(pdfText(f).replace(/—\d+—/gu, ''), f).not.toMatch(/还差(?![\d.]+)/);
  });

  it('keeps the plan checks out of every report sent upward (they are an internal annex, off by default)', () => {
    for (const f of demo.reports.filter((x) => x.endsWith('.pdf'))) expect(pdfText(f), f).not.toMatch(/规划指标口径核对|按增长比例计算应为/);
  });

  it('adds the bureau’s own 15th plan from a pasted table and evaluates it for 2026 and 2027 on its sample data', () => {
    expect(demo.plans).toEqual([{ file: 'shuangbai-15th-规划指标表.txt', id: 'p532322-2025-2030', title: '双柏县民政事业发展“十五五”规划', rows: 12 }]);
    const y2027 = outputOf('p532322-2025-2030', '532322', 2027);
    expect(y2027).toMatchObject({ kind: 'annual', baseYear: 2025, targetYear: 2030 });
    expect(y2027.timeProgress).toBeCloseTo(0.4, 12);
    const row = (name: string) => y2027.rows.find((r) => r.name === name)!;
    // 临时救助人次 [1200]: 260 in 2026 and 230 in 2027 add up to 490.
    expect(row('临时救助人次')).toMatchObject({ value: 490, yearValue: 230, status: '基本符合预期' });
    expect(row('县级区域养老服务中心建设')).toMatchObject({ status: '需判断' });
    expect(row('婚姻登记合格率')).toMatchObject({ target: '保持稳定', status: '未实现' });
    expect(() => outputOf('p532322-2025-2030', '532322', 2028)).toThrow();
    const text = pdfText(path.join(path.dirname(demo.database), 'p532322-2025-2030-532322-2027-annual.pdf'));
    expect(text).toMatch(/^《双柏县民政事业发展“十五五”规划》2027年度实施监测报告/);
    expect(text).toContain('2027年是“十五五”规划实施的第二年');
    expect(text).not.toContain('十四五');
  });

  it('keeps the annual report’s table as a landscape attachment with last year’s value and the change since then', () => {
    const file = path.join(path.dirname(demo.database), 'chuxiong-532300-2024-annual.pdf');
    const text = pdfText(file);
    expect(text).toMatch(/附件：.*2024年主要指标监测表/);
    expect(text).toMatch(/比上年.{0,60}增减/u);
    // Binding rows are said once, under their own heading, and the expected rows behind time follow under theirs.
    expect(text.split('养老机构护理型床位占比2024年').length - 1).toBe(1);
    expect(text).toMatch(/（一）约束性指标.*（二）需加快推进的预期性指标/);
  });
});
