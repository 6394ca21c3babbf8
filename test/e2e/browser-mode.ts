/** What every browser test starts with: the renderer built once, and Debian's Chromium launched headless. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
