/**
 * Browser mode: the same services over HTTP on 127.0.0.1 (never another interface), for the page opened from the
 * address `pwb serve` prints (guard.ts). POST /api/<name> with a JSON body calls `dispatch` on the confined services
 * (paths.ts); POST /upload keeps a workbook the page sends; GET /download/<name> returns a file of the exports folder;
 * everything else serves the built renderer. No request can end the process: every failure becomes a response.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { toWire, UserError, type WireError } from '../../shared/errors';
import type { Handlers } from '../../shared/api';
import { dispatch } from '../services/handlers';
import { contentTypeOf } from '../content-types';
import { createGuard, REFUSALS, type Guard, type Refusal } from './guard';
import { assertConfined, confineHandlers, createUploadStore, MAX_UPLOADS, safeFileName } from './paths';

export interface ServerOptions {
  handlers: Handlers;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** Where uploaded workbooks (workDir/uploads) and exports (workDir/exports) are kept. */
  workDir: string;
  port?: number;
  /** Largest upload in bytes (200 MB). */
  maxUploadBytes?: number;
  /** How many uploads are kept at most; the oldest is deleted first (20). */
  maxUploads?: number;
}

export interface RunningServer {
  server: http.Server;
  /** The address to open: the origin with this start's token, e.g. http://127.0.0.1:8321/?token=… */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
}

const MAX_UPLOAD = 200 * 2 ** 20;
const MAX_API_BODY = 2 ** 20;
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

/** A refusal as a response, with its status; `ok: false` so that the page shows the message. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const wire = (message: string, status: number): WireError => ({ name: 'UserError', code: 'bad-input', message, details: { status } });

const send = (res: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>) => {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { ...SECURITY_HEADERS, 'cache-control': 'no-store', ...headers });
  res.end(body);
};

const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers });

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page shown instead of the app when the address is opened without its token. */
const refusalPage = (message: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>规划监测评估工作台</title></head>` +
  `<body style="font-family:sans-serif;margin:3em"><h1>规划监测评估工作台</h1><p>请使用命令行给出的地址打开。</p>` +
  `<p>${escapeHtml(message)}</p></body></html>`;

/** Whether a path belongs to the programmatic endpoints (answered in JSON) rather than to the page. */
const isEndpoint = (pathname: string) => pathname.startsWith('/api/') || pathname === '/upload' || pathname.startsWith('/download/');

const refuse = (res: http.ServerResponse, pathname: string, refusal: Refusal) =>
  isEndpoint(pathname)
    ? sendJson(res, refusal.status, { ok: false, error: wire(refusal.message, refusal.status) })
    : send(res, refusal.status, refusalPage(refusal.message), { 'content-type': 'text/html; charset=utf-8' });

const decodeSegment = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, '地址中的编码有误。 / Bad percent-encoding in the address.');
  }
};

const mediaType = (req: http.IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

const tooLarge = (limit: number) =>
  new HttpError(413, `上传的内容过大（上限 ${Math.round(limit / 2 ** 20)} MB），请拆分后再上传。 / The upload is too large (limit ${Math.round(limit / 2 ** 20)} MB).`);

const readBody = (req: http.IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(tooLarge(limit));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        // Refuse now; the rest is read and dropped so that the client, still sending, receives the answer.
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** Streams the request body to `file`, refusing (and deleting what was written) past `limit` bytes. */
const receiveFile = (req: http.IncomingMessage, file: string, limit: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const discard = (error: unknown) => fs.rm(path.dirname(file), { recursive: true, force: true }, () => reject(error));
    if (Number(req.headers['content-length'] ?? 0) > limit) return discard(tooLarge(limit));
    const out = fs.createWriteStream(file, { flags: 'wx' });
    let size = 0;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(out);
      out.destroy();
      // The rest is read and dropped so that the client, still sending, receives the answer.
      req.resume();
      discard(error);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) fail(tooLarge(limit));
    });
    req.on('error', fail);
    req.on('aborted', () => fail(new HttpError(400, '上传被中断。 / The upload was interrupted.')));
    out.on('error', fail);
    out.on('finish', () => (failed ? undefined : resolve()));
    req.pipe(out);
  });

/** Sends one regular file of `dir` (never a folder, a link or anything outside); false if there is none. */
const sendFile = (req: http.IncomingMessage, res: http.ServerResponse, dir: string, rel: string, headers: Record<string, string>): boolean => {
  const file = path.resolve(dir, rel);
  const within = path.relative(dir, file);
  if (within === '' || within.startsWith('..') || path.isAbsolute(within)) return false;
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return false;
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-length': String(stat.size), ...headers });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return true;
};

export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const staticDir = path.resolve(options.staticDir);
  const maxUpload = options.maxUploadBytes ?? MAX_UPLOAD;
  // The same folder the handlers' files.exportsDir gives (createHandlers(db, { workDir })).
  const exportsDir = path.join(path.resolve(options.workDir), 'exports');
  fs.mkdirSync(exportsDir, { recursive: true });
  const uploads = createUploadStore(path.join(path.resolve(options.workDir), 'uploads'), options.maxUploads ?? MAX_UPLOADS);
  const handlers = confineHandlers(options.handlers, uploads, exportsDir);
  // Known once listening: the port is part of the allowed Host and Origin, and of the cookie's name.
  let guard: Guard | null = null;
  let origin = '';

  const route = async (req: http.IncomingMessage, res: http.ServerResponse, guard: Guard) => {
    const raw = req.url ?? '';
    // Only origin-form targets ("/path?query") without dot segments: an absolute or scheme-relative target could
    // name another host, and "/a/../b" would be resolved by the URL parser to a path the request did not name.
    const rawPath = raw.split('?')[0]!;
    if (!raw.startsWith('/') || raw.startsWith('//') || /(^|\/)(\.|%2e){1,2}(\/|$)/i.test(rawPath)) throw new HttpError(400, '请求地址有误。 / Bad request target.');
    const url = new URL(raw, origin);
    const refusal = guard.checkSource(req);
    if (refusal) return refuse(res, url.pathname, refusal);
    const method = req.method ?? '';

    // The address printed by `pwb serve`: trade the token for a cookie, and drop it from the address bar.
    if (method === 'GET' && !isEndpoint(url.pathname) && url.searchParams.has('token')) {
      if (!guard.isToken(url.searchParams.get('token'))) return refuse(res, url.pathname, REFUSALS.wrongToken);
      url.searchParams.delete('token');
      return send(res, 303, '', { location: `${url.pathname}${url.search}`, 'set-cookie': guard.setCookie() });
    }
    if (!guard.hasToken(req, url)) return refuse(res, url.pathname, REFUSALS.token);

    if (url.pathname.startsWith('/api/')) {
      if (method !== 'POST') throw new HttpError(405, '只接受 POST 请求。 / Only POST is accepted.', { allow: 'POST' });
      if (mediaType(req) !== 'application/json') throw new HttpError(415, '只接受 JSON 请求（Content-Type: application/json）。 / Only application/json is accepted.');
      const name = decodeSegment(url.pathname.slice('/api/'.length));
      const body = await readBody(req, MAX_API_BODY);
      let input: unknown;
      try {
        input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpError(400, '请求内容不是有效的 JSON。 / The request body is not valid JSON.');
      }
      try {
        assertConfined(name, input);
        const value = await dispatch(handlers, name, input);
        return sendJson(res, 200, { ok: true, value: value ?? null });
      } catch (error) {
        return sendJson(res, 200, { ok: false, error: toWire(error) });
      }
    }
    if (url.pathname === '/upload') {
      if (method !== 'POST') throw new HttpError(405, '只接受 POST 请求。 / Only POST is accepted.', { allow: 'POST' });
      if (mediaType(req) !== 'application/octet-stream') throw new HttpError(415, '上传只接受 application/octet-stream。 / Uploads must be application/octet-stream.');
      const file = uploads.reserve(url.searchParams.get('name') ?? 'upload.xlsx');
      await receiveFile(req, file, maxUpload);
      uploads.keep(file);
      return sendJson(res, 200, { ok: true, value: { path: file } });
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, '不支持的请求方法。 / Method not allowed.', { allow: 'GET, HEAD' });
    if (url.pathname.startsWith('/download/')) {
      const wanted = decodeSegment(url.pathname.slice('/download/'.length));
      const name = safeFileName(wanted, '');
      if (name === '' || name !== wanted) throw new HttpError(404, `没有这个导出文件。 / No such export.`);
      const sent = sendFile(req, res, exportsDir, name, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cache-control': 'no-store',
      });
      if (!sent) throw new HttpError(404, `没有这个导出文件：${name} / No such export: ${name}`);
      return;
    }
    const rel = decodeSegment(url.pathname).replace(/^\/+/, '');
    if (rel.split(/[\\/]/).includes('..') || rel.includes('\0')) throw new HttpError(400, '请求地址有误。 / Bad request target.');
    const type = (file: string) => ({ 'content-type': contentTypeOf(file) });
    if (rel !== '' && rel !== 'index.html' && sendFile(req, res, staticDir, rel, type(rel))) return;
    // A missing asset is missing; the app's own routes (no extension) fall back to the page.
    if (path.extname(rel) !== '') throw new HttpError(404, `没有这个文件：${rel} / Not found.`);
    const shell = fs.existsSync(path.join(staticDir, 'index.html'));
    if (!shell) throw new HttpError(404, '界面未构建：请先运行 npm run build / the renderer is not built');
    sendFile(req, res, staticDir, 'index.html', { ...type('index.html'), 'cache-control': 'no-store' });
  };

  const server = http.createServer({ maxHeaderSize: 16 * 1024, requestTimeout: 10 * 60_000 }, (req, res) => {
    if (!guard) return void sendJson(res, 503, { ok: false, error: wire('服务器正在启动。 / Starting.', 503) });
    route(req, res, guard).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendJson(res, error.status, { ok: false, error: wire(error.message, error.status) }, error.headers);
      } else sendJson(res, 500, { ok: false, error: toWire(error) });
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  server.on('close', () => uploads.clear());

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      uploads.clear();
      reject(
        error.code === 'EADDRINUSE'
          ? new UserError('bad-input', `端口 ${options.port} 已被占用（工作台可能已在运行），请用 --port 另选一个端口。 / Port ${options.port} is in use; choose another with --port.`)
          : error,
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  guard = createGuard(port);
  origin = `http://127.0.0.1:${port}`;
  return { server, origin, token: guard.token, url: `${origin}/?token=${guard.token}` };
};
