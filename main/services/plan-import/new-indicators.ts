/**
 * Stores the indicators a plan import creates. A new indicator computed from an item of the same name (城市低保标准)
 * takes no name of its own, so a sheet's column of that name still means the item.
 */
import { isBarePart } from '../../../shared/targets/grammar';
import { upsertSeries } from '../../db/queries/series';
import type { WriteDb } from '../../db/types';
import type { MatchedRow } from './match-rows';

export const insertNewIndicators = (db: WriteDb, rows: MatchedRow[]): void => {
  const dropAliases = db.prepare('DELETE FROM series_alias WHERE series_code = ?');
  const all = rows.flatMap((m) => [
    { newSeries: m.newSeries, printed: m.draft.name.trim() },
    ...m.splits.map((x) => ({ newSeries: x.newSeries, printed: x.newSeries?.name ?? '' })),
  ]);
  for (const m of all) {
    if (m.newSeries === null) continue;
    if (m.newSeries.formula !== null) {
      upsertSeries(db, m.newSeries, []);
      dropAliases.run(m.newSeries.code);
      continue;
    }
    const printed = m.printed;
    // A bare part label (城市) is no name of its own: the series is found by its full name (城市特困人员基本生活标准).
    const alias = printed !== m.newSeries.name && !isBarePart(printed);
    upsertSeries(db, m.newSeries, alias ? [printed] : []);
  }
};
