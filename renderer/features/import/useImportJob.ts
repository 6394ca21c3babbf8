/**
 * Runs an import of a chosen file as a job (the file uploaded first in browser mode) and polls its progress; returns
 * { status, error, running } for the page to show.
 */
import { useCallback, useRef, useState } from 'react';
import type { JobStatus } from '../../../shared/api';
import { fromWire } from '../../../shared/errors';
import { call } from '../../api/client';
import { readablePath, type ChosenFile } from '../../api/files';

export const useImportJob = () => {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const timer = useRef<number | null>(null);

  const start = useCallback(async ({ file, ...input }: { file: ChosenFile; dryRun: boolean; region?: string }) => {
    setError(null);
    setStatus(null);
    try {
      const { job } = await call('import.start', { ...input, file: await readablePath(file) });
      setStatus({ job, state: 'running', rows: 0, result: null, error: null });
      await new Promise<void>((resolve) => {
        const poll = async () => {
          const s = await call('jobs.status', { job });
          setStatus(s);
          if (s.state === 'running') timer.current = window.setTimeout(poll, 150);
          else {
            if (s.error) setError(fromWire(s.error));
            resolve();
          }
        };
        void poll();
      });
    } catch (e) {
      setError(e as Error);
    }
  }, []);

  /** Forgets the last check: after the file or the region changes, nothing may be imported until it is checked again. */
  const reset = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    setStatus(null);
    setError(null);
  }, []);

  return { status, error, running: status?.state === 'running', start, reset };
};
