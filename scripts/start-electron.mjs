// `npm start`: launches the desktop app. On a machine that can reach Electron's download host, this fetches the
// Electron binary (electron's own install script) if `npm ci` skipped it, rebuilds better-sqlite3 for Electron's
// ABI (electron-builder install-app-deps), builds main and renderer, and starts Electron.
// Note: after `npm start`, run `npm rebuild better-sqlite3` before `npm test`, which runs under plain Node.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });

const electronDir = path.dirname(require.resolve('electron/package.json'));
const pathFile = path.join(electronDir, 'path.txt');
if (!fs.existsSync(pathFile)) {
  console.log('正在下载 Electron 运行时… / Downloading the Electron runtime…');
  try {
    run(process.execPath, [path.join(electronDir, 'install.js')]);
  } catch {
    console.error('无法下载 Electron（本机无法访问下载服务器）。命令行 pwb 与浏览器模式仍可使用。 / Cannot download Electron here; use `pwb` or browser mode.');
    process.exit(1);
  }
}
run('npx', ['electron-builder', 'install-app-deps']);
run(process.execPath, ['scripts/build.mjs']);
const electron = require('electron');
const child = spawn(electron, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
