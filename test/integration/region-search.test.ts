/**
 * Issue 10 (地区 wherever a region is chosen): a bureau's own plan may be of any region of the country, found by a part
 * of its name or the start of its code through `regions.search`, best first and each with the names above it. The
 * text is read as a workbook's region is (full-width, 12-digit codes, short names such as 楚雄州), and may name the
 * regions above, run together or apart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { WriteDb } from '../../main/db/types';
import { createHandlers } from '../../main/services/handlers';
import { MAX_REGION_MATCHES } from '../../shared/api';
import { freshDb } from '../helpers/files';

let db: WriteDb;
let search: (input: { query: string }) => ReturnType<ReturnType<typeof createHandlers>['regions.search']>;
const found = async (query: string) => (await search({ query })).regions;

beforeAll(() => {
  ({ db } = freshDb());
  search = createHandlers(db)['regions.search'];
});

describe('regions.search', () => {
  it('finds 双柏县 by a part of its name, with its province and prefecture', async () => {
    expect((await found('双柏'))[0]).toMatchObject({ code: '532322', name: '双柏县', level: 'county', parentCode: '532300', path: '云南省 › 楚雄彝族自治州' });
  });

  it('puts the name itself first, then names that start with it, then the rest, each by level then code', async () => {
    const names = (await found('楚雄')).map((r) => r.name);
    expect(names.slice(0, 2)).toEqual(['楚雄彝族自治州', '楚雄市']);
    const rank = (n: string) => (n === '楚雄' ? 0 : n.startsWith('楚雄') ? 1 : n.includes('楚雄') ? 2 : 3);
    const ranks = names.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('finds by the start of a code: the region itself first, then those under it, prefectures before counties', async () => {
    const regions = await found('5323');
    expect(regions.every((r) => r.code.startsWith('5323'))).toBe(true);
    expect(regions[0]!.code).toBe('532300');
    expect(regions.findIndex((r) => r.level === 'township')).toBeGreaterThan(regions.findIndex((r) => r.level === 'county'));
    expect((await found('532322'))[0]!.name).toBe('双柏县');
  });

  it('reads a code or a name as a workbook’s region is read: full-width, the 12-digit form, a short name the catalogue knows', async () => {
    expect((await found('５３２３２２'))[0]!.code).toBe('532322');
    expect((await found('532322000000'))[0]!.code).toBe('532322');
    expect((await found('532322103000'))[0]!.code).toBe('532322103');
    expect((await found('楚雄州'))[0]!.code).toBe('532300');
  });

  it('says there are more than it sends, and narrows 城关镇 by the names above, run together or apart', async () => {
    const all = await search({ query: '城关镇' });
    expect(all.regions).toHaveLength(MAX_REGION_MATCHES);
    expect(all.more).toBe(true);
    expect(new Set(all.regions.map((r) => `${r.path} › ${r.name}`)).size).toBe(all.regions.length);
    const together = await found('镇坪县城关镇');
    expect(together.map((r) => r.path)).toEqual(['陕西省 › 安康市 › 镇坪县']);
    const apart = await found('武清 城关镇');
    expect(apart.map((r) => [r.name, r.path])).toEqual([['城关镇', '天津市 › 市辖区 › 武清区']]);
    // A province's name alone finds the province, not every region under it.
    const province = await found('陕西省');
    expect(province[0]!.code).toBe('610000');
    expect(province.every((r) => r.name.includes('陕西省'))).toBe(true);
    expect((await search({ query: '双柏' })).more).toBe(false);
  });

  it('gives nothing for an empty text or one no region has, and ignores spaces within a code', async () => {
    await expect(search({ query: '  ' })).resolves.toEqual({ regions: [], more: false });
    await expect(found('不存在的地名')).resolves.toEqual([]);
    expect((await found('532 322'))[0]!.code).toBe('532322');
  });
});
