/**
 * Import history and sub-region targets through the services: undo gives back exactly what a batch replaced, provenance
 * names the file, sheet, cell and batch or who typed a value, and targets for the counties of 楚雄州 (目标分解), typed
 * one at a time or read from a sheet, turn 不适用 into a real status.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors';
import { openDb } from '../../main/db/open';
import { getObservation, type ObservationRecord } from '../../main/db/queries/observations';
import type { ReadDb, WriteDb } from '../../main/db/types';
import { listBatches } from '../../main/services/batches';
import { evaluatePlan } from '../../main/services/evaluate';
import { provenanceOf, setObservation, undoBatch } from '../../main/services/history';
import { runImport } from '../../main/services/import/run';
import { importRegionTargets, listRegionTargets, removeRegionTarget, setRegionTarget, targetRows } from '../../main/services/region-targets';
import { longSheet, tempDir, writeWorkbook, type CellInput } from '../helpers/files';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

/** A new database with the built-in catalogue and plans, kept in memory. */
const memoryDb = (): WriteDb => openDb(':memory:');

/** Imports 楚雄州's values for 2023 from a one-sheet workbook `name`; the import must succeed. Returns the batch. */
const importChuxiong = async (db: WriteDb, name: string, rows: CellInput[][]): Promise<number> => {
  const file = await writeWorkbook(path.join(dir, name), [{ name: '楚雄州', rows: longSheet(null, [2023], rows) }]);
  const r = await runImport(db, { file });
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return r.batch!;
};

const at = (db: ReadDb, series: string): ObservationRecord | null => getObservation(db, '532300', series, 2023);
const where = (o: ObservationRecord | null) => o && [o.value, o.batchId, o.sheet, o.cell, o.enteredBy];

/** The value thrown by `fn`, or null. */
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
    return null;
  } catch (error) {
    return error;
  }
};

const HAN = /[\u4e00-\u9fff]/u;
const ENGLISH = /[A-Za-z]{2,} [A-Za-z]{2,}/u;
const expectUserMessage = (error: unknown, ...names: string[]): void => {
  expect(error).toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message).toMatch(HAN);
  expect(message).toMatch(ENGLISH);
  for (const n of names) expect(message).toContain(n);
};

/** Batch A (A.xlsx): beds 1000 and nursing beds 500; batch B (B.xlsx): beds 1100 (replacing A's) and 1450 staff (new). */
const twoBatches = async () => {
  const db = memoryDb();
  const a = await importChuxiong(db, 'A.xlsx', [['养老机构床位总数', '张', 1000], ['护理型床位数', '张', 500]]);
  const b = await importChuxiong(db, 'B.xlsx', [['养老机构床位总数', '张', 1100], ['社会组织专职工作人员数量', '人', 1450]]);
  return { db, a, b };
};

describe('undoing an import batch', () => {
  it('restores exactly the value the batch replaced, with its old batch, sheet and cell', async () => {
    const { db, a, b } = await twoBatches();
    expect(undoBatch(db, b)).toEqual({ batch: b, removed: 2, restored: 1 });
    expect(where(at(db, 'elderly_beds'))).toEqual([1000, a, '楚雄州', 'C2', null]);
  });

  it('removes the values the batch added and leaves the other batch’s values alone', async () => {
    const { db, a, b } = await twoBatches();
    undoBatch(db, b);
    expect([at(db, 'social_org_staff'), where(at(db, 'nursing_beds'))]).toEqual([null, [500, a, '楚雄州', 'C3', null]]);
  });

  it('restores a value typed by hand, with who typed it, when the batch that replaced it is undone', async () => {
    const db = memoryDb();
    setObservation(db, { region: '楚雄州', series: '养老机构床位总数', year: 2023, value: 900, enteredBy: '张三' });
    const a = await importChuxiong(db, 'A.xlsx', [['养老机构床位总数', '张', 1000]]);
    undoBatch(db, a);
    expect(where(at(db, 'elderly_beds'))).toEqual([900, null, null, null, '张三']);
  });

  it('marks the batch undone in the history and keeps its counts', async () => {
    const { db, a, b } = await twoBatches();
    undoBatch(db, b);
    expect(listBatches(db).map((x) => [x.id, x.fileName, x.observations, x.replaced, x.status])).toEqual([
      [b, 'B.xlsx', 2, 1, 'undone'],
      [a, 'A.xlsx', 2, 0, 'active'],
    ]);
  });

  it('refuses to undo a batch that a later batch overwrote, naming the later batch, and changes nothing', async () => {
    const { db, a, b } = await twoBatches();
    expectUserMessage(thrown(() => undoBatch(db, a)), `第 ${b} 批`, `batch ${b}`);
    expect([where(at(db, 'elderly_beds')), listBatches(db).map((x) => x.status)]).toEqual([[1100, b, '楚雄州', 'C2', null], ['active', 'active']]);
  });

  it('undoes the earlier batch once the later one is undone, leaving no values', async () => {
    const { db, a, b } = await twoBatches();
    undoBatch(db, b);
    expect(undoBatch(db, a)).toEqual({ batch: a, removed: 2, restored: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM observation').get()).toEqual({ n: 0 });
  });

  it('refuses to undo the same batch twice', async () => {
    const { db, b } = await twoBatches();
    undoBatch(db, b);
    expectUserMessage(thrown(() => undoBatch(db, b)), 'B.xlsx', 'already undone');
    expect(at(db, 'elderly_beds')?.value).toBe(1000);
  });

  it('refuses a batch number that does not exist', async () => {
    const { db } = await twoBatches();
    expectUserMessage(thrown(() => undoBatch(db, 99)), '99');
  });
});

describe('where a value came from', () => {
  it('names the file, sheet, cell and batch of an imported value', async () => {
    const { db, b } = await twoBatches();
    expect(provenanceOf(db, { region: '楚雄州', series: '养老机构床位总数', year: 2023 })).toMatchObject({
      region: '532300',
      series: 'elderly_beds',
      value: 1100,
      unit: '张',
      origin: 'import',
      file: 'B.xlsx',
      sheet: '楚雄州',
      cell: 'C2',
      batch: b,
      enteredBy: null,
    });
  });

  it('names who typed a value, with no file, sheet, cell or batch', () => {
    const db = memoryDb();
    setObservation(db, { region: '532322', series: 'social_org_staff', year: 2023, value: 95, enteredBy: ' 张三 ' });
    const p = provenanceOf(db, { region: '双柏县', series: '社会组织专职工作人员数量', year: 2023 });
    expect(p).toMatchObject({ regionName: '双柏县', value: 95, origin: 'typed', file: null, sheet: null, cell: null, batch: null, enteredBy: '张三' });
    expect(Date.parse(p!.enteredAt)).not.toBeNaN();
  });

  it('lists the values it replaced, newest first, each with its file and cell or who typed it', async () => {
    const db = memoryDb();
    setObservation(db, { region: '楚雄州', series: '养老机构床位总数', year: 2023, value: 900, enteredBy: '张三' });
    const a = await importChuxiong(db, 'A.xlsx', [['养老机构床位总数', '张', 1000]]);
    await importChuxiong(db, 'B.xlsx', [['养老机构床位总数', '张', 1100]]);
    expect(provenanceOf(db, { region: '532300', series: 'elderly_beds', year: 2023 })?.replaced).toEqual([
      { value: 1000, batch: a, file: 'A.xlsx', sheet: '楚雄州', cell: 'C2', enteredBy: null },
      { value: 900, batch: null, file: null, sheet: null, cell: null, enteredBy: '张三' },
    ]);
  });

  it('leaves out values replaced by a batch that was undone', async () => {
    const db = memoryDb();
    setObservation(db, { region: '楚雄州', series: '养老机构床位总数', year: 2023, value: 900, enteredBy: '张三' });
    await importChuxiong(db, 'A.xlsx', [['养老机构床位总数', '张', 1000]]);
    undoBatch(db, await importChuxiong(db, 'B.xlsx', [['养老机构床位总数', '张', 1100]]));
    const p = provenanceOf(db, { region: '532300', series: 'elderly_beds', year: 2023 });
    expect([p?.value, p?.file, p?.replaced.map((r) => r.value)]).toEqual([1000, 'A.xlsx', [900]]);
  });

  it('is null for a value never stored, and refuses an unknown region or item', () => {
    const db = memoryDb();
    expect(provenanceOf(db, { region: '楚雄州', series: 'elderly_beds', year: 2023 })).toBeNull();
    expectUserMessage(thrown(() => provenanceOf(db, { region: '大庄镇', series: 'elderly_beds', year: 2023 })), '大庄镇');
    expectUserMessage(thrown(() => provenanceOf(db, { region: '楚雄州', series: '养老床位', year: 2023 })), '养老床位');
  });
});

describe('history against defects found before (fixed)', () => {
  // Fixed in 022b32b: undo re-inserted the batch's replaced values without looking, so undoing a batch whose value was
  // since typed over failed with "SqliteError: UNIQUE constraint failed" (pwb undo: exit 2, 内部错误).
  it('undoes a batch whose value was since typed over by hand, keeping the typed value and removing the rest', async () => {
    const { db, b } = await twoBatches();
    setObservation(db, { region: '楚雄州', series: '养老机构床位总数', year: 2023, value: 1200, enteredBy: '张三' });
    expect(undoBatch(db, b)).toEqual({ batch: b, removed: 1, restored: 0 });
    expect([where(at(db, 'elderly_beds')), at(db, 'social_org_staff')]).toEqual([[1200, null, null, null, '张三'], null]);
  });

  // Fixed in 022b32b: setObservation did not check the year, so 1800 failed in the table's CHECK as a SqliteError.
  it('refuses a typed value for the year 1800 with a user error', () => {
    const db = memoryDb();
    expectUserMessage(thrown(() => setObservation(db, { region: '楚雄州', series: 'elderly_beds', year: 1800, value: 1, enteredBy: '张三' })), '1800');
  });
});

/** 双柏县's staff (row 6, an absolute quantity): 80 in 2020, 95 in 2023. */
const shuangbaiStaff = async (): Promise<WriteDb> => {
  const db = memoryDb();
  const file = await writeWorkbook(path.join(dir, '双柏县.xlsx'), [
    { name: '双柏县', rows: longSheet(null, [2020, 2023], [['社会组织专职工作人员数量', '人', 80, 95]]) },
  ]);
  expect((await runImport(db, { file })).ok).toBe(true);
  return db;
};
const row6 = (db: ReadDb) => evaluatePlan(db, { plan: 'chuxiong', region: '532322', year: 2023 }).rows.find((r) => r.seq === '6')!;
const target = (region: string, seq = '6', text = '100人') => ({ plan: 'chuxiong', seq, region, target: text, setBy: '张三' });

describe('targets for the counties of 楚雄州 (目标分解)', () => {
  it('turns 不适用 for 双柏县’s 社会组织专职工作人员数量 into a real status once 双柏县 has its own target', async () => {
    const db = await shuangbaiStaff();
    expect([row6(db).status, row6(db).targetSource]).toEqual(['不适用', null]);
    setRegionTarget(db, target('双柏县'));
    const r = row6(db);
    expect([r.target, r.targetValue, r.targetSource, r.baseline, r.value, r.status]).toEqual(['100人', 100, 'region', 80, 95, '快于预期']);
    expect(r.completion).toBeCloseTo(0.75, 10); // (95 − 80) / (100 − 80) against a time progress of 0.6
  });

  it('lists a target with its row, region and who set it', () => {
    const db = memoryDb();
    setRegionTarget(db, target('532322'));
    expect(listRegionTargets(db, 'chuxiong')).toEqual([
      { plan: 'chuxiong', seq: '6', name: '社会组织专职工作人员数量', region: '532322', regionName: '双柏县', target: '100人', setBy: '张三', setAt: expect.any(String) },
    ]);
  });

  it.each([
    ['the plan’s own region 楚雄州', target('楚雄州'), ['楚雄彝族自治州', '532300']],
    ['a region outside the plan (达州市)', target('达州市'), ['达州市', '511700']],
    ['a row the plan does not have (序号 99)', target('双柏县', '99'), ['99']],
    ['a target that cannot be read (明显提高)', target('双柏县', '6', '明显提高'), ['明显提高']],
  ])('refuses %s with a Chinese and English message, storing nothing', (_label, input, names) => {
    const db = memoryDb();
    expectUserMessage(thrown(() => setRegionTarget(db, input)), ...names);
    expect(listRegionTargets(db, 'chuxiong')).toEqual([]);
  });
});

describe('targets in the row’s own terms', () => {
  it.each([
    ['a rate for a number of people (100%)', '100%'],
    ['a negative number of people (−5人)', '-5人'],
  ])('refuses %s for 社会组织专职工作人员数量', (_label, text) => {
    const db = memoryDb();
    expectUserMessage(thrown(() => setRegionTarget(db, target('双柏县', '6', text))), text);
    expect(listRegionTargets(db, 'chuxiong')).toEqual([]);
  });

  it('says how many targets of a sheet replace ones already set', async () => {
    const db = memoryDb();
    setRegionTarget(db, target('双柏县'));
    const r = await importRegionTargets(db, { plan: 'chuxiong', file: await targetSheet([['双柏县', 6, '120人'], ['楚雄市', 6, '300人']]), setBy: '李四', dryRun: true });
    expect([r.ok, r.targets, r.replaced]).toEqual([true, 2, 1]);
  });
});

describe('removing a target and the rows a target can be set for', () => {
  it('removes 双柏县’s own target, after which its row 6 is 不适用 again', async () => {
    const db = await shuangbaiStaff();
    setRegionTarget(db, target('双柏县'));
    setRegionTarget(db, target('楚雄市'));
    expect(removeRegionTarget(db, { plan: 'chuxiong', seq: '6', region: '532322' }).removed).toMatchObject({ region: '532322', seq: '6', target: '100人' });
    expect(listRegionTargets(db, 'chuxiong').map((t) => t.regionName)).toEqual(['楚雄市']);
    expect([row6(db).status, row6(db).targetSource]).toEqual(['不适用', null]);
  });

  it('refuses to remove a target that was never set, naming the region and row', () => {
    expectUserMessage(thrown(() => removeRegionTarget(memoryDb(), { plan: 'chuxiong', seq: '6', region: '双柏县' })), '双柏县', '6');
  });

  it('offers every row of 楚雄州’s main table, marking the absolute quantities a county needs its own target for', () => {
    const rows = targetRows(memoryDb(), 'chuxiong');
    expect(rows).toHaveLength(21);
    expect(rows.filter((r) => r.needsOwnTarget).map((r) => [r.seq, r.name, r.unit, r.target])).toEqual([['6', '社会组织专职工作人员数量', '人', '1450人']]);
  });
});

let sheets = 0;
const targetSheet = (rows: CellInput[][]) => writeWorkbook(path.join(dir, `targets-${++sheets}.xlsx`), [{ name: '目标分解', rows: [['地区', '序号', '目标值'], ...rows] }]);

describe('targets read from a sheet 地区 | 序号 | 目标值', () => {
  it('stores every row, regions by name or code', async () => {
    const db = memoryDb();
    const r = await importRegionTargets(db, { plan: 'chuxiong', file: await targetSheet([['双柏县', 6, '120人'], ['532323', '6', 90]]), setBy: '李四' });
    expect(r).toEqual({ ok: true, targets: 2, replaced: 0, problems: [] });
    expect(listRegionTargets(db, 'chuxiong').map((t) => [t.region, t.seq, t.target, t.setBy])).toEqual([
      ['532322', '6', '120人', '李四'],
      ['532323', '6', '90', '李四'],
    ]);
  });

  it('stores nothing when any row is wrong, and reports each wrong row by its cell', async () => {
    const db = memoryDb();
    const file = await targetSheet([['双柏县', 6, '120人'], ['达州市', 6, 100], ['南华县', 99, 100], ['姚安县', 6, '很多']]);
    const r = await importRegionTargets(db, { plan: 'chuxiong', file, setBy: '李四' });
    expect([r.ok, r.problems.map((p) => [p.severity, p.sheet, p.cell.replace(/^[A-C]/, '')])]).toEqual([
      false,
      [['error', '目标分解', '3'], ['error', '目标分解', '4'], ['error', '目标分解', '5']],
    ]);
    expect(r.problems.map((p) => p.message.split(' / ')[0])).toEqual([expect.stringContaining('达州市'), expect.stringContaining('99'), expect.stringContaining('很多')]);
    expect(listRegionTargets(db, 'chuxiong')).toEqual([]);
  });

  it('stores nothing in a dry run', async () => {
    const db = memoryDb();
    const r = await importRegionTargets(db, { plan: 'chuxiong', file: await targetSheet([['双柏县', 6, '120人']]), setBy: '李四', dryRun: true });
    expect([r.ok, r.targets, listRegionTargets(db, 'chuxiong')]).toEqual([true, 1, []]);
  });
});

describe('targets read from a sheet against defects found before (fixed)', () => {
  // Fixed in 022b32b: every problem was placed at the 目标值 cell, even an unknown region or row number.
  it('reports an unknown region at its 地区 cell and an unknown row at its 序号 cell', async () => {
    const r = await importRegionTargets(memoryDb(), { plan: 'chuxiong', file: await targetSheet([['达州市', 6, 100], ['南华县', 99, 100]]), setBy: '李四' });
    expect(r.problems.map((p) => p.cell)).toEqual(['A2', 'B3']);
  });

  // Fixed in 022b32b: the same region and row twice was stored twice over, the last one silently winning.
  it('refuses the same region and row twice in one sheet', async () => {
    const r = await importRegionTargets(memoryDb(), { plan: 'chuxiong', file: await targetSheet([['双柏县', 6, '120人'], ['532322', 6, 90]]), setBy: '李四' });
    expect(r.ok).toBe(false);
  });
});

describe('who set a target (fixed)', () => {
  // Fixed: nothing checked who set a target, so a blank setBy (the app and browser mode call targets.set without the
  // CLI's --by check) was stored, where a typed value without a name is refused.
  it('refuses a target set by nobody (a blank name), as a typed value is refused', () => {
    const db = memoryDb();
    expectUserMessage(thrown(() => setRegionTarget(db, { ...target('双柏县'), setBy: '  ' })), '设定人');
    expect(listRegionTargets(db, 'chuxiong')).toEqual([]);
  });

  it('refuses a target sheet imported by nobody before reading it, and stores nothing', async () => {
    const db = memoryDb();
    const error = await importRegionTargets(db, { plan: 'chuxiong', file: await targetSheet([['双柏县', 6, 100]]), setBy: '' }).then(() => null, (e: unknown) => e);
    expectUserMessage(error, '设定人');
    expect(listRegionTargets(db, 'chuxiong')).toEqual([]);
  });
});
