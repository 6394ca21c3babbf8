/**
 * `pwb plan import` and the app's 规划导入: a file or pasted text → the table as read → rows tied to indicators →
 * plan checks → stored in one transaction, or nothing at all. A dry run is the same code rolled back at the end, so
 * it shows the same rows, problems and plan checks that an import would store.
 */
import type { PlanImportInput, PlanImportProblemDto, PlanImportResultDto, PlanImportRowDto } from '../../../shared/api';
import { UserError } from '../../../shared/errors';
import { draftPlan } from '../../../shared/plan-import/draft';
import { readTextSource } from '../../../shared/plan-import/text-source';
import { shortName } from '../../../shared/text/normalize';
import { isBarePart } from '../../../shared/targets/grammar';
import type { DraftTable, PlanDraft, SourceDocument } from '../../../shared/plan-import/types';
import type { PlanTemplate } from '../../../shared/schemas/templates';
import { logPlanChange } from '../../db/queries/plan-changes';
import { deletePlanKeepingTargets, getPlan, insertPlan } from '../../db/queries/plans';
import type { WriteDb } from '../../db/types';
import { invalidateContext } from '../context';
import { planWarnings } from '../plans';
import { rowMatcher, type MatchedRow } from './match-rows';
import { planRegion } from './plan-region';
import { readPlanDocument } from './read';
import { insertNewIndicators } from './new-indicators';
import { checkPlanId, defaultPlanId, fypName, scheduleFrom } from './plan-meta';
import { applyChoices } from './choices';
import { resolverFor } from '../context';

class Rollback extends Error {}


/** What a plan's indicator table can be: a few dozen rows, names of a line or two. Past these it is not a plan. */
export const PLAN_CAPS = { tables: 20, rows: 1000, name: 500, cell: 200 } as const;

const capDraft = (draft: PlanDraft): PlanImportProblemDto[] => {
  const out: PlanImportProblemDto[] = [];
  if (draft.tables.length > PLAN_CAPS.tables) {
    out.push(wholeFile(`文件中有${draft.tables.length}张表，超过${PLAN_CAPS.tables}张，不像一份规划的指标表；请只保留指标表。 / More than ${PLAN_CAPS.tables} tables.`));
  }
  for (const t of draft.tables) {
    if (t.rows.length > PLAN_CAPS.rows) {
      out.push(wholeFile(`表“${t.caption.slice(0, 40)}”有${t.rows.length}行，超过${PLAN_CAPS.rows}行，不像一张规划指标表。 / A table has more than ${PLAN_CAPS.rows} rows.`));
      continue;
    }
    const nameCol = t.roles.indexOf('name') + 1;
    for (const r of t.rows) {
      if (r.name.length > PLAN_CAPS.name) {
        out.push({ severity: 'error', row: r.row, column: nameCol, message: `指标名称超过${PLAN_CAPS.name}字（“${r.name.slice(0, 30)}…”）。 / The name is longer than ${PLAN_CAPS.name} characters.` });
      }
      for (const [field, text] of [['基期值', r.baseline], ['目标值', r.target], ['年均增长', r.growth], ['单位', r.unit]] as const) {
        if (text !== undefined && text.length > PLAN_CAPS.cell) {
          out.push({ severity: 'error', row: r.row, column: 0, message: `第${r.seq}项的${field}超过${PLAN_CAPS.cell}字（“${text.slice(0, 30)}…”）。 / A cell is longer than ${PLAN_CAPS.cell} characters.` });
        }
      }
      if (out.length >= 50) return out;
    }
  }
  return out;
};

const rowDto = (m: MatchedRow, preview?: PlanImportRowDto['preview']): PlanImportRowDto => ({
  seq: m.draft.seq,
  name: m.draft.name,
  unit: m.draft.unit,
  baseline: m.draft.baseline ?? '',
  target: m.draft.target ?? '',
  growth: m.draft.growth ?? '',
  attribute: m.draft.attribute ?? null,
  category: m.draft.category ?? null,
  indicator: m.indicator,
  match: m.match,
  targetKind: m.targetKind,
  ...(m.candidates.length > 0 ? { candidates: m.candidates.map((c) => c.name), candidateIndicators: m.candidates } : {}),
  ...(m.newSeries?.formula ? { formula: m.newSeries.formula } : {}),
  ...(m.splits.length > 0 ? { parts: m.splits.map((x) => ({ label: x.label, indicator: x.indicator, match: x.newSeries ? ('new' as const) : ('existing' as const) })) } : {}),
  ...(preview ? { preview } : {}),
});

const templateRow = (m: MatchedRow): PlanTemplate['tables'][number]['rows'][number] => ({
  seq: m.draft.seq,
  name: m.draft.name,
  unit: m.draft.unit,
  ...(m.valueUnit !== m.draft.unit ? { valueUnit: m.valueUnit } : {}),
  ...(m.draft.baseline !== undefined ? { baseline: m.draft.baseline } : {}),
  ...(m.draft.target !== undefined ? { target: m.draft.target } : {}),
  ...(m.draft.final !== undefined ? { final: m.draft.final } : {}),
  ...(m.draft.growth !== undefined ? { growth: m.draft.growth } : {}),
  ...(m.draft.attribute !== undefined ? { attribute: m.draft.attribute } : {}),
  ...(m.draft.category !== undefined ? { category: m.draft.category } : {}),
  indicator: m.indicator,
  ...(m.splits.length > 0 ? { splits: m.splits.map((x) => ({ label: x.label, indicator: x.indicator })) } : {}),
  ...(m.draft.parentSeq !== undefined ? { note: `其中项，属第${m.draft.parentSeq}项` } : {}),
});

const failed = (format: string, problems: PlanImportProblemDto[], dryRun: boolean): PlanImportResultDto => ({
  ok: false,
  dryRun,
  plan: null,
  rows: [],
  tables: [],
  problems,
  warnings: [],
  format,
});

const wholeFile = (message: string): PlanImportProblemDto => ({ severity: 'error', row: 0, column: 0, message });

const readSource = async (input: PlanImportInput): Promise<SourceDocument> => {
  if (input.text !== undefined) return readTextSource(input.text, '粘贴的文本');
  if (input.file === undefined) throw new UserError('bad-input', '请选择规划文件或粘贴指标表。 / Give a plan file or paste its table.');
  return readPlanDocument(input.file);
};

/** Reads a plan's table and stores it (unless dry run or any error). Never half-writes. */
export const importPlanTable = async (db: WriteDb, input: PlanImportInput): Promise<PlanImportResultDto> => {
  const dryRun = input.dryRun ?? false;
  const doc = await readSource(input);
  const draft: PlanDraft = draftPlan(doc, {
    ...(input.baseYear !== undefined ? { baseYear: input.baseYear } : {}),
    ...(input.targetYear !== undefined ? { targetYear: input.targetYear } : {}),
    ...(input.title !== undefined ? { title: input.title } : {}),
  });
  const problems: PlanImportProblemDto[] = draft.problems.map((p) => ({ ...p }));
  const capped = capDraft(draft);
  if (capped.length > 0) return failed(doc.format, [...problems, ...capped], dryRun);
  const main = draft.tables.find((t) => t.kind === 'main');
  if (!main) {
    if (!problems.some((p) => p.severity === 'error')) problems.push(wholeFile('未找到规划指标表（须有“目标值”或目标年份列）。 / No indicator table with a target column was found.'));
    return failed(doc.format, problems, dryRun);
  }
  const baseYear = input.baseYear ?? draft.baseYear;
  const targetYear = input.targetYear ?? draft.targetYear;
  if (baseYear === null || targetYear === null || !(targetYear > baseYear)) {
    problems.push(wholeFile('无法确定规划期（基期年和目标年），请用 --base-year 和 --target-year 指定。 / The plan period is unknown; give --base-year and --target-year.'));
    return failed(doc.format, problems, dryRun);
  }
  let region;
  try {
    region = planRegion(db, input.region, [input.title ?? null, draft.title, draft.issuer, ...doc.paragraphs.slice(0, 5)]);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    problems.push(wholeFile(error.message));
    return failed(doc.format, problems, dryRun);
  }
  let title = input.title ?? draft.title;
  if (!title) {
    title = `${region.name}民政事业发展“${fypName(baseYear, targetYear)}”规划`;
    problems.push({ severity: 'warning', row: 0, column: 0, message: `未找到规划标题，暂定为“${title}”，可用 --title 指定。 / No title found; "${title}" is used.` });
  }
  const id = input.id ?? defaultPlanId(region.code, baseYear, targetYear);
  const idProblem = checkPlanId(id);
  if (idProblem) {
    problems.push(wholeFile(idProblem));
    return failed(doc.format, problems, dryRun);
  }
  const existing = getPlan(db, id);
  if (existing && existing.builtIn) problems.push(wholeFile(`“${id}”是内置规划，不能替换，请用 --id 另取编号。 / "${id}" is a built-in plan; choose another --id.`));
  else if (existing && !input.replace) problems.push(wholeFile(`规划“${id}”已存在（${existing.title}）；要替换请加 --replace。 / Plan "${id}" exists; use --replace.`));

  const matcher = rowMatcher(db, id);
  const matchedTables = draft.tables.map((t: DraftTable, i) => {
    const rows = t.rows.map((r, p) => {
      // A part printed as a row of its own under its whole (特困人员基本生活标准, then 城市 and 农村) is matched and
      // named as 城市特困人员基本生活标准; the row keeps its printed name.
      const parent = isBarePart(r.name) ? t.rows.slice(0, p).reverse().find((x) => !isBarePart(x.name)) : undefined;
      const m = matcher.match(parent ? { ...r, name: `${shortName(r.name)}${shortName(parent.name)}` } : r, i + 1, p + 1);
      return { ...m, draft: r };
    });
    return { table: t, no: i + 1, rows: t === main && input.choices ? applyChoices(db, rows, input.choices, problems) : rows };
  });
  for (const mt of matchedTables) {
    for (const m of mt.rows) {
      for (const note of m.notes) problems.push({ severity: 'warning', row: m.draft.row, column: 0, message: `第${m.draft.seq}项“${m.draft.name}”：${note}` });
      if (m.draft.parts && m.draft.parts.length > 0 && mt.table.kind === 'main' && m.splits.length === 0) {
        problems.push({
          severity: 'warning',
          row: m.draft.row,
          column: 0,
          message: `第${m.draft.seq}项“${m.draft.name}”按${m.draft.parts.map((p) => p.label).join('、')}分列数值，按所印文字保留，由本单位逐年判断。 / Values per part are kept as printed and judged by the bureau.`,
        });
      }
      if (m.match === 'new' && m.candidates.length > 0 && mt.table.kind === 'main') {
        problems.push({
          severity: 'warning',
          row: m.draft.row,
          column: 0,
          message: `第${m.draft.seq}项“${m.draft.name}”与已有指标名称相近（${m.candidates.map((c) => c.name).join('、')}），暂作新指标；如为同一指标请在“规划”页选择。 / Close to known indicators; kept as a new indicator.`,
        });
      }
    }
  }
  const mainRows = matchedTables[draft.tables.indexOf(main)]!.rows;
  const previews = new Map<number, PlanImportRowDto['preview']>();
  const result = (ok: boolean, warnings: { seq: string; message: string }[]): PlanImportResultDto => ({
    ok,
    dryRun,
    plan: { id, title: title!, region: region.code, regionName: region.name, baseYear, targetYear, indicators: mainRows.length },
    rows: mainRows.map((m, i) => rowDto(m, previews.get(i))),
    tables: matchedTables.filter((mt) => mt.table !== main).map((mt) => ({ title: mt.table.caption, kind: mt.table.kind, rows: mt.rows.map((m) => rowDto(m)) })),
    problems,
    warnings,
    format: doc.format,
  });
  if (problems.some((p) => p.severity === 'error')) return result(false, []);

  const template: PlanTemplate = {
    id,
    templateVersion: 1,
    title,
    issuer: draft.issuer ?? '',
    region: region.code,
    baseYear,
    targetYear,
    docNumber: draft.docNumber,
    issuedOn: null,
    schedule: scheduleFrom(draft.scheduleText, baseYear, targetYear),
    source: input.file !== undefined ? input.file.split(/[\\/]/).pop()! : '粘贴的文本',
    tables: matchedTables.map((mt) => ({
      no: mt.no,
      kind: mt.table.kind,
      title: mt.table.caption || title!,
      baseYear: mt.table.baseYear ?? baseYear,
      targetYear: mt.table.targetYear ?? targetYear,
      columns: mt.table.columns,
      rows: mt.rows.map(templateRow),
    })),
  };
  // Main table first, as the plan is evaluated on it.
  template.tables.sort((a, b) => (a.kind === b.kind ? a.no - b.no : a.kind === 'main' ? -1 : 1));
  let warnings: { seq: string; message: string }[] = [];
  const by = input.by ?? '本单位';
  try {
    db.transaction(() => {
      if (existing) deletePlanKeepingTargets(db, id);
      insertNewIndicators(db, matchedTables.flatMap((mt) => mt.rows));
      insertPlan(db, template, [], { builtIn: false, createdBy: by });
      logPlanChange(db, { planId: id, at: new Date().toISOString(), by, action: existing ? 'replace' : 'import', seq: null, field: null, old: existing?.title ?? null, new: title!, why: template.source });
      invalidateContext(db);
      warnings = planWarnings(db, getPlan(db, id)!).map((w) => ({ seq: w.seq, message: w.message }));
      // A formula's value on the stored data, so the bureau sees what it computes before saving.
      const resolver = resolverFor(db, baseYear - 2, targetYear);
      mainRows.forEach((m, i) => {
        if (!m.newSeries?.formula) return;
        for (let y = targetYear; y >= baseYear; y--) {
          const v = resolver.get(m.newSeries.code, region.code, y);
          if (v) return previews.set(i, { year: y, value: v.value, unit: m.newSeries.unit });
        }
        previews.set(i, { year: baseYear, value: null, unit: m.newSeries.unit });
      });
      if (dryRun) throw new Rollback();
    })();
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  } finally {
    invalidateContext(db);
  }
  return result(true, warnings);
};
