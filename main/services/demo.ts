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
import { importPlanTable } from './plan-import/run';

export interface DemoResult {
  dir: string;
  database: string;
  /** Plans made by the bureau, read from pasted tables in samples/ (*.txt) before the workbooks. */
  plans: { file: string; id: string; title: string; rows: number }[];
  imports: { file: string; batch: number | null; observations: number }[];
  outputs: { file: string; plan: string; region: string; year: number; kind: string; summary: EvaluationResult['summary'] }[];
  reports: string[];
}

/** The sample data run 2019–2025 (the 15th plan's to 2027): every year of a plan's period that has sample data. */
const LAST_SAMPLE_YEAR = { builtIn: 2025, bureau: 2027 };

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
    // The bureau's own plan first, as a clerk pastes its table from Word: its printed names are then known.
    const plans: DemoResult['plans'] = [];
    for (const f of fs.readdirSync(samplesDir()).filter((x) => x.endsWith('.txt')).sort()) {
      const r = await importPlanTable(db, { file: path.join(samplesDir(), f), by: '示例' });
      if (!r.ok || !r.plan) throw new UserError('import-failed', `示例规划 ${f} 导入失败：${r.problems.find((p) => p.severity === 'error')?.message ?? ''}`);
      plans.push({ file: f, id: r.plan.id, title: r.plan.title, rows: r.rows.length });
    }
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
      const last = Math.min(plan.targetYear, plan.builtIn ? LAST_SAMPLE_YEAR.builtIn : LAST_SAMPLE_YEAR.bureau);
      const years = Array.from({ length: Math.max(0, last - plan.baseYear) }, (_, i) => plan.baseYear + 1 + i);
      for (const region of regions) {
        for (const year of years) {
          const result = evaluatePlan(db, { plan: plan.id, region, year });
          const file = path.join(dir, `${plan.id}-${region}-${year}-${result.kind}.json`);
          fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
          outputs.push({ file, plan: plan.id, region, year, kind: result.kind, summary: result.summary });
        }
      }
      // Each report kind for the plan's region: PDF, and Word for the mid-term and final reports. The leader's
      // summary and the table are of the final evaluation, the one a bureau compiles after 2025.
      const reports: [ReportKind, number, string][] = plan.builtIn
        ? [
            ['annual', 2024, 'pdf'],
            ['midterm', 2023, 'pdf'],
            ['midterm', 2023, 'docx'],
            ['final', 2025, 'pdf'],
            ['final', 2025, 'docx'],
            ['summary', 2025, 'pdf'],
            ['table', 2025, 'pdf'],
          ]
        : // A plan in its second year: the annual report, its Word copy and the table.
          [
            ['annual', last, 'pdf'],
            ['annual', last, 'docx'],
            ['table', last, 'pdf'],
          ];
      for (const [kind, year, ext] of reports) {
        const file = path.join(dir, `${plan.id}-${plan.region}-${year}-${kind}.${ext}`);
        await writeReport(db, { plan: plan.id, year, kind, out: file });
        reportFiles.push(file);
      }
    }
    return { dir, database, plans, imports, outputs, reports: reportFiles };
  } finally {
    db.close();
  }
};
