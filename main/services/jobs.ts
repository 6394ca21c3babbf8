/**
 * Long operations run as jobs so that any transport can show progress: `import.start` returns at once with a job
 * id; `jobs.status` tells how many rows have been read and, when done, the result or the error.
 */
import type { ImportResultDto, JobStatus } from '../../shared/api';
import { toWire } from '../../shared/errors';
import type { WriteDb } from '../db/types';
import { runImport, type ImportInput } from './import/run';
import type { WorkerLauncher } from './job-process';

/** How long an import may run in its own process before it is stopped (a runaway file). */
export const JOB_TIME_LIMIT_MS = Number(process.env.PWB_JOB_TIME_LIMIT_MS ?? 30 * 60_000);

const jobs = new Map<string, JobStatus>();
let next = 1;

const failure = (message: string): JobStatus['error'] => ({ name: 'UserError', code: 'import-failed', message });

/** Runs the import in a worker process: progress by message, a time limit, a crash reported, never the caller's. */
const startInWorker = (db: WriteDb, input: ImportInput, status: JobStatus, launch: WorkerLauncher, onSettled: (s: JobStatus) => void): void => {
  let settled = false;
  const settle = (update: Partial<JobStatus>) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    Object.assign(status, update);
    onSettled(status);
  };
  const handle = launch(
    { dbFile: db.name, input: { ...input, onProgress: undefined } },
    (m) => {
      if (m.type === 'progress') status.rows = m.rows;
      else if (m.type === 'done') settle({ state: 'done', result: m.result as ImportResultDto });
      else settle({ state: 'failed', error: m.error });
    },
    (code) =>
      settle({
        state: 'failed',
        error: failure(`导入进程意外结束（退出码 ${code ?? '无'}），文件可能已损坏或构造异常；数据库未作改动。 / The import process ended unexpectedly (code ${code}); nothing was stored.`),
      }),
  );
  const timer = setTimeout(() => {
    handle.kill();
    const limit = JOB_TIME_LIMIT_MS >= 60_000 ? `${Math.round(JOB_TIME_LIMIT_MS / 60_000)} 分钟` : `${Math.max(1, Math.round(JOB_TIME_LIMIT_MS / 1000))} 秒`;
    settle({ state: 'failed', error: failure(`导入超过 ${limit}仍未完成，已停止；数据库未作改动。 / The import ran past its time limit and was stopped; nothing was stored.`) });
  }, JOB_TIME_LIMIT_MS);
};

/** `onSettled`: told once when the job is done or has failed (the caller drops the backup of an import that stored nothing). */
export const startImportJob = (db: WriteDb, input: ImportInput, launch?: WorkerLauncher, onSettled: (s: JobStatus) => void = () => {}): { job: string } => {
  const id = `job-${next++}`;
  const status: JobStatus = { job: id, state: 'running', rows: 0, result: null, error: null };
  jobs.set(id, status);
  if (launch && db.name !== ':memory:') {
    startInWorker(db, input, status, launch, onSettled);
    return { job: id };
  }
  // Let the caller receive the id before the work starts.
  setImmediate(() => {
    runImport(db, { ...input, onProgress: (rows) => (status.rows = rows) }).then(
      (result: ImportResultDto) => {
        status.state = 'done';
        status.result = result;
        onSettled(status);
      },
      (error: unknown) => {
        status.state = 'failed';
        status.error = toWire(error);
        onSettled(status);
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
