/**
 * Browser mode against other programs on the same PC: the real server on a random port, each attack of issue 10
 * sent with node:http as a hostile web page or program would, and the page's own flow (token → cookie → API) working.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../main/http/server';
import { createHandlers } from '../../main/services/handlers';
import type { WriteDb } from '../../main/db/types';
import type { Handlers } from '../../shared/api';
import { freshDb, tempDir } from '../helpers/files';

const SAMPLE = path.resolve('samples/chuxiong-示例数据.xlsx');
const MAX_UPLOAD = 1024 * 1024;
const MAX_UPLOADS = 3;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => { ok: boolean; value?: unknown; error?: { name: string; code?: string; message: string } };
}

let db: WriteDb;
let handlers: Handlers;
let workDir: string;
let outside: string;
let running: RunningServer;
let port: number;
let cookie: string;

/** One raw request: any Host, method, target and headers, as a hostile page or program could send. */
const request = (target: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; to?: number } = {}): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: options.to ?? port,
        method: options.method ?? 'GET',
        path: target,
        headers: { host: `127.0.0.1:${options.to ?? port}`, ...(body ? { 'content-length': String(body.length) } : {}), ...options.headers },
        // An empty host means none at all (node would otherwise add its own).
        setHost: options.headers?.host !== '',
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as ReturnType<Reply['json']> });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });

/** The page's own API call: POST, JSON, with the cookie. */
const api = (name: string, input: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify(input) });

const upload = async (file: string, name = path.basename(file)): Promise<string> => {
  const reply = await request(`/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', cookie },
    body: fs.readFileSync(file),
  });
  expect(reply.status).toBe(200);
  return (reply.json().value as { path: string }).path;
};

const stillServing = async () => expect((await api('plans.list', undefined)).json().ok).toBe(true);

/** What a user reads of the stored data: every value with its batch, and every batch with its state. */
const snapshot = () => ({
  observations: db.prepare('SELECT region_code, series_code, year, value, batch_id FROM observation ORDER BY 1, 2, 3').all(),
  batches: db.prepare('SELECT id, status FROM import_batch ORDER BY id').all(),
});

beforeAll(async () => {
  ({ db } = freshDb());
  workDir = tempDir();
  outside = tempDir();
  const staticDir = tempDir();
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>规划监测评估工作台</title><script type="module" src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  handlers = createHandlers(db, { workDir });
  // One stored batch, imported as the clerk would, that the attacks below try to undo.
  expect((await handlers['import.run']({ file: SAMPLE })).ok).toBe(true);
  running = await startServer({ handlers, staticDir, workDir, maxUploadBytes: MAX_UPLOAD, maxUploads: MAX_UPLOADS });
  port = Number(new URL(running.origin).port);
  const first = await request(new URL(running.url).pathname + new URL(running.url).search);
  cookie = (first.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
});

afterAll(() => new Promise<void>((resolve) => running?.server.close(() => resolve())));

describe('browser mode, for the page opened from the printed address', () => {
  it('prints an address with a random token, trades it for an HttpOnly SameSite=Strict cookie and then lists the plans', async () => {
    expect(running.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[A-Za-z0-9_-]{43}$`));
    const first = await request(`/?token=${running.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']?.[0]).toMatch(new RegExp(`^pwb_token_${port}=${running.token}; Path=/; HttpOnly; SameSite=Strict$`));
    const page = await request('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('规划监测评估工作台');
    expect((await request('/assets/app.js', { headers: { cookie } })).status).toBe(200);
    const plans = await api('plans.list', undefined);
    expect(plans.status).toBe(200);
    expect((plans.json().value as unknown[]).length).toBe(4);
  });

  it('answers on localhost as well as 127.0.0.1', async () => {
    expect((await api('plans.list', undefined, { host: `localhost:${port}` })).status).toBe(200);
  });
});

describe('browser mode refuses other programs', () => {
  it('refuses a request whose Host is another name or port (DNS rebinding), even with the cookie', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`, '']) {
      const reply = await api('plans.list', undefined, { host });
      expect(reply.status, host).toBe(421);
      expect(reply.text).toContain('主机名');
    }
    expect((await request('/', { headers: { host: `evil.example:${port}`, cookie } })).status).toBe(421);
  });

  it('shows the page without the token only as a message to open the printed address', async () => {
    const page = await request('/');
    expect(page.status).toBe(403);
    expect(page.text).toContain('请使用命令行给出的地址打开');
    expect(page.text).not.toContain('/assets/app.js');
    expect((await request('/?token=wrong')).status).toBe(403);
    expect((await request(`/?token=${running.token.slice(0, -1)}x`)).status).toBe(403);
  });

  it('refuses the assets, the API, uploads and downloads without the token', async () => {
    expect((await request('/assets/app.js')).status).toBe(403);
    const plans = await request('/api/plans.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
    expect(plans.status).toBe(403);
    expect(plans.json().error?.message).toContain('访问口令');
    expect((await request('/upload?name=a.xlsx', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'x' })).status).toBe(403);
    expect((await request('/download/a.xlsx')).status).toBe(403);
    expect((await api('plans.list', undefined, { cookie: `pwb_token_${port}=guessed` })).status).toBe(403);
    expect((await api('plans.list', undefined, { cookie: `pwb_token_${port + 1}=${running.token}` })).status).toBe(403);
  });

  it('undoes no batch and sets no value for a cross-origin text/plain POST', async () => {
    const before = snapshot();
    const row = db.prepare('SELECT region_code AS region, series_code AS series, year FROM observation LIMIT 1').get() as { region: string; series: string; year: number };
    const attacks = [
      { name: 'batches.undo', input: { batch: 1 } },
      { name: 'observations.set', input: { ...row, value: 999_999, enteredBy: 'evil' } },
    ];
    for (const { name, input } of attacks) {
      const body = JSON.stringify(input);
      // What a page on evil.example sends (a "simple" request: no preflight). The cookie is added to show that not
      // even a page that had it (another port of 127.0.0.1 is the same site) gets through.
      const fromPage = await request(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', cookie },
        body,
      });
      expect(fromPage.status, name).toBe(403);
      // Each check alone: text/plain with the right token and no Origin, then JSON from another site.
      expect((await request(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie }, body })).status).toBe(415);
      expect((await request(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body })).status).toBe(415);
      expect((await api(name, input, { origin: 'http://evil.example' })).status).toBe(403);
      expect((await api(name, input, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    }
    expect(snapshot()).toEqual(before);
    // The same calls from the page itself do change the data: the refusals above were the guard, not bad input.
    expect((await api('batches.undo', { batch: 1 })).json().ok).toBe(true);
    expect(snapshot().batches).toEqual([{ id: 1, status: 'undone' }]);
  });

  it('refuses another origin or another site on every request, even with the cookie', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://localhost.evil.example:${port}`]) {
      expect((await api('plans.list', undefined, { origin })).status, origin).toBe(403);
    }
    for (const site of ['cross-site', 'same-site']) expect((await api('plans.list', undefined, { 'sec-fetch-site': site })).status, site).toBe(403);
    expect((await request('/download/x.xlsx', { headers: { cookie, origin: 'http://evil.example' } })).status).toBe(403);
    expect((await api('plans.list', undefined, { origin: `http://localhost:${port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('accepts API calls only as POST with a JSON body', async () => {
    expect((await request('/api/batches.undo', { headers: { cookie } })).status).toBe(405);
    expect((await request('/api/plans.list', { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: '' })).status).toBe(405);
    expect((await request('/api/plans.list', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"a":' })).status).toBe(400);
    expect((await request('/api/plans.list', { method: 'POST', headers: { cookie }, body: '' })).status).toBe(415);
    expect((await request('/upload?name=a.xlsx', { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);
    expect((await request('/upload', { method: 'OPTIONS', headers: { cookie, origin: 'http://evil.example' } })).status).toBe(403);
  });
});

describe('browser mode keeps files in its work folder', () => {
  it('reads only files uploaded through the page (file, profile, template)', async () => {
    const before = snapshot();
    const inWorkDir = path.join(workDir, 'exports', 'copy.xlsx');
    fs.copyFileSync(SAMPLE, inWorkDir);
    const uploaded = await upload(SAMPLE);
    const calls: [string, unknown][] = [
      ['import.run', { file: SAMPLE }],
      ['import.run', { file: inWorkDir }],
      ['import.run', { file: path.join(path.dirname(uploaded), '..', '..', '..', 'exports', 'copy.xlsx') }],
      ['import.run', { file: uploaded, dryRun: true, profile: path.join(outside, 'profile.json') }],
      ['import.start', { file: SAMPLE }],
      ['plans.import', { file: path.resolve('samples/shuangbai-15th-规划指标表.txt') }],
      ['targets.import', { plan: 'chuxiong', file: SAMPLE, setBy: 'evil' }],
      ['reports.write', { plan: 'chuxiong', year: 2023, kind: 'midterm', out: 'r.pdf', template: path.resolve('templates/reports/midterm.yml') }],
    ];
    for (const [name, input] of calls) {
      const reply = (await api(name, input)).json();
      expect(reply.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      expect(reply.error?.message).toContain('只能读取本页上传的文件');
    }
    expect(snapshot()).toEqual(before);
    expect(fs.existsSync(path.join(workDir, 'exports', 'r.pdf'))).toBe(false);
  });

  it('writes outputs only into the exports folder, by file name (out, saveProfile)', async () => {
    const exportsDir = path.join(workDir, 'exports');
    const template = (await api('template.write', { plan: 'chuxiong', region: '532322', out: path.join(outside, 'evil.xlsx') })).json();
    expect(template.value).toMatchObject({ file: path.join(exportsDir, 'evil.xlsx') });
    const climbing = (await api('plans.export', { plan: 'chuxiong', out: '../../../evil-plan.json' })).json();
    expect(climbing.value).toMatchObject({ file: path.join(exportsDir, 'evil-plan.json') });
    const windows = (await api('database.backup', { out: 'C:\\Windows\\evil.sqlite' })).json();
    expect(windows.value).toMatchObject({ file: path.join(exportsDir, 'evil.sqlite') });
    const league = (await api('export.league', { plan: 'chuxiong', year: 2023, out: path.join(outside, 'evil-league.xlsx') })).json();
    expect(league.value).toMatchObject({ file: path.join(exportsDir, 'evil-league.xlsx') });
    const uploaded = await upload(SAMPLE);
    const profile = (await api('import.run', { file: uploaded, dryRun: true, saveProfile: path.join(outside, 'profile.json') })).json();
    expect(profile.ok).toBe(true);
    expect(fs.existsSync(path.join(exportsDir, 'profile.json'))).toBe(true);
    expect(fs.readdirSync(outside)).toEqual([]);
    expect((await api('export.evaluation', { plan: 'chuxiong', year: 2023, out: '..' })).json().error?.message).toContain('输出文件名');
    const download = await request('/download/evil.xlsx', { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.text.slice(0, 2)).toBe('PK');
  });

  it('deletes an upload once an import stored it, and keeps it after a dry run', async () => {
    const uploaded = await upload(SAMPLE);
    expect((await api('import.run', { file: uploaded, dryRun: true })).json().ok).toBe(true);
    expect(fs.existsSync(uploaded)).toBe(true);
    const { job } = (await api('import.start', { file: uploaded })).json().value as { job: string };
    let state = 'running';
    while (state === 'running') state = ((await api('jobs.status', { job })).json().value as { state: string }).state;
    expect(state).toBe('done');
    expect(fs.existsSync(uploaded)).toBe(false);
    const again = (await api('import.run', { file: uploaded, dryRun: true })).json();
    expect(again.error?.message).toContain('请重新选择文件');
  });

  it(`keeps at most ${MAX_UPLOADS} uploads, deleting the oldest first`, async () => {
    const paths: string[] = [];
    for (let i = 0; i <= MAX_UPLOADS; i++) paths.push(await upload(SAMPLE, `第${i}个.xlsx`));
    expect(fs.existsSync(paths[0]!)).toBe(false);
    expect(paths.slice(1).every((p) => fs.existsSync(p))).toBe(true);
    expect((await api('import.run', { file: paths[0], dryRun: true })).json().error?.message).toContain('已删除');
  });

  it('refuses an upload over the size limit with a Chinese message and keeps nothing of it', async () => {
    const uploads = path.join(workDir, 'uploads');
    const count = () => fs.readdirSync(uploads, { recursive: true }).length;
    const before = count();
    const reply = await request('/upload?name=big.xlsx', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', cookie },
      body: Buffer.alloc(MAX_UPLOAD + 1),
    });
    expect(reply.status).toBe(413);
    expect(reply.json().error?.message).toContain('上传的内容过大（上限 1 MB）');
    // Without Content-Length (chunked): cut off while it arrives.
    const chunked = await new Promise<number>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/upload?name=big.xlsx', headers: { 'content-type': 'application/octet-stream', cookie } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
      for (let i = 0; i < 3; i++) req.write(Buffer.alloc(MAX_UPLOAD / 2));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(count()).toBe(before);
    await stillServing();
  });
});

describe('browser mode stays up', () => {
  it('answers /download/..%2F, bad percent-encoding and odd request targets with an error and keeps serving', async () => {
    const targets = ['/download/..%2F', '/download/..', '/download/%2E%2E%2F', '/download/..%5C', '/download/', '/download/%00', '/download/%E0%A4%A', '/%E0%A4%A', '/assets/..%2F..%2Fetc%2Fpasswd', '//evil.example/', '*'];
    for (const target of targets) {
      const reply = await request(target, { headers: { cookie } });
      expect(reply.status, target).toBeGreaterThanOrEqual(400);
      await stillServing();
    }
    const badName = await request('/api/%E0%A4%A', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '' });
    expect(badName.status).toBe(400);
    expect((await request('http://evil.example/api/plans.list', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '' })).status).toBe(400);
    await stillServing();
  });

  it('answers huge headers and a huge API body with an error and keeps serving', async () => {
    const headers = await request('/', { headers: { cookie, 'x-big': 'a'.repeat(64 * 1024) } }).catch(() => ({ status: -1 }));
    expect([431, -1]).toContain(headers.status);
    const body = await request('/api/plans.list', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: `"${'a'.repeat(2 * 1024 * 1024)}"` });
    expect(body.status).toBe(413);
    await stillServing();
  });

  it('deletes every upload of this start when the server stops', async () => {
    const other = await startServer({ handlers, staticDir: tempDir(), workDir: tempDir() });
    const otherPort = Number(new URL(other.origin).port);
    const got = await request(new URL(other.url).pathname + new URL(other.url).search, { to: otherPort });
    const otherCookie = (got.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    const reply = await request('/upload?name=a.xlsx', { to: otherPort, method: 'POST', headers: { 'content-type': 'application/octet-stream', cookie: otherCookie }, body: 'x' });
    const file = (reply.json().value as { path: string }).path;
    expect(fs.existsSync(file)).toBe(true);
    await new Promise<void>((resolve) => other.server.close(() => resolve()));
    expect(fs.existsSync(file)).toBe(false);
  });
});
