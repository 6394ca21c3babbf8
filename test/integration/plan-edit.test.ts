/**
 * Editing a plan made by the bureau: a printed field corrected, rows added, removed and moved, each logged with who,
 * when, old and new; what refers to a row (an adjustment, a judgement) stays with it when rows move; built-in
 * plans are not edited.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import type { Handlers } from '../../shared/api';
import { freshDb } from '../helpers/files';

const PLAN = 'p532322-2025-2030';
let h: Handlers;
const rows = async () => (await h['plans.show']({ id: PLAN })).tables.find((t) => t.kind === 'main')!.rows;
const seqs = async () => (await rows()).map((r) => r.seq);

beforeEach(async () => {
  h = createHandlers(freshDb().db);
  expect((await h['plans.import']({ file: path.resolve('test/fixtures/plans/plan-15th.txt') })).ok).toBe(true);
});

describe('a plan made by the bureau is edited row by row, every change logged', () => {
  it('corrects a target for every year (unlike an adjustment), logging old and new', async () => {
    await h['observations.set']({ region: '532322', series: '孤儿基本生活保障标准', year: 2026, value: 1560, enteredBy: '张三' });
    const position = (await rows()).find((r) => r.seq === '11')!.position;
    const r = await h['plans.editRow']({ plan: PLAN, position, field: 'target', value: '1900', by: '李四', why: '印刷错误，以正式文件为准' });
    expect(r).toMatchObject({ old: '1800', value: '1900' });
    const e = await h['evaluation.run']({ plan: PLAN, year: 2026 });
    const row = e.rows.find((x) => x.seq === '11')!;
    expect(row).toMatchObject({ target: '1900', targetSource: 'plan' });
    expect(row.completion).toBeCloseTo(60 / 400, 12);
    expect((await h['plans.changes']({ plan: PLAN })).at(-1)).toMatchObject({ action: 'edit', by: '李四', seq: '11', field: 'target', old: '1800', new: '1900', why: '印刷错误，以正式文件为准' });
  });

  it('corrects a baseline as printed and as a number', async () => {
    const position = (await rows()).find((r) => r.seq === '1')!.position;
    await h['plans.editRow']({ plan: PLAN, position, field: 'baseline', value: '790', by: '李四' });
    expect((await rows())[position - 1]).toMatchObject({ baselineText: '790', baseline: 790 });
    await expect(h['plans.editRow']({ plan: PLAN, position, field: 'baseline', value: '≥790', by: '李四' })).rejects.toThrow(/基期值/);
    await expect(h['plans.editRow']({ plan: PLAN, position, field: 'target', value: '95%', by: '李四' })).rejects.toThrow(/单位/);
  });

  it('adds a row after another, tied to an indicator by its name, and removes it again', async () => {
    const before = await seqs();
    const r = await h['plans.addRow']({ plan: PLAN, after: 2, seq: '2-1', name: '农村低保标准', unit: '元/人·月', baseline: '520', target: '700', attribute: '约束性', by: '李四' });
    expect(r.position).toBe(3);
    expect(await seqs()).toEqual([...before.slice(0, 2), '2-1', ...before.slice(2)]);
    const e = await h['evaluation.run']({ plan: PLAN, year: 2026 });
    expect(e.rows[2]).toMatchObject({ seq: '2-1', name: '农村低保标准', target: '700', baseline: 520, status: '缺数' });
    await h['plans.removeRow']({ plan: PLAN, position: 3, by: '李四' });
    expect(await seqs()).toEqual(before);
    expect((await h['plans.changes']({ plan: PLAN })).map((c) => c.action)).toEqual(['import', 'add-row', 'remove-row']);
  });

  it('moves a row, and its adjustment and the judgements of the rows it passes stay with their rows', async () => {
    const r = await rows();
    const orphans = r.find((x) => x.seq === '11')!;
    const qualitative = r.find((x) => x.seq === '7')!;
    await h['plans.adjust']({ plan: PLAN, seq: '11', target: '1850', fromYear: 2028, doc: '双民发〔2028〕1号', by: '王五' });
    await h['plans.judge']({ plan: PLAN, seq: '7', year: 2026, result: 'met', note: '已建成', by: '王五' });
    await h['plans.moveRow']({ plan: PLAN, position: orphans.position, to: 1, by: '李四' });
    expect((await seqs()).slice(0, 2)).toEqual(['11', '1']);
    const e2028 = await h['evaluation.run']({ plan: PLAN, year: 2028 });
    expect(e2028.rows[0]).toMatchObject({ seq: '11', target: '1850', targetSource: 'adjusted' });
    const e2026 = await h['evaluation.run']({ plan: PLAN, year: 2026 });
    expect(e2026.rows.find((x) => x.seq === '7')).toMatchObject({ status: '提前实现', judgement: { result: 'met' } });
    expect(qualitative.position + 1).toBe((await rows()).find((x) => x.seq === '7')!.position);
  });

  it('refuses to edit a built-in plan', async () => {
    await expect(h['plans.editRow']({ plan: 'chuxiong', position: 1, field: 'target', value: '1', by: '李四' })).rejects.toThrow(/内置规划/);
    await expect(h['plans.moveRow']({ plan: 'chuxiong', position: 1, to: 2, by: '李四' })).rejects.toThrow(/内置规划/);
  });
});
