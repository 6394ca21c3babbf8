/**
 * Fuzzing the two parsers that read text people type: the target grammar (parseTarget never throws and prints back
 * exactly what it read) and the formula parser (only FormulaError, never another exception). Random and adversarial
 * strings from a seeded PRNG, so that a failure can be replayed; each parse is bounded in time.
 */
import { describe, expect, it } from 'vitest';
import { FormulaError, parseFormula } from '../../shared/formula/parser';
import { parseTarget, printTarget } from '../../shared/targets/grammar';

/** mulberry32: small, fast, seeded. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const TARGET_PIECES = [
  '≥', '≤', '>', '<', '>=', '<=', '＞', '＜', '≧', '不低于', '不少于', '不高于', '达到', '保持', '以上', '以下', '左右', '力争', '累计', '（', '）', '(', ')',
  '比', '较', '2020年', '提高', '增长', '下降', '个百分点', '%', '％', '‰', '元/人·月', '万人', '张', '个', '亿元', '城市：', '农村:', '；', ';', '，', '、', '-', '—', '~', '～', '至', '到',
  '0', '1', '9', '12', '100', '1.5', '.', '..', '1e999', '-0', '１２', '，', '1,234', '∞', 'NaN', ' ', '\t', '\n', '\u200b', '\ufeff', '\u0000', '😀', '\ud800', '"', "'", '\\',
];
const FORMULA_PIECES = [
  'min(', 'max(', 'abs(', 'growth(', 'sum(', '(', ')', ',', '+', '-', '*', '/', ' ', 'dibao_urban', 'x', 'a_b', '_', '1', '0', '2.5', '.', '1e5', '1e999', '9'.repeat(400),
  'A1', 'Ｘ', '（', '）', '，', '\u0000', '\n', '😀', '\ud800', '年', '%', '^', '==', '--', '-(-(', '))))', 'min()', 'sum(,)',
];

const randomString = (rand: () => number, pieces: string[], maxPieces: number): string => {
  const n = Math.floor(rand() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.7) s += pieces[Math.floor(rand() * pieces.length)]!;
    else if (r < 0.85) s += String.fromCharCode(Math.floor(rand() * 0x80));
    else s += String.fromCharCode(Math.floor(rand() * 0x10000));
  }
  return s;
};

/**
 * Strings built to hurt: very long, deeply nested, repeated separators (backtracking), huge numbers. `n` scales
 * them: the formula parser takes 100,000 characters; the target grammar is quadratic in a run of one separator
 * ('-', '至': 4,000 characters take 70–260 ms, 100,000 take 24–42 s), so it is fuzzed at 4,000 characters, which
 * is above what an import lets through (plan cells are capped at 200 characters).
 */
const adversarial = (pieces: string[], n = 1): string[] => [
  '',
  ' '.repeat(100_000 * n),
  '('.repeat(50_000 * n),
  '('.repeat(50_000 * n) + '1' + ')'.repeat(50_000 * n),
  'min('.repeat(10_000 * n) + '1' + ')'.repeat(10_000 * n),
  '-'.repeat(100_000 * n) + '1',
  '1+'.repeat(50_000 * n) + '1',
  '9'.repeat(100_000 * n),
  '1.'.repeat(20_000 * n),
  '≥'.repeat(50_000 * n) + '1',
  '城市：≥1；'.repeat(5_000 * n),
  '1-'.repeat(30_000 * n),
  '比2020年提高'.repeat(5_000 * n) + '1个百分点',
  '累计（'.repeat(10_000 * n) + '1' + '）'.repeat(10_000 * n),
  ...pieces.map((p) => p.repeat(Math.ceil(20_000 * n))),
];

const timed = <T>(f: () => T, ms: number, input: string): T => {
  const t = performance.now();
  const out = f();
  const spent = performance.now() - t;
  if (spent > ms) throw new Error(`took ${Math.round(spent)} ms on ${JSON.stringify(input.slice(0, 80))}… (${input.length} chars)`);
  return out;
};

describe('the target grammar under fuzzing', () => {
  it('never throws on 5,000 random strings, prints each back exactly, and answers each in under 250 ms', () => {
    const rand = prng(20261202);
    for (let i = 0; i < 5000; i++) {
      const text = randomString(rand, TARGET_PIECES, 12);
      const target = timed(() => parseTarget(text), 250, text);
      expect(printTarget(target), JSON.stringify(text)).toBe(text);
    }
  });

  it('never throws on adversarial strings (about 4,000 characters, deep brackets), prints each back, and answers each in under 1 s', () => {
    for (const text of adversarial(TARGET_PIECES, 0.04)) {
      const target = timed(() => parseTarget(text), 1000, text);
      expect(printTarget(target) === text, JSON.stringify(text.slice(0, 60))).toBe(true);
    }
  });
});

describe('the formula parser under fuzzing', () => {
  const parses = (text: string, ms: number): void => {
    try {
      timed(() => parseFormula(text), ms, text);
    } catch (error) {
      if (!(error instanceof FormulaError)) throw new Error(`${(error as Error).name}: ${(error as Error).message} on ${JSON.stringify(text.slice(0, 80))}`);
    }
  };

  it('throws nothing but FormulaError on 5,000 random strings, each in under 250 ms', () => {
    const rand = prng(11);
    for (let i = 0; i < 5000; i++) parses(randomString(rand, FORMULA_PIECES, 16), 250);
  });

  it('throws nothing but FormulaError on adversarial strings (nesting 50,000 deep, 100,000 characters), each in under 2 s', () => {
    for (const text of adversarial(FORMULA_PIECES)) parses(text, 2000);
  });
});

describe('a very long target text', () => {
  // Before the length cap the range search took about 30 s on this (the test's own time limit catches a regression).
  it('is read as words, however long (100,000 dashes)', () => {
    const text = '-'.repeat(100_000);
    const t = parseTarget(text);
    expect(t.kind).toBe('text');
    expect(printTarget(t)).toBe(text);
  });
});
