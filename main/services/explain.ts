/**
 * Where an evaluated value comes from, for the clerk who asks "这个数从哪里来": the value stored for the region
 * itself (with its file, sheet, cell, and for a year made from months the rule and cells), or, for a computed
 * indicator, the same for each figure its formula reads; a figure the region lacks is said to be summed from its
 * sub-regions or missing.
 */
import type { ProvenanceDto } from '../../shared/api';
import { dependencies } from '../../shared/formula/parser';
import type { ReadDb } from '../db/types';
import { catalogOf, regionTreeOf } from './context';
import { provenanceOf } from './history';

export interface ValueExplanation {
  series: string;
  seriesName: string;
  /** The formula in the catalogue's words, when the value is computed (and the region has no value of its own). */
  formula: string | null;
  parts: { series: string; seriesName: string; year: number; source: ProvenanceDto | null; note: string | null }[];
}

export const explainValue = (db: ReadDb, input: { region: string; series: string; year: number }): ValueExplanation => {
  const catalog = catalogOf(db);
  const series = catalog.get(input.series);
  const own = provenanceOf(db, input);
  const noteFor = (code: string, source: ProvenanceDto | null): string | null => {
    if (source) return null;
    const s = catalog.get(code);
    const children = regionTreeOf(db).nodes.get(input.region)?.children ?? [];
    return s.aggregation !== 'none' && children.length > 0 ? '本地区未填报，由下级地区汇总' : '本地区没有该数值';
  };
  const formula = catalog.formulas.get(input.series);
  if (own || !formula) {
    return { series: series.code, seriesName: series.name, formula: null, parts: [{ series: series.code, seriesName: series.name, year: input.year, source: own, note: noteFor(series.code, own) }] };
  }
  const seen = new Set<string>();
  const parts: ValueExplanation['parts'] = [];
  for (const dep of dependencies(formula)) {
    const year = input.year + dep.offset;
    const key = `${dep.code}|${year}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const source = provenanceOf(db, { region: input.region, series: dep.code, year });
    parts.push({ series: dep.code, seriesName: catalog.get(dep.code).name, year, source, note: noteFor(dep.code, source) });
  }
  return { series: series.code, seriesName: series.name, formula: readable(series.formula ?? '', (code) => catalog.byCode.get(code)?.name ?? null), parts };
};

/** A formula in the words of the catalogue: "特困人员基本生活标准 ÷ 城市最低生活保障标准", 上年 for [-1]. */
const readable = (formula: string, nameOf: (code: string) => string | null): string =>
  formula
    .replace(/\bgrowth\(/g, '增速(')
    .replace(/\bmin\(/g, '较小者(')
    .replace(/\bmax\(/g, '较大者(')
    .replace(/([a-z][a-z0-9_]*)(\[-1\])?/g, (whole, code: string, back: string | undefined) => {
      const name = nameOf(code);
      if (!name) return whole;
      return back ? `上年${name}` : name;
    })
    .replace(/\s*\/\s*/g, ' ÷ ')
    .replace(/\s*\*\s*/g, ' × ')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
