/** Import history: the batches with their counts. */
import type { BatchSummary } from '../../shared/api';
import type { ReadDb } from '../db/types';

export const listBatches = (db: ReadDb): BatchSummary[] =>
  db
    .prepare<[], { id: number; file_name: string; file_hash: string; imported_at: string; observation_count: number; replaced_count: number; status: 'active' | 'undone' }>(
      'SELECT * FROM import_batch ORDER BY id DESC',
    )
    .all()
    .map((b) => ({
      id: b.id,
      fileName: b.file_name,
      fileHash: b.file_hash,
      importedAt: b.imported_at,
      observations: b.observation_count,
      replaced: b.replaced_count,
      status: b.status,
    }));
