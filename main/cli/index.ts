/**
 * The `pwb` command line: parses arguments, runs one command of commands.ts against the same handlers as the app,
 * prints Chinese text or `--json`. A UserError prints its message and exits 1; anything else is a bug (exit 2).
 */
import { UserError } from '../../shared/errors';
import { defaultDbFile } from '../data-dir';
import { openDb } from '../db/open';
import { createHandlers } from '../services/handlers';
import { parse, type Parsed } from './args';
import { COMMANDS } from './commands';
import { userErrorOfSqlite, waitingMessage } from '../db/errors';
import fs from 'node:fs';
import { forkLauncher, workerScript } from '../services/job-process';

const usage = (): string =>
  [
    '用法 / usage: pwb <命令> [选项]',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    `通用选项 / common: --db FILE（默认 / default: ${defaultDbFile()}）, --json`,
  ].join('\n');

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: CliIo = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') };

export const runCli = async (argv: string[], io: CliIo = defaultIo): Promise<number> => {
  let args: Parsed;
  try {
    args = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage()}`);
    return 1;
  }
  const { values, positionals } = args;
  const [name, ...rest] = positionals;
  if (values.help) {
    io.out(usage());
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.err(name === undefined ? usage() : `未知命令“${name}”。 / Unknown command "${name}".\n${usage()}`);
    return 1;
  }
  try {
    return await command.run({
      values,
      rest,
      print: (data, human) => io.out(values.json ? JSON.stringify(data, null, 2) : human()),
      err: io.err,
      // The database is opened only once a command's options are known to be right: a usage error writes nothing.
      withHandlers: async (fn, options = {}) => {
        const db = openDb(values.db ?? defaultDbFile(), {
          createFolder: values.db === undefined,
          onCreate: (file) => io.err(`已新建工作台数据库 ${file}。 / Created a new workbench database ${file}.`),
        });
        try {
          // A command that writes says so when it has to wait for another writer (SQLite waits without a word).
          if (options.writes || options.isolated) {
            const waiting = waitingMessage(db);
            if (waiting) io.err(waiting);
          }
          const worker = options.isolated && fs.existsSync(workerScript()) ? { importWorker: forkLauncher() } : {};
          return await fn(createHandlers(db, worker));
        } finally {
          db.close();
        }
      },
    });
  } catch (thrown) {
    const error = userErrorOfSqlite(thrown, values.db ?? defaultDbFile()) ?? thrown;
    if (error instanceof UserError) {
      if (values.json) io.out(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }, null, 2));
      io.err(error.message);
      return 1;
    }
    io.err(`内部错误，请报告 / internal error, please report:\n${(error as Error).stack ?? String(error)}`);
    return 2;
  }
};
