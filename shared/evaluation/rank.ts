/**
 * Ranks of sub-regions on one row of a league table (下级地区对比), as a statistics office ranks: 1 for the best,
 * ties share a rank (1, 1, 3), regions without a verdict (缺数, 不适用, 需判断, 无法判断) get none. Ordered by
 * completion where every ranked region has one, else by value in the indicator's direction.
 */
import { nearlyEqual } from './round';
import type { Status } from './status';

const UNRANKED: ReadonlySet<Status> = new Set<Status>(['缺数', '不适用', '需判断', '无法判断']);

export interface RankInput {
  value: number | null;
  completion: number | null;
  status: Status;
}

/** Ranks in the order of `rows`; `direction` of the indicator decides which way a value is better. */
export const rankRegions = (rows: readonly RankInput[], direction: 'increase' | 'decrease' | 'range' | 'keep'): (number | null)[] => {
  const ranked = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.value !== null && !UNRANKED.has(r.status));
  const byCompletion = ranked.length > 0 && ranked.every(({ r }) => r.completion !== null);
  const score = ({ r }: { r: RankInput }): number =>
    byCompletion ? r.completion! : direction === 'decrease' ? -r.value! : r.value!;
  const sorted = [...ranked].sort((a, b) => score(b) - score(a));
  const out: (number | null)[] = rows.map(() => null);
  sorted.forEach((entry, k) => {
    const prev = sorted[k - 1];
    out[entry.i] = prev !== undefined && nearlyEqual(score(prev), score(entry)) ? out[prev.i]! : k + 1;
  });
  return out;
};
