/**
 * 数据核验 of stored values: the rules and outlier checks an import applies (main/services/import/validate.ts), run on
 * the values a plan's evaluation of a region uses, for the region and the regions below it, over the plan's years up
 * to the report's. Each finding names the region, the year and the numbers that break the rule; the report prints
 * them in its internal annex, never as a refusal.
 */
import type { ReadDb } from '../db/types';
import { catalogOf, regionTreeOf } from './context';
import { requirePlan, seriesOfPlan } from './evaluate';
import { checkRules, outOfRange } from './import/validate';
import type { ParsedObservation } from './import/types';

/** At most this many findings (the import caps its warnings alike); the count of the rest is said. */
const MAX_FINDINGS = 60;

export interface DataCheckFinding {
  region: string;
  regionName: string;
  year: number;
  /** The item whose value broke the rule (the part, of a part above its whole). */
  series: string;
  message: string;
}

export const dataChecks = (db: ReadDb, input: { plan: string; region: string; year: number }): { findings: DataCheckFinding[]; more: number } => {
  const plan = requirePlan(db, input.plan);
  const { regions, nodes } = regionTreeOf(db);
  const catalog = catalogOf(db);
  const series = [...seriesOfPlan(db, plan)].filter((code) => catalog.byCode.get(code)?.kind === 'item');
  const covered = [input.region, ...(nodes.get(input.region)?.children ?? [])];
  const stmt = db.prepare<[string, string, number, number], { year: number; value: number }>(
    'SELECT year, value FROM observation WHERE region_code = ? AND series_code = ? AND year BETWEEN ? AND ? ORDER BY year',
  );
  const observations: ParsedObservation[] = [];
  for (const region of covered) {
    for (const code of series) {
      for (const r of stmt.all(region, code, plan.baseYear, input.year)) {
        // No sheet: the checks say the year instead of a cell; the cell field carries the value's region, year and item back.
        observations.push({ regionCode: region, seriesCode: code, year: r.year, value: r.value, sheet: '', cell: `${region}@${r.year}@${code}`, sourceUnit: null, factor: 1 });
      }
    }
  }
  const problems = [...outOfRange(observations, (code) => catalog.get(code)), ...checkRules(db, observations, [])];
  const findings: DataCheckFinding[] = [];
  const seen = new Set<string>();
  for (const p of problems) {
    const text = p.message.split(' / ')[0]!;
    if (seen.has(text)) continue;
    seen.add(text);
    const [region = input.region, year = String(input.year), item = ''] = p.cell.split('@');
    const regionName = regions.get(region)?.name ?? region;
    findings.push({ region, regionName, year: Number(year), series: item, message: text.startsWith(regionName) ? text : `${regionName}：${text}` });
  }
  findings.sort((a, b) => a.year - b.year || covered.indexOf(a.region) - covered.indexOf(b.region));
  return { findings: findings.slice(0, MAX_FINDINGS), more: Math.max(0, findings.length - MAX_FINDINGS) };
};
