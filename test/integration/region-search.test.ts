/**
 * Issue 10 (地区 wherever a region is chosen): a bureau's own plan may be of any region of the country, found by a part
 * of its name or the start of its code through `regions.search`, best first and each with the names above it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { WriteDb } from '../../main/db/types';
import { createHandlers } from '../../main/services/handlers';
import { MAX_REGION_MATCHES } from '../../shared/api';
import { freshDb } from '../helpers/files';

let db: WriteDb;
let search: ReturnType<typeof createHandlers>['regions.search'];

beforeAll(() => {
  ({ db } = freshDb());
  search = createHandlers(db)['regions.search'];
});

describe('regions.search', () => {
  it('finds 双柏县 by a part of its name, with its province and prefecture', async () => {
    const found = await search({ query: '双柏' });
    expect(found[0]).toMatchObject({ code: '532322', name: '双柏县', level: 'county', parentCode: '532300', path: '云南省 › 楚雄彝族自治州' });
  });

  it('puts the name itself first, then names that start with it, then the rest, each by level then code', async () => {
    const found = await search({ query: '楚雄' });
    const names = found.map((r) => r.name);
    expect(names.slice(0, 2)).toEqual(['楚雄彝族自治州', '楚雄市']);
    const rank = (n: string) => (n === '楚雄' ? 0 : n.startsWith('楚雄') ? 1 : 2);
    const ranks = names.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(names.every((n) => n.includes('楚雄'))).toBe(true);
  });

  it('finds by the start of a code: the region itself first, then those under it, prefectures before counties', async () => {
    const found = await search({ query: '5323' });
    expect(found.every((r) => r.code.startsWith('5323'))).toBe(true);
    expect(found[0]!.code).toBe('532300');
    expect(found.findIndex((r) => r.level === 'township')).toBeGreaterThan(found.findIndex((r) => r.level === 'county'));
    expect((await search({ query: '532322' }))[0]!.name).toBe('双柏县');
  });

  it('sends at most MAX_REGION_MATCHES regions, every 城关镇 told apart by the names above it', async () => {
    const found = await search({ query: '城关镇' });
    expect(found).toHaveLength(MAX_REGION_MATCHES);
    expect(new Set(found.map((r) => `${r.path} › ${r.name}`)).size).toBe(found.length);
  });

  it('gives nothing for an empty text or one no region has, and ignores spaces typed within', async () => {
    await expect(search({ query: '  ' })).resolves.toEqual([]);
    await expect(search({ query: '不存在的地名' })).resolves.toEqual([]);
    expect((await search({ query: '双 柏' }))[0]!.code).toBe('532322');
  });
});
