import { describe, expect, it } from 'vitest';
import { dependencies, FormulaError, parseFormula, printFormula } from '../../../shared/formula/parser';

const errorOf = (text: string): FormulaError => {
  try {
    parseFormula(text);
  } catch (error) {
    if (error instanceof FormulaError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
};

describe('parseFormula', () => {
  it('reads a number as a number node', () => {
    expect(parseFormula('1.5')).toEqual({ kind: 'number', value: 1.5, column: 1 });
  });

  it.each([
    ['123', 123],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['1e+2', 100],
  ])('reads the number %s as %s', (text, value) => {
    expect(parseFormula(text)).toMatchObject({ kind: 'number', value });
  });

  it('reads a code as a reference to this year', () => {
    expect(parseFormula('dibao_urban')).toEqual({ kind: 'ref', code: 'dibao_urban', offset: 0, column: 1 });
  });

  it.each([
    ['x[0]', 0],
    ['x[-1]', -1],
    ['x[-2]', -2],
    ['x[ -1 ]', -1],
    ['x[-0]', 0],
  ])('reads the year offset in %s as %s', (text, offset) => {
    expect(parseFormula(text)).toMatchObject({ kind: 'ref', code: 'x', offset });
  });

  it.each([
    ['a + b * c', 'a + b * c', '(a + (b * c))'],
    ['a * b + c', 'a * b + c', '((a * b) + c)'],
    ['a - b - c', 'a - b - c', '((a - b) - c)'],
    ['a / b / c', 'a / b / c', '((a / b) / c)'],
    ['a - (b - c)', 'a - (b - c)', '(a - (b - c))'],
    ['(a + b) * c', '(a + b) * c', '((a + b) * c)'],
    ['-a * b', '-a * b', '((-a) * b)'],
    ['a * -b', 'a * -b', '(a * (-b))'],
    ['a - -b', 'a - -b', '(a - (-b))'],
    ['--a', '-(-a)', '(-(-a))'],
  ])('gives %s the usual precedence and left associativity', (text, canonical, grouped) => {
    const group = (n: ReturnType<typeof parseFormula>): string => {
      switch (n.kind) {
        case 'number':
          return String(n.value);
        case 'ref':
          return n.code;
        case 'negate':
          return `(-${group(n.operand)})`;
        case 'binary':
          return `(${group(n.left)} ${n.op} ${group(n.right)})`;
        case 'call':
          return `${n.fn}(${n.args.map(group).join(', ')})`;
      }
    };
    const ast = parseFormula(text);
    expect(group(ast)).toBe(grouped);
    expect(printFormula(ast)).toBe(canonical);
  });

  it('reads function calls with any number of arguments', () => {
    expect(parseFormula('min(a, b, c)')).toMatchObject({
      kind: 'call',
      fn: 'min',
      args: [{ code: 'a' }, { code: 'b' }, { code: 'c' }],
    });
  });

  it.each(['min(a)', 'max(a, b)', 'abs(a - b)', 'growth(x[-1])', 'sum(a, b, c, d)'])('parses the call %s', (text) => {
    expect(printFormula(parseFormula(text))).toBe(text);
  });

  it('records the column of each operator and operand', () => {
    expect(parseFormula('a  + b')).toMatchObject({ column: 4, left: { column: 1 }, right: { column: 6 } });
  });
});

describe('parse errors', () => {
  it.each([
    ['(a + b', 7, '缺少右括号', "missing ')'"],
    ['a + b)', 6, '多余的右括号', "unexpected ')'"],
    ['', 1, '公式为空', 'empty formula'],
    ['   ', 1, '公式为空', 'empty formula'],
    ['a +', 4, '缺少运算数', 'incomplete formula'],
    ['a * * b', 5, '应是数字、代码或左括号', 'expected a number'],
    ['a b', 3, '应是运算符', 'expected an operator'],
    ['()', 2, '缺少运算数', "missing operand before ')'"],
    ['min(a,)', 7, '缺少运算数', "missing operand before ')'"],
    ['min(a b)', 7, '缺少右括号', "missing ')'"],
    ['a[1]', 3, '年份偏移只能是 0 或负整数', 'year offset must be 0 or a negative integer'],
    ['a[-1.5]', 3, '年份偏移只能是 0 或负整数', 'year offset must be 0 or a negative integer'],
    ['a[]', 3, '年份偏移', 'year offset'],
    ['a[-1', 5, '缺少右方括号', "missing ']'"],
    ['foo(x)', 1, '未知函数“foo”', "unknown function 'foo'"],
    ['1 + abs(a, b)', 5, '函数 abs 需要恰好 1 个参数', 'abs takes exactly 1 argument'],
    ['growth()', 1, '函数 growth 需要恰好 1 个参数', 'growth takes exactly 1 argument'],
    ['min()', 1, '至少需要 1 个参数', 'min takes at least 1 argument'],
    ['1.2.3', 1, '数字格式错误', 'malformed number'],
    ['x + 1e', 5, '数字格式错误', 'malformed number'],
    ['2a', 1, '数字格式错误', 'malformed number'],
    ['Dibao', 1, '小写字母', 'lowercase'],
    ['a + 低保', 5, '无法识别的字符“低”', "unexpected character '低'"],
    ['a # b', 3, '无法识别的字符“#”', "unexpected character '#'"],
    ['+a', 1, '应是数字、代码或左括号', 'expected a number'],
  ])('reports %j at column %s', (text, column, zh, en) => {
    const error = errorOf(text);
    expect(error.name).toBe('FormulaError');
    expect(error.column).toBe(column);
    expect(error.message).toContain(`公式第 ${column} 列：`);
    expect(error.message).toContain(`column ${column}: `);
    expect(error.message).toContain(zh);
    expect(error.message).toContain(en);
  });

  it('words a missing parenthesis exactly as the design says', () => {
    expect(errorOf('(a + b').message).toBe("公式第 7 列：缺少右括号 / column 7: missing ')'");
  });

  it('refuses formulas nested too deeply instead of overflowing the stack', () => {
    expect(errorOf(`${'('.repeat(500)}a${')'.repeat(500)}`).message).toContain('nested too deeply');
  });
});

describe('dependencies', () => {
  it('lists each code and offset once, in order of first use', () => {
    expect(dependencies(parseFormula('a / b[-1] + a - b[-1]'))).toEqual([
      { code: 'a', offset: 0 },
      { code: 'b', offset: -1 },
    ]);
  });

  it('adds the year before for growth of this year', () => {
    expect(dependencies(parseFormula('growth(dibao_urban)'))).toEqual([
      { code: 'dibao_urban', offset: 0 },
      { code: 'dibao_urban', offset: -1 },
    ]);
  });

  it('adds offsets -1 and -2 for growth of last year', () => {
    expect(dependencies(parseFormula('growth(consumption_urban[-1])'))).toEqual([
      { code: 'consumption_urban', offset: -1 },
      { code: 'consumption_urban', offset: -2 },
    ]);
  });

  it('reaches three years back for a growth of a growth', () => {
    expect(dependencies(parseFormula('growth(growth(x))')).map((d) => d.offset)).toEqual([0, -1, -2]);
  });

  it('lists nothing for a formula of numbers only', () => {
    expect(dependencies(parseFormula('1 + 2'))).toEqual([]);
  });
});

describe('printFormula', () => {
  it.each([
    ['a+b*c', 'a + b * c'],
    ['(a*b)+c', 'a * b + c'],
    ['((a))', 'a'],
    ['x[0]', 'x'],
    ['x[ -1 ]', 'x[-1]'],
    ['min(a,b)', 'min(a, b)'],
    ['1e3', '1000'],
    ['-(a*b)', '-(a * b)'],
    ['a/(b*c)', 'a / (b * c)'],
    ['a-(b+c)', 'a - (b + c)'],
  ])('prints %s as %s', (text, canonical) => {
    expect(printFormula(parseFormula(text))).toBe(canonical);
  });

  it.each(['a - (b - c) / -d[-2] * max(e, f, 1.5)', 'growth(x) - growth(y[-1])', '-(a + b) * (c - d)'])(
    'prints %s into text that parses back to the same AST modulo columns',
    (text) => {
      const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'column' ? undefined : v)));
      const ast = parseFormula(text);
      expect(strip(parseFormula(printFormula(ast)))).toEqual(strip(ast));
    },
  );
});
