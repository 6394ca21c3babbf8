// Bundles the main-process code for Node and Electron with esbuild: the `pwb` command line and the Electron main
// and preload scripts. npm packages stay external (better-sqlite3 is native). Runs on `npm ci` (prepare).
import { build } from 'esbuild';
import fs from 'node:fs';

const banner = { js: "const __pwbImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" };
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  banner,
  define: { 'import.meta.url': '__pwbImportMetaUrl' },
};

const entries = [
  { in: 'main/cli/main.ts', out: 'dist/cli.cjs' },
  { in: 'main/worker/import-worker.ts', out: 'dist/worker.cjs' },
  { in: 'main/worker/spare.ts', out: 'dist/spare.cjs' },
  { in: 'main/electron/main.ts', out: 'dist/electron/main.cjs', external: ['electron'] },
  { in: 'main/electron/preload.ts', out: 'dist/electron/preload.cjs', external: ['electron'] },
];

for (const e of entries) {
  if (!fs.existsSync(e.in)) continue;
  await build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [] });
}
console.log('build: dist/ written');

// The image of a new database, built with this code (main/db/open.ts uses it when its name matches).
await build({ ...common, entryPoints: ['scripts/new-database-image.ts'], outfile: 'dist/.new-database-image.cjs', sourcemap: false });
const { execFileSync } = await import('node:child_process');
execFileSync(process.execPath, ['dist/.new-database-image.cjs'], { stdio: 'inherit' });
fs.rmSync('dist/.new-database-image.cjs');
