/** Regions for a choice in the window: a region and everything under it, as a tree the renderer shows and searches. */
import type { Region } from '../../shared/types';
import type { ReadDb } from '../db/types';
import { UserError } from '../../shared/errors';
import { MAX_REGION_MATCHES } from '../../shared/api';
import { regionTreeOf } from './context';
import { normaliseRegionCode } from '../../shared/text/region-code';
import { nameKey } from '../../shared/text/normalize';

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
 * Regions of the whole country for a text as a clerk types it: the field where a bureau names its own plan's region,
 * which may be any of the 44,700. The text is read as `findRegion` reads a region in a workbook (full-width
 * characters, the 12-digit statistical code, a short name the catalogue knows, 楚雄州), and may name the regions
 * above as well, run together or apart (镇坪县城关镇, 武清 城关镇). Best first: the name itself (or a known short
 * name), names that start with it, names that contain it, then regions whose names above complete it; within each,
 * provinces before prefectures, counties and townships, then by code. `more`: there were more than are sent.
 */
export const searchRegions = (db: ReadDb, query: string): { regions: RegionMatch[]; more: boolean } => {
  const text = query.normalize('NFKC').trim();
  const terms = text.split(/\s+/).filter((t) => t !== '');
  if (terms.length === 0) return { regions: [], more: false };
  const { regions } = regionTreeOf(db);
  const q = terms.join('');
  const code = /^\d+$/.test(q) ? (normaliseRegionCode(q) ?? q) : null;
  const aliases = code || terms.length > 1 ? new Set<string>() : new Set(db.prepare<[string], { region_code: string }>('SELECT region_code FROM region_alias WHERE alias = ?').all(nameKey(q)).map((r) => r.region_code));
  /** The names above the region, from the province down. */
  const above = (r: Region): string[] => {
    const names: string[] = [];
    for (let p = r.parentCode ? regions.get(r.parentCode) : undefined; p; p = p.parentCode ? regions.get(p.parentCode) : undefined) names.unshift(p.name);
    return names;
  };
  const last = terms[terms.length - 1]!;
  const rankOf = (r: Region): number => {
    if (code) return r.code === code ? 0 : r.code.startsWith(code) ? 1 : -1;
    if (terms.length === 1) {
      if (r.name === q || aliases.has(r.code)) return 0;
      if (r.name.startsWith(q)) return 1;
      if (r.name.includes(q)) return 2;
      // Run together with the names above (镇坪县城关镇): found where it ends inside the region's own name.
      const full = above(r).join('') + r.name;
      const at = full.lastIndexOf(q);
      return at >= 0 && at + q.length > full.length - r.name.length ? 3 : -1;
    }
    // Apart (武清 城关镇): the last in the region's own name, the others in the names above.
    if (!r.name.includes(last)) return -1;
    const names = above(r).join('');
    return terms.slice(0, -1).every((t) => names.includes(t)) ? 3 : -1;
  };
  const hits: { region: Region; rank: number }[] = [];
  for (const r of regions.values()) {
    const rank = rankOf(r);
    if (rank >= 0) hits.push({ region: r, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || LEVEL_ORDER[a.region.level] - LEVEL_ORDER[b.region.level] || (a.region.code < b.region.code ? -1 : 1));
  return { regions: hits.slice(0, MAX_REGION_MATCHES).map(({ region }) => ({ ...region, path: above(region).join(' › ') })), more: hits.length > MAX_REGION_MATCHES };
};
