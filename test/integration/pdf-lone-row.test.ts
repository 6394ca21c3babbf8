/**
 * A table that runs over a page never leaves its last row alone on the next one (GB/T 9704 practice for attachment
 * tables): the row before it goes along, under the repeated header. Checked on real PDFs for every table length
 * from one that fits a page to one that spills over twice; in Word, the row before the last keeps with it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import JSZip from 'jszip';
import { writeDocx } from '../../main/reports/docx';
import { writePdf } from '../../main/reports/pdf';
import { GBT9704_PORTRAIT, type ReportDocument } from '../../shared/reports/document';
import { tempDir } from '../helpers/files';

const doc = (rows: number, long = false): ReportDocument => ({
  title: '测试',
  page: { ...GBT9704_PORTRAIT, orientation: 'landscape', margins: { top: 26, bottom: 24, left: 25, right: 25 }, bodySize: 16, linePitch: 28, pageNumbers: true },
  blocks: [
    { kind: 'attachment', label: '附件', title: '主要指标完成情况表' },
    {
      kind: 'table',
      title: '',
      columns: [
        { header: '序号', width: 3, align: 'center' },
        { header: '指标', width: 16, align: 'left' },
        { header: '数值', width: 6, align: 'right' },
      ],
      // Long names wrap in their cell: a wrapped row moved to the next page keeps a stale position on the page before.
      rows: Array.from({ length: rows }, (_, i) => ({ cells: [`R${i + 1}`, long ? `第${i + 1}项指标：志愿服务站点在社区综合服务设施中的覆盖率及乡镇（街道）范围具备综合功能的养老服务机构覆盖率` : `第${i + 1}项指标`, String(100 + i)] })),
      note: '说明：测试表。',
      fontSize: 10.5,
    },
  ],
});

/** Writes the test table with `rows` rows to a PDF; its last page's text, or null when it fits one page. */
const lastPageOf = async (out: string, rows: number, long = false): Promise<string | null> => {
  await writePdf(doc(rows, long), out);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
  return pages === 1 ? null : execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), '-layout', out, '-'], { encoding: 'utf8' });
};

describe('the last row of a table that runs over a page', () => {
  it('is never alone on the last page, whatever the table’s length', async () => {
    const dir = tempDir();
    const lone: number[] = [];
    let spilled = 0;
    for (let n = 14; n <= 60; n += 2) {
      for (const rows of [n, n + 1]) {
        const out = path.join(dir, `t${rows}.pdf`);
        const last = await lastPageOf(out, rows);
        if (last === null) continue;
        spilled++;
        const onLast = last.match(/\bR\d+\b/g) ?? [];
        if (onLast.length === 1) lone.push(rows);
        // The rows are all there, once each, in order.
        const all = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).match(/\bR\d+\b/g) ?? [];
        expect(all).toEqual(Array.from({ length: rows }, (_, i) => `R${i + 1}`));
      }
    }
    expect(spilled).toBeGreaterThan(20);
    expect(lone).toEqual([]);
  }, 120_000);
});

describe('the end of a table whose rows wrap', () => {
  it('keeps at least two rows and the note together on the last page, whatever the table’s length', async () => {
    const dir = tempDir();
    const alone: string[] = [];
    let spilled = 0;
    for (let rows = 8; rows <= 30; rows += 1) {
      const last = await lastPageOf(path.join(dir, `w${rows}.pdf`), rows, true);
      if (last === null) continue;
      spilled++;
      const onLast = last.match(/\bR\d+\b/g) ?? [];
      if (onLast.length < 2) alone.push(`${rows} rows: ${onLast.length} on the last page`);
      if (!last.includes('说明：测试表。')) alone.push(`${rows} rows: the note is not on the last page`);
    }
    expect(spilled).toBeGreaterThan(10);
    expect(alone).toEqual([]);
  }, 120_000);
});

describe('the last row of a table in Word', () => {
  it('is kept with the row before it (与下段同页 on that row’s paragraphs), and no other row is', async () => {
    const out = path.join(tempDir(), 't.docx');
    await writeDocx(doc(30), out);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(out))).file('word/document.xml')!.async('string');
    const rows = xml.match(/<w:tr\b[\s\S]*?<\/w:tr>/g) ?? [];
    expect(rows).toHaveLength(31);
    const kept = rows.map((r, i) => (r.includes('<w:keepNext/>') ? i : -1)).filter((i) => i >= 0);
    expect(kept).toEqual([29]);
    expect(rows[29]).toContain('R29');
  });
});
