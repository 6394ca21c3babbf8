#!/usr/bin/env node
// The `pwb` command: runs the bundled command line (built into dist/ by `npm ci` / `npm run build`).
require('../dist/cli.cjs');
