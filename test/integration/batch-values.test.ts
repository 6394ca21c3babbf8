/**
 * Issue 10 (导入记录: each batch's values): `batches.values` lists what a batch stored, with the value each replaced and
 * the later batch that replaced it in turn, a page at a time; an undo shows in both batches' lists.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_VALUES_PAGE, type Handlers } from '../../shared/api';
import { openDb } from '../../main/db/open';
import { batchValues, listBatches } from '../../main/services/batches';
import { createHandlers, dispatch } from '../../main/services/handlers';
import { runImport } from '../../main/services/import/run';
import { freshDb, longSheet, tempDir, writeWorkbook, type CellInput } from '../helpers/files';
import { dibaoForm } from '../helpers/forms';

let h: Handlers;
let dir: string;
let first: number;
let second: number;
let months: number;

beforeAll(async () => {
  const { db } = freshDb();
  h = createHandlers(db);
  dir = tempDir();
  const years = [2021, 2022, 2023];
  const one = await writeWorkbook(path.join(dir, '楚雄州一.xlsx'), [
    { name: '楚雄州', rows: longSheet('地区：楚雄彝族自治州', years, [['养老机构床位数', '张', 100, 110, 120], ['农村特困人员数', '人', 50, 48, 46]]) },
  ]);
  const two = await writeWorkbook(path.join(dir, '楚雄州二.xlsx'), [{ name: '更正', rows: longSheet('地区：楚雄彝族自治州', [2023], [['养老机构床位数', '张', 125]]) }]);
  const three = await writeWorkbook(path.join(dir, '城市低保月报.xlsx'), [{ name: '2023年12月', ...dibaoForm() }]);
  first = (await h['import.run']({ file: one })).batch!;
  second = (await h['import.run']({ file: two })).batch!;
  months = (await h['import.run']({ file: three })).batch!;
  expect([first, second, months].every((b) => typeof b === 'number')).toBe(true);
}, 60_000);

describe('batches.values', () => {
  it('lists the first batch’s six values by sheet, region, item and year, the one replaced since marked with the batch that did', async () => {
    const r = await h['batches.values']({ batch: first });
    expect(r.batch).toMatchObject({ id: first, fileName: '楚雄州一.xlsx', status: 'active' });
    expect(r.total).toBe(6);
    const beds = r.values.filter((v) => v.series === 'elderly_beds');
    expect(beds.map((v) => [v.cell, v.year, v.value, v.replaced, v.supersededBy, v.supersededValue, v.regionName, v.unit])).toEqual([
      ['C3', 2021, 100, null, null, null, '楚雄彝族自治州', '张'],
      ['D3', 2022, 110, null, null, null, '楚雄彝族自治州', '张'],
      ['E3', 2023, 120, null, second, 125, '楚雄彝族自治州', '张'],
    ]);
    // Row by row, left to right, as the sheet is read.
    expect(r.values.map((v) => v.cell)).toEqual(['C3', 'D3', 'E3', 'C4', 'D4', 'E4']);
  });

  it('lists the correcting batch’s one value with the value it replaced', async () => {
    const r = await h['batches.values']({ batch: second });
    expect(r.values.map((v) => [v.sheet, v.cell, v.period, v.value, v.replaced, v.supersededBy])).toEqual([['更正', 'C3', '2023', 125, 120, null]]);
  });

  it('lists a monthly form’s figures with their month and kind beside the year’s values made from them', async () => {
    const r = await h['batches.values']({ batch: months });
    expect(r.values.some((v) => v.period === '2023-12' && v.periodKind === '累计')).toBe(true);
    const year = r.values.filter((v) => v.period === '2023' && v.periodKind === null);
    expect(year.length).toBeGreaterThan(0);
    // Each of the year's values says the rule and the cell it was made from.
    expect(year.every((v) => /^(年末数|1-12月累计)：2023年12月![A-Z]+\d+$/.test(v.derivedFrom ?? ''))).toBe(true);
    expect(r.values.filter((v) => v.periodKind !== null).every((v) => v.derivedFrom === null)).toBe(true);
    // The batch's count is every value it wrote, the month's and the year's.
    expect((await h['batches.list']()).find((b) => b.id === months)!.observations).toBe(r.total);
  });

  it('gives the same values a page at a time as at once, with the total each time', async () => {
    const all = await h['batches.values']({ batch: months, limit: 500 });
    const pages = [];
    for (let offset = 0; offset < all.total; offset += 37) pages.push(...(await h['batches.values']({ batch: months, offset, limit: 37 })).values);
    expect(pages).toEqual(all.values);
    expect(all.values).toHaveLength(all.total);
  });

  it('after the correction is undone: the first batch’s value is its own again, and the undone batch has none', async () => {
    await h['batches.undo']({ batch: second });
    expect((await h['batches.values']({ batch: first })).values.every((v) => v.supersededBy === null)).toBe(true);
    const undone = await h['batches.values']({ batch: second });
    expect(undone.batch.status).toBe('undone');
    expect(undone.total).toBe(0);
  });

  it('marks values a later import of the same file took over as the same, in both batches', async () => {
    const again = await h['import.run']({ file: path.join(dir, '楚雄州一.xlsx') });
    expect(again.ok).toBe(true);
    const later = await h['batches.values']({ batch: again.batch! });
    expect(later.total).toBe(6);
    expect(later.values.every((v) => v.replaced === v.value)).toBe(true);
    const earlier = await h['batches.values']({ batch: first });
    expect(earlier.values.every((v) => v.supersededBy === again.batch && v.supersededValue === v.value)).toBe(true);
  });

  it('lists a year of monthly sheets as the workbook has them, 1月 to 12月, not as their names sort', async () => {
    const month = (m: number) => ({
      name: `2023年${m}月`,
      rows: [[`双柏县临时救助情况（2023年${m}月）`], ['乡镇', '当月救助人次（人次）', '当月资金支出（万元）'], ['妥甸镇', 10 + m, 1]] as CellInput[][],
    });
    const file = await writeWorkbook(path.join(dir, '临时救助月报.xlsx'), Array.from({ length: 12 }, (_, i) => month(i + 1)));
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(true);
    const sheets = (await h['batches.values']({ batch: r.batch!, limit: 500 })).values.map((v) => v.sheet).filter((s, i, all) => all.indexOf(s) === i);
    expect(sheets).toEqual(Array.from({ length: 12 }, (_, i) => `2023年${i + 1}月`));
  });

  it('refuses a batch that does not exist and a page larger than allowed', async () => {
    await expect(h['batches.values']({ batch: 999 })).rejects.toThrow(/没有第 999 批导入/);
    await expect(dispatch(h, 'batches.values', { batch: first, limit: MAX_BATCH_VALUES_PAGE + 1 })).rejects.toThrow();
    await expect(dispatch(h, 'batches.values', { batch: first, offset: -1 })).rejects.toThrow();
  });
});

describe('a database from before batches counted their months (migration 130)', () => {
  it('counts the month figures of its batches once opened, so that 导入记录 and 查看数值 agree', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDb(file);
    const form = await writeWorkbook(path.join(tempDir(), '城市低保月报.xlsx'), [{ name: '2023年12月', ...dibaoForm() }]);
    const imported = await runImport(old, { file: form });
    expect(imported.ok).toBe(true);
    // The file as version 120 left it: no indexes by old batch, and the year's values only counted.
    old.exec('DROP INDEX observation_replaced_old_batch; DROP INDEX period_observation_replaced_old_batch');
    old.prepare('UPDATE import_batch SET observation_count = (SELECT count(*) FROM observation WHERE batch_id = import_batch.id)').run();
    old.exec('ALTER TABLE import_batch DROP COLUMN sheets');
    old.pragma('user_version = 120');
    expect(listBatches(old)[0]!.observations).toBeLessThan(batchValues(old, { batch: imported.batch! }).total);
    old.close();
    const db = openDb(file);
    const values = batchValues(db, { batch: imported.batch! });
    expect(listBatches(db)[0]!.observations).toBe(values.total);
    expect(values.values.some((v) => v.periodKind !== null)).toBe(true);
    db.close();
  });
});
