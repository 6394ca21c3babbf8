/**
 * Evaluates a parsed formula with unit-checked quantity arithmetic, and checks at start-up that a template's
 * formula can produce its indicator's unit. Missing inputs and division by zero give null, never NaN.
 */
import {
  absolute,
  add,
  divide,
  maximum,
  minimum,
  multiply,
  negate,
  quantity,
  subtract,
  type Quantity,
} from '../units/quantity-math';
import {
  DIMENSIONLESS,
  convertValue,
  dimensionMismatch,
  divideUnits,
  multiplyUnits,
  sameDimension,
  tidy,
  toUnitObject,
  unitLabel,
  UnitError,
  type Unit,
  type UnitLike,
} from '../units/units';
import type { FormulaNode } from './parser';

/** Looks up an input: the value of `code` at year offset `offset` (0 = the data year, -1 = the year before), or null. */
export type Resolve = (code: string, offset: number) => Quantity | null;

const withColumn = (column: number, error: UnitError): UnitError =>
  new UnitError(`公式第 ${column} 列：${error.zh}`, `column ${column}: ${error.en}`);

/** Runs `f`; a UnitError it throws is re-thrown with the formula column in front. */
const at = <T>(column: number, f: () => T): T => {
  try {
    return f();
  } catch (error) {
    if (error instanceof UnitError) throw withColumn(column, error);
    throw error;
  }
};

const finite = (q: Quantity | null): Quantity | null => (q !== null && Number.isFinite(q.value) ? q : null);

const growthOf = (current: Quantity, previous: Quantity): Quantity | null => {
  const ratio = divide(current, previous);
  return ratio && quantity(convertValue(ratio.value, ratio.unit, DIMENSIONLESS) - 1, DIMENSIONLESS);
};

const evaluateNode = (node: FormulaNode, resolve: Resolve, shift: number): Quantity | null => {
  switch (node.kind) {
    case 'number':
      return quantity(node.value, DIMENSIONLESS);
    case 'ref':
      return finite(resolve(node.code, node.offset + shift));
    case 'negate': {
      const operand = evaluateNode(node.operand, resolve, shift);
      return operand && negate(operand);
    }
    case 'binary': {
      const left = evaluateNode(node.left, resolve, shift);
      const right = evaluateNode(node.right, resolve, shift);
      if (left === null || right === null) return null;
      const result =
        node.op === '+'
          ? at(node.column, () => add(left, right))
          : node.op === '-'
            ? at(node.column, () => subtract(left, right))
            : node.op === '*'
              ? multiply(left, right)
              : divide(left, right);
      return finite(result);
    }
    case 'call': {
      if (node.fn === 'growth') {
        const arg = node.args[0];
        const current = arg ? evaluateNode(arg, resolve, shift) : null;
        const previous = arg ? evaluateNode(arg, resolve, shift - 1) : null;
        if (current === null || previous === null) return null;
        return finite(at(node.column, () => growthOf(current, previous)));
      }
      const args = node.args.map((arg) => evaluateNode(arg, resolve, shift));
      const known = args.filter((q): q is Quantity => q !== null);
      const first = known[0];
      if (first === undefined || known.length !== args.length) return null;
      const rest = known.slice(1);
      switch (node.fn) {
        case 'abs':
          return absolute(first);
        case 'min':
          return at(node.column, () => rest.reduce(minimum, first));
        case 'max':
          return at(node.column, () => rest.reduce(maximum, first));
        case 'sum':
          return finite(at(node.column, () => rest.reduce(add, first)));
      }
    }
  }
};

const resultMismatch = (result: Unit, out: Unit): UnitError => {
  const a = unitLabel(result);
  const b = unitLabel(out);
  return new UnitError(
    `公式结果的单位 ${a.zh} 与指标单位 ${b.zh} 量纲不同，无法换算`,
    `the formula yields ${a.en}, which cannot be expressed in ${b.en}`,
  );
};

/**
 * The formula's value in `outUnit`, or null when an input it needs is missing or a divisor is zero.
 * Throws UnitError (with the formula column) when units cannot be added, compared or converted to `outUnit`.
 */
export const evaluateFormula = (ast: FormulaNode, resolve: Resolve, outUnit: UnitLike): number | null => {
  const out = toUnitObject(outUnit);
  const result = evaluateNode(ast, resolve, 0);
  if (result === null) return null;
  if (!sameDimension(result.unit, out)) throw resultMismatch(result.unit, out);
  const value = tidy((result.value * result.unit.factor) / out.factor);
  return Number.isFinite(value) ? value : null;
};

const sameDims = (units: readonly Unit[], column: number, verb: { zh: string; en: string }): Unit => {
  const [first, ...rest] = units;
  if (first === undefined) return DIMENSIONLESS;
  for (const u of rest) if (!sameDimension(first, u)) throw withColumn(column, dimensionMismatch(first, u, verb));
  return first;
};

/** The unit a formula yields given its inputs' units, without any values; throws UnitError where units clash. */
export const inferFormulaUnit = (ast: FormulaNode, unitOf: (code: string) => UnitLike): Unit => {
  const infer = (node: FormulaNode): Unit => {
    switch (node.kind) {
      case 'number':
        return DIMENSIONLESS;
      case 'ref':
        return toUnitObject(unitOf(node.code));
      case 'negate':
        return infer(node.operand);
      case 'binary': {
        const left = infer(node.left);
        const right = infer(node.right);
        if (node.op === '*') return multiplyUnits(left, right);
        if (node.op === '/') return divideUnits(left, right);
        const verb = node.op === '+' ? { zh: '相加', en: 'add' } : { zh: '相减', en: 'subtract' };
        return sameDims([left, right], node.column, verb);
      }
      case 'call': {
        const args = node.args.map(infer);
        if (node.fn === 'growth') return DIMENSIONLESS;
        const verb = node.fn === 'sum' ? { zh: '相加', en: 'add' } : { zh: '比较', en: 'compare' };
        return sameDims(args, node.column, verb);
      }
    }
  };
  return infer(ast);
};

/** Throws UnitError unless the formula, with inputs in the units `unitOf` gives, can be expressed in `outUnit`. */
export const checkFormulaUnits = (ast: FormulaNode, unitOf: (code: string) => UnitLike, outUnit: UnitLike): void => {
  const out = toUnitObject(outUnit);
  const result = inferFormulaUnit(ast, unitOf);
  if (!sameDimension(result, out)) throw resultMismatch(result, out);
};
