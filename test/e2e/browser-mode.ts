/** What every browser test starts with: the renderer built once, Debian's Chromium launched headless, browser mode. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer } from '../../main/http/server';
import { createHandlers } from '../../main/services/handlers';
import type { Handlers } from '../../shared/api';
import { freshDb, tempDir } from '../helpers/files';

export const CHROMIUM = process.env.PWB_CHROMIUM ?? '/usr/bin/chromium';

/** Builds dist/renderer when a fresh checkout has not built it yet (`npm ci` builds it). */
export const ensureRendererBuilt = (): void => {
  if (!fs.existsSync('dist/renderer/index.html')) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn']);
};

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });

/** Where tests write screenshots for a person to look at. */
export const SHOTS = path.resolve('test-output');

export interface Workbench {
  browser: Browser;
  page: Page;
  server: http.Server;
  /** The address with this start's token. */
  url: string;
  close(): Promise<void>;
}

/**
 * Browser mode on a fresh database: the real services behind the real server, Chromium with one page of the given
 * size. `seed` may store data through the services before the server starts.
 */
export const startWorkbench = async (
  options: { viewport?: { width: number; height: number }; seed?: (handlers: Handlers) => Promise<void> } = {},
): Promise<Workbench> => {
  ensureRendererBuilt();
  const { db } = freshDb();
  const workDir = tempDir();
  const handlers = createHandlers(db, { workDir });
  await options.seed?.(handlers);
  const { server, url } = await startServer({ handlers, staticDir: path.resolve('dist/renderer'), workDir });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1366, height: 768 }, locale: 'zh-CN' });
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    browser,
    page,
    server,
    url,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
};

/**
 * The workbench of one test file: started before its tests (with `options`), closed after them. `page` and `url`
 * are there once it has started.
 */
export const useWorkbench = (options: Parameters<typeof startWorkbench>[0] = {}): { readonly page: Page; readonly url: string } => {
  let workbench: Workbench | undefined;
  beforeAll(async () => {
    workbench = await startWorkbench(options);
  }, 60_000);
  afterAll(async () => {
    await workbench?.close();
  });
  return {
    get page() {
      return workbench!.page;
    },
    get url() {
      return workbench!.url;
    },
  };
};
