/**
 * The demo: a fresh database built from the bundled sample workbooks (示例数据), and the evaluation of every
 * built-in plan written to a folder — at the plan's region for each sample year, and for one county below it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors';
import type { EvaluationResult } from '../../shared/evaluation/result';
import { samplesDir } from '../catalog/paths';
import { openDb } from '../db/open';
import { listPlans } from './plans';
import { evaluatePlan } from './evaluate';
import { runImport, type ImportResult } from './import/run';
import { writeReport, type ReportKind } from './reports';

export interface DemoResult {
  dir: string;
  database: string;
  imports: { file: string; batch: number | null; observations: number }[];
  outputs: { file: string; plan: string; region: string; year: number; kind: string; summary: EvaluationResult['summary'] }[];
  reports: string[];
}

/** The sample data run 2019–2025: annual 2021, 2022 and 2024, the mid-term (2023) and the final evaluation (2025). */
const DEMO_YEARS = [2021, 2022, 2023, 2024, 2025];

/** Sub-regions evaluated in the demo beside the plan region, to show 不适用 and data-based baselines. */
const DEMO_SUBREGIONS: Record<string, string> = { chuxiong: '532322' };

export const runDemo = async (outDir: string): Promise<DemoResult> => {
  const dir = path.resolve(outDir);
  fs.mkdirSync(dir, { recursive: true });
  const database = path.join(dir, 'demo.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(database + suffix, { force: true });
  const db = openDb(database);
  try {
    const sampleFiles = fs.existsSync(samplesDir())
      ? fs.readdirSync(samplesDir()).filter((f) => f.endsWith('.xlsx') && !f.startsWith('~$')).sort()
      : [];
    if (sampleFiles.length === 0) throw new UserError('file-not-found', `找不到示例数据（${samplesDir()}）。 / Sample workbooks not found.`);
    const imports: DemoResult['imports'] = [];
    for (const f of sampleFiles) {
      const result: ImportResult = await runImport(db, { file: path.join(samplesDir(), f) });
      if (!result.ok) {
        const first = result.problems.find((p) => p.severity === 'error');
        throw new UserError('import-failed', `示例数据 ${f} 导入失败：${first?.sheet}!${first?.cell} ${first?.message}`);
      }
      imports.push({ file: f, batch: result.batch, observations: result.observations });
    }
    const outputs: DemoResult['outputs'] = [];
    const reportFiles: string[] = [];
    for (const plan of listPlans(db)) {
      const regions = [plan.region, ...(DEMO_SUBREGIONS[plan.id] ? [DEMO_SUBREGIONS[plan.id]!] : [])];
      for (const region of regions) {
        for (const year of DEMO_YEARS) {
          const result = evaluatePlan(db, { plan: plan.id, region, year });
          const file = path.join(dir, `${plan.id}-${region}-${year}-${result.kind}.json`);
          fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
          outputs.push({ file, plan: plan.id, region, year, kind: result.kind, summary: result.summary });
        }
      }
      // Each report kind for the plan's region: PDF, and Word for the mid-term and final reports. The leader's
      // summary and the table are of the final evaluation, the one a bureau compiles after 2025.
      const reports: [ReportKind, number, string][] = [
        ['annual', 2024, 'pdf'],
        ['midterm', 2023, 'pdf'],
        ['midterm', 2023, 'docx'],
        ['final', 2025, 'pdf'],
        ['final', 2025, 'docx'],
        ['summary', 2025, 'pdf'],
        ['table', 2025, 'pdf'],
      ];
      for (const [kind, year, ext] of reports) {
        const file = path.join(dir, `${plan.id}-${plan.region}-${year}-${kind}.${ext}`);
        await writeReport(db, { plan: plan.id, year, kind, out: file });
        reportFiles.push(file);
      }
    }
    return { dir, database, imports, outputs, reports: reportFiles };
  } finally {
    db.close();
  }
};
