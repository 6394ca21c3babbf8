/**
 * Plans as files: `pwb plan export` writes one JSON package (schema version, the plan as a template, the items and
 * indicators it uses with everything their formulas need, adjustments and judgements); `pwb plan import` of that
 * file recreates it in another database. A built-in template file (templates/plans/*.json) is such a package too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PlanImportProblemDto, PlanImportResultDto } from '../../../shared/api';
import { UserError } from '../../../shared/errors';
import { dependencies, parseFormula } from '../../../shared/formula/parser';
import { PlanTemplateSchema, describeSchemaError, type PlanTemplate } from '../../../shared/schemas/templates';
import type { Series } from '../../../shared/types';
import { parseUnit } from '../../../shared/units/units';
import { adjustmentsOf, insertAdjustment, judgementsOf, logPlanChange, upsertJudgement } from '../../db/queries/plan-changes';
import { deletePlanKeepingTargets, getPlan, insertPlan } from '../../db/queries/plans';
import { allAliases, getSeries, seriesByName, upsertSeries } from '../../db/queries/series';
import type { ReadDb, WriteDb } from '../../db/types';
import { catalogOf, invalidateContext, regionTreeOf } from '../context';
import { requirePlan } from '../evaluate';
import { planWarnings } from '../plans';
import { targetKindName } from './match-rows';
import { parseTarget } from '../../../shared/targets/grammar';
import { checkPlanId } from './plan-meta';
import { PLAN_CAPS } from './run';
import { userRegion } from './plan-region';

export const PACKAGE_FORMAT = 'pwb-plan-package';
/** A plan package holds one plan: a few hundred KB. */
const MAX_PACKAGE_BYTES = 20 * 2 ** 20;

/** A cycle among the formulas of the package's series and the database's (a → b → a), or null. */
const formulaCycle = (db: ReadDb, series: PlanPackage['series']): string[] | null => {
  const deps = new Map<string, string[]>();
  for (const s of catalogOf(db).byCode.values()) deps.set(s.code, s.formula ? dependencies(parseFormula(s.formula)).map((d) => d.code) : []);
  for (const s of series) {
    try {
      deps.set(s.code, s.formula ? dependencies(parseFormula(s.formula)).map((d) => d.code) : []);
    } catch {
      deps.set(s.code, []); // an unparsable formula is reported on its own
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (code: string): string[] | null => {
    if (state.get(code) === 'done') return null;
    if (state.get(code) === 'open') return [...path.slice(path.indexOf(code)), code];
    state.set(code, 'open');
    path.push(code);
    for (const d of deps.get(code) ?? []) {
      const found = visit(d);
      if (found) return found;
    }
    path.pop();
    state.set(code, 'done');
    return null;
  };
  for (const s of series) {
    const found = visit(s.code);
    if (found) return found;
  }
  return null;
};
export const PACKAGE_SCHEMA_VERSION = 1;

const code = z.string().regex(/^[a-z][a-z0-9_]*$/);
const SeriesSchema = z.object({
  code,
  kind: z.enum(['item', 'indicator']),
  name: z.string().min(1).max(500),
  unit: z.string().max(40),
  aggregation: z.enum(['sum', 'weighted_mean', 'none']),
  weight: code.nullable(),
  absolute: z.boolean(),
  growthRate: z.boolean(),
  inherit: z.boolean(),
  direction: z.enum(['increase', 'decrease', 'range', 'keep']).nullable(),
  formula: z.string().max(2000).nullable(),
  aliases: z.array(z.string().min(1).max(500)).max(100),
  note: z.string().max(2000).nullable(),
});
const PackageSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  schemaVersion: z.number().int(),
  exportedAt: z.string(),
  plan: PlanTemplateSchema,
  series: z.array(SeriesSchema).max(5000),
  adjustments: z.array(z.object({ table: z.number().int(), seq: z.string(), position: z.number().int(), fromYear: z.number().int(), target: z.string(), doc: z.string(), by: z.string(), at: z.string() })),
  judgements: z.array(
    z.object({ table: z.number().int(), seq: z.string(), position: z.number().int(), region: z.string(), year: z.number().int(), result: z.enum(['met', 'unmet', 'unknown']), note: z.string(), by: z.string(), at: z.string() }),
  ),
});
export type PlanPackage = z.infer<typeof PackageSchema>;

/** Every series a plan uses, with what their formulas and weights refer to, in dependency order (leaves first). */
const seriesClosure = (db: ReadDb, plan: PlanTemplate): Series[] => {
  const catalog = catalogOf(db);
  const seen = new Map<string, Series>();
  const visit = (c: string): void => {
    if (seen.has(c)) return;
    const s = catalog.get(c);
    if (s.formula) for (const d of dependencies(parseFormula(s.formula))) visit(d.code);
    if (s.weightCode) visit(s.weightCode);
    seen.set(c, s);
  };
  for (const t of plan.tables) for (const r of t.rows) {
    visit(r.indicator);
    for (const p of r.parts ?? []) {
      visit(p.indicator);
      visit(p.reference);
    }
    for (const p of r.splits ?? []) visit(p.indicator);
  }
  return [...seen.values()];
};

export const planAsTemplate = (db: ReadDb, id: string): PlanTemplate => {
  const p = requirePlan(db, id);
  return {
    id: p.id,
    templateVersion: 1,
    title: p.title,
    issuer: p.issuer,
    region: p.regionCode,
    baseYear: p.baseYear,
    targetYear: p.targetYear,
    docNumber: p.docNumber,
    issuedOn: p.issuedOn,
    schedule: p.schedule,
    source: p.source,
    tables: p.tables.map((t) => ({
      no: t.tableNo,
      kind: t.kind,
      title: t.title,
      baseYear: t.baseYear,
      targetYear: t.targetYear,
      columns: [],
      ...(t.note ? { note: t.note } : {}),
      rows: t.rows.map((r) => ({
        seq: r.seq,
        name: r.printedName,
        unit: r.unitText,
        ...(r.valueUnit !== r.unitText ? { valueUnit: r.valueUnit } : {}),
        ...(r.baselineText !== '' ? { baseline: r.baselineText } : {}),
        ...(r.targetText !== '' ? { target: r.targetText } : {}),
        ...(r.finalText !== null ? { final: r.finalText } : {}),
        ...(r.statedGrowthText !== '' ? { growth: r.statedGrowthText } : {}),
        ...(r.attribute ? { attribute: r.attribute } : {}),
        ...(r.category ? { category: r.category } : {}),
        indicator: r.indicatorCode,
        ...(r.parts.length > 0 ? { parts: r.parts.map((x) => ({ label: x.label, indicator: x.indicatorCode, reference: x.referenceCode })) } : {}),
        ...(r.splits.length > 0 ? { splits: r.splits.map((x) => ({ label: x.label, indicator: x.indicatorCode })) } : {}),
        ...(r.note ? { note: r.note } : {}),
      })),
    })),
  };
};

export const exportPlanPackage = (db: ReadDb, input: { plan: string; out: string }): { file: string; rows: number } => {
  const template = planAsTemplate(db, input.plan);
  const aliases = allAliases(db);
  const rowAt = (table: number, position: number) => template.tables.find((t) => t.no === table)!.rows[position - 1]!;
  const pkg: PlanPackage = {
    format: PACKAGE_FORMAT,
    schemaVersion: PACKAGE_SCHEMA_VERSION,
    exportedAt: new Date().toISOString(),
    plan: template,
    series: seriesClosure(db, template).map((s) => ({
      code: s.code,
      kind: s.kind,
      name: s.name,
      unit: s.unit,
      aggregation: s.aggregation,
      weight: s.weightCode,
      absolute: s.isAbsolute,
      growthRate: s.isGrowthRate,
      inherit: s.inherits,
      direction: s.direction,
      formula: s.formula,
      aliases: aliases.filter((a) => a.code === s.code && a.alias !== s.name).map((a) => a.alias),
      note: s.note,
    })),
    adjustments: adjustmentsOf(db, template.id).map((a) => ({ table: a.tableNo, seq: rowAt(a.tableNo, a.position).seq, position: a.position, fromYear: a.fromYear, target: a.targetText, doc: a.doc, by: a.madeBy, at: a.madeAt })),
    judgements: judgementsOf(db, template.id).map((j) => ({ table: j.tableNo, seq: rowAt(j.tableNo, j.position).seq, position: j.position, region: j.region, year: j.year, result: j.result, note: j.note, by: j.by, at: j.at })),
  };
  fs.mkdirSync(path.dirname(path.resolve(input.out)), { recursive: true });
  const tmp = `${input.out}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(pkg, null, 2) + '\n');
  fs.renameSync(tmp, input.out);
  return { file: input.out, rows: template.tables.reduce((n, t) => n + t.rows.length, 0) };
};

/** A package, or a bare plan template (a built-in plan file), read from JSON text; null when it is neither. */
export const parsePackage = (text: string, file: string): PlanPackage => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError('bad-plan-file', `规划包 ${path.basename(file)} 不是有效的 JSON：${(error as Error).message.slice(0, 200)} / Not valid JSON.`);
  }
  if (typeof data === 'object' && data !== null && !('format' in data) && 'tables' in data) {
    const plan = PlanTemplateSchema.safeParse(data);
    if (!plan.success) throw new UserError('bad-plan-file', `规划文件 ${path.basename(file)} 格式有误：${describeSchemaError(plan.error).slice(0, 500)} / Invalid plan file.`);
    return { format: PACKAGE_FORMAT, schemaVersion: PACKAGE_SCHEMA_VERSION, exportedAt: '', plan: plan.data, series: [], adjustments: [], judgements: [] };
  }
  const parsed = PackageSchema.safeParse(data);
  if (!parsed.success) throw new UserError('bad-plan-file', `规划包 ${path.basename(file)} 格式有误：${describeSchemaError(parsed.error).slice(0, 500)} / Invalid plan package.`);
  if (parsed.data.schemaVersion > PACKAGE_SCHEMA_VERSION) {
    throw new UserError('bad-plan-file', `规划包 ${path.basename(file)} 由更新版本的工作台导出（版本 ${parsed.data.schemaVersion}），请升级程序。 / The package is from a newer version.`);
  }
  return parsed.data;
};

class Rollback extends Error {}

export const importPlanPackage = (
  db: WriteDb,
  file: string,
  input: { region?: string; id?: string; title?: string; replace?: boolean; dryRun?: boolean; by?: string },
): PlanImportResultDto => {
  if (fs.statSync(file).size > MAX_PACKAGE_BYTES) {
    throw new UserError('bad-plan-file', `规划包 ${path.basename(file)} 超过 ${MAX_PACKAGE_BYTES / 2 ** 20} MB，不是一份规划。 / The package is larger than a plan.`);
  }
  let pkg = parsePackage(fs.readFileSync(file, 'utf8'), file);
  const problems: PlanImportProblemDto[] = [];
  const error = (message: string) => problems.push({ severity: 'error', row: 0, column: 0, message });
  if (!(pkg.plan.targetYear > pkg.plan.baseYear)) error(`规划包的目标年（${pkg.plan.targetYear}）应晚于基期年（${pkg.plan.baseYear}）。 / The target year must follow the base year.`);
  if (pkg.plan.title.length > 200) error('规划标题超过200字。 / The title is longer than 200 characters.');
  const rowCount = pkg.plan.tables.reduce((n, t) => n + t.rows.length, 0);
  if (pkg.plan.tables.length > PLAN_CAPS.tables || rowCount > PLAN_CAPS.rows) {
    error(`规划包有${pkg.plan.tables.length}张表、${rowCount}行，超过一份规划的上限（${PLAN_CAPS.tables}张表、${PLAN_CAPS.rows}行）。 / The package is larger than a plan.`);
  }
  for (const t of pkg.plan.tables) for (const r of t.rows) {
    if (r.name.length > PLAN_CAPS.name) error(`第${r.seq}项的名称超过${PLAN_CAPS.name}字。 / A name is too long.`);
  }
  const cycle = formulaCycle(db, pkg.series);
  if (cycle) error(`规划包中的公式循环引用：${cycle.join(' → ')}。 / The formulas refer to each other in a cycle: ${cycle.join(' → ')}.`);
  const plan: PlanTemplate = { ...pkg.plan, ...(input.id ? { id: input.id } : {}), ...(input.title ? { title: input.title } : {}) };
  if (input.region !== undefined) plan.region = userRegion(db, input.region).code;
  const region = regionTreeOf(db).regions.get(plan.region);
  if (!region) error(`规划包的地区代码“${plan.region}”不在行政区划中。 / Unknown region ${plan.region}.`);
  const idProblem = checkPlanId(plan.id);
  if (idProblem) error(idProblem);
  const existing = getPlan(db, plan.id);
  if (existing?.builtIn) error(`“${plan.id}”是内置规划，不能替换，请用 --id 另取编号。 / "${plan.id}" is built in; choose another --id.`);
  else if (existing && !input.replace) error(`规划“${plan.id}”已存在（${existing.title}）；要替换请加 --replace。 / Plan "${plan.id}" exists; use --replace.`);
  // A series the package defines but this database's catalogue already has under the same name and unit (a
  // package made before the catalogue had it) is the catalogue's: one definition per indicator.
  const sameAs = new Map<string, string>();
  for (const s of pkg.series) {
    if (getSeries(db, s.code) || s.formula || pkg.series.some((x) => x.formula?.includes(s.code))) continue;
    const named = seriesByName(db, s.name).filter((x) => x.unit === s.unit && x.kind === s.kind);
    if (named.length === 1) sameAs.set(s.code, named[0]!.code);
  }
  if (sameAs.size > 0) {
    pkg = { ...pkg, series: pkg.series.filter((s) => !sameAs.has(s.code)) };
    const to = (code: string): string => sameAs.get(code) ?? code;
    plan.tables = plan.tables.map((t) => ({
      ...t,
      rows: t.rows.map((r) => ({
        ...r,
        indicator: to(r.indicator),
        ...(r.parts ? { parts: r.parts.map((x) => ({ ...x, indicator: to(x.indicator), reference: to(x.reference) })) } : {}),
        ...(r.splits ? { splits: r.splits.map((x) => ({ ...x, indicator: to(x.indicator) })) } : {}),
      })),
    }));
  }
  // Series: those the database lacks are created; one it has must agree on its unit.
  const packaged = new Map(pkg.series.map((s) => [s.code, s]));
  for (const s of pkg.series) {
    const have = getSeries(db, s.code);
    if (have && have.unit !== s.unit) error(`指标或统计项 ${s.code}（${s.name}）在本库中单位为“${have.unit}”，规划包中为“${s.unit}”。 / Unit differs for ${s.code}.`);
    try {
      parseUnit(s.unit);
      if (s.formula) parseFormula(s.formula);
    } catch (e) {
      error(`规划包中 ${s.code} 有误：${(e as Error).message} / Invalid series ${s.code}.`);
    }
  }
  for (const t of plan.tables) for (const r of t.rows) {
    if (!packaged.has(r.indicator) && !getSeries(db, r.indicator)) error(`第${r.seq}项的指标 ${r.indicator} 既不在规划包中也不在本库中。 / Unknown indicator ${r.indicator}.`);
  }
  const main = plan.tables.find((t) => t.kind === 'main') ?? plan.tables[0]!;
  const rowsOf = (t: PlanTemplate['tables'][number]) =>
    t.rows.map((r) => ({
      seq: r.seq,
      name: r.name,
      unit: r.unit,
      baseline: r.baseline ?? '',
      target: r.target ?? '',
      growth: r.growth ?? '',
      attribute: r.attribute ?? null,
      category: r.category ?? null,
      indicator: r.indicator,
      match: (getSeries(db, r.indicator) ? 'existing' : 'new') as 'existing' | 'new',
      targetKind: targetKindName(parseTarget(r.target ?? '')),
    }));
  const result = (ok: boolean, warnings: { seq: string; message: string }[]): PlanImportResultDto => ({
    ok,
    dryRun: input.dryRun ?? false,
    plan: { id: plan.id, title: plan.title, region: plan.region, regionName: region?.name ?? '', baseYear: plan.baseYear, targetYear: plan.targetYear, indicators: main.rows.length },
    rows: rowsOf(main),
    tables: plan.tables.filter((t) => t !== main).map((t) => ({ title: t.title, kind: t.kind, rows: rowsOf(t) })),
    problems,
    warnings,
    format: 'package',
  });
  if (problems.length > 0) return result(false, []);
  let warnings: { seq: string; message: string }[] = [];
  const by = input.by ?? '本单位';
  try {
    db.transaction(() => {
      if (existing) deletePlanKeepingTargets(db, plan.id);
      const missing = pkg.series.filter((s) => !getSeries(db, s.code));
      const asSeries = (s: PlanPackage['series'][number]): Series => ({
        code: s.code, kind: s.kind, name: s.name, unit: s.unit, aggregation: s.aggregation, weightCode: s.weight, isAbsolute: s.absolute,
        isGrowthRate: s.growthRate, inherits: s.inherit, direction: s.direction, formula: s.formula, note: s.note,
      });
      for (const s of missing) upsertSeries(db, { ...asSeries(s), weightCode: null, aggregation: s.aggregation === 'weighted_mean' ? 'none' : s.aggregation }, s.aliases);
      for (const s of missing) if (s.weight) upsertSeries(db, asSeries(s), []);
      insertPlan(db, plan, [], { builtIn: false, createdBy: by });
      const positionOf = (table: number, seq: string, position: number): number => {
        const rows = plan.tables.find((t) => t.no === table)?.rows ?? [];
        return rows[position - 1]?.seq === seq ? position : rows.findIndex((r) => r.seq === seq) + 1;
      };
      for (const a of pkg.adjustments) {
        const position = positionOf(a.table, a.seq, a.position);
        if (position > 0) insertAdjustment(db, plan.id, { tableNo: a.table, position, fromYear: a.fromYear, targetText: a.target, doc: a.doc, madeBy: a.by, madeAt: a.at });
      }
      for (const j of pkg.judgements) {
        const position = positionOf(j.table, j.seq, j.position);
        if (position > 0 && regionTreeOf(db).regions.has(j.region)) upsertJudgement(db, plan.id, { tableNo: j.table, position, region: j.region, year: j.year, result: j.result, note: j.note, by: j.by, at: j.at });
      }
      logPlanChange(db, { planId: plan.id, at: new Date().toISOString(), by, action: existing ? 'replace' : 'import', seq: null, field: null, old: existing?.title ?? null, new: plan.title, why: path.basename(file) });
      invalidateContext(db);
      warnings = planWarnings(db, getPlan(db, plan.id)!).map((w) => ({ seq: w.seq, message: w.message }));
      if (input.dryRun) throw new Rollback();
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    invalidateContext(db);
  }
  return result(true, warnings);
};
