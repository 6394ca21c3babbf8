/**
 * Starting the import worker as a child process (under `pwb serve` and in tests; the desktop app passes its own
 * launcher that uses Electron's utilityProcess). A job that runs past its time limit is killed; a worker that ends
 * without a result (a V8 fatal error, out of memory) is a failed job with a clear message, and nothing is stored:
 * the import's transaction never committed.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { resourcesRoot } from '../catalog/paths';
import type { WorkerMessage, WorkerRequest } from '../worker/import-worker';

export interface WorkerHandle {
  kill(): void;
}

export type WorkerLauncher = (request: WorkerRequest, onMessage: (m: WorkerMessage) => void, onExit: (code: number | null) => void) => WorkerHandle;

/** The bundled worker script (dist/worker.cjs, built by `npm ci` / `npm run build`). */
export const workerScript = (): string => path.join(resourcesRoot(), 'dist', 'worker.cjs');

/**
 * The worker's heap: up to 1 GiB for the largest workbook the caps allow, and a young generation of 8 MB semi-spaces
 * instead of V8's 16 (the yardstick's import peaks about 40 MB lower, at the same speed: `npm run bench`).
 */
export const workerExecArgv = (maxOldSpaceMb = 1024): string[] => [`--max-old-space-size=${maxOldSpaceMb}`, '--max-semi-space-size=8'];

export const forkLauncher =
  (script = workerScript(), maxOldSpaceMb = 1024): WorkerLauncher =>
  (request, onMessage, onExit) => {
    const child = fork(script, [], { serialization: 'advanced', execArgv: workerExecArgv(maxOldSpaceMb), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr?.resume();
    child.on('message', (m) => onMessage(m as WorkerMessage));
    child.on('exit', (code) => onExit(code));
    child.send(request);
    return { kill: () => child.kill('SIGKILL') };
  };
