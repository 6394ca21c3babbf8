/**
 * The `pwb` command line against a temporary database: `plans --json` and `evaluate --json` in the field names
 * of DESIGN.md, every kind of user error (non-zero exit, a Chinese-and-English message, nothing written), and
 * the built binary run once end to end.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files';

import { pwb } from '../helpers/cli';

/** Every row of every table of a database file, and the files beside it, to prove that a failed command wrote nothing. */
const snapshot = (file: string): string => {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    const content = tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]);
    const files = fs.readdirSync(path.dirname(file)).filter((f) => !/-(wal|shm|journal)$/.test(f)).sort();
    return JSON.stringify({ content, files });
  } finally {
    db.close();
  }
};

const HAN = /[\u4e00-\u9fff]/u;
const ENGLISH = /[A-Za-z]{3,} [A-Za-z]{2,}/u;

describe('pwb plans --json', () => {
  let plans: Record<string, unknown>[];

  beforeAll(async () => {
    const run = await pwb(['plans', '--json'], path.join(tempDir(), 'plans.sqlite'));
    expect(run.code).toBe(0);
    plans = JSON.parse(run.out) as Record<string, unknown>[];
  });

  it('lists the four built-in plans with their regions and main-table row counts', () => {
    const byId = Object.fromEntries(plans.map((p) => [p.id, [p.region, p.indicators]]));
    expect(byId).toEqual({
      guizhou: ['520000', 13],
      chuxiong: ['532300', 21],
      chengde: ['130800', 14],
      dazhou: ['511700', 18],
    });
  });

  it('gives every plan the fields of DESIGN.md with their types', () => {
    for (const p of plans) {
      expect(p).toMatchObject({ id: expect.any(String), title: expect.any(String), region: expect.any(String), indicators: expect.any(Number) });
      expect(Array.isArray(p.warnings)).toBe(true);
      for (const w of p.warnings as unknown[]) expect(w).toMatchObject({ seq: expect.any(String), message: expect.any(String) });
    }
  });

  it('titles each plan as the seed does', () => {
    expect(Object.fromEntries(plans.map((p) => [p.id, p.title]))).toEqual({
      guizhou: '贵州省“十四五”民政事业发展规划',
      chuxiong: '楚雄州民政事业发展“十四五”规划',
      chengde: '承德市民政事业发展“十四五”规划',
      dazhou: '达州市“十四五”民政事业发展规划',
    });
  });

  it('carries the plan-check warnings: rows 15, 8, 9, 10 of Chuxiong, none elsewhere', () => {
    const seqs = Object.fromEntries(plans.map((p) => [p.id, (p.warnings as { seq: string }[]).map((w) => w.seq).sort()]));
    expect(seqs).toEqual({ guizhou: [], chuxiong: ['10', '15', '15', '8', '9'], chengde: [], dazhou: [] });
  });
});

describe('pwb evaluate --plan chuxiong --year 2023 --json on an empty database', () => {
  // Targets and printed baselines of 表2, transcribed from seeds/001.
  const TARGETS = [
    '不低于居民上年度人均消费支出增速', '75%', '≥1.3倍', '100%', '＞30平方米', '1450人', '1.8‰', '80%', '15%', '100%', '50%',
    '100%', '100%', '100%', '60%', '≥55%', '60%', '100%', '100%', '90%', '100%',
  ];
  const BASELINES = [null, 60, 1.3, 95, null, 1200, 1.5, null, 10.1, null, null, null, 100, 100, 70, null, null, null, null, null, null];
  const NUMBER_FIELDS = ['baseline', 'value', 'completion', 'requiredCagr', 'actualCagr'] as const;
  const ROW_FIELDS = ['seq', 'name', 'unit', 'attribute', 'baseline', 'target', 'value', 'completion', 'status', 'requiredCagr', 'actualCagr', 'paceClass', 'change', 'source'];
  let result: Record<string, unknown>;
  let rows: Record<string, unknown>[];

  beforeAll(async () => {
    const run = await pwb(['evaluate', '--plan', 'chuxiong', '--year', '2023', '--json'], path.join(tempDir(), 'eval.sqlite'));
    expect(run.code).toBe(0);
    result = JSON.parse(run.out) as Record<string, unknown>;
    rows = result.rows as Record<string, unknown>[];
  });

  it('evaluates the plan region in 2023 as the mid-term, at time progress 0.6', () => {
    expect(result).toMatchObject({ plan: 'chuxiong', region: '532300', year: 2023, kind: 'midterm', timeProgress: 0.6 });
  });

  it('gives the 21 rows of 表2 in printed order, every one 缺数', () => {
    expect(rows.map((r) => [r.seq, r.status])).toEqual(TARGETS.map((_, i) => [String(i + 1), '缺数']));
    expect(result.summary).toEqual({ 缺数: 21 });
  });

  it('gives every row the fields of DESIGN.md', () => {
    for (const r of rows) expect(Object.keys(r)).toEqual(expect.arrayContaining(ROW_FIELDS));
  });

  it('writes every number as a JSON number or null, never as a string', () => {
    for (const r of rows) for (const f of NUMBER_FIELDS) expect(r[f] === null || typeof r[f] === 'number', `${String(r.seq)}.${f}`).toBe(true);
  });

  it('shows each target exactly as written in the plan', () => {
    expect(rows.map((r) => r.target)).toEqual(TARGETS);
  });

  it('shows the printed baselines as numbers in the plan\'s unit, and null where the plan prints "-"', () => {
    expect(rows.map((r) => r.baseline)).toEqual(BASELINES);
  });

  it('has no value, completion, actual growth, change or source without data', () => {
    const filled = rows.filter((r) => r.value !== null || r.completion !== null || r.actualCagr !== null || r.change !== null || r.source !== null);
    expect(filled.map((r) => r.seq)).toEqual([]);
  });

  it('names each row as the plan prints it', () => {
    expect(rows.filter((r) => ['11', '14', '17'].includes(r.seq as string)).map((r) => r.name)).toEqual([
      '乡镇（街道）未成年人保护工作站覆盖率',
      '农村公益性公墓（骨灰堂）乡镇覆盖率',
      '乡镇（街道）范围具备综合功能的养老服务机构覆盖率',
    ]);
  });
});

describe('pwb errors', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = tempDir();
    db = path.join(dir, 'errors.sqlite');
    expect((await pwb(['plans'], db)).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'notes.xlsx'), '这不是工作簿 / not a workbook\n');
  });

  // label, arguments, texts the message must contain
  const CASES: [string, () => string[], string[]][] = [
    ['an unknown plan', () => ['evaluate', '--plan', 'nosuchplan', '--year', '2023'], ['nosuchplan']],
    ['the year 2019, before the plan period', () => ['evaluate', '--plan', 'chuxiong', '--year', '2019'], ['2019']],
    ['the year 2026, after the plan period', () => ['evaluate', '--plan', 'chuxiong', '--year', '2026'], ['2026']],
    ['an unknown region code', () => ['evaluate', '--plan', 'chuxiong', '--year', '2023', '--region', '999999'], ['999999']],
    ['a region outside the plan (承德 130800 for Chuxiong)', () => ['evaluate', '--plan', 'chuxiong', '--year', '2023', '--region', '130800'], ['130800']],
    ['a bad --kind', () => ['evaluate', '--plan', 'chuxiong', '--year', '2023', '--kind', 'weekly'], ['--kind', 'weekly']],
    ['a missing --year', () => ['evaluate', '--plan', 'chuxiong'], ['--year']],
    ['an unknown command', () => ['frobnicate'], ['frobnicate']],
    ['importing a missing file', () => ['import', path.join(dir, 'missing.xlsx')], ['missing.xlsx']],
    ['importing a text file renamed .xlsx', () => ['import', path.join(dir, 'notes.xlsx')], ['notes.xlsx']],
  ];

  it.each(CASES)('rejects %s with a non-zero exit and a Chinese-and-English message that names it', async (_label, argv, names) => {
    const run = await pwb(argv(), db);
    expect(run.code).not.toBe(0);
    expect(run.err).toMatch(HAN);
    expect(run.err).toMatch(ENGLISH);
    for (const n of names) expect(run.err).toContain(n);
  });

  it.each(CASES)('writes nothing for %s: no output and an unchanged database', async (_label, argv) => {
    const before = snapshot(db);
    const run = await pwb(argv(), db);
    expect(run.out).toBe('');
    expect(snapshot(db)).toBe(before);
  });

  it.each([
    ['an unknown command', ['frobnicate']],
    ['a missing --year', ['evaluate', '--plan', 'chuxiong']],
    ['a bad --kind', ['evaluate', '--plan', 'chuxiong', '--year', '2023', '--kind', 'weekly']],
  ])('does not create a database file for %s', async (_label, argv) => {
    const fresh = path.join(tempDir(), 'never.sqlite');
    expect((await pwb(argv, fresh)).code).not.toBe(0);
    expect(fs.existsSync(fresh)).toBe(false);
  });
});

describe('the built pwb binary', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root }); // always: a stale dist/ would test old code
  });

  it('lists the four plans as JSON from `node bin/pwb.cjs plans --json` and exits 0', () => {
    const db = path.join(tempDir(), 'bin.sqlite');
    // execFileSync throws on a non-zero exit, so reaching the parse means exit code 0.
    const stdout = execFileSync(process.execPath, [path.join(root, 'bin/pwb.cjs'), 'plans', '--json', '--db', db], { encoding: 'utf8' });
    const plans = JSON.parse(stdout) as { id: string }[];
    expect(plans.map((p) => p.id).sort()).toEqual(['chengde', 'chuxiong', 'dazhou', 'guizhou']);
  });
});
