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

export const call = async <K extends ApiName>(name: K, input: Api[K]['input']): Promise<Api[K]['output']> => {
  if (window.workbench) return window.workbench.call(name, input);
  const res = await fetch(`/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const reply = (await res.json()) as { ok: true; value: Api[K]['output'] } | { ok: false; error: WireError };
  if (!reply.ok) throw fromWire(reply.error);
  return reply.value;
};

/** Browser mode: sends a file the user picked to the local server and returns the path the services can read. */
export const uploadFile = async (file: File): Promise<string> => {
  const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
  const reply = (await res.json()) as { ok: true; value: { path: string } } | { ok: false; error: WireError };
  if (!reply.ok) throw fromWire(reply.error);
  return reply.value.path;
};

/** Where exports and generated workbooks are written; in browser mode they are then downloaded by link. */
export const exportsDir = async (): Promise<string> => (await call('files.exportsDir', undefined)).path;
export const downloadUrl = (fileName: string): string => `/download/${encodeURIComponent(fileName)}`;
