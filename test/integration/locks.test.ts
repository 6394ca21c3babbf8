/**
 * Locked years: after a year's report is submitted the bureau locks it; an import, a typed value or an undo that
 * would change a value of that region (or a region below it) in that year is refused, naming the lock; an unlock
 * needs a reason; locks, unlocks and typed values are in the audit log.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import { freshDb, longSheet, tempDir, writeWorkbook } from '../helpers/files';

describe('a locked year', () => {
  it('refuses an import, a typed value and an undo that would change it, until unlocked with a reason', async () => {
    const { db } = freshDb();
    const h = createHandlers(db);
    const book = (value: number) =>
      writeWorkbook(path.join(tempDir(), `b${value}.xlsx`), [{ name: '数据', rows: longSheet('地区：双柏县', [2023, 2024], [['养老机构床位总数', '张', value, value + 10]]) }]);
    const first = await h['import.run']({ file: await book(100) });
    expect(first.ok).toBe(true);
    const lock = await h['locks.lock']({ region: '楚雄州', year: 2023, by: '王五', reason: '2023年年报已报送' });
    expect(lock).toMatchObject({ region: '532300', year: 2023, by: '王五' });

    // 双柏县 lies below 楚雄州: its 2023 value is locked; 2024 is not.
    const second = await h['import.run']({ file: await book(120) });
    expect(second.ok).toBe(false);
    const refused = second.problems.filter((p) => p.severity === 'error');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.message).toMatch(/楚雄彝族自治州2023年的数据已于.*由王五锁定（2023年年报已报送）/);
    // The same value again changes nothing and is not refused.
    expect((await h['import.run']({ file: await book(100), dryRun: true })).ok).toBe(true);
    await expect(h['observations.set']({ region: '双柏县', series: '养老机构床位总数', year: 2023, value: 1, enteredBy: '张三' })).rejects.toThrow(/已于.*锁定/);
    await expect(h['batches.undo']({ batch: first.batch! })).rejects.toThrow(/不能撤销/);
    await h['observations.set']({ region: '双柏县', series: '养老机构床位总数', year: 2024, value: 115, enteredBy: '张三' });

    await expect(h['locks.unlock']({ region: '楚雄州', year: 2023, by: '王五', reason: ' ' })).rejects.toThrow(/原因/);
    await h['locks.unlock']({ region: '楚雄州', year: 2023, by: '王五', reason: '发现2023年床位数填报错误，经局长同意更正' });
    expect((await h['import.run']({ file: await book(120) })).ok).toBe(true);
    // One audit log: each stored import (with its batch), the lock, the typed value, the unlock; nothing for the
    // refused import or the dry run.
    const log = await h['audit.list']();
    expect(log.map((e) => [e.action, e.by])).toEqual([
      ['import', '导入'],
      ['lock', '王五'],
      ['set', '张三'],
      ['unlock', '王五'],
      ['import', '导入'],
    ]);
    expect(log[0]!.batch).toBe(first.batch);
    expect(log[3]!.why).toContain('经局长同意');
    // The region in a subject is named by the service (the window does not load the country's regions for it).
    expect(log[1]!.subject).toBe('532300 2023');
    expect(log[1]!.names).toEqual({ '532300': '楚雄彝族自治州' });
  });
});
