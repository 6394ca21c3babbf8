/**
 * Report benchmark (issue 5): time to produce each report kind for one plan (PDF, and Word for the mid-term and
 * final reports), and a 30-page report with a 300-row table; PDF sizes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../main/db/open';
import { writePdf } from '../main/reports/pdf';
import { runImport } from '../main/services/import/run';
import { writeReport, type ReportKind } from '../main/services/reports';
import { GBT9704_PORTRAIT, type ReportDocument } from '../shared/reports/document';
import { tempDir } from '../test/helpers/files';

export interface ReportBenchRow {
  step: string;
  seconds: number;
  pages: number | null;
  kib: number;
}

const pagesOf = (file: string): number | null => {
  const text = fs.readFileSync(file).toString('latin1');
  const m = /\/Type\s*\/Pages[^>]*?\/Count\s+(\d+)/.exec(text);
  return m ? Number(m[1]) : null;
};

export const runReportBench = async (): Promise<ReportBenchRow[]> => {
  const dir = tempDir('pwb-bench-reports-');
  const db = openDb(path.join(dir, 'r.sqlite'));
  await runImport(db, { file: path.resolve('samples/chuxiong-示例数据.xlsx') });
  const rows: ReportBenchRow[] = [];
  const kinds: [ReportKind, number, 'pdf' | 'docx'][] = [
    ['annual', 2024, 'pdf'],
    ['midterm', 2023, 'pdf'],
    ['final', 2025, 'pdf'],
    ['summary', 2025, 'pdf'],
    ['table', 2025, 'pdf'],
    ['midterm', 2023, 'docx'],
    ['final', 2025, 'docx'],
  ];
  // One warm-up so that font loading is not charged to the first kind.
  await writeReport(db, { plan: 'chuxiong', year: 2023, kind: 'table', out: path.join(dir, 'warm.pdf') });
  // Warm: each kind written three times in a row, the median kept (one run on this noisy machine varies by ±30%).
  const median = async (write: () => Promise<unknown>): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await write();
      times.push((performance.now() - t0) / 1000);
    }
    return times.sort((a, b) => a - b)[1]!;
  };
  for (const [kind, year, ext] of kinds) {
    const out = path.join(dir, `${kind}.${ext}`);
    const seconds = await median(() => writeReport(db, { plan: 'chuxiong', year, kind, out }));
    rows.push({ step: `楚雄州 ${kind} ${year} (.${ext})`, seconds, pages: ext === 'pdf' ? pagesOf(out) : null, kib: fs.statSync(out).size / 1024 });
  }
  const para = '养老机构护理型床位占比2023年达到42%，较2020年提高12个百分点，距2025年目标还差13个百分点，完成规划目标的48%，低于时序进度12个百分点，进度滞后。';
  const big: ReportDocument = {
    title: '基准测试',
    page: GBT9704_PORTRAIT,
    blocks: [
      { kind: 'title', text: '基准测试：三十页报告' },
      ...Array.from({ length: 120 }, () => ({ kind: 'paragraph' as const, text: para })),
      {
        kind: 'table',
        title: '300行指标表',
        columns: ['序号', '指标名称', '单位', '基期值', '目标值', '现值', '完成进度', '评价'].map((h, i) => ({ header: h, width: i === 1 ? 20 : 5, align: i === 1 ? ('left' as const) : ('right' as const) })),
        rows: Array.from({ length: 300 }, (_, i) => ({ cells: [String(i + 1), `指标${i + 1}（法脿镇）`, '%', '30', '≥55', '45', '60.0%', '○ 基本符合预期'] })),
        note: '',
        fontSize: 10.5,
      },
    ],
  };
  const out = path.join(dir, 'big.pdf');
  const seconds = await median(() => writePdf(big, out));
  rows.push({ step: '120 paragraphs + 300-row table', seconds, pages: pagesOf(out), kib: fs.statSync(out).size / 1024 });
  db.close();
  return rows;
};
