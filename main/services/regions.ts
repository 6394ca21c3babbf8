/** Regions for a choice in the window: a region and everything under it, as a tree the renderer shows and searches. */
import type { Region } from '../../shared/types';
import type { ReadDb } from '../db/types';
import { UserError } from '../../shared/errors';
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
