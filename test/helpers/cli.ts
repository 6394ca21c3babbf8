/** Runs the `pwb` command line in-process, as a script would, and collects what it prints. */
import { runCli } from '../../main/cli/index';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export const pwbRun = async (argv: string[]): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

/** `pwb ARGS --db FILE`. */
export const pwb = (argv: string[], db: string): Promise<Run> => pwbRun([...argv, '--db', db]);
