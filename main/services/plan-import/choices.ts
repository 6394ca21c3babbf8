/**
 * The bureau's decisions on the rows of an imported plan, as the app asks them: take an existing indicator instead
 * of a new one (a close name), or define the new indicator by a formula over items, checked for units. A decision
 * that does not fit is a problem of its row, never applied half.
 */
import type { PlanImportProblemDto, PlanRowChoice } from '../../../shared/api';
import { checkFormulaUnits } from '../../../shared/formula/evaluate';
import { dependencies, parseFormula } from '../../../shared/formula/parser';
import { printedUnitFits, rowValueUnit } from '../../../shared/units/units';
import type { ReadDb } from '../../db/types';
import { catalogOf } from '../context';
import type { MatchedRow } from './match-rows';

export const applyChoices = (db: ReadDb, rows: MatchedRow[], choices: PlanRowChoice[], problems: PlanImportProblemDto[]): MatchedRow[] => {
  const catalog = catalogOf(db);
  const out = [...rows];
  for (const c of choices) {
    const m = out[c.position - 1];
    const at = (message: string) => problems.push({ severity: 'error', row: m?.draft.row ?? 0, column: 0, message });
    if (!m) {
      at(`没有第${c.position}行指标。 / There is no row ${c.position}.`);
      continue;
    }
    if (c.indicator !== undefined) {
      const s = catalog.byCode.get(c.indicator);
      if (!s || s.kind !== 'indicator') {
        at(`第${m.draft.seq}项选择的指标“${c.indicator}”不存在。 / Unknown indicator ${c.indicator}.`);
        continue;
      }
      if (!printedUnitFits(m.draft.unit, s.unit)) {
        at(`第${m.draft.seq}项的单位“${m.draft.unit}”与指标“${s.name}”的单位“${s.unit}”不能换算。 / The row's unit does not fit ${s.code}.`);
        continue;
      }
      const valueUnit = rowValueUnit(m.draft.unit, s.unit);
      out[c.position - 1] = { ...m, indicator: s.code, match: 'existing', newSeries: null, candidates: [], valueUnit };
      continue;
    }
    if (m.newSeries === null) {
      if (c.formula !== undefined || c.direction !== undefined) at(`第${m.draft.seq}项已对应已有指标，不能另设公式或方向。 / Row ${m.draft.seq} uses an existing indicator.`);
      continue;
    }
    let formula = m.newSeries.formula;
    if (c.formula !== undefined && c.formula.trim() !== '') {
      try {
        const ast = parseFormula(c.formula);
        for (const d of dependencies(ast)) {
          if (!catalog.byCode.has(d.code)) throw new Error(`未知代码 ${d.code} / unknown code ${d.code}`);
        }
        checkFormulaUnits(ast, (code) => catalog.units.get(code)!, m.newSeries.unit);
        formula = c.formula.trim();
      } catch (error) {
        at(`第${m.draft.seq}项的公式“${c.formula.slice(0, 100)}”有误：${(error as Error).message}`);
        continue;
      }
    }
    out[c.position - 1] = {
      ...m,
      newSeries: { ...m.newSeries, formula, direction: c.direction ?? m.newSeries.direction, ...(formula ? { aggregation: 'none' as const } : {}) },
    };
  }
  return out;
};
