#!/usr/bin/env node
// The `pwb` command: runs the bundled command line (built into dist/ by `npm ci` / `npm run build`).
// `pwb import` works in a process of its own; started here, it loads while the command line does (main/worker/spare.ts).
if (process.argv[2] === 'import') {
  const path = require('node:path');
  const worker = path.join(__dirname, '..', 'dist', 'worker.cjs');
  try {
    require('../dist/spare.cjs').startSpareWorker(worker);
  } catch {
    // Without the spare the command starts its worker itself, as every other caller does.
  }
}
require('../dist/cli.cjs');
