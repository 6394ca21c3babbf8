/**
 * The service layer behind every transport: one handler per operation of shared/api.ts, over one open database.
 * Inputs arrive as `unknown` from IPC, HTTP and the CLI and are parsed here before use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { regionsWithin, searchRegions } from './regions';
import { userDataDir } from '../data-dir';
import { isApiName, MAX_BATCH_VALUES_PAGE, type Api, type ApiName, type Handlers } from '../../shared/api';
import { UserError } from '../../shared/errors';
import { allRegions } from '../db/queries/regions';
import type { WriteDb } from '../db/types';
import { batchValues, listBatches } from './batches';
import { listReportParagraphs, previewReport, setReportParagraph, writeReport } from './reports';
import { jobStatus, startImportJob } from './jobs';
import type { WorkerLauncher } from './job-process';
import { writeEntryWorkbook } from './entry-workbook/write';
import { provenanceOf, setObservation, undoBatch } from './history';
import { importRegionTargets, listRegionTargets, removeRegionTarget, setRegionTarget, targetRows } from './region-targets';
import { evaluatePlan, requirePlan } from './evaluate';
import { writeEvaluationXlsx } from './export/evaluation-xlsx';
import { writeLeagueXlsx } from './export/league-xlsx';
import { writeObservationsXlsx } from './export/observations-xlsx';
import { runImport } from './import/run';
import { listPlans, showPlan } from './plans';
import { leagueTable } from './league';
import { indicatorTrend } from './trend';
import { explainValue } from './explain';
import { autoBackup, discardBackup, backupDatabase, restoreInPlace, withBackup } from './backup';
import { createItem } from './items';
import { auditLog, listLocks, lockYear, unlockYear } from './locks';
import { userErrorOfSqlite } from '../db/errors';
import { dataGrid } from './data-grid';
import { issueReport, issuedDetail, listIssued, reprintIssued } from './issued-reports';
import { adjustPlan, judgeRow, listPlanChanges, removePlan } from './plan-import/edit';
import { addPlanRow, editPlanRow, movePlanRow, removePlanRow } from './plan-import/edit-rows';
import { exportPlanPackage, importPlanPackage } from './plan-import/package';
import { importPlanTable } from './plan-import/run';

/** A plan evaluated for a year (and a region and kind): the evaluation table, its export, the league table. */
const evaluationScope = z.object({
  plan: z.string(),
  region: z.string().optional(),
  year: z.number().int(),
  kind: z.enum(['annual', 'midterm', 'final']).optional(),
});

/** What `reports.write` and `reports.issue` share: the report, its file, template and date. */
const reportInput = z.object({
  plan: z.string(),
  region: z.string().optional(),
  year: z.number().int(),
  kind: z.enum(['annual', 'midterm', 'final', 'summary', 'table']),
  out: z.string(),
  template: z.string().optional(),
  date: z.string().optional(),
});

const schemas: { [K in ApiName]: z.ZodType<Api[K]['input']> } = {
  'plans.list': z.void(),
  'plans.show': z.object({ id: z.string() }),
  'regions.list': z.void(),
  'regions.within': z.object({ code: z.string().max(12) }),
  'regions.search': z.object({ query: z.string().max(40) }),
  'evaluation.run': evaluationScope,
  'import.run': z.object({
    file: z.string(),
    dryRun: z.boolean().optional(),
    region: z.string().optional(),
    sheet: z.string().optional(),
    profile: z.string().optional(),
    saveProfile: z.string().optional(),
  }),
  'batches.list': z.void(),
  'batches.undo': z.object({ batch: z.number().int() }),
  'batches.values': z.object({ batch: z.number().int(), offset: z.number().int().min(0).max(1e9).optional(), limit: z.number().int().min(1).max(MAX_BATCH_VALUES_PAGE).optional() }),
  'observations.source': z.object({ region: z.string(), series: z.string(), year: z.number().int() }),
  'observations.explain': z.object({ region: z.string(), series: z.string(), year: z.number().int() }),
  'observations.set': z.object({ region: z.string(), series: z.string(), year: z.number().int(), value: z.number(), enteredBy: z.string(), why: z.string().max(500).optional() }),
  'data.grid': z.object({ plan: z.string(), region: z.string().optional(), subregions: z.boolean().optional() }),
  'targets.list': z.object({ plan: z.string() }),
  'targets.set': z.object({ plan: z.string(), seq: z.string(), region: z.string(), target: z.string(), setBy: z.string() }),
  'import.start': z.object({
    file: z.string(),
    dryRun: z.boolean().optional(),
    region: z.string().optional(),
    sheet: z.string().optional(),
    profile: z.string().optional(),
    saveProfile: z.string().optional(),
  }),
  'jobs.status': z.object({ job: z.string() }),
  'files.exportsDir': z.void(),
  'reports.write': reportInput.extend({ checks: z.boolean().optional() }),
  'reports.preview': reportInput.omit({ out: true, template: true }).extend({ date: z.string().max(40).optional(), checks: z.boolean().optional() }),
  'evaluation.trend': z.object({
    plan: z.string(),
    region: z.string().max(100).optional(),
    table: z.number().int().positive(),
    seq: z.string().max(20),
    position: z.number().int().nonnegative().max(10_000).optional(),
  }),
  'reports.paragraphs': z.object({ plan: z.string(), region: z.string().optional(), year: z.number().int(), kind: z.enum(['annual', 'midterm', 'final']) }),
  'reports.setParagraph': z.object({
    plan: z.string(),
    region: z.string().optional(),
    year: z.number().int(),
    kind: z.enum(['annual', 'midterm', 'final']),
    key: z.string().max(100),
    text: z.string().max(1_000_000),
    by: z.string().min(1),
  }),
  'export.evaluation': evaluationScope.extend({ out: z.string() }),
  'export.observations': z.object({ region: z.string(), includeSubregions: z.boolean().optional(), out: z.string() }),
  'template.write': z.object({
    plan: z.string(),
    region: z.string(),
    subregions: z.boolean().optional(),
    out: z.string(),
    period: z.enum(['monthly', 'quarterly']).optional(),
    year: z.number().int().optional(),
  }),
  'targets.import': z.object({ plan: z.string(), file: z.string(), setBy: z.string(), dryRun: z.boolean().optional() }),
  'targets.remove': z.object({ plan: z.string(), seq: z.string(), region: z.string() }),
  'targets.rows': z.object({ plan: z.string() }),
  'plans.import': z.object({
    file: z.string().optional(),
    text: z.string().max(4 * 2 ** 20).optional(),
    region: z.string().optional(),
    id: z.string().optional(),
    title: z.string().max(200).optional(),
    baseYear: z.number().int().optional(),
    targetYear: z.number().int().optional(),
    replace: z.boolean().optional(),
    dryRun: z.boolean().optional(),
    by: z.string().max(100).optional(),
    choices: z
      .array(
        z.object({
          position: z.number().int().positive(),
          indicator: z.string().max(100).optional(),
          formula: z.string().max(500).optional(),
          direction: z.enum(['increase', 'decrease']).optional(),
        }),
      )
      .max(500)
      .optional(),
  }),
  'plans.export': z.object({ plan: z.string(), out: z.string() }),
  'plans.adjust': z.object({ plan: z.string(), seq: z.string(), target: z.string().max(200), fromYear: z.number().int(), doc: z.string().max(500), by: z.string().max(100) }),
  'plans.judge': z.object({
    plan: z.string(),
    region: z.string().optional(),
    seq: z.string(),
    year: z.number().int(),
    result: z.enum(['met', 'unmet', 'unknown']),
    note: z.string().max(2000),
    by: z.string().max(100),
  }),
  'plans.remove': z.object({ plan: z.string() }),
  'plans.changes': z.object({ plan: z.string() }),
  'database.backup': z.object({ out: z.string() }),
  'database.restore': z.object({ file: z.string() }),
  'files.pickOpen': z.object({ purpose: z.enum(['workbook', 'plan', 'profile', 'template', 'backup']) }),
  'files.pickSave': z.object({ suggestedName: z.string().max(200) }),
  'files.show': z.object({ path: z.string().max(4096), how: z.enum(['open', 'folder']) }),
  'reports.issue': reportInput.extend({
    by: z.string().max(100),
    docNumber: z.string().max(100).optional(),
    lock: z.boolean().optional(),
  }),
  'reports.issued': z.object({ plan: z.string().optional() }),
  'reports.issuedDetail': z.object({ id: z.number().int() }),
  'reports.reprint': z.object({ id: z.number().int(), out: z.string() }),
  'locks.list': z.void(),
  'locks.lock': z.object({ region: z.string(), year: z.number().int(), by: z.string().max(100), reason: z.string().max(500).optional() }),
  'locks.unlock': z.object({ region: z.string(), year: z.number().int(), by: z.string().max(100), reason: z.string().max(500) }),
  'audit.list': z.void(),
  'items.create': z.object({
    name: z.string().max(100),
    unit: z.string().max(40),
    aggregation: z.enum(['sum', 'none']),
    nature: z.enum(['stock', 'flow']),
    aliases: z.array(z.string().min(1).max(100)).max(20).optional(),
    by: z.string().max(100),
  }),
  'evaluation.league': evaluationScope,
  'export.league': evaluationScope.extend({ out: z.string() }),
  'plans.editRow': z.object({
    plan: z.string(),
    position: z.number().int().positive(),
    field: z.enum(['target', 'baseline', 'name', 'unit', 'growth', 'attribute', 'seq', 'category']),
    value: z.string().max(500),
    by: z.string().max(100),
    why: z.string().max(500).optional(),
  }),
  'plans.addRow': z.object({
    plan: z.string(),
    after: z.number().int().nonnegative(),
    seq: z.string().max(20),
    name: z.string().max(500),
    unit: z.string().max(40),
    baseline: z.string().max(200).optional(),
    target: z.string().max(200),
    growth: z.string().max(50).optional(),
    attribute: z.enum(['预期性', '约束性']).optional(),
    by: z.string().max(100),
    why: z.string().max(500).optional(),
  }),
  'plans.removeRow': z.object({ plan: z.string(), position: z.number().int().positive(), by: z.string().max(100), why: z.string().max(500).optional() }),
  'plans.moveRow': z.object({ plan: z.string(), position: z.number().int().positive(), to: z.number().int().positive(), by: z.string().max(100), why: z.string().max(500).optional() }),
};

const desktopOnly = (): never => {
  throw new UserError('bad-input', '此操作只在桌面程序中可用；浏览器模式请上传文件。 / Only in the desktop app; in browser mode, upload the file.');
};

export interface HandlerOptions {
  /** Run long imports (import.start) in a process of their own: `pwb serve` forks one, the desktop app a utilityProcess. */
  importWorker?: WorkerLauncher;
  /** Where the app writes exports and generated workbooks (the user's data folder, or browser mode's folder). */
  workDir?: string;
}

export const createHandlers = (db: WriteDb, options: HandlerOptions = {}): Handlers => ({
  'files.exportsDir': async () => {
    const dir = path.join(options.workDir ?? userDataDir(), 'exports');
    fs.mkdirSync(dir, { recursive: true });
    return { path: dir };
  },
  'plans.list': async () => listPlans(db),
  'plans.show': async ({ id }) => showPlan(db, id),
  'regions.list': async () => allRegions(db),
  'regions.within': async ({ code }) => regionsWithin(db, code),
  'regions.search': async ({ query }) => searchRegions(db, query),
  'evaluation.run': async (input) => evaluatePlan(db, input),
  'import.run': async (input) => (input.dryRun ? runImport(db, input) : withBackup(db, 'import', () => runImport(db, input), (r) => r.ok)),
  'batches.list': async () => listBatches(db),
  'batches.undo': async ({ batch }) => withBackup(db, 'undo', async () => undoBatch(db, batch)),
  'batches.values': async (input) => batchValues(db, input),
  'observations.source': async (input) => provenanceOf(db, input),
  'observations.explain': async (input) => explainValue(db, input),
  'observations.set': async (input) => setObservation(db, input),
  'targets.list': async ({ plan }) => listRegionTargets(db, plan),
  'targets.set': async (input) => setRegionTarget(db, input),
  'targets.import': async (input) => importRegionTargets(db, input),
  'targets.remove': async (input) => removeRegionTarget(db, input),
  'targets.rows': async ({ plan }) => targetRows(db, plan),
  'template.write': async (input) => writeEntryWorkbook(db, input),
  // The backup is taken when the job starts, and dropped again when the import stores nothing (refused or failed).
  'import.start': async (input) => {
    const backup = input.dryRun ? null : await autoBackup(db, 'import');
    return startImportJob(db, input, options.importWorker, (s) => {
      if (!(s.state === 'done' && s.result?.ok)) discardBackup(backup);
    });
  },
  'reports.write': async ({ checks, ...input }) => writeReport(db, { ...input, ...(checks !== undefined ? { planChecks: checks } : {}) }),
  'reports.setParagraph': async (input) => setReportParagraph(db, input),
  'reports.preview': async ({ checks, ...input }) => previewReport(db, { ...input, ...(checks !== undefined ? { planChecks: checks } : {}) }),
  'evaluation.trend': async (input) => indicatorTrend(db, input),
  'reports.paragraphs': async (input) => listReportParagraphs(db, input),
  'jobs.status': async ({ job }) => jobStatus(job),
  'export.evaluation': async ({ out, ...input }) => {
    const result = evaluatePlan(db, input);
    await writeEvaluationXlsx(result, out, { plan: requirePlan(db, result.plan) });
    return { file: out };
  },
  'export.observations': async (input) => ({ file: input.out, ...(await writeObservationsXlsx(db, input)) }),
  'export.league': async ({ out, ...input }) => {
    const table = leagueTable(db, input);
    await writeLeagueXlsx(table, out);
    return { file: out, regions: table.regions.length };
  },
  'plans.import': async (input) => {
    const run = () =>
      input.file !== undefined && input.text === undefined && input.file.toLowerCase().endsWith('.json')
        ? Promise.resolve(importPlanPackage(db, input.file, input))
        : importPlanTable(db, input);
    return input.dryRun ? run() : withBackup(db, 'plan-import', run, (r) => r.ok);
  },
  'plans.export': async (input) => exportPlanPackage(db, input),
  'plans.adjust': async (input) => adjustPlan(db, input),
  'plans.judge': async (input) => judgeRow(db, input),
  'plans.remove': async (input) => withBackup(db, 'plan-remove', async () => removePlan(db, input)),
  'plans.changes': async (input) => listPlanChanges(db, input),
  'evaluation.league': async (input) => leagueTable(db, input),
  'database.backup': async ({ out }) => backupDatabase(db, out),
  'database.restore': async ({ file }) => restoreInPlace(db, file),
  'items.create': async (input) => createItem(db, input),
  // Dialogs and the file manager belong to the desktop window: main/electron replaces these three.
  'files.pickOpen': async () => desktopOnly(),
  'files.pickSave': async () => desktopOnly(),
  'files.show': async () => desktopOnly(),
  'data.grid': async (input) => dataGrid(db, input),
  'reports.issue': async (input) => issueReport(db, input),
  'reports.issued': async (input) => listIssued(db, input),
  'reports.issuedDetail': async ({ id }) => issuedDetail(db, id),
  'reports.reprint': async (input) => reprintIssued(db, input),
  'locks.list': async () => listLocks(db),
  'locks.lock': async (input) => lockYear(db, input),
  'locks.unlock': async (input) => unlockYear(db, input),
  'audit.list': async () => auditLog(db),
  'plans.editRow': async (input) => editPlanRow(db, input),
  'plans.addRow': async (input) => addPlanRow(db, input),
  'plans.removeRow': async (input) => removePlanRow(db, input),
  'plans.moveRow': async (input) => movePlanRow(db, input),
});

/** Decodes one call from a transport and runs it. */
export const dispatch = async (handlers: Handlers, name: unknown, input: unknown): Promise<unknown> => {
  if (!isApiName(name)) throw new UserError('bad-input', `未知操作“${String(name)}”。 / Unknown operation "${String(name)}".`);
  const parsed = schemas[name].safeParse(input);
  if (!parsed.success) {
    throw new UserError('bad-input', `操作 ${name} 的参数有误：${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} / Bad input for ${name}.`);
  }
  const handler = handlers[name] as (i: unknown) => Promise<unknown>;
  try {
    return await handler(parsed.data);
  } catch (error) {
    throw userErrorOfSqlite(error) ?? error;
  }
};
