/**
 * Browser mode's first screen (issue 10, item 6): the renderer's bundle sizes as built (raw and gzip), and the time
 * from navigating to the address `pwb serve` prints until the plans list shows its four plans, in Debian's Chromium,
 * each time in a new browser context (nothing cached). Skipped, with a word, where Chromium is not installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../main/http/server';
import { createHandlers } from '../main/services/handlers';
import { freshDb, tempDir } from '../test/helpers/files';

export interface BundleRow {
  file: string;
  kib: number;
  gzipKib: number;
}

export const bundleSizes = (dir = path.resolve('dist/renderer/assets')): BundleRow[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /\.(js|css)$/.test(f))
        .sort()
        .map((file) => {
          const bytes = fs.readFileSync(path.join(dir, file));
          return { file, kib: bytes.length / 1024, gzipKib: zlib.gzipSync(bytes).length / 1024 };
        })
    : [];

const CHROMIUM = process.env.PWB_CHROMIUM ?? '/usr/bin/chromium';

/** Milliseconds to the first screen, each load in a fresh context; null where Chromium is missing. */
export const firstScreenTimes = async (loads = 5): Promise<number[] | null> => {
  if (!fs.existsSync(CHROMIUM) || !fs.existsSync('dist/renderer/index.html')) {
    console.error(`Chromium (${CHROMIUM}) or dist/renderer is missing: the first-screen time is left out.`);
    return null;
  }
  const { db } = freshDb();
  const workDir = tempDir();
  const { server, url } = await startServer({ handlers: createHandlers(db, { workDir }), staticDir: path.resolve('dist/renderer'), workDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(url);
      await page.getByRole('heading', { level: 2 }).nth(3).waitFor();
      times.push(performance.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    db.close();
  }
  return times;
};
