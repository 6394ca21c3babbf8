/** Regions for a choice in the window: a region and everything under it, as a tree the renderer shows and searches. */
import type { Region } from '../../shared/types';
import type { ReadDb } from '../db/types';
import { UserError } from '../../shared/errors';
import { MAX_REGION_MATCHES } from '../../shared/api';
import { regionTreeOf } from './context';

/** At most this many regions are sent for one choice (a province with its townships has about 1,700). */
export const MAX_REGIONS_WITHIN = 20_000;

/** The region `code` and every region below it, parents before their children, each level by code. */
export const regionsWithin = (db: ReadDb, code: string): Region[] => {
  const { regions, nodes } = regionTreeOf(db);
  const root = regions.get(code);
  if (!root) throw new UserError('unknown-region', `未知的地区代码“${code}”。 / Unknown region code "${code}".`);
  const out: Region[] = [];
  const stack = [code];
  while (stack.length > 0 && out.length < MAX_REGIONS_WITHIN) {
    const c = stack.pop()!;
    out.push(regions.get(c)!);
    const children = [...(nodes.get(c)?.children ?? [])].sort();
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
};

/** A region found by `searchRegions`, with the names above it (贵州省 › 贵阳市) to tell two 城关镇 apart. */
export interface RegionMatch extends Region {
  path: string;
}


const LEVEL_ORDER: Record<Region['level'], number> = { province: 0, prefecture: 1, county: 2, township: 3 };

/**
 * Regions of the whole country whose name contains `query` or whose code starts with it (digits): the field where a
 * bureau names its own plan's region, which may be any of the 44,700. Best first: the name itself, then names that
 * start with it, then the rest; within each, provinces before prefectures, counties and townships, then by code.
 */
export const searchRegions = (db: ReadDb, query: string): RegionMatch[] => {
  const q = query.replace(/\s+/g, '');
  if (q === '') return [];
  const { regions } = regionTreeOf(db);
  const byCode = /^\d+$/.test(q);
  const found: { region: Region; rank: number }[] = [];
  for (const r of regions.values()) {
    const rank = byCode ? (r.code.startsWith(q) ? (r.code === q ? 0 : 1) : -1) : r.name === q ? 0 : r.name.startsWith(q) ? 1 : r.name.includes(q) ? 2 : -1;
    if (rank >= 0) found.push({ region: r, rank });
  }
  found.sort((a, b) => a.rank - b.rank || LEVEL_ORDER[a.region.level] - LEVEL_ORDER[b.region.level] || (a.region.code < b.region.code ? -1 : 1));
  const pathOf = (r: Region): string => {
    const names: string[] = [];
    for (let p = r.parentCode ? regions.get(r.parentCode) : undefined; p; p = p.parentCode ? regions.get(p.parentCode) : undefined) names.unshift(p.name);
    return names.join(' › ');
  };
  return found.slice(0, MAX_REGION_MATCHES).map(({ region }) => ({ ...region, path: pathOf(region) }));
};
