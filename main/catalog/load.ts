/**
 * Loads and checks the bundled templates: regions, the catalogue of items and indicators, and the plan templates.
 * Every unit must parse, every formula must parse and produce its indicator's unit, every plan row must name a
 * known indicator whose unit converts to the row's unit. A mistake names the file and the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors';
import { dependencies, parseFormula } from '../../shared/formula/parser';
import { checkFormulaUnits } from '../../shared/formula/evaluate';
import {
  CatalogFileSchema,
  PlanTemplateSchema,
  RegionAliasesFileSchema,
  describeSchemaError,
  type CatalogFile,
  type PlanTemplate,
} from '../../shared/schemas/templates';
import { parseQuantity } from '../../shared/targets/quantity';
import { parseUnit, sameDimension } from '../../shared/units/units';
import { readDivisions, type Division } from './divisions';
import { templatesDir } from './paths';
import type { z } from 'zod';

export interface BuiltIns {
  regions: Division[];
  catalog: CatalogFile;
  plans: PlanTemplate[];
  /** A fingerprint of the files, so a database installs them once per change. */
  fingerprint: string;
}

const invalid = (file: string, where: string, message: string): UserError =>
  new UserError('template-invalid', `模板 ${file} 有误（${where}）：${message} / Template ${file} is invalid at ${where}: ${message}`);

const readJson = <T>(file: string, schema: z.ZodType<T>): { value: T; text: string } => {
  const text = fs.readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(path.basename(file), 'JSON', (error as Error).message);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw invalid(path.basename(file), 'schema', describeSchemaError(parsed.error));
  return { value: parsed.data, text };
};

export const checkCatalog = (catalog: CatalogFile, file = 'catalog/series.json'): void => {
  const units = new Map<string, string>();
  const all = [...catalog.items, ...catalog.indicators];
  for (const s of all) {
    if (units.has(s.code)) throw invalid(file, s.code, '代码重复 / duplicate code');
    try {
      parseUnit(s.unit);
    } catch (error) {
      throw invalid(file, `${s.code}.unit`, (error as Error).message);
    }
    units.set(s.code, s.unit);
  }
  for (const item of catalog.items) {
    if (item.inherit && item.aggregation !== 'none') throw invalid(file, `${item.code}.inherit`, '继承上级的值时不能再汇总下级 / an inherited series cannot also aggregate');
  }
  for (const s of all) {
    if (s.weight && !units.has(s.weight)) throw invalid(file, `${s.code}.weight`, `未知代码 ${s.weight} / unknown code`);
  }
  for (const item of catalog.items) {
    if (!item.within) continue;
    if (!units.has(item.within)) throw invalid(file, `${item.code}.within`, `未知代码 ${item.within} / unknown code`);
    if (units.get(item.within) !== item.unit && !sameDimension(parseUnit(units.get(item.within)!), parseUnit(item.unit))) {
      throw invalid(file, `${item.code}.within`, `部分与整体单位不同 / a part and its whole differ in unit`);
    }
  }
  for (const ind of catalog.indicators) {
    if (!ind.formula) continue;
    try {
      const ast = parseFormula(ind.formula);
      for (const dep of dependencies(ast)) {
        if (!units.has(dep.code)) throw new Error(`未知代码 ${dep.code} / unknown code ${dep.code}`);
        if (dep.code === ind.code) throw new Error('公式引用自身 / formula refers to itself');
      }
      checkFormulaUnits(ast, (c) => units.get(c)!, ind.unit);
    } catch (error) {
      throw invalid(file, `${ind.code}.formula`, (error as Error).message);
    }
  }
};

export const checkPlan = (plan: PlanTemplate, catalog: CatalogFile, regionCodes: Set<string>, file: string): void => {
  const indicatorUnits = new Map(catalog.indicators.map((i) => [i.code, i.unit]));
  const seriesUnits = new Map([...catalog.items, ...catalog.indicators].map((s) => [s.code, s.unit]));
  if (!regionCodes.has(plan.region)) throw invalid(file, 'region', `未知行政区划 ${plan.region} / unknown region`);
  for (const table of plan.tables) {
    table.rows.forEach((row, i) => {
      const where = `tables[${table.no}].rows[${i}] (${row.seq} ${row.name})`;
      const unit = indicatorUnits.get(row.indicator);
      if (!unit) throw invalid(file, where, `未知指标 ${row.indicator} / unknown indicator`);
      const valueUnit = row.valueUnit ?? row.unit;
      try {
        if (!sameDimension(parseUnit(unit), parseUnit(valueUnit))) throw new Error(`${unit} ≠ ${valueUnit}`);
      } catch (error) {
        throw invalid(file, `${where}.valueUnit`, (error as Error).message);
      }
      for (const field of ['baseline', 'final', 'growth'] as const) {
        const text = row[field];
        const q = text === undefined ? null : parseQuantity(text);
        if (q && !q.ok) throw invalid(file, `${where}.${field}`, q.message);
      }
      for (const part of row.parts ?? []) {
        const pu = seriesUnits.get(part.indicator);
        const ru = seriesUnits.get(part.reference);
        if (!pu || !ru) throw invalid(file, `${where}.parts`, `未知代码 / unknown code ${part.indicator}, ${part.reference}`);
        if (!sameDimension(parseUnit(pu), parseUnit(ru))) throw invalid(file, `${where}.parts`, `${pu} ≠ ${ru}`);
      }
    });
  }
};

let cached: BuiltIns | null = null;

/** Reads and checks templates/ once per process. */
export const loadBuiltIns = (): BuiltIns => {
  if (cached) return cached;
  const dir = templatesDir();
  const aliases = readJson(path.join(dir, 'catalog', 'region-aliases.json'), RegionAliasesFileSchema);
  const regions = readDivisions(path.join(dir, 'catalog'), aliases.value.aliases);
  const catalog = readJson(path.join(dir, 'catalog', 'series.json'), CatalogFileSchema);
  checkCatalog(catalog.value);
  const codes = new Set(regions.map((r) => r.code));
  for (const code of Object.keys(aliases.value.aliases)) {
    if (!codes.has(code)) throw invalid('catalog/region-aliases.json', code, '未知行政区划代码 / unknown region code');
  }
  const planFiles = fs.readdirSync(path.join(dir, 'plans')).filter((f) => f.endsWith('.json')).sort();
  const plans = planFiles.map((f) => {
    const plan = readJson(path.join(dir, 'plans', f), PlanTemplateSchema);
    checkPlan(plan.value, catalog.value, codes, `plans/${f}`);
    return plan;
  });
  cached = { regions, catalog: catalog.value, plans: plans.map((p) => p.value), fingerprint: builtInsFingerprint() };
  return cached;
};

const fingerprintOf = (texts: readonly string[]): string => texts.reduce((h, text) => fnv1a(text, h), 0x811c9dc5).toString(16);

let catalogOnly: CatalogFile | null = null;

/** The built-in catalogue alone (series.json, read and checked against its schema), without the division tree. */
export const builtInCatalog = (): CatalogFile => {
  if (cached) return cached.catalog;
  return (catalogOnly ??= readJson(path.join(templatesDir(), 'catalog', 'series.json'), CatalogFileSchema).value);
};

let fingerprinted: string | null = null;

/**
 * The built-ins' fingerprint, from the files' text alone (about 20 ms, against 300 ms to read and check them): a
 * database whose built-ins are current is opened without reading the templates.
 */
export const builtInsFingerprint = (): string => {
  if (cached) return cached.fingerprint;
  if (fingerprinted) return fingerprinted;
  const dir = templatesDir();
  const read = (...parts: string[]) => fs.readFileSync(path.join(dir, ...parts), 'utf8');
  const planFiles = fs.readdirSync(path.join(dir, 'plans')).filter((f) => f.endsWith('.json')).sort();
  fingerprinted = fingerprintOf([read('catalog', 'divisions.tsv'), read('catalog', 'region-aliases.json'), read('catalog', 'series.json'), ...planFiles.map((f) => read('plans', f))]);
  return fingerprinted;
};

const fnv1a = (text: string, seed: number): number => {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
};
