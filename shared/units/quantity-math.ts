/**
 * Arithmetic on quantities (a value with its unit): products and quotients combine units, sums require one
 * dimension and are expressed in the left operand's unit. Separate from units.ts, which only knows units.
 */
import {
  convertValue,
  dimensionMismatch,
  divideUnits,
  multiplyUnits,
  sameDimension,
  toUnitObject,
  type Unit,
  type UnitLike,
} from './units';

export interface Quantity {
  readonly value: number;
  readonly unit: Unit;
}

export const quantity = (value: number, unit: UnitLike): Quantity => ({ value, unit: toUnitObject(unit) });

export const multiply = (a: Quantity, b: Quantity): Quantity => ({
  value: a.value * b.value,
  unit: multiplyUnits(a.unit, b.unit),
});

/** a / b; null when b is zero, so that no Infinity or NaN comes out. */
export const divide = (a: Quantity, b: Quantity): Quantity | null =>
  b.value === 0 ? null : { value: a.value / b.value, unit: divideUnits(a.unit, b.unit) };

/** `q` expressed in `unit`; throws UnitError when the dimensions differ. */
export const toUnit = (q: Quantity, unit: UnitLike): Quantity => {
  const target = toUnitObject(unit);
  return { value: convertValue(q.value, q.unit, target), unit: target };
};

const inLeftUnit = (a: Quantity, b: Quantity, verb: { zh: string; en: string }): number => {
  if (!sameDimension(a.unit, b.unit)) throw dimensionMismatch(a.unit, b.unit, verb);
  return (b.value * b.unit.factor) / a.unit.factor;
};

/** a + b in a's unit; throws UnitError naming both units when the dimensions differ. */
export const add = (a: Quantity, b: Quantity): Quantity => ({
  value: a.value + inLeftUnit(a, b, { zh: '相加', en: 'add' }),
  unit: a.unit,
});

/** a − b in a's unit; throws UnitError naming both units when the dimensions differ. */
export const subtract = (a: Quantity, b: Quantity): Quantity => ({
  value: a.value - inLeftUnit(a, b, { zh: '相减', en: 'subtract' }),
  unit: a.unit,
});

export const negate = (a: Quantity): Quantity => ({ value: -a.value, unit: a.unit });

export const absolute = (a: Quantity): Quantity => ({ value: Math.abs(a.value), unit: a.unit });

/** −1, 0 or 1 as a is less than, equal to or greater than b; throws UnitError across dimensions. */
export const compareQuantities = (a: Quantity, b: Quantity): number => {
  const bInA = inLeftUnit(a, b, { zh: '比较', en: 'compare' });
  return a.value < bInA ? -1 : a.value > bInA ? 1 : 0;
};

/** The smaller (or larger) of two quantities of one dimension, in a's unit. */
export const minimum = (a: Quantity, b: Quantity): Quantity =>
  compareQuantities(a, b) <= 0 ? a : { value: inLeftUnit(a, b, { zh: '比较', en: 'compare' }), unit: a.unit };

export const maximum = (a: Quantity, b: Quantity): Quantity =>
  compareQuantities(a, b) >= 0 ? a : { value: inLeftUnit(a, b, { zh: '比较', en: 'compare' }), unit: a.unit };
