/**
 * The import worker started early: `pwb import` (bin/pwb.cjs) forks it before the command line's own code loads, so
 * that the two start together (about a quarter of a second of a large import). The command's launcher takes it when
 * the import begins (job-process.ts); one never taken ends with the command, which has nothing to keep waiting for
 * (the child and its channel are unreferenced, and the worker leaves when its parent goes: import-worker.ts).
 * Built alone into dist/spare.cjs; the spare is handed over by a global symbol, as the two bundles are two modules.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const SPARE = Symbol.for('pwb.spare-import-worker');

interface Spare {
  script: string;
  execArgv: string[];
  child: ChildProcess;
}

type WithSpare = typeof globalThis & { [SPARE]?: Spare };

/**
 * The worker's heap: up to 1 GiB for the largest workbook the caps allow, and a young generation of 8 MB semi-spaces
 * instead of V8's 16 (the yardstick's import peaks about 40 MB lower, at the same speed: `npm run bench`).
 */
export const workerExecArgv = (maxOldSpaceMb = 1024): string[] => [`--max-old-space-size=${maxOldSpaceMb}`, '--max-semi-space-size=8'];

export const forkWorker = (script: string, execArgv: string[]): ChildProcess =>
  fork(script, [], { serialization: 'advanced', execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });

/** Whether a child keeps this process running: the process itself, its message channel and its stderr pipe. */
export const hold = (child: ChildProcess, keep: boolean): void => {
  const stderr = child.stderr as (NodeJS.ReadableStream & { ref?: () => void; unref?: () => void }) | null;
  if (keep) {
    child.ref();
    child.channel?.ref();
    stderr?.ref?.();
  } else {
    child.unref();
    child.channel?.unref();
    stderr?.unref?.();
  }
};

/** Forks the worker now, to be taken by takeSpareWorker; it keeps nothing alive while it waits. */
export const startSpareWorker = (script: string): void => {
  const execArgv = workerExecArgv();
  const child = forkWorker(script, execArgv);
  child.stderr?.resume();
  child.on('error', () => {}); // a spare that could not start is simply not taken
  hold(child, false);
  (globalThis as WithSpare)[SPARE] = { script: path.resolve(script), execArgv, child };
};

/** The spare worker, if one was started with this script and these arguments and still runs; taken once. */
export const takeSpareWorker = (script: string, execArgv: string[]): ChildProcess | null => {
  const g = globalThis as WithSpare;
  const spare = g[SPARE];
  delete g[SPARE];
  if (!spare || spare.script !== path.resolve(script) || spare.execArgv.join(' ') !== execArgv.join(' ') || spare.child.exitCode !== null || !spare.child.connected) {
    spare?.child.kill();
    return null;
  }
  hold(spare.child, true);
  return spare.child;
};
