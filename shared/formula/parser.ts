/**
 * Indicator formulas (`dibao_urban / consumption_urban[-1]`, `growth(x)`, `min(a, b)`): a tokenizer and a
 * recursive-descent parser into an AST, the inputs a formula needs, and its canonical text. No eval.
 */

export const FUNCTION_NAMES = ['min', 'max', 'abs', 'growth', 'sum'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];
export type BinaryOp = '+' | '-' | '*' | '/';

/** A formula AST node; `column` (1-based) points at the number, code, operator or function name. */
export type FormulaNode =
  | { readonly kind: 'number'; readonly value: number; readonly column: number }
  | { readonly kind: 'ref'; readonly code: string; readonly offset: number; readonly column: number }
  | { readonly kind: 'negate'; readonly operand: FormulaNode; readonly column: number }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: FormulaNode; readonly right: FormulaNode; readonly column: number }
  | { readonly kind: 'call'; readonly fn: FunctionName; readonly args: readonly FormulaNode[]; readonly column: number };

/** A formula cannot be read; `column` is 1-based. Message: `公式第 N 列：… / column N: …`. */
export class FormulaError extends Error {
  override name = 'FormulaError' as const;
  constructor(
    readonly column: number,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`公式第 ${column} 列：${zh} / column ${column}: ${en}`);
  }
}

type Punct = '+' | '-' | '*' | '/' | '(' | ')' | '[' | ']' | ',';
type Token =
  | { readonly type: 'number'; readonly value: number; readonly column: number }
  | { readonly type: 'ident'; readonly name: string; readonly column: number }
  | { readonly type: 'punct'; readonly punct: Punct; readonly column: number }
  | { readonly type: 'end'; readonly column: number };

const PUNCT = new Set<string>(['+', '-', '*', '/', '(', ')', '[', ']', ',']);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || c === '_');
const isIdentPart = (c: string | undefined): boolean => isIdentStart(c) || isDigit(c);
const isFunctionName = (name: string): name is FunctionName => (FUNCTION_NAMES as readonly string[]).includes(name);
const MAX_DEPTH = 200;

/** Splits a formula into tokens; columns count characters (code points), from 1. */
export const tokenize = (text: string): Token[] => {
  const chars = Array.from(text);
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] ?? '';
    const column = i + 1;
    if (/\s/.test(c)) {
      i += 1;
    } else if (isDigit(c)) {
      let j = i;
      while (isDigit(chars[j])) j += 1;
      if (chars[j] === '.') {
        j += 1;
        if (!isDigit(chars[j])) throw new FormulaError(column, '数字格式错误', 'malformed number');
        while (isDigit(chars[j])) j += 1;
      }
      if (chars[j] === 'e' || chars[j] === 'E') {
        j += 1;
        if (chars[j] === '+' || chars[j] === '-') j += 1;
        if (!isDigit(chars[j])) throw new FormulaError(column, '数字格式错误', 'malformed number');
        while (isDigit(chars[j])) j += 1;
      }
      if (chars[j] === '.' || isIdentPart(chars[j])) throw new FormulaError(column, '数字格式错误', 'malformed number');
      const value = Number(chars.slice(i, j).join(''));
      if (!Number.isFinite(value)) throw new FormulaError(column, '数字超出范围', 'number out of range');
      tokens.push({ type: 'number', value, column });
      i = j;
    } else if (isIdentStart(c)) {
      let j = i;
      while (isIdentPart(chars[j])) j += 1;
      tokens.push({ type: 'ident', name: chars.slice(i, j).join(''), column });
      i = j;
    } else if (PUNCT.has(c)) {
      tokens.push({ type: 'punct', punct: c as Punct, column });
      i += 1;
    } else if (c >= 'A' && c <= 'Z') {
      throw new FormulaError(column, `代码只能用小写字母、数字和下划线，不能用“${c}”`, `codes use lowercase letters, digits and '_', not '${c}'`);
    } else {
      throw new FormulaError(column, `无法识别的字符“${c}”`, `unexpected character '${c}'`);
    }
  }
  tokens.push({ type: 'end', column: chars.length + 1 });
  return tokens;
};

const tokenLabel = (t: Token): { zh: string; en: string } => {
  switch (t.type) {
    case 'end':
      return { zh: '公式结尾', en: 'end of formula' };
    case 'number':
      return { zh: `数字 ${t.value}`, en: `number ${t.value}` };
    case 'ident':
      return { zh: `“${t.name}”`, en: `'${t.name}'` };
    case 'punct':
      return { zh: `“${t.punct}”`, en: `'${t.punct}'` };
  }
};

const ARITY: Readonly<Record<FunctionName, { min: number; max: number }>> = {
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  sum: { min: 1, max: Infinity },
  abs: { min: 1, max: 1 },
  growth: { min: 1, max: 1 },
};

/** Parses a formula into its AST. Throws FormulaError with the column of the first problem. */
export const parseFormula = (text: string): FormulaNode => {
  const tokens = tokenize(text);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos] ?? { type: 'end', column: Array.from(text).length + 1 };
  const isPunct = (t: Token, p: Punct): boolean => t.type === 'punct' && t.punct === p;
  const next = (): Token => {
    const t = peek();
    pos += 1;
    return t;
  };
  const enter = (column: number): void => {
    depth += 1;
    if (depth > MAX_DEPTH) throw new FormulaError(column, '公式嵌套过深', 'formula is nested too deeply');
  };

  const expression = (): FormulaNode => {
    let left = term();
    for (let t = peek(); isPunct(t, '+') || isPunct(t, '-'); t = peek()) {
      next();
      left = { kind: 'binary', op: t.type === 'punct' && t.punct === '-' ? '-' : '+', left, right: term(), column: t.column };
    }
    return left;
  };
  const term = (): FormulaNode => {
    let left = unary();
    for (let t = peek(); isPunct(t, '*') || isPunct(t, '/'); t = peek()) {
      next();
      left = { kind: 'binary', op: t.type === 'punct' && t.punct === '/' ? '/' : '*', left, right: unary(), column: t.column };
    }
    return left;
  };
  const unary = (): FormulaNode => {
    const t = peek();
    if (!isPunct(t, '-')) return primary();
    next();
    enter(t.column);
    const operand = unary();
    depth -= 1;
    return { kind: 'negate', operand, column: t.column };
  };
  const primary = (): FormulaNode => {
    const t = next();
    if (t.type === 'number') return { kind: 'number', value: t.value, column: t.column };
    if (t.type === 'ident') return isPunct(peek(), '(') ? call(t.name, t.column) : reference(t.name, t.column);
    if (isPunct(t, '(')) {
      enter(t.column);
      const inner = expression();
      depth -= 1;
      const close = peek();
      if (!isPunct(close, ')')) throw new FormulaError(close.column, '缺少右括号', "missing ')'");
      next();
      return inner;
    }
    if (isPunct(t, ')')) throw new FormulaError(t.column, '“)”前缺少运算数', "missing operand before ')'");
    if (t.type === 'end') throw new FormulaError(t.column, '公式不完整，缺少运算数', "incomplete formula: expected a number, code or '('");
    const d = tokenLabel(t);
    throw new FormulaError(t.column, `这里应是数字、代码或左括号，而不是${d.zh}`, `expected a number, code or '(', found ${d.en}`);
  };
  const reference = (code: string, column: number): FormulaNode => {
    if (!isPunct(peek(), '[')) return { kind: 'ref', code, offset: 0, column };
    next();
    const start = peek();
    const negative = isPunct(start, '-');
    if (negative) next();
    const num = next();
    if (num.type !== 'number' || !Number.isInteger(num.value) || (!negative && num.value !== 0)) {
      throw new FormulaError(start.column, '年份偏移只能是 0 或负整数，如 [-1]', 'year offset must be 0 or a negative integer, e.g. [-1]');
    }
    const close = peek();
    if (!isPunct(close, ']')) throw new FormulaError(close.column, '缺少右方括号', "missing ']'");
    next();
    return { kind: 'ref', code, offset: negative && num.value !== 0 ? -num.value : 0, column };
  };
  const call = (name: string, column: number): FormulaNode => {
    if (!isFunctionName(name)) {
      throw new FormulaError(column, `未知函数“${name}”（可用：${FUNCTION_NAMES.join('、')}）`, `unknown function '${name}' (known: ${FUNCTION_NAMES.join(', ')})`);
    }
    next();
    enter(column);
    const args: FormulaNode[] = [];
    if (!isPunct(peek(), ')')) {
      args.push(expression());
      while (isPunct(peek(), ',')) {
        next();
        args.push(expression());
      }
    }
    const close = peek();
    if (!isPunct(close, ')')) {
      throw new FormulaError(close.column, '缺少右括号（或参数之间缺少逗号）', "missing ')' (or ',' between arguments)");
    }
    next();
    depth -= 1;
    const arity = ARITY[name];
    if (args.length < arity.min || args.length > arity.max) {
      const zh = arity.max === 1 ? `函数 ${name} 需要恰好 1 个参数` : `函数 ${name} 至少需要 ${arity.min} 个参数`;
      const en = arity.max === 1 ? `${name} takes exactly 1 argument` : `${name} takes at least ${arity.min} argument`;
      throw new FormulaError(column, `${zh}，这里有 ${args.length} 个`, `${en}, got ${args.length}`);
    }
    return { kind: 'call', fn: name, args, column };
  };

  if (peek().type === 'end') throw new FormulaError(1, '公式为空', 'empty formula');
  const ast = expression();
  const rest = peek();
  if (rest.type !== 'end') {
    if (isPunct(rest, ')')) throw new FormulaError(rest.column, '多余的右括号', "unexpected ')'");
    const d = tokenLabel(rest);
    throw new FormulaError(rest.column, `这里应是运算符（+ - * /），而不是${d.zh}`, `expected an operator (+ - * /), found ${d.en}`);
  }
  return ast;
};

/** The inputs a formula reads, each (code, year offset) once, in order of first use; growth(x) also reads x one year earlier. */
export const dependencies = (ast: FormulaNode): { code: string; offset: number }[] => {
  const seen = new Map<string, { code: string; offset: number }>();
  const walk = (node: FormulaNode, shift: number): void => {
    switch (node.kind) {
      case 'number':
        return;
      case 'ref': {
        const offset = node.offset + shift;
        const key = `${node.code}[${offset}]`;
        if (!seen.has(key)) seen.set(key, { code: node.code, offset });
        return;
      }
      case 'negate':
        return walk(node.operand, shift);
      case 'binary':
        walk(node.left, shift);
        return walk(node.right, shift);
      case 'call':
        for (const arg of node.args) {
          walk(arg, shift);
          if (node.fn === 'growth') walk(arg, shift - 1);
        }
        return;
    }
  };
  walk(ast, 0);
  return [...seen.values()];
};

const PRECEDENCE: Readonly<Record<BinaryOp, number>> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/** Canonical text: single spaces around + - * /, `, ` between arguments, no [0], only the parentheses needed. */
export const printFormula = (ast: FormulaNode): string => {
  const print = (node: FormulaNode): string => {
    switch (node.kind) {
      case 'number':
        return String(node.value);
      case 'ref':
        return node.offset === 0 ? node.code : `${node.code}[${node.offset}]`;
      case 'negate':
        return node.operand.kind === 'binary' || node.operand.kind === 'negate' ? `-(${print(node.operand)})` : `-${print(node.operand)}`;
      case 'call':
        return `${node.fn}(${node.args.map(print).join(', ')})`;
      case 'binary': {
        const prec = PRECEDENCE[node.op];
        const side = (child: FormulaNode, right: boolean): string => {
          const wrap = child.kind === 'binary' && (PRECEDENCE[child.op] < prec || (right && PRECEDENCE[child.op] === prec));
          return wrap ? `(${print(child)})` : print(child);
        };
        return `${side(node.left, false)} ${node.op} ${side(node.right, true)}`;
      }
    }
  };
  return print(ast);
};
