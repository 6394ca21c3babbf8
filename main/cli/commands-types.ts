/** What a `pwb` command is given and returns: parsed options, the handlers (opened late), and output functions. */
import type { Handlers } from '../../shared/api';
import type { Values } from './args';

export interface CommandContext {
  values: Values;
  rest: string[];
  /** `isolated`: imports run in a worker process of their own (a crash or a runaway of a parser is reported, never the command's). */
  withHandlers: <T>(fn: (h: Handlers) => Promise<T>, options?: { isolated?: boolean; writes?: boolean }) => Promise<T>;
  print: (data: unknown, human: () => string) => void;
  err: (text: string) => void;
}

export interface Command {
  usage: string;
  run: (ctx: CommandContext) => Promise<number>;
}
