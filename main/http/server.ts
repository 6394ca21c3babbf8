/**
 * Browser mode: the same services over HTTP on 127.0.0.1 (never another interface). POST /api/<name> with a JSON
 * body calls `dispatch`; POST /upload stores a workbook the browser sends and returns its path for `import.*`;
 * GET /download/<name> returns a file written to the exports folder; everything else serves the built renderer.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { toWire, UserError } from '../../shared/errors';
import type { Handlers } from '../../shared/api';
import { dispatch } from '../services/handlers';

export interface ServerOptions {
  handlers: Handlers;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** Where uploaded workbooks and exports are kept. */
  workDir: string;
  port?: number;
}

const MAX_UPLOAD = 200 * 2 ** 20;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

const readBody = (req: http.IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new UserError('bad-input', '上传的文件过大。 / The upload is too large.'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/** A file name the browser sent, reduced to a safe base name. */
const safeName = (name: string): string => path.basename(name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'upload.xlsx';

export const startServer = (options: ServerOptions): Promise<{ server: http.Server; url: string }> => {
  const uploads = path.join(options.workDir, 'uploads');
  // The same folder the handlers' files.exportsDir gives (createHandlers(db, { workDir })).
  const exportsDir = path.join(options.workDir, 'exports');
  fs.mkdirSync(uploads, { recursive: true });
  fs.mkdirSync(exportsDir, { recursive: true });
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const name = decodeURIComponent(url.pathname.slice('/api/'.length));
        const body = await readBody(req, 2 ** 20);
        const input: unknown = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
        const value = await dispatch(options.handlers, name, input);
        return sendJson(res, 200, { ok: true, value: value ?? null });
      }
      if (req.method === 'POST' && url.pathname === '/upload') {
        const body = await readBody(req, MAX_UPLOAD);
        const dir = fs.mkdtempSync(path.join(uploads, 'u-'));
        const file = path.join(dir, safeName(url.searchParams.get('name') ?? 'upload.xlsx'));
        fs.writeFileSync(file, body);
        return sendJson(res, 200, { ok: true, value: { path: file } });
      }
      if (req.method === 'GET' && url.pathname.startsWith('/download/')) {
        const file = path.join(exportsDir, safeName(decodeURIComponent(url.pathname.slice('/download/'.length))));
        if (!fs.existsSync(file)) return sendJson(res, 404, { ok: false, error: { name: 'Error', message: 'not found' } });
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(file))}`,
        });
        return fs.createReadStream(file).pipe(res);
      }
      if (req.method === 'GET') {
        const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
        let file = path.resolve(options.staticDir, rel);
        if (!file.startsWith(path.resolve(options.staticDir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
          file = path.join(options.staticDir, 'index.html');
        }
        if (!fs.existsSync(file)) return sendJson(res, 404, { ok: false, error: { name: 'Error', message: '界面未构建：请先运行 npm run build / the renderer is not built' } });
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        return fs.createReadStream(file).pipe(res);
      }
      sendJson(res, 405, { ok: false, error: { name: 'Error', message: 'method not allowed' } });
    } catch (error) {
      sendJson(res, 200, { ok: false, error: toWire(error) });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
};
