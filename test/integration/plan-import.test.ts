/**
 * Plans made by the bureau, through the same handlers the app and the CLI call: the four seed tables rebuilt from
 * their text exactly as built in, the made-up 15th-FYP county plan from pasted text, GB18030 text, .xlsx and .docx,
 * bad tables refused with their row and column and nothing stored, and a dry run that stores nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltIns } from '../../main/catalog/load';
import { createHandlers } from '../../main/services/handlers';
import type { PlanImportResultDto } from '../../shared/api';
import { freshDb, tempDir } from '../helpers/files';

const SEEDS = process.env.PWB_SEEDS ?? path.resolve('../shared/seeds');
const seedFile = (prefix: string): string | null => {
  if (!fs.existsSync(SEEDS)) return null;
  const f = fs.readdirSync(SEEDS).find((x) => x.startsWith(prefix) && x.endsWith('.txt'));
  return f ? path.join(SEEDS, f) : null;
};
const FIXTURES = path.resolve('test/fixtures/plans');

const countPlans = (h: ReturnType<typeof createHandlers>) => h['plans.list']().then((l) => l.length);

const fields = ['seq', 'name', 'unit', 'baseline', 'target', 'growth', 'attribute'] as const;

describe('the four seed tables, read from their text, are the built-in plans row for row', () => {
  const cases = [
    ['chuxiong', '001'],
    ['chengde', '002'],
    ['dazhou', '003'],
    ['guizhou', '004'],
  ] as const;
  it.each(cases)('%s from seed %s: same seq, name, unit, baseline, target, growth, attribute, order and indicators', async (id, seed) => {
    const file = seedFile(seed);
    if (file === null) return; // the seeds live beside the repository (../shared/seeds); CI has them
    const { db } = freshDb();
    const h = createHandlers(db);
    const r = await h['plans.import']({ file, id: `seed-${id}` });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    const built = loadBuiltIns().plans.find((p) => p.id === id)!;
    const mine = await h['plans.show']({ id: `seed-${id}` });
    const builtIn = await h['plans.show']({ id });
    expect(mine.regionCode).toBe(built.region);
    expect([mine.baseYear, mine.targetYear]).toEqual([built.baseYear, built.targetYear]);
    expect(mine.title).toBe(built.title);
    for (const table of built.tables) {
      const read = mine.tables.find((t) => t.kind === table.kind)!;
      const stored = builtIn.tables.find((t) => t.kind === table.kind)!;
      expect(read.rows.map((row) => [row.seq, row.printedName, row.unitText, row.baselineText, row.targetText, row.statedGrowthText, row.attribute ?? ''])).toEqual(
        table.rows.map((row) => fields.map((f) => (f === 'name' ? row.name : (row[f] ?? '')))),
      );
      // Every row of the main table is tied to the same indicator as the built-in plan.
      if (table.kind === 'main') expect(read.rows.map((row) => row.indicatorCode)).toEqual(stored.rows.map((row) => row.indicatorCode));
    }
    // The plan checks are the built-in plan's.
    expect(r.warnings.map((w) => w.seq)).toEqual((await h['plans.list']()).find((p) => p.id === id)!.warnings.map((w) => w.seq));
  });
});

const expectPlan15th = (r: PlanImportResultDto): void => {
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(r.ok).toBe(true);
  expect(r.plan).toMatchObject({ id: 'p532322-2025-2030', title: '双柏县民政事业发展“十五五”规划', region: '532322', baseYear: 2025, targetYear: 2030, indicators: 12 });
  expect(r.rows.map((x) => x.seq)).toEqual(['1', '2', '3', '4', '5', '', '6', '7', '8', '9', '10', '11']);
  const byName = new Map(r.rows.map((x) => [x.name, x]));
  expect(byName.get('临时救助人次')).toMatchObject({ target: '[1200]', targetKind: 'cumulative', unit: '人次', match: 'new' });
  expect(byName.get('老年人能力评估人数')).toMatchObject({ target: '〔5000〕', targetKind: 'cumulative' });
  expect(byName.get('节地生态安葬人数')).toMatchObject({ target: '累计1200', targetKind: 'cumulative', unit: '人' });
  expect(byName.get('县级区域养老服务中心建设')).toMatchObject({ target: '基本实现', targetKind: 'qualitative' });
  expect(byName.get('婚姻登记合格率')).toMatchObject({ target: '保持稳定', targetKind: 'keep' });
  expect(byName.get('困难群众救助帮扶覆盖率')).toMatchObject({ target: '全覆盖', targetKind: 'level' });
  expect(byName.get('其中：护理型床位占比')).toMatchObject({ match: 'existing', indicator: 'nursing_bed_share', baseline: '52', target: '≥55' });
  // The unit printed in the name is the row's unit, and the Dazhou indicator per 10,000 people is found.
  expect(byName.get('社会组织每万人占有数量（个）')).toMatchObject({ unit: '个', match: 'existing', indicator: 'social_orgs_per_10k' });
  expect(byName.get('城市低保标准')).toMatchObject({ unit: '元/人·月', baseline: '780', target: '950', attribute: '约束性', category: '一、社会救助' });
};

describe('a 15th Five-Year Plan of a county, from what the bureau has', () => {
  it.each(['plan-15th.txt', 'plan-15th-gb18030.txt', 'plan-15th.xlsx', 'plan-15th.docx'])('reads %s: period, region from the title, every printed form of target', async (name) => {
    const { db } = freshDb();
    const h = createHandlers(db);
    const r = await h['plans.import']({ file: path.join(FIXTURES, name) });
    expectPlan15th(r);
    const plan = await h['plans.show']({ id: 'p532322-2025-2030' });
    expect(plan.builtIn).toBe(false);
    // A sheet holds the table and its title only; text and Word files also carry the 文号 and the schedule.
    if (!name.endsWith('.xlsx')) {
      expect(plan.docNumber).toBe('双民发〔2026〕3号');
      expect(plan.schedule.midterm).toBe(2028);
    }
    // Every row has its columns (the 其中 row keeps its empty 序号 cell); the row with a target per part is
    // measured on a series per part.
    expect(r.problems.filter((p) => /单元格/.test(p.message))).toEqual([]);
    expect(r.rows.find((x) => x.seq === '2')).toMatchObject({
      targetKind: 'parts',
      parts: [{ label: '城市', match: 'new' }, { label: '农村', match: 'new' }],
    });
  });

  it('stores nothing on a dry run, and the same rows as a real import', async () => {
    const { db } = freshDb();
    const h = createHandlers(db);
    const before = await countPlans(h);
    const dry = await h['plans.import']({ file: path.join(FIXTURES, 'plan-15th.txt'), dryRun: true });
    expectPlan15th(dry);
    expect(dry.dryRun).toBe(true);
    expect(await countPlans(h)).toBe(before);
    expect(db.prepare("SELECT count(*) AS n FROM series WHERE code LIKE 'u\\_%' ESCAPE '\\'").get()).toEqual({ n: 0 });
    const real = await h['plans.import']({ file: path.join(FIXTURES, 'plan-15th.txt') });
    expect(real.rows).toEqual(dry.rows);
    expect(await countPlans(h)).toBe(before + 1);
  });

  it('refuses an id that exists without replace, and a built-in id always', async () => {
    const { db } = freshDb();
    const h = createHandlers(db);
    const file = path.join(FIXTURES, 'plan-15th.txt');
    expect((await h['plans.import']({ file })).ok).toBe(true);
    const again = await h['plans.import']({ file });
    expect(again.ok).toBe(false);
    expect(again.problems.find((p) => p.severity === 'error')!.message).toContain('已存在');
    expect((await h['plans.import']({ file, replace: true })).ok).toBe(true);
    const builtIn = await h['plans.import']({ file, id: 'chuxiong', replace: true });
    expect(builtIn.ok).toBe(false);
    expect(builtIn.problems.find((p) => p.severity === 'error')!.message).toContain('内置规划');
    expect((await h['plans.show']({ id: 'chuxiong' })).title).toBe('楚雄州民政事业发展“十四五”规划');
  });

  it('imports values for a new indicator by the name the plan prints, at once', async () => {
    const { db } = freshDb();
    const h = createHandlers(db);
    await h['plans.import']({ file: path.join(FIXTURES, 'plan-15th.txt') });
    const dir = tempDir();
    const { writeWorkbook, longSheet } = await import('../helpers/files');
    const book = await writeWorkbook(path.join(dir, '双柏县2026.xlsx'), [
      { name: '2026年', rows: longSheet('地区：双柏县', [2026], [['临时救助人次', '人次', 260], ['孤儿基本生活保障标准', '元/人·月', 1560]]) },
    ]);
    const imported = await h['import.run']({ file: book });
    expect(imported.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const e = await h['evaluation.run']({ plan: 'p532322-2025-2030', year: 2026 });
    const row = (name: string) => e.rows.find((x) => x.name === name)!;
    expect(row('临时救助人次')).toMatchObject({ value: 260, yearValue: 260, baseline: 0, status: '基本符合预期' });
    expect(row('临时救助人次').completion).toBeCloseTo(260 / 1200, 12);
    expect(row('孤儿基本生活保障标准')).toMatchObject({ value: 1560, baseline: 1500 });
    expect(row('孤儿基本生活保障标准').completion).toBeCloseTo(60 / 300, 12);
  });
});

describe('the bureau defines what a row is computed from', () => {
  it('takes a close name the bureau chooses, and a formula over an item it defines, shown with its value first', async () => {
    const { db } = freshDb();
    const h = createHandlers(db);
    const item = await h['items.create']({ name: '县级区域养老服务中心数', unit: '个', aggregation: 'sum', nature: 'stock', by: '李四' });
    expect(item.code).toMatch(/^x_[0-9a-f]{10}$/);
    await expect(h['items.create']({ name: '县级区域养老服务中心数', unit: '个', aggregation: 'sum', nature: 'stock', by: '李四' })).rejects.toThrow(/已被/);
    await expect(h['items.create']({ name: '某比率', unit: '%', aggregation: 'sum', nature: 'stock', by: '李四' })).rejects.toThrow(/不能按下级地区相加/);
    await h['observations.set']({ region: '532322', series: '县级区域养老服务中心数', year: 2025, value: 3, enteredBy: '李四' });
    const text = [
      '双柏县民政事业发展“十五五”规划',
      '序号\t指标名称\t单位\t2025年基期值\t2030年目标值\t属性',
      '1\t县级养老服务中心数量\t个\t3\t5\t预期性',
      '2\t节地生态安葬人数\t人\t—\t累计1200\t预期性',
    ].join('\n');
    const first = await h['plans.import']({ text, dryRun: true });
    expect(first.rows[1]!.candidateIndicators?.map((c) => c.code)).toContain('eco_burial_rate');
    // A formula over a code that does not exist, or in the wrong unit, is refused at its row.
    const wrong = await h['plans.import']({ text, dryRun: true, choices: [{ position: 1, formula: 'dibao_urban' }] });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems.find((p) => p.severity === 'error')!.row).toBe(2); // the header is row 1 of the table as read
    const chosen = await h['plans.import']({ text, dryRun: true, choices: [{ position: 1, formula: item.code }] });
    expect(chosen.ok).toBe(true);
    expect(chosen.rows[0]).toMatchObject({ formula: item.code, preview: { year: 2025, value: 3, unit: '个' } });
    const saved = await h['plans.import']({ text, choices: [{ position: 1, formula: item.code }] });
    expect(saved.ok).toBe(true);
    await h['observations.set']({ region: '532322', series: '县级区域养老服务中心数', year: 2026, value: 4, enteredBy: '李四' });
    const e = await h['evaluation.run']({ plan: 'p532322-2025-2030', year: 2026 });
    expect(e.rows[0]).toMatchObject({ value: 4, baseline: 3, source: 'formula' });
    expect(e.rows[0]!.completion).toBeCloseTo(0.5, 12);
  });
});

describe('tables as a reviewer pasted them', () => {
  const title = '双柏县民政事业发展“十五五”规划';
  const paste = async (lines: string[], extra: object = {}) => createHandlers(freshDb().db)['plans.import']({ text: lines.join('\n'), dryRun: true, ...extra });

  it('keeps the columns of a row whose last cells are empty (a merged 属性 cell), never shifting values', async () => {
    const r = await paste([title, '序号\t指标名称\t单位\t2025年基期值\t2030年目标值\t年均增长\t属性', '1\t城市低保标准\t元/人·月\t780\t950\t4.0%\t约束性', '2\t孤儿基本生活保障标准\t元/人·月\t1500\t1800\t3.7%\t', '3\t养老机构床位总数\t张\t1350\t1600\t\t']);
    expect(r.rows.map((x) => [x.baseline, x.target, x.growth])).toEqual([['780', '950', '4.0%'], ['1500', '1800', '3.7%'], ['1350', '1600', '']]);
  });

  it('reads a header printed over two rows (目标值 over 2030年)', async () => {
    const r = await paste([title, '序号\t指标名称\t单位\t基期值\t目标值\t年均增长\t属性', '\t\t\t2025年\t2030年\t\t', '1\t城市低保标准\t元/人·月\t780\t950\t4.0%\t约束性']);
    expect(r.ok).toBe(true);
    expect(r.rows.map((x) => [x.name, x.baseline, x.target])).toEqual([['城市低保标准', '780', '950']]);
  });

  it('refuses a table with a header and no rows', async () => {
    const r = await paste([title, '序号\t指标名称\t单位\t2025年基期值\t2030年目标值\t属性']);
    expect(r.ok).toBe(false);
  });

  it('names parts printed as rows of their own by their whole (城市 under 特困人员基本生活标准)', async () => {
    const { db } = freshDb();
    const h = createHandlers(db);
    const text = [title, '序号\t指标名称\t单位\t2025年基期值\t2030年目标值\t属性', '1\t特困人员基本生活标准\t元/人·年\t\t\t约束性', '\t城市\t元/人·年\t9800\t11700\t约束性', '\t农村\t元/人·年\t7600\t9100\t约束性'].join('\n');
    expect((await h['plans.import']({ text })).ok).toBe(true);
    await h['observations.set']({ region: '532322', series: '城市特困人员基本生活标准', year: 2026, value: 10180, enteredBy: '张三' });
    const e = await h['evaluation.run']({ plan: 'p532322-2025-2030', year: 2026 });
    expect(e.rows[1]).toMatchObject({ printedName: '城市', value: 10180 });
    expect(e.rows[1]!.completion).toBeCloseTo(0.2, 12);
  });

  it('refuses a table larger than a plan, a name longer than a line, and a package with a formula cycle or its years reversed', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `${i + 1}\tz${i}\t个\t1\t2\t预期性`);
    const big = await paste([title, '序号\t指标名称\t单位\t2025年基期值\t2030年目标值\t属性', ...rows]);
    expect(big.ok).toBe(false);
    expect(big.problems.map((p) => p.message).join()).toMatch(/超过1000行/);
    const long = await paste([title, '序号\t指标名称\t单位\t2025年基期值\t2030年目标值\t属性', `1\t${'长'.repeat(600)}\t个\t1\t2\t预期性`]);
    expect(long.problems.find((p) => p.severity === 'error')).toMatchObject({ row: 2, column: 2 });

    const { db } = freshDb();
    const h = createHandlers(db);
    await h['plans.import']({ file: path.join(FIXTURES, 'plan-15th.txt') });
    const out = path.join(tempDir(), 'p.json');
    await h['plans.export']({ plan: 'p532322-2025-2030', out });
    const pkg = JSON.parse(fs.readFileSync(out, 'utf8'));
    const other = createHandlers(freshDb().db);
    const cyc = structuredClone(pkg);
    const s = cyc.series.find((x: { code: string }) => x.code === 'u_p532322_2025_2030_1_3');
    s.formula = `${s.code} + 1`;
    fs.writeFileSync(out, JSON.stringify(cyc));
    const r1 = await other['plans.import']({ file: out });
    expect(r1.ok).toBe(false);
    expect(r1.problems[0]!.message).toMatch(/循环引用/);
    const years = structuredClone(pkg);
    [years.plan.baseYear, years.plan.targetYear] = [2030, 2025];
    fs.writeFileSync(out, JSON.stringify(years));
    const r2 = await other['plans.import']({ file: out, dryRun: true });
    expect(r2.ok).toBe(false);
    expect(r2.problems[0]!.message).toMatch(/目标年/);
    expect((await other['plans.list']()).length).toBe(4);
  });
});

describe('bad tables are refused with the row and column, and nothing is stored', () => {
  const paste = async (text: string, extra: object = {}) => {
    const { db } = freshDb();
    const h = createHandlers(db);
    const before = await countPlans(h);
    const r = await h['plans.import']({ text, region: '532322', ...extra });
    expect(await countPlans(h)).toBe(before);
    return r;
  };
  const header = '序号\t指标名称\t单位\t2025年基期值\t2030年目标值\t属性';

  it('a table without a target column', async () => {
    const r = await paste(['序号\t指标名称\t单位\t2025年基期值\t属性', '1\t城市低保标准\t元/人·月\t780\t约束性', '2\t孤儿基本生活保障标准\t元/人·月\t1500\t约束性'].join('\n'));
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.severity === 'error' && /目标/.test(p.message))).toBe(true);
  });

  it('a row with a baseline but no name', async () => {
    const r = await paste([header, '1\t城市低保标准\t元/人·月\t780\t950\t约束性', '2\t\t元/人·月\t1500\t1800\t约束性'].join('\n'));
    expect(r.ok).toBe(false);
    const p = r.problems.find((x) => x.severity === 'error')!;
    expect([p.row, p.column]).toEqual([3, 2]);
  });

  it('a year header that contradicts the title', async () => {
    const r = await paste(['双柏县民政事业发展“十五五”规划', header.replace('2030年', '2025年').replace('2025年基期值', '2020年基期值'), '1\t城市低保标准\t元/人·月\t780\t950\t约束性', '2\t孤儿基本生活保障标准\t元/人·月\t1500\t1800\t约束性'].join('\n'));
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.severity === 'error' && p.row > 0 && p.column > 0)).toBe(true);
  });

  it('a table whose period cannot be told', async () => {
    const r = await paste(['序号\t指标名称\t单位\t基期值\t目标值\t属性', '1\t城市低保标准\t元/人·月\t780\t950\t约束性'].join('\n'));
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message).join()).toMatch(/--base-year/);
    const given = await paste(['序号\t指标名称\t单位\t基期值\t目标值\t属性', '1\t城市低保标准\t元/人·月\t780\t950\t约束性'].join('\n'), { baseYear: 2025, targetYear: 2030, dryRun: true });
    expect(given.ok).toBe(true);
  });

  it('two tables run together in one sheet: the second header is named by its row', async () => {
    const { db } = freshDb();
    const h = createHandlers(db);
    const { writeWorkbook } = await import('../helpers/files');
    const file = await writeWorkbook(path.join(tempDir(), '双柏县“十五五”规划指标.xlsx'), [
      {
        name: '指标',
        rows: [
          ['序号', '指标名称', '单位', '2025年基期值', '2030年目标值', '属性'],
          [1, '城市低保标准', '元/人·月', 780, 950, '约束性'],
          [2, '孤儿基本生活保障标准', '元/人·月', 1500, 1800, '约束性'],
          ['序号', '主要指标', '单位', '2025年基期值', '2030年目标值', '属性'],
          [1, '养老机构床位总数', '张', 1350, 1600, '预期性'],
        ],
      },
    ]);
    const before = await countPlans(h);
    const r = await h['plans.import']({ file });
    expect(r.ok).toBe(false);
    const p = r.problems.find((x) => x.severity === 'error')!;
    expect([p.row, p.column]).toEqual([4, 1]);
    expect(await countPlans(h)).toBe(before);
  });

  it('an unknown region, or none, asks for --region', async () => {
    const { db } = freshDb();
    const h = createHandlers(db);
    const r = await h['plans.import']({ text: [header, '1\t城市低保标准\t元/人·月\t780\t950\t约束性'].join('\n') });
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toContain('--region');
  });
});
