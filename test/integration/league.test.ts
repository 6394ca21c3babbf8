/**
 * The league table (DESIGN.md "The league table"): every child region evaluated as `pwb evaluate` would evaluate it
 * alone, and ranked as a statistics office ranks (ties share a rank, 1, 1, 3; none for 缺数 and 不适用).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index';
import { createHandlers } from '../../main/services/handlers';
import { rankRegions } from '../../shared/evaluation/rank';
import { freshDb } from '../helpers/files';

describe('ranking sub-regions on one row', () => {
  it('gives ties one rank and skips the next (1, 1, 3), and none to 缺数 and 不适用', () => {
    const r = (completion: number | null, status = '滞后' as const, value: number | null = 1) => ({ completion, status, value });
    expect(rankRegions([r(0.5), r(0.9), r(0.5), r(0.2), { ...r(null, '缺数' as never, null) }, { ...r(null, '不适用' as never) }], 'increase')).toEqual([2, 1, 2, 4, null, null]);
  });

  it('orders by value in the indicator’s direction where a region has no completion', () => {
    const r = (value: number) => ({ completion: null, status: '未实现' as const, value });
    expect(rankRegions([r(3), r(1), r(2)], 'increase')).toEqual([1, 3, 2]);
    expect(rankRegions([r(3), r(1), r(2)], 'decrease')).toEqual([3, 1, 2]);
  });
});

describe('pwb league', () => {
  it('evaluates every county of 楚雄州 as evaluate does alone, ranked on 养老机构护理型床位占比', async () => {
    const { db, file } = freshDb();
    const h = createHandlers(db);
    // 双柏县 40% → 50%, 楚雄市 40% → 55%, 禄丰市 40% → 50%: 楚雄市 first, the other two tied second.
    const set = async (region: string, year: number, nursing: number) => {
      await h['observations.set']({ region, series: '护理型床位数', year, value: nursing, enteredBy: '张三' });
      await h['observations.set']({ region, series: '养老机构床位总数', year, value: 100, enteredBy: '张三' });
    };
    for (const region of ['532322', '532301', '532302']) await set(region, 2020, 40);
    await set('532322', 2023, 50);
    await set('532301', 2023, 55);
    await set('532302', 2023, 50);
    const t = await h['evaluation.league']({ plan: 'chuxiong', year: 2023 });
    expect(t).toMatchObject({ plan: 'chuxiong', region: '532300', year: 2023, kind: 'midterm' });
    expect(t.regions.map((r) => r.region)).toEqual(['532301', '532302', '532322', '532323', '532324', '532325', '532326', '532327', '532328', '532329'].slice(0, t.regions.length));
    const seq = '16';
    const rankOf = (code: string) => t.regions.find((r) => r.region === code)!.rows.find((x) => x.seq === seq)!;
    expect([rankOf('532301').rank, rankOf('532302').rank, rankOf('532322').rank]).toEqual([1, 2, 2]);
    expect(t.regions.filter((r) => !['532301', '532302', '532322'].includes(r.region)).every((r) => r.rows.find((x) => x.seq === seq)!.rank === null)).toBe(true);
    for (const code of ['532301', '532322']) {
      const alone = await h['evaluation.run']({ plan: 'chuxiong', year: 2023, region: code });
      expect(t.regions.find((r) => r.region === code)!.rows.map(({ seq: s, value, completion, status }) => ({ seq: s, value, completion, status }))).toEqual(
        alone.rows.map(({ seq: s, value, completion, status }) => ({ seq: s, value, completion, status })),
      );
    }
    const out: string[] = [];
    const code = await runCli(['league', '--plan', 'chuxiong', '--year', '2023', '--json', '--db', file], { out: (x) => out.push(x), err: () => undefined });
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['plan', 'region', 'year', 'kind', 'regions']));
    expect(json.regions[0].rows[0]).toEqual({ seq: '1', value: null, completion: null, status: '缺数', rank: null });
    expect(path.basename(file)).toBe('workbench.sqlite');
  });
});
