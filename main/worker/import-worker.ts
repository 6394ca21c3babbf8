/**
 * A long import in a process of its own (a child of `pwb serve`, or Electron's utilityProcess), so that a parser
 * that freezes or dies on a hostile file cannot take the window or the server with it. It opens the same database
 * file, runs the one import service and reports progress and the result by message; the transaction is its own.
 */
import { toWire } from '../../shared/errors';
import { userErrorOfSqlite } from '../db/errors';
import { openDb } from '../db/open';
import { runImport, type ImportInput } from '../services/import/run';

export type WorkerRequest = { dbFile: string; input: ImportInput };
export type WorkerMessage =
  | { type: 'progress'; rows: number }
  | { type: 'done'; result: Awaited<ReturnType<typeof runImport>> }
  | { type: 'failed'; error: ReturnType<typeof toWire> };

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
/** The last message sent (a child process: when it has left, the worker may end). */
let sent: Promise<void> = Promise.resolve();
const send = (message: WorkerMessage): void => {
  if (parentPort) parentPort.postMessage(message);
  else sent = new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve()) ?? resolve());
};

const run = async (request: WorkerRequest): Promise<void> => {
  let db: ReturnType<typeof openDb> | null = null;
  try {
    db = openDb(request.dbFile);
    const result = await runImport(db, { ...request.input, onProgress: (rows) => send({ type: 'progress', rows }) });
    send({ type: 'done', result });
  } catch (error) {
    // SQLite's errors in the clerk's words (busy, read-only, disk full) before they cross to the parent.
    send({ type: 'failed', error: toWire(userErrorOfSqlite(error, request.dbFile) ?? error) });
  } finally {
    db?.close();
    // The process ends once its last message has left (Electron's port gives no word of that: 50 ms there).
    if (parentPort) setTimeout(() => process.exit(0), 50);
    else void sent.then(() => process.exit(0));
  }
};

if (parentPort) parentPort.on('message', (e) => void run(e.data as WorkerRequest));
else {
  // A worker started early (spare.ts) whose command ended without an import leaves with its parent.
  const leave = () => process.exit(0);
  process.once('disconnect', leave);
  process.once('message', (m) => {
    process.off('disconnect', leave);
    void run(m as WorkerRequest);
  });
}
