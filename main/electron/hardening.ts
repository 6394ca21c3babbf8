/**
 * The window closed to everything but its own page: navigation and new windows denied, every permission request
 * denied, IPC accepted only from the app's own frame, and the page served from app:// with a strict
 * Content-Security-Policy (no inline script, no remote origin). Takes Electron's objects as parameters, so the
 * rules are tested under Node with stand-ins.
 */
import fs from 'node:fs';
import path from 'node:path';
import { contentTypeOf } from '../content-types';

export const APP_ORIGIN = 'app://workbench';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');


/** The response for an app:// request: a file of the renderer folder, never outside it, with the CSP. */
export const serveAppRequest = (rendererDir: string, url: string): { status: number; body: Buffer | string; headers: Record<string, string> } => {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  let pathname: string;
  try {
    const u = new URL(url);
    if (`${u.protocol}//${u.host}` !== APP_ORIGIN) return { status: 404, body: 'not found', headers };
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { status: 400, body: 'bad request', headers };
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel) || pathname.includes('\u0000')) return { status: 404, body: 'not found', headers };
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return { status: 404, body: 'not found', headers };
  return { status: 200, body: fs.readFileSync(file), headers: { ...headers, 'Content-Type': contentTypeOf(file) } };
};

/** Whether an IPC message comes from the app's own page (not from a frame of anything else). */
export const isOwnFrame = (senderFrameUrl: string | undefined | null): boolean => {
  if (!senderFrameUrl) return false;
  try {
    const u = new URL(senderFrameUrl);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
};

interface NavigationEvent {
  preventDefault(): void;
}

/** The parts of a WebContents and Session the rules touch. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: {
    setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
    setPermissionCheckHandler(handler: () => boolean): void;
  };
}

/** Applies the rules to a window's contents; `openExternal` is never called: links to elsewhere are simply refused. */
export const hardenContents = (contents: HardenableContents): void => {
  const stay = (event: NavigationEvent, url: string) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_c, _p, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
};
