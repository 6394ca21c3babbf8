/**
 * Long operations run as jobs so that any transport can show progress: `import.start` returns at once with a job
 * id; `jobs.status` tells how many rows have been read and, when done, the result or the error.
 */
import type { ImportResultDto, JobStatus } from '../../shared/api';
import { toWire } from '../../shared/errors';
import type { WriteDb } from '../db/types';
import { runImport, type ImportInput } from './import/run';

const jobs = new Map<string, JobStatus>();
let next = 1;

export const startImportJob = (db: WriteDb, input: ImportInput): { job: string } => {
  const id = `job-${next++}`;
  const status: JobStatus = { job: id, state: 'running', rows: 0, result: null, error: null };
  jobs.set(id, status);
  // Let the caller receive the id before the work starts.
  setImmediate(() => {
    runImport(db, { ...input, onProgress: (rows) => (status.rows = rows) }).then(
      (result: ImportResultDto) => {
        status.state = 'done';
        status.result = result;
      },
      (error: unknown) => {
        status.state = 'failed';
        status.error = toWire(error);
      },
    );
  });
  return { job: id };
};

export const jobStatus = (id: string): JobStatus => {
  const status = jobs.get(id);
  if (!status) return { job: id, state: 'failed', rows: 0, result: null, error: { name: 'Error', message: `未知任务 ${id} / unknown job` } };
  if (status.state !== 'running') jobs.delete(id);
  return { ...status };
};
