/** Pure helpers of 下级地区对比: the order of the regions (by one row's rank or by name) and a column's short title. */
import type { LeagueTable } from '../../../shared/evaluation/league';
import { wrapWords } from '../../../shared/text/wrap-words';

export type LeagueRegion = LeagueTable['regions'][number];

/** The table's order: as the services list the regions (by code), by name, or by the rank on one row (a 序号). */
export type LeagueSort = { by: 'code' } | { by: 'name'; descending: boolean } | { by: 'rank'; seq: string; descending: boolean };

const rankOf = (r: LeagueRegion, seq: string): number | null => r.rows.find((x) => x.seq === seq)?.rank ?? null;

/** Sorts a copy; a region without a rank (缺数, 不适用) stays last whichever way the ranks run. */
export const sortRegions = (regions: readonly LeagueRegion[], sort: LeagueSort): LeagueRegion[] => {
  const list = [...regions];
  if (sort.by === 'code') return list;
  if (sort.by === 'name') {
    list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return sort.descending ? list.reverse() : list;
  }
  return list.sort((a, b) => {
    const x = rankOf(a, sort.seq);
    const y = rankOf(b, sort.seq);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sort.descending ? y - x : x - y;
  });
};

/** The next order after a click on a header: a new column starts at 第1, the same column turns round. */
export const nextSort = (sort: LeagueSort, clicked: { by: 'name' } | { by: 'rank'; seq: string }): LeagueSort => {
  if (clicked.by === 'name') return { by: 'name', descending: sort.by === 'name' ? !sort.descending : false };
  return { by: 'rank', seq: clicked.seq, descending: sort.by === 'rank' && sort.seq === clicked.seq ? !sort.descending : false };
};

/**
 * A column's title in at most two lines of 7 characters for a narrow header, broken between words (never "覆盖/率");
 * a longer name ends after a whole word with "…", and the full name goes into its tooltip.
 */
export const headerLines = (name: string): string[] => wrapWords(name, 7, 2);

/** True when no sub-region has a value for any row in the year: the page says so instead of a grey table alone. */
export const noValues = (t: LeagueTable): boolean => t.regions.every((r) => r.rows.every((x) => x.value === null));
