/**
 * Every operation of the workbench, declared once: name → input and output. The Electron IPC handler, the
 * localhost HTTP transport, the command line and the tests all call these through `dispatch`.
 */
import type { WireError } from './errors';
import type { EvaluationResult } from './evaluation/result';
import type { LeagueTable } from './evaluation/league';
import type { Trend } from './evaluation/trend';
import type { EvaluationKind, Plan, PlanSummary, PlanWarning, Region } from './types';

export interface ImportProblem {
  severity: 'error' | 'warning';
  sheet: string;
  cell: string;
  message: string;
}

export interface ImportChange {
  region: string;
  series: string;
  year: number;
  old: number;
  new: number;
  sheet: string;
  cell: string;
}

/** A unit conversion applied to an item's values on one sheet: 万人 → 人 ×10000, with how many values. */
export interface ImportConversion {
  sheet: string;
  series: string;
  from: string;
  to: string;
  factor: number;
  values: number;
}

/** A value an import stores (or would store), as the preview lists it. */
export interface ImportValue {
  sheet: string;
  cell: string;
  region: string;
  regionName: string;
  series: string;
  seriesName: string;
  year: number;
  /** In the series' unit, after conversion. */
  value: number;
  unit: string;
  /** new: nothing stored yet; changed: replaces another value; same: equal to the stored one. */
  status: 'new' | 'changed' | 'same';
  /** "2023", "2023-12" or "2023Q4" (DESIGN.md "Statistical periods"). */
  period: string;
  /** 当月/本季, 累计 or 期末 for a month or quarter; null for a whole year. */
  periodKind: '当月' | '本季' | '累计' | '期末' | null;
  /** A year's value made from a month's or quarter's figures: the rule and the cells ("1-12月累计：2023年12月!E7"). */
  derivedFrom?: string;
}

export interface ImportResultDto {
  ok: boolean;
  dryRun: boolean;
  file: string;
  batch: number | null;
  /** Stored, or that would be stored; 0 when there is an error. */
  observations: number;
  replaced: number;
  unchanged: number;
  /** `period`: the month's or quarter's report a sheet is ("2023年1-12月"), absent for a year's sheet. */
  /** `regionName`: the region's name beside its code, for the page (the sheets' regions as the clerk knows them). */
  sheets: { name: string; layout: 'long' | 'wide' | 'flat' | 'template' | 'skipped'; region: string | null; regionName?: string; observations: number; period?: string }[];
  changes: ImportChange[];
  problems: ImportProblem[];
  /** Which reader read the file: the whole-workbook reader, or the streaming one for large files. */
  reader: 'whole' | 'stream';
  conversions: ImportConversion[];
  /** The values read, in sheet order, at most IMPORT_VALUES_SHOWN of them (valuesTotal says how many in all). */
  values: ImportValue[];
  valuesTotal: number;
}

/** How many of the values read an import result lists (the rest are counted). */
export const IMPORT_VALUES_SHOWN = 2000;

export interface BatchSummary {
  id: number;
  fileName: string;
  fileHash: string;
  importedAt: string;
  observations: number;
  replaced: number;
  status: 'active' | 'undone';
}

/** At most this many values of a batch come in one page of `batches.values`. */
export const MAX_BATCH_VALUES_PAGE = 500;

/** One value a batch stored, as it stored it (where it was read, what it is), with what became of it since. */
export interface BatchValueDto extends Omit<ImportValue, 'status' | 'derivedFrom'> {
  /** A year's value made from months or quarters: the rule and the cells it came from ('1-12月累计：2023年12月!L10'). */
  derivedFrom: string | null;
  /** The value it replaced, if any (the same value when a file was imported again). */
  replaced: number | null;
  /** The later batch that has taken it over in turn, if any (and is not undone), and that batch's value. */
  supersededBy: number | null;
  supersededValue: number | null;
}

export interface BatchValuesDto {
  batch: BatchSummary;
  /** The batch's values in all; `values` is the page from `offset`. */
  total: number;
  offset: number;
  values: BatchValueDto[];
}

export interface UndoResultDto {
  batch: number;
  removed: number;
  restored: number;
}

export interface ProvenanceDto {
  region: string;
  regionName: string;
  series: string;
  seriesName: string;
  year: number;
  value: number;
  unit: string;
  origin: 'import' | 'typed';
  file: string | null;
  sheet: string | null;
  cell: string | null;
  batch: number | null;
  enteredBy: string | null;
  enteredAt: string;
  /** A year's value made from monthly or quarterly figures: the rule and the cells. */
  derivedFrom: string | null;
  /** The month's or quarter's figures stored for this region, item and year. */
  periods: { period: string; kind: '当月' | '本季' | '累计' | '期末'; value: number; sheet: string; cell: string; batch: number }[];
  replaced: { value: number; batch: number | null; file: string | null; sheet: string | null; cell: string | null; enteredBy: string | null }[];
}

/** Where an evaluated value comes from: the value stored for the region, or each figure its formula reads. */
export interface ValueExplanationDto {
  series: string;
  seriesName: string;
  formula: string | null;
  parts: { series: string; seriesName: string; year: number; source: ProvenanceDto | null; note: string | null }[];
}

export interface RegionTargetDto {
  plan: string;
  seq: string;
  name: string;
  region: string;
  regionName: string;
  target: string;
  setBy: string | null;
  setAt: string;
}

/** A row of a plan's main table as the 目标分解 form offers it. */
export interface TargetRowDto {
  seq: string;
  name: string;
  unit: string;
  /** The plan's own target, as written. */
  target: string;
  /** An absolute quantity: a region below the plan's is 不适用 on it until the bureau sets the region's own target. */
  needsOwnTarget: boolean;
}

/** A row of a plan as `pwb plan import --json` lists it (DESIGN.md "Plans made by the bureau"). */
export interface PlanImportRowDto {
  seq: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  growth: string;
  attribute: string | null;
  category: string | null;
  indicator: string;
  match: 'existing' | 'new';
  targetKind: string;
  /** Close names of known indicators that the bureau may choose instead of a new indicator. */
  candidates?: string[];
  /** The same candidates with their codes and units, for the app's choice. */
  candidateIndicators?: { code: string; name: string; unit: string }[];
  /** A new indicator computed by a formula: its value on the stored data in the latest year that has one. */
  preview?: { year: number; value: number | null; unit: string };
  /** The formula of a new indicator computed from items, as given. */
  formula?: string;
  /** A row with a target per part (城市/农村): the series each part is measured on. */
  parts?: { label: string; indicator: string; match: 'existing' | 'new' }[];
}

/** The bureau's decision on one row of the main table (1-based position): an existing indicator, or a formula. */
export interface PlanRowChoice {
  position: number;
  indicator?: string;
  formula?: string;
  direction?: 'increase' | 'decrease';
}

export interface PlanImportProblemDto {
  severity: 'error' | 'warning';
  /** 1-based row and column in the table as read; 0 for the table or file as a whole. */
  row: number;
  column: number;
  message: string;
}

export interface PlanImportResultDto {
  ok: boolean;
  dryRun: boolean;
  plan: { id: string; title: string; region: string; regionName: string; baseYear: number | null; targetYear: number | null; indicators: number } | null;
  rows: PlanImportRowDto[];
  /** Other tables of the file (the previous plan's completion table), rows as printed. */
  tables: { title: string; kind: 'main' | 'completion'; rows: PlanImportRowDto[] }[];
  problems: PlanImportProblemDto[];
  /** Plan checks only. */
  warnings: { seq: string; message: string }[];
  /** Where the table came from: tab-text, cell-lines, pdf-text, xlsx, xls, docx or package. */
  format: string;
}

export interface PlanImportInput {
  /** A file to read; or `text`, a table pasted in the app. */
  file?: string;
  text?: string;
  region?: string;
  id?: string;
  title?: string;
  baseYear?: number;
  targetYear?: number;
  replace?: boolean;
  dryRun?: boolean;
  by?: string;
  choices?: PlanRowChoice[];
}

/** A region's year locked after its report was submitted. */
export interface YearLockDto {
  region: string;
  regionName: string;
  year: number;
  by: string;
  at: string;
  reason: string;
}

/** One entry of the audit log: a lock, an unlock, a typed value (imports are in the history). */
export interface AuditEntryDto {
  at: string;
  by: string;
  action: string;
  subject: string;
  /** The region codes in `subject`, with their names. */
  names: Record<string, string>;
  old: string | null;
  new: string | null;
  why: string | null;
  batch: number | null;
}

/** 数据: the stored values a plan uses, region × item rows and year columns, with sources, locks and 数据核验. */
export interface DataGridDto {
  plan: string;
  region: string;
  regionName: string;
  years: number[];
  /** The region, then (when asked) the regions below it. */
  regions: { code: string; name: string }[];
  items: { code: string; name: string; unit: string }[];
  cells: { region: string; series: string; year: number; value: number; origin: 'import' | 'typed' | 'derived'; source: string; by: string | null; at: string }[];
  /** More than 20,000 rows: no cells are sent; choose a region lower down. */
  tooMany: boolean;
  locked: { region: string; year: number }[];
  findings: { region: string; series: string; year: number; message: string }[];
}

/** A report as issued (签发): kept with the inputs it was made from and its SHA-256. */
export interface IssuedReportDto {
  id: number;
  plan: string;
  planTitle: string;
  region: string;
  regionName: string;
  year: number;
  kind: EvaluationKind | 'summary' | 'table';
  /** 年度监测报告, 中期评估报告 … */
  kindName: string;
  format: 'pdf' | 'docx';
  /** 文号, when given. */
  docNumber: string | null;
  by: string;
  at: string;
  appVersion: string;
  sha256: string;
  bytes: number;
}

/**
 * One difference between an issued report's inputs and today's data: a row's value, target in force or status in a
 * year, a row no longer in the plan, a paragraph of the bureau (name = its key), a sub-region's figure of the league
 * table (name = the sub-region), or the template file.
 */
export interface IssuedChangeDto {
  what: 'value' | 'target' | 'status' | 'row' | 'paragraph' | 'league' | 'template' | 'other';
  year: number | null;
  seq: string | null;
  name: string;
  issued: string | null;
  now: string | null;
}

export interface PlanChangeDto {
  at: string;
  by: string;
  action: string;
  seq: string | null;
  field: string | null;
  old: string | null;
  new: string | null;
  why: string | null;
}

export interface JobStatus {
  job: string;
  state: 'running' | 'done' | 'failed';
  /** Rows read so far. */
  rows: number;
  result: ImportResultDto | null;
  error: WireError | null;
}

/** At most this many regions answer one `regions.search` (a longer text narrows them). */
export const MAX_REGION_MATCHES = 50;

export interface Api {
  'plans.list': { input: void; output: PlanSummary[] };
  'plans.show': { input: { id: string }; output: Plan & { warnings: PlanWarning[] } };
  'regions.list': { input: void; output: Region[] };
  /** A region and every region under it (a plan's region, for the 地区 choice), parents first. */
  'regions.within': { input: { code: string }; output: Region[] };
  /** Regions of the whole country by a part of their name or the start of their code, best first, with the names above each. */
  'regions.search': { input: { query: string }; output: { regions: (Region & { path: string })[]; more: boolean } };
  'evaluation.run': { input: { plan: string; region?: string; year: number; kind?: EvaluationKind }; output: EvaluationResult };
  'import.run': { input: { file: string; dryRun?: boolean; region?: string; sheet?: string; profile?: string; saveProfile?: string }; output: ImportResultDto };
  'batches.list': { input: void; output: BatchSummary[] };
  'batches.undo': { input: { batch: number }; output: UndoResultDto };
  /** A batch's values, a page at a time (by sheet, then row by row and left to right), with what each replaced and what replaced it. */
  'batches.values': { input: { batch: number; offset?: number; limit?: number }; output: BatchValuesDto };
  'observations.source': { input: { region: string; series: string; year: number }; output: ProvenanceDto | null };
  'observations.explain': { input: { region: string; series: string; year: number }; output: ValueExplanationDto };
  /** `why`: the reason for the change, kept in the audit log. */
  'observations.set': { input: { region: string; series: string; year: number; value: number; enteredBy: string; why?: string }; output: { problems: ImportProblem[] } };
  'data.grid': { input: { plan: string; region?: string; subregions?: boolean }; output: DataGridDto };
  'targets.list': { input: { plan: string }; output: RegionTargetDto[] };
  'targets.set': { input: { plan: string; seq: string; region: string; target: string; setBy: string }; output: RegionTargetDto };
  'import.start': { input: { file: string; dryRun?: boolean; region?: string; sheet?: string; profile?: string; saveProfile?: string }; output: { job: string } };
  'jobs.status': { input: { job: string }; output: JobStatus };
  'files.exportsDir': { input: void; output: { path: string } };
  'reports.write': {
    /** `checks`: append the internal annex 内部核对材料 (规划指标口径核对 and 数据核验), which is never sent upward. */
    input: { plan: string; region?: string; year: number; kind: EvaluationKind | 'summary' | 'table'; out: string; template?: string; date?: string; checks?: boolean };
    /** `date`: the date printed on the report, or null when its date line is left blank for the bureau (　　年　　月　　日). */
    output: { file: string; format: 'pdf' | 'docx'; bytes: number; date: string | null };
  };
  'reports.preview': {
    input: { plan: string; region?: string; year: number; kind: 'annual' | 'midterm' | 'final' | 'summary' | 'table'; date?: string; checks?: boolean };
    /** The PDF as base64. */
    output: { pdf: string; bytes: number; date: string | null };
  };
  /** `position`: the row's place among the evaluated rows, for rows that share table and 序号. */
  'evaluation.trend': { input: { plan: string; region?: string; table: number; seq: string; position?: number }; output: Trend };
  'reports.paragraphs': { input: { plan: string; region?: string; year: number; kind: EvaluationKind }; output: { key: string; text: string }[] };
  'reports.setParagraph': { input: { plan: string; region?: string; year: number; kind: EvaluationKind; key: string; text: string; by: string }; output: { key: string } };
  'export.evaluation': { input: { plan: string; region?: string; year: number; kind?: EvaluationKind; out: string }; output: { file: string } };
  'export.observations': { input: { region: string; includeSubregions?: boolean; out: string }; output: { file: string; rows: number } };
  'export.league': { input: { plan: string; year: number; region?: string; kind?: EvaluationKind; out: string }; output: { file: string; regions: number } };
  'template.write': { input: { plan: string; region: string; subregions?: boolean; out: string; period?: 'monthly' | 'quarterly'; year?: number }; output: { file: string; sheets: number; rows: number } };
  'targets.import': {
    input: { plan: string; file: string; setBy: string; dryRun?: boolean };
    /** `replaced`: how many of the targets replace one already set for the same region and row. */
    output: { ok: boolean; targets: number; replaced: number; problems: ImportProblem[] };
  };
  'targets.remove': { input: { plan: string; seq: string; region: string }; output: { removed: RegionTargetDto } };
  'targets.rows': { input: { plan: string }; output: TargetRowDto[] };
  'plans.import': { input: PlanImportInput; output: PlanImportResultDto };
  'plans.export': { input: { plan: string; out: string }; output: { file: string; rows: number } };
  'plans.adjust': {
    input: { plan: string; seq: string; target: string; fromYear: number; doc: string; by: string };
    output: { plan: string; seq: string; name: string; printedTarget: string; target: string; fromYear: number; doc: string };
  };
  'plans.judge': {
    input: { plan: string; region?: string; seq: string; year: number; result: 'met' | 'unmet' | 'unknown'; note: string; by: string };
    output: { plan: string; region: string; seq: string; name: string; year: number; result: 'met' | 'unmet' | 'unknown'; note: string; by: string; at: string };
  };
  'plans.remove': { input: { plan: string }; output: { plan: string; title: string } };
  'plans.changes': { input: { plan: string }; output: PlanChangeDto[] };
  /** Desktop app only: a file chosen in the system's open dialog; `path` null when the user cancelled. */
  'files.pickOpen': { input: { purpose: 'workbook' | 'plan' | 'profile' | 'template' | 'backup' }; output: { path: string | null; name: string | null } };
  /** Desktop app only: a place chosen in the system's save dialog for a file named `suggestedName`. */
  'files.pickSave': { input: { suggestedName: string }; output: { path: string | null } };
  /** Desktop app only: open a file the app wrote (打开文件), or show it in its folder (在文件夹中显示). */
  'files.show': { input: { path: string; how: 'open' | 'folder' }; output: { ok: boolean } };
  /** 签发: build the report, keep it with its inputs and hash, write it to `out`; `lock` also locks the region's year. */
  'reports.issue': {
    input: { plan: string; region?: string; year: number; kind: EvaluationKind | 'summary' | 'table'; out: string; template?: string; date?: string; by: string; docNumber?: string; lock?: boolean };
    output: IssuedReportDto & { file: string; date: string; locked: boolean };
  };
  /** The issued reports, each with how many differences today's data has from its inputs. */
  'reports.issued': { input: { plan?: string }; output: (IssuedReportDto & { changes: number })[] };
  'reports.issuedDetail': { input: { id: number }; output: IssuedReportDto & { changes: IssuedChangeDto[] } };
  /** The issued document again, byte for byte; `reproduced`: this app made the same bytes from the stored inputs. */
  'reports.reprint': { input: { id: number; out: string }; output: IssuedReportDto & { file: string; reproduced: boolean } };
  'locks.list': { input: void; output: YearLockDto[] };
  'locks.lock': { input: { region: string; year: number; by: string; reason?: string }; output: YearLockDto };
  'locks.unlock': { input: { region: string; year: number; by: string; reason: string }; output: { region: string; year: number } };
  'audit.list': { input: void; output: AuditEntryDto[] };
  'items.create': {
    input: { name: string; unit: string; aggregation: 'sum' | 'none'; nature: 'stock' | 'flow'; aliases?: string[]; by: string };
    output: { code: string; name: string; unit: string };
  };
  'database.backup': { input: { out: string }; output: { file: string; bytes: number; schemaVersion: number; integrity: 'ok' } };
  /** The open database replaced by a backup (what it replaces is kept in backups/); `lost`: what the backup lacks. */
  'database.restore': { input: { file: string }; output: { from: string; kept: string | null; schemaVersion: number; lost: string[] } };
  'evaluation.league': {
    input: { plan: string; year: number; region?: string; kind?: EvaluationKind };
    output: LeagueTable;
  };
  'plans.editRow': {
    input: { plan: string; position: number; field: PlanRowField; value: string; by: string; why?: string };
    output: { plan: string; position: number; seq: string; field: PlanRowField; old: string; value: string };
  };
  'plans.addRow': {
    input: { plan: string; after: number; seq: string; name: string; unit: string; baseline?: string; target: string; growth?: string; attribute?: '预期性' | '约束性'; by: string; why?: string };
    output: { plan: string; position: number; indicator: string; match: 'existing' | 'new' };
  };
  'plans.removeRow': { input: { plan: string; position: number; by: string; why?: string }; output: { plan: string; position: number; seq: string; name: string } };
  'plans.moveRow': { input: { plan: string; position: number; to: number; by: string; why?: string }; output: { plan: string; from: number; to: number } };
}

/** The printed fields of a plan row the bureau may correct. */
export type PlanRowField = 'target' | 'baseline' | 'name' | 'unit' | 'growth' | 'attribute' | 'seq' | 'category';

export type ApiName = keyof Api;
export type Handlers = { [K in ApiName]: (input: Api[K]['input']) => Promise<Api[K]['output']> };

export const API_NAMES: readonly ApiName[] = [
  'plans.list',
  'plans.show',
  'regions.list',
  'regions.within',
  'regions.search',
  'evaluation.run',
  'import.run',
  'batches.list',
  'batches.undo',
  'batches.values',
  'observations.source',
  'observations.explain',
  'observations.set',
  'targets.list',
  'targets.set',
  'targets.import',
  'targets.remove',
  'targets.rows',
  'template.write',
  'export.evaluation',
  'export.observations',
  'export.league',
  'import.start',
  'jobs.status',
  'files.exportsDir',
  'reports.write',
  'reports.setParagraph',
  'evaluation.trend',
  'reports.preview',
  'reports.paragraphs',
  'plans.import',
  'plans.export',
  'plans.adjust',
  'plans.judge',
  'plans.remove',
  'plans.changes',
  'evaluation.league',
  'database.backup',
  'database.restore',
  'items.create',
  'files.pickOpen',
  'files.pickSave',
  'files.show',
  'data.grid',
  'reports.issue',
  'reports.issued',
  'reports.issuedDetail',
  'reports.reprint',
  'locks.list',
  'locks.lock',
  'locks.unlock',
  'audit.list',
  'plans.editRow',
  'plans.addRow',
  'plans.removeRow',
  'plans.moveRow',
];

export const isApiName = (name: unknown): name is ApiName => typeof name === 'string' && (API_NAMES as readonly string[]).includes(name);

/** What the preload exposes to the renderer: exactly one function. */
export interface Bridge {
  call<K extends ApiName>(name: K, input: Api[K]['input']): Promise<Api[K]['output']>;
}
