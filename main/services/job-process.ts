/**
 * Starting the import worker as a child process (under `pwb serve` and in tests; the desktop app passes its own
 * launcher that uses Electron's utilityProcess). A job that runs past its time limit is killed; a worker that ends
 * without a result (a V8 fatal error, out of memory) is a failed job with a clear message, and nothing is stored:
 * the import's transaction never committed.
 */
import path from 'node:path';
import { resourcesRoot } from '../catalog/paths';
import type { WorkerMessage, WorkerRequest } from '../worker/import-worker';
import { forkWorker, takeSpareWorker, workerExecArgv } from '../worker/spare';

export { workerExecArgv };

export interface WorkerHandle {
  kill(): void;
}

export type WorkerLauncher = (request: WorkerRequest, onMessage: (m: WorkerMessage) => void, onExit: (code: number | null) => void) => WorkerHandle;

/** The bundled worker script (dist/worker.cjs, built by `npm ci` / `npm run build`). */
export const workerScript = (): string => path.join(resourcesRoot(), 'dist', 'worker.cjs');

export const forkLauncher =
  (script = workerScript(), maxOldSpaceMb = 1024): WorkerLauncher =>
  (request, onMessage, onExit) => {
    const execArgv = workerExecArgv(maxOldSpaceMb);
    // The one `pwb import` started with the command (spare.ts), or a new one.
    const child = takeSpareWorker(script, execArgv) ?? forkWorker(script, execArgv);
    child.stderr?.resume();
    child.on('message', (m) => onMessage(m as WorkerMessage));
    child.on('exit', (code) => onExit(code));
    child.send(request);
    return { kill: () => child.kill('SIGKILL') };
  };
