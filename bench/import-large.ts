/**
 * The large-import benchmark of issue 14, on the shared yardstick (bench/yardstick, copied from ../shared/bench): a
 * 200,000-row × 10-column flat workbook with the Dazhou plan's printed names and real township codes, imported as a
 * whole command (`node bin/pwb.cjs import flat.xlsx --db NEW.db`, start-up and a new database included) beside a bare
 * exceljs streaming read that stores nothing (the floor) and an office scripter's openpyxl + sqlite3 script, each in
 * its own process, best of two rounds, in the same run. Peak memory from GNU time where it is installed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../test/helpers/files';

export interface StepResult {
  step: string;
  seconds: number;
  rows: number;
  maxRssMb: number | null;
  /** The step this one is compared with, and how many times its time this one takes. */
  versus?: { step: string; ratio: number };
}

const ROWS = 200_000;
const GNU_TIME = '/usr/bin/time';

/** Runs a command in its own process: wall time, and peak memory when GNU time is there. */
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { seconds: number; maxRssMb: number | null; stdout: string } => {
  const timed = fs.existsSync(GNU_TIME);
  const t0 = performance.now();
  const r = timed
    ? spawnSync(GNU_TIME, ['-f', 'PWB_MAXRSS %M', command, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 26 })
    : spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const rss = /PWB_MAXRSS (\d+)/.exec(r.stderr ?? '')?.[1];
  return { seconds, maxRssMb: rss ? Number(rss) / 1024 : null, stdout: r.stdout };
};

const best = (rounds: ReturnType<typeof run>[]) => rounds.reduce((a, b) => (b.seconds < a.seconds ? b : a));

export const runLargeImportBench = async (): Promise<StepResult[]> => {
  const dir = tempDir('pwb-bench-import-');
  const yardstick = path.resolve('bench/yardstick');
  const file = path.join(dir, 'flat.xlsx');
  const withModules = { ...process.env, NODE_PATH: path.resolve('node_modules') };
  run(process.execPath, [path.join(yardstick, 'gen-flat.cjs'), file, String(ROWS)], withModules);

  const python = fs.existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import openpyxl']).status === 0;
  if (!python) console.error('python3-openpyxl is not installed (apt-get install python3-openpyxl): the Python peer is left out.');
  const floor: ReturnType<typeof run>[] = [];
  const pwb: ReturnType<typeof run>[] = [];
  const py: ReturnType<typeof run>[] = [];
  for (let round = 0; round < 2; round++) {
    floor.push(run(process.execPath, [path.join(yardstick, 'exceljs_stream.cjs'), file], withModules));
    const db = path.join(dir, `pwb-${round}.sqlite`);
    pwb.push(run(process.execPath, [path.resolve('bin/pwb.cjs'), 'import', file, '--db', db]));
    if (python) py.push(run('/usr/bin/python3', [path.join(yardstick, 'openpyxl_import.py'), file, path.join(dir, `py-${round}.sqlite`)]));
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const f = best(floor);
  const p = best(pwb);
  const results: StepResult[] = [
    { step: 'exceljs streaming read, stores nothing (the floor)', seconds: f.seconds, rows: ROWS, maxRssMb: f.maxRssMb },
    { step: '`pwb import` whole command, new database', seconds: p.seconds, rows: ROWS, maxRssMb: p.maxRssMb, versus: { step: 'the floor', ratio: p.seconds / f.seconds } },
  ];
  if (py.length > 0) {
    const o = best(py);
    results.push({ step: 'python3 openpyxl read-only + sqlite3', seconds: o.seconds, rows: ROWS, maxRssMb: o.maxRssMb, versus: { step: 'pwb import', ratio: o.seconds / p.seconds } });
  }
  return results;
};
