/**
 * 数据核验 in the internal annex of a report: the rules and outlier checks of the import, run on the stored values
 * the report uses (the region and its sub-regions, base year to the report's year), each finding with its region,
 * year and numbers; nothing of it in a report without the annex.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import { dataChecks } from '../../main/services/data-checks';
import { runImport } from '../../main/services/import/run';
import type { WriteDb } from '../../main/db/types';
import { freshDb } from '../helpers/files';

let db: WriteDb;
let dir: string;
const flat = (f: string): string => execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

beforeAll(async () => {
  ({ db, dir } = freshDb());
  expect((await runImport(db, { file: path.resolve('samples/chuxiong-示例数据.xlsx') })).ok).toBe(true);
  const h = createHandlers(db);
  // 双柏县: 2022 beds typed as 40 (820 in 2021, 310 nursing beds in 2022), 2023 more nursing beds (620) than beds (600).
  for (const [series, year, value] of [['养老机构床位总数', 2022, 40], ['养老机构床位总数', 2023, 600], ['护理型床位数', 2023, 620]] as const) {
    await h['observations.set']({ region: '532322', series, year, value, enteredBy: '张三' });
  }
}, 60_000);

describe('数据核验 of the values a report uses', () => {
  it('finds a part over its whole and a tenfold jump in a sub-region, naming region, year and numbers', () => {
    const { findings } = dataChecks(db, { plan: 'chuxiong', region: '532300', year: 2023 });
    const messages = findings.map((f) => f.message);
    expect(messages).toContainEqual(expect.stringMatching(/^双柏县：养老机构护理型床位数（620，2023年）大于养老机构床位总数（600，2023年），部分不应超过整体，请核对$/));
    expect(messages).toContainEqual(expect.stringMatching(/^双柏县：养老机构床位总数2023年为600张，2022年为40张，增至约15倍，请核对数值和单位$/));
    expect(findings.map((f) => [f.region, f.year])).toEqual([
      ['532322', 2022],
      ['532322', 2022],
      ['532322', 2023],
      ['532322', 2023],
    ]);
    expect(messages[1]).toBe('双柏县：养老机构床位总数2022年为40张，2021年为820张，降至约1/21，请核对数值和单位');
    // The county alone (its own values, no sub-regions stored) has the same findings; another county has none.
    expect(dataChecks(db, { plan: 'chuxiong', region: '532322', year: 2023 }).findings.length).toBe(findings.length);
    expect(dataChecks(db, { plan: 'chuxiong', region: '532301', year: 2023 }).findings).toEqual([]);
    // Checks of 2022 do not see 2023.
    expect(dataChecks(db, { plan: 'chuxiong', region: '532300', year: 2022 }).findings.map((f) => f.year)).toEqual([2022, 2022]);
  });

  it('names the year of a stored value outside its plausible range', async () => {
    const { db: own } = freshDb();
    expect((await runImport(own, { file: path.resolve('samples/chuxiong-示例数据.xlsx') })).ok).toBe(true);
    await createHandlers(own)['observations.set']({ region: '532323', series: '城市低保标准', year: 2022, value: 9000, enteredBy: '张三' });
    const messages = dataChecks(own, { plan: 'chuxiong', region: '532300', year: 2023 }).findings.map((f) => f.message);
    expect(messages).toContainEqual(expect.stringMatching(/^牟定县：城市最低生活保障标准2022年为9000元\/人·月，超出合理范围/));
  });

  it('prints them in the internal annex when asked (pwb report --checks), and nowhere otherwise', async () => {
    const h = createHandlers(db);
    const withAnnex = path.join(dir, 'checks.pdf');
    await h['reports.write']({ plan: 'chuxiong', year: 2023, kind: 'midterm', out: withAnnex, checks: true });
    const text = flat(withAnnex);
    const annex = text.slice(text.indexOf('内部核对材料（不随报告报送）'));
    expect(annex).toContain('（二）数据核验');
    expect(annex).toContain('核验了本报告所用的楚雄彝族自治州及其下级地区2020—2023年数据。需核实4处：');
    expect(annex).toContain('双柏县：养老机构护理型床位数（620，2023年）大于养老机构床位总数（600，2023年），部分不应超过整体，请核对。');
    const without = path.join(dir, 'plain.pdf');
    await h['reports.write']({ plan: 'chuxiong', year: 2023, kind: 'midterm', out: without });
    expect(flat(without)).not.toMatch(/数据核验|部分不应超过整体/);
  }, 60_000);

  it('names, in a final evaluation, the rows without a value for the target year', async () => {
    const h = createHandlers(db);
    const out = path.join(dir, 'final.pdf');
    await h['reports.write']({ plan: 'chuxiong', year: 2025, kind: 'final', out, checks: true });
    const text = flat(out);
    expect(text.slice(text.indexOf('（二）数据核验'))).toMatch(/第\d+项“[^”]+”缺2025年数值，总结评估须有目标年份的数值，需补报。/);
  }, 60_000);
});
