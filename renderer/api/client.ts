/**
 * The renderer's only way to the services: the Electron preload's `workbench.call` when present, else the
 * localhost HTTP transport of browser mode. Errors come back as data and are rebuilt as UserError/BugError.
 */
import type { Api, ApiName, Bridge } from '../../shared/api';
import { fromWire, type WireError } from '../../shared/errors';

declare global {
  interface Window {
    workbench?: Bridge;
  }
}

/**
 * The value of a browser-mode reply, or its error rebuilt. A refusal (no token after a restart, a file too large)
 * is JSON too; anything else that is not JSON becomes an error naming the status.
 */
const replyOf = async <T>(res: Response): Promise<T> => {
  let reply: { ok: true; value: T } | { ok: false; error: WireError };
  try {
    reply = (await res.json()) as typeof reply;
  } catch {
    throw new Error(`本机服务没有正常回答（HTTP ${res.status}），请重新打开命令行给出的地址。 / The local server gave no answer (HTTP ${res.status}).`);
  }
  if (!reply.ok) throw fromWire(reply.error);
  return reply.value;
};

export const call = async <K extends ApiName>(name: K, input: Api[K]['input']): Promise<Api[K]['output']> => {
  if (window.workbench) return window.workbench.call(name, input);
  const res = await fetch(`/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: input === undefined ? '' : JSON.stringify(input),
  });
  return replyOf<Api[K]['output']>(res);
};

/**
 * Browser mode: sends a file the user picked to the local server and returns the path the services can read (the
 * server reads only such uploads, and deletes one once an import stored it).
 */
export const uploadFile = async (file: File): Promise<string> => {
  const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    // Not a type another web page could send without asking first (the server refuses any other).
    headers: { 'content-type': 'application/octet-stream' },
    credentials: 'same-origin',
    body: file,
  });
  return (await replyOf<{ path: string }>(res)).path;
};

/** Where exports and generated workbooks are written; in browser mode they are then downloaded by link. */
export const exportsDir = async (): Promise<string> => (await call('files.exportsDir', undefined)).path;
export const downloadUrl = (fileName: string): string => `/download/${encodeURIComponent(fileName)}`;
