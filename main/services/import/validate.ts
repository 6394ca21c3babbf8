/**
 * Checks an import's values against the rules declared with the items (templates/catalog/series.json) and against
 * what is stored, before anything is written: a part never exceeds its whole (护理型床位数 ≤ 养老机构床位总数,
 * 其中：低保金 ≤ 资金支出), and a count does not jump more than tenfold from the year before (a unit slip: 万 and 个).
 * Warnings with the numbers and cells that break the rule, never refusals.
 */
import type { Problem } from '../../../shared/errors';
import type { ReadDb } from '../../db/types';
import { loadBuiltIns } from '../../catalog/load';
import { catalogOf } from '../context';
import type { ParsedObservation } from './types';

/** A count that moves more than this factor from one year to the next is questioned. */
export const JUMP_FACTOR = 10;
const MAX_WARNINGS = 100;

const num = (x: number): string => String(Number(x.toPrecision(12)));

export const checkRules = (db: ReadDb, annual: ParsedObservation[], periods: ParsedObservation[]): Problem[] => {
  const catalog = catalogOf(db);
  const wholeOf = new Map(loadBuiltIns().catalog.items.filter((i) => i.within).map((i) => [i.code, i.within!]));
  const problems: Problem[] = [];
  const storedAnnual = db.prepare<[string, string, number], { value: number }>('SELECT value FROM observation WHERE region_code = ? AND series_code = ? AND year = ?');
  const storedPeriod = db.prepare<[string, string, string, string], { value: number }>(
    'SELECT value FROM period_observation WHERE region_code = ? AND series_code = ? AND period = ? AND kind = ?',
  );
  const when = (o: ParsedObservation): string => (o.period ? `${o.period}|${o.periodKind}` : String(o.year));
  const read = new Map<string, ParsedObservation>();
  for (const o of [...annual, ...periods]) read.set(`${o.regionCode}|${o.seriesCode}|${when(o)}`, o);
  const valueOf = (o: ParsedObservation, code: string): { value: number; where: string } | null => {
    const fresh = read.get(`${o.regionCode}|${code}|${when(o)}`);
    if (fresh) return { value: fresh.value, where: `“${fresh.sheet}”!${fresh.cell}` };
    const stored = o.period ? storedPeriod.get(o.regionCode, code, o.period, o.periodKind!) : storedAnnual.get(o.regionCode, code, o.year);
    return stored ? { value: stored.value, where: '已保存' } : null;
  };
  const checked = new Set<string>();
  for (const o of read.values()) {
    if (problems.length >= MAX_WARNINGS) break;
    // The part is checked once, whichever of the two was read.
    const pairs = [
      ...(wholeOf.has(o.seriesCode) ? [[o.seriesCode, wholeOf.get(o.seriesCode)!] as const] : []),
      ...[...wholeOf].filter(([, whole]) => whole === o.seriesCode),
    ];
    for (const [part, whole] of pairs) {
      const key = `${o.regionCode}|${part}|${whole}|${when(o)}`;
      if (checked.has(key)) continue;
      checked.add(key);
      const p = part === o.seriesCode ? { value: o.value, where: `“${o.sheet}”!${o.cell}` } : valueOf(o, part);
      const w = whole === o.seriesCode ? { value: o.value, where: `“${o.sheet}”!${o.cell}` } : valueOf(o, whole);
      if (!p || !w || p.value <= w.value * (1 + 1e-9)) continue;
      const at = read.get(`${o.regionCode}|${part}|${when(o)}`) ?? o;
      problems.push({
        severity: 'warning',
        sheet: at.sheet,
        cell: at.cell,
        message: `${catalog.get(part).name}（${num(p.value)}，${p.where}）大于${catalog.get(whole).name}（${num(w.value)}，${w.where}），部分不应超过整体，请核对 / a part exceeds its whole`,
      });
    }
  }
  for (const o of annual) {
    if (problems.length >= MAX_WARNINGS) break;
    const series = catalog.get(o.seriesCode);
    if (series.kind !== 'item' || series.aggregation !== 'sum' || o.value <= 0) continue;
    const before = read.get(`${o.regionCode}|${o.seriesCode}|${o.year - 1}`)?.value ?? storedAnnual.get(o.regionCode, o.seriesCode, o.year - 1)?.value;
    if (before === undefined || before <= 0) continue;
    const ratio = o.value / before;
    if (ratio > JUMP_FACTOR || ratio < 1 / JUMP_FACTOR) {
      problems.push({
        severity: 'warning',
        sheet: o.sheet,
        cell: o.cell,
        message: `${series.name}${o.year}年为${num(o.value)}${series.unit}，${o.year - 1}年为${num(before)}${series.unit}，${ratio > 1 ? `增至约${num(Math.round(ratio))}倍` : `降至约1/${num(Math.round(1 / ratio))}`}，请核对数值和单位 / changed more than ${JUMP_FACTOR}-fold from the year before`,
      });
    }
  }
  return problems;
};
