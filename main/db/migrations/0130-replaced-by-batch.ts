/**
 * What a batch stored and a later batch took over, found by the batch that stored it (导入记录's 查看数值, and the
 * check before an undo): without these indexes each such value scanned the whole table of replaced values, and a
 * batch imported three times took seconds per page. And a batch's count is every value it wrote: its months' and
 * quarters' figures are counted too (they were left out before), for the batches whose figures are all still known.
 */
import type { WriteDb } from '../types';

export const migrate0130 = (db: WriteDb): void => {
  db.exec(`
    CREATE INDEX observation_replaced_old_batch ON observation_replaced (old_batch_id, region_code, series_code, year);
    CREATE INDEX period_observation_replaced_old_batch ON period_observation_replaced (old_batch_id, region_code, series_code, period, kind);
    UPDATE import_batch SET observation_count = observation_count
      + (SELECT count(*) FROM period_observation p WHERE p.batch_id = import_batch.id)
      + (SELECT count(*) FROM period_observation_replaced r JOIN import_batch later ON later.id = r.batch_id AND later.status = 'active'
         WHERE r.old_batch_id = import_batch.id)
    WHERE status = 'active';
  `);
};
