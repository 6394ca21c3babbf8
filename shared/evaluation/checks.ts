/**
 * Plan checks: the arithmetic of a plan's own table, reported as warnings with the numbers. A stated annual
 * growth that is not the compound rate from baseline to target (compared at the printed precision, trailing zeros
 * being formatting: "3.70%" is compared at one decimal); a "增长比例" that is really a percentage-point difference;
 * a target on the wrong side of its baseline; a baseline and target printed in different units.
 */
import { parseTarget, targetUnitText, targetValue } from '../targets/grammar';
import { parseQuantity, type PrintedQuantity } from '../targets/quantity';
import type { Direction, PlanTable, PlanWarning } from '../types';
import { isRateUnit } from '../units/units';
import { roundTo } from './round';

const quantityOf = (text: string): PrintedQuantity | null => {
  const q = parseQuantity(text);
  return q && q.ok ? q.quantity : null;
};

/** Formats a number at `decimals` places without trailing noise. */
const fmt = (x: number, decimals: number): string => roundTo(x, decimals).toFixed(Math.max(0, decimals));

const isRate = (unit: string): boolean => {
  try {
    return isRateUnit(unit);
  } catch {
    return false;
  }
};

export const checkPlanTable = (table: PlanTable, directionOf: (indicatorCode: string) => Direction): PlanWarning[] => {
  const warnings: PlanWarning[] = [];
  const years = table.targetYear - table.baseYear;
  for (const row of table.rows) {
    const where = `${table.title} 第${row.seq}行“${row.name}”`;
    const warn = (check: PlanWarning['check'], message: string) =>
      warnings.push({ table: table.tableNo, seq: row.seq, check, message: `${where}：${message}` });
    const baseline = quantityOf(row.baselineText);
    const growth = quantityOf(row.statedGrowthText);
    const unit = row.valueUnit;

    if (table.kind === 'main') {
      const target = parseTarget(row.targetText);
      const t = targetValue(target);
      const direction = directionOf(row.indicatorCode);
      if (baseline && t !== null && (target.kind === 'level' || target.kind === 'compare')) {
        const b = baseline.value;
        if ((direction === 'increase' && t < b) || (direction === 'decrease' && t > b)) {
          warn(
            'wrong-side',
            `目标值${row.targetText}${direction === 'increase' ? '低于' : '高于'}基期值${row.baselineText}，而该指标以${direction === 'increase' ? '提高' : '降低'}为方向；按指标方向评价，请核实目标值。` +
              ` / The target ${row.targetText} lies on the wrong side of the baseline ${row.baselineText} for an indicator meant to ${direction === 'increase' ? 'rise' : 'fall'}.`,
          );
        }
        const tUnit = targetUnitText(target);
        if (baseline.unitText !== '' && tUnit !== '' && baseline.unitText.normalize('NFKC') !== tUnit.normalize('NFKC')) {
          warn('unit-mismatch', `基期值单位“${baseline.unitText}”与目标值单位“${tUnit}”不一致。 / Baseline and target units differ.`);
        }
        if (growth && b > 0 && t > 0) {
          const implied = ((t / b) ** (1 / years) - 1) * 100;
          const d = growth.significantDecimals;
          if (roundTo(implied, d) !== roundTo(growth.value, d)) {
            const points = (t - b) / years;
            const pointsNote =
              isRate(unit) && roundTo(points, d) === roundTo(growth.value, d)
                ? `；所写数值等于每年平均提高${fmt(points, d)}个百分点，并非复合增速`
                : '';
            warn(
              'stated-growth',
              `年均增速写为${row.statedGrowthText}，按基期值${row.baselineText}、目标值${row.targetText}计算的年均复合增速为${fmt(implied, Math.max(d, 2))}%（(${t}/${b})^(1/${years})−1）${pointsNote}。` +
                ` / Stated annual growth ${row.statedGrowthText} differs from the compound rate ${fmt(implied, Math.max(d, 2))}% implied by baseline and target.`,
            );
          }
        }
      }
    } else {
      const final = row.finalText === null ? null : quantityOf(row.finalText);
      if (baseline && final && growth && baseline.value !== 0) {
        const d = growth.significantDecimals;
        const relative = (final.value / baseline.value - 1) * 100;
        const points = final.value - baseline.value;
        if (roundTo(relative, d) !== roundTo(growth.value, d)) {
          if (isRate(unit) && roundTo(points, d) === roundTo(growth.value, d)) {
            warn(
              'growth-is-points',
              `“增长比例”写为${row.statedGrowthText}，实为百分点差（${final.numberText}−${baseline.numberText}=${fmt(points, d)}个百分点）；按增长比例计算应为${fmt(relative, 1)}%。` +
                ` / The stated growth ${row.statedGrowthText} is a percentage-point difference, not a relative change (${fmt(relative, 1)}%).`,
            );
          } else {
            warn(
              'stated-growth',
              `“增长比例”写为${row.statedGrowthText}，按${table.baseYear}年${row.baselineText}、${table.targetYear}年${row.finalText}计算应为${fmt(relative, Math.max(d, 1))}%。` +
                ` / Stated growth ${row.statedGrowthText} differs from the relative change ${fmt(relative, Math.max(d, 1))}%.`,
            );
          }
        }
      }
    }
  }
  return warnings;
};
