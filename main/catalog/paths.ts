/**
 * Where the bundled files live: templates/ and samples/ beside the package root in a checkout or an npm install,
 * or in the app's resources folder when packaged (PWB_RESOURCES, set by the Electron main process).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const findUp = (start: string, marker: string): string | null => {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, marker))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
};

let root: string | null = null;

/** The folder that holds templates/ (and samples/). */
export const resourcesRoot = (): string => {
  if (root) return root;
  const fromEnv = process.env.PWB_RESOURCES;
  if (fromEnv && fs.existsSync(path.join(fromEnv, 'templates'))) return (root = fromEnv);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const found = findUp(here, path.join('templates', 'catalog', 'series.json'));
  if (!found) throw new Error(`templates/ not found above ${here}`);
  return (root = found);
};

export const templatesDir = (): string => path.join(resourcesRoot(), 'templates');
export const samplesDir = (): string => path.join(resourcesRoot(), 'samples');

let version: string | null = null;

let packageDir: string | null = null;

/** The folder of the package.json beside the code (the checkout, the npm install, or the packaged app's asar). */
export const packageRoot = (): string => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return (packageDir ??= findUp(here, 'package.json') ?? here);
};

/** The app's version (package.json beside the code), kept with each issued report. */
export const appVersion = (): string => {
  if (version) return version;
  try {
    version = (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    version = 'unknown';
  }
  return version;
};
