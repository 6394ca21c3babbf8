/**
 * The desktop window's rules, under Node with stand-ins for Electron's objects: the page comes from app:// with a
 * strict CSP and never from outside its folder; navigation, new windows and permissions are denied; IPC from any
 * other frame is refused; the services accept only paths the user picked in a dialog.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, hardenContents, isOwnFrame, serveAppRequest, type HardenableContents } from '../../../main/electron/hardening';
import { confineToPicked, PickedFiles } from '../../../main/electron/picked-files';
import type { Handlers } from '../../../shared/api';
import { tempDir } from '../../helpers/files';

describe('the app:// page', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
  fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'no');

  it('serves the renderer’s files with a CSP that allows no inline script and no remote origin', () => {
    const r = serveAppRequest(dir, `${APP_ORIGIN}/index.html`);
    expect(r.status).toBe(200);
    expect(r.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('never serves a file outside the renderer folder, nor another host', () => {
    for (const url of [`${APP_ORIGIN}/../secret.txt`, `${APP_ORIGIN}/%2e%2e/secret.txt`, `${APP_ORIGIN}/..%2Fsecret.txt`, 'app://other/index.html', `${APP_ORIGIN}/%E0%A4%A`]) {
      expect(serveAppRequest(dir, url).status, url).not.toBe(200);
    }
  });
});

describe('the window', () => {
  it('denies navigation away, new windows and every permission', () => {
    const listeners: Record<string, (e: { preventDefault(): void }, url: string) => void> = {};
    let open: ((d: { url: string }) => { action: string }) | null = null;
    let permission: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    const contents: HardenableContents = {
      on: (event, listener) => (listeners[event] = listener),
      setWindowOpenHandler: (h) => (open = h),
      session: { setPermissionRequestHandler: (h) => (permission = h), setPermissionCheckHandler: () => undefined },
    };
    hardenContents(contents);
    let prevented = 0;
    listeners['will-navigate']!({ preventDefault: () => prevented++ }, 'https://evil.example/');
    listeners['will-navigate']!({ preventDefault: () => prevented++ }, `${APP_ORIGIN}/index.html`);
    listeners['will-redirect']!({ preventDefault: () => prevented++ }, 'file:///etc/passwd');
    expect(prevented).toBe(2);
    expect(open!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    permission!(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('accepts IPC only from the app’s own frame', () => {
    expect(isOwnFrame(`${APP_ORIGIN}/index.html`)).toBe(true);
    for (const url of ['https://evil.example/', 'file:///C:/x.html', 'app://workbench.evil/', '', null, undefined, 'not a url']) expect(isOwnFrame(url)).toBe(false);
  });
});

describe('files in the desktop app', () => {
  const seen: unknown[] = [];
  const fake = new Proxy({} as Handlers, { get: (_t, name) => async (input: unknown) => (seen.push([name, input]), { ok: true }) });

  it('reads only files the user picked, and writes only where the user chose to save', async () => {
    const data = tempDir();
    const picked = new PickedFiles(data);
    const h = confineToPicked(fake, picked);
    await expect(h['import.run']({ file: '/etc/passwd' })).rejects.toThrow(/选择文件/);
    await expect(h['reports.write']({ plan: 'chuxiong', year: 2023, kind: 'midterm', out: '/tmp/evil.pdf' })).rejects.toThrow(/保存/);
    await expect(h['plans.import']({ file: '/root/.ssh/id_rsa' })).rejects.toThrow(/选择文件/);
    picked.pickedForReading('/home/clerk/2023年报表.xlsx');
    picked.pickedForWriting('/home/clerk/中期评估.pdf');
    await h['import.run']({ file: '/home/clerk/2023年报表.xlsx' });
    await h['reports.write']({ plan: 'chuxiong', year: 2023, kind: 'midterm', out: '/home/clerk/中期评估.pdf' });
    // The app's own data folder (its exports) is allowed.
    await h['export.evaluation']({ plan: 'chuxiong', year: 2023, out: path.join(data, 'exports', 'a.xlsx') });
    await expect(h['export.evaluation']({ plan: 'chuxiong', year: 2023, out: path.join(data, '..', 'a.xlsx') })).rejects.toThrow();
    expect(seen).toHaveLength(3);
  });
});
