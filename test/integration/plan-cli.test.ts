/**
 * `pwb plan …` and the database file as DESIGN.md fixes them for scripts: the JSON of `plan import`, exit codes,
 * nothing written on any error, `plans --json` with baseYear, targetYear and builtIn, and a --db that is refused
 * (a missing folder, another program's SQLite file) left exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pwb } from '../helpers/cli';
import { sha256, tempDir } from '../helpers/files';

const FIXTURE = path.resolve('test/fixtures/plans/plan-15th.txt');


describe('pwb plan import --json', () => {
  it('prints ok, dryRun, plan, rows, problems and warnings in the fields of DESIGN.md', async () => {
    const db = path.join(tempDir(), 'w.sqlite');
    const run = await pwb(['plan', 'import', FIXTURE, '--json', '--dry-run'], db);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.out);
    expect(r).toMatchObject({ ok: true, dryRun: true, plan: { id: 'p532322-2025-2030', title: '双柏县民政事业发展“十五五”规划', region: '532322', baseYear: 2025, targetYear: 2030, indicators: 12 } });
    for (const row of r.rows) {
      expect(row).toMatchObject({ seq: expect.any(String), name: expect.any(String), unit: expect.any(String), baseline: expect.any(String), target: expect.any(String), growth: expect.any(String), indicator: expect.any(String), targetKind: expect.any(String) });
      expect(['existing', 'new']).toContain(row.match);
      if (row.candidates) expect(row.match).toBe('new');
    }
    for (const p of r.problems) expect(p).toMatchObject({ severity: expect.stringMatching(/^(error|warning)$/), row: expect.any(Number), column: expect.any(Number), message: expect.any(String) });
    expect(Array.isArray(r.warnings)).toBe(true);
    const plans = JSON.parse((await pwb(['plans', '--json'], db)).out) as { id: string }[];
    expect(plans.map((p) => p.id)).not.toContain('p532322-2025-2030');
  });

  it('stores the plan, lists it with baseYear, targetYear and builtIn, and refuses it again without --replace, writing nothing', async () => {
    const db = path.join(tempDir(), 'w.sqlite');
    expect((await pwb(['plan', 'import', FIXTURE, '--json'], db)).code).toBe(0);
    const plans = JSON.parse((await pwb(['plans', '--json'], db)).out) as Record<string, unknown>[];
    expect(plans.find((p) => p.id === 'p532322-2025-2030')).toMatchObject({ baseYear: 2025, targetYear: 2030, builtIn: false, region: '532322', indicators: 12 });
    expect(plans.find((p) => p.id === 'chuxiong')).toMatchObject({ baseYear: 2020, targetYear: 2025, builtIn: true });
    const before = sha256(db);
    const again = await pwb(['plan', 'import', FIXTURE, '--json'], db);
    expect(again.code).not.toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ ok: false });
    expect(again.err).toMatch(/已存在.*--replace/);
    expect(sha256(db)).toBe(before);
  });

  it('takes --id, --title, --region and the period, and refuses an id that is not lower-case ASCII', async () => {
    const db = path.join(tempDir(), 'w.sqlite');
    const run = await pwb(['plan', 'import', FIXTURE, '--id', 'shuangbai-15', '--title', '双柏县“十五五”民政规划', '--region', '双柏县', '--json'], db);
    expect(JSON.parse(run.out).plan).toMatchObject({ id: 'shuangbai-15', title: '双柏县“十五五”民政规划', region: '532322' });
    const bad = await pwb(['plan', 'import', FIXTURE, '--id', 'Shuang Bai', '--json'], db);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).problems[0].message).toMatch(/小写/);
  });

  it('adjusts, judges, exports, removes with --yes only, and lists the changes', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'w.sqlite');
    await pwb(['plan', 'import', FIXTURE], db);
    const id = 'p532322-2025-2030';
    expect((await pwb(['plan', 'adjust', '--plan', id, '--seq', '1', '--target', '1000', '--from-year', '2028', '--doc', '双民发〔2028〕2号', '--by', '王五'], db)).code).toBe(0);
    expect((await pwb(['plan', 'judge', '--plan', id, '--seq', '7', '--year', '2026', '--result', 'met', '--note', '已建成', '--by', '王五'], db)).code).toBe(0);
    const bad = await pwb(['plan', 'judge', '--plan', id, '--seq', '7', '--year', '2026', '--result', 'yes', '--note', 'x', '--by', '王五'], db);
    expect([bad.code, bad.err]).toEqual([1, expect.stringMatching(/met.*unmet.*unknown/)]);
    const e = JSON.parse((await pwb(['evaluate', '--plan', id, '--year', '2026', '--json'], db)).out);
    expect(e.rows.find((r: { seq: string }) => r.seq === '7')).toMatchObject({ status: '提前实现', judgement: { result: 'met', by: '王五' } });
    const out = path.join(dir, 'plan.json');
    expect((await pwb(['plan', 'export', '--plan', id, '--out', out], db)).code).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(pkg).toMatchObject({ format: 'pwb-plan-package', schemaVersion: 1, plan: { id }, adjustments: [{ seq: '1', target: '1000', fromYear: 2028 }], judgements: [{ seq: '7', year: 2026, result: 'met' }] });
    expect(pkg.series.some((s: { code: string }) => s.code === 'dibao_urban')).toBe(true);
    expect((await pwb(['plan', 'remove', '--plan', id], db)).code).toBe(1);
    expect((await pwb(['plan', 'remove', '--plan', id, '--yes'], db)).code).toBe(0);
    const log = JSON.parse((await pwb(['plan', 'changes', '--plan', id, '--json'], db)).out) as { action: string }[];
    expect(log.map((c) => c.action)).toEqual(['import', 'adjust', 'judge', 'remove']);
    const other = path.join(tempDir(), 'other.sqlite');
    const imported = JSON.parse((await pwb(['plan', 'import', out, '--json'], other)).out);
    expect(imported).toMatchObject({ ok: true, format: 'package', plan: { id, indicators: 12 } });
  });
});

describe('the database file', () => {
  it('creates a new database when the file does not exist and its folder does, and says so on stderr', async () => {
    const db = path.join(tempDir(), 'new.sqlite');
    const run = await pwb(['plans', '--json'], db);
    expect(run.code).toBe(0);
    expect(run.err).toContain(db);
    expect(fs.readdirSync(path.dirname(db)).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect((await pwb(['plans', '--json'], db)).err).toBe('');
  });

  it('refuses an explicit --db in a folder that does not exist, and creates nothing', async () => {
    const dir = path.join(tempDir(), 'missing');
    const run = await pwb(['plans'], path.join(dir, 'w.sqlite'));
    expect(run.code).toBe(1);
    expect(run.err).toContain(dir);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("refuses another program's SQLite file and leaves it byte for byte", async () => {
    const file = path.join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (\'x\');');
    other.close();
    const before = sha256(file);
    const run = await pwb(['plans'], file);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/其他程序的 SQLite 数据库/);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['other.db']);
  });
});
