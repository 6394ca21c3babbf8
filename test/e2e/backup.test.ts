/**
 * 数据库备份与恢复 in a real browser: a backup offered for download, then restored from that file after a later
 * change, confirmed in the page; the page says what the backup lacks (a year locked since).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api';
import { tempDir } from '../helpers/files';
import { useWorkbench } from './browser-mode';
import { WorkbenchPage } from './pages';

let services: Handlers;
const bench = useWorkbench({
  seed: async (h) => {
    services = h;
    await h['observations.set']({ region: '532322', series: '养老机构床位总数', year: 2023, value: 100, enteredBy: '张三' });
  },
});

describe('数据库备份与恢复 in browser mode', () => {
  it('backs up, and restores that backup after a later change', async () => {
    const app = new WorkbenchPage(bench.page);
    await app.open(bench.url);
    await app.goTo('导入记录');
    const section = bench.page.getByRole('region', { name: '数据库备份与恢复' });
    await section.getByRole('button', { name: '备份数据库…' }).click();
    const link = section.getByRole('link', { name: /^工作台备份\d{8}\.sqlite$/ });
    await link.waitFor();
    const response = await bench.page.request.get(new URL((await link.getAttribute('href'))!, bench.url).toString());
    const file = path.join(tempDir(), '工作台备份.sqlite');
    fs.writeFileSync(file, await response.body());

    await services['observations.set']({ region: '532322', series: '养老机构床位总数', year: 2023, value: 999, enteredBy: '张三' });
    await services['locks.lock']({ region: '532322', year: 2024, by: '李明' });
    await section.getByLabel('选择备份文件').setInputFiles(file);
    await section.getByRole('button', { name: '从备份恢复…' }).click();
    await section.getByRole('group', { name: '恢复前确认' }).getByRole('button', { name: '确认恢复' }).click();
    await section.getByRole('status').getByText(/已从备份恢复数据库。恢复前的数据库已自动备份，可再恢复。注意：备份中没有原数据库的 1 个锁定的年度。/).waitFor();
    const source = await services['observations.source']({ region: '532322', series: '养老机构床位总数', year: 2023 });
    expect(source?.value).toBe(100);
    await expect(services['locks.list']()).resolves.toEqual([]);
  });
});
