/**
 * The two kinds of errors that cross boundaries (IPC, HTTP, CLI), and the Problem record that bulk input
 * produces instead of exceptions. Branch on `name`/`code`, never on message text.
 */

export type ProblemCode =
  | 'bad-input'
  | 'file-not-found'
  | 'not-a-workbook'
  | 'sheet-not-found'
  | 'import-failed'
  | 'unknown-plan'
  | 'unknown-region'
  | 'unknown-series'
  | 'bad-year'
  | 'db-from-newer-app'
  | 'db-corrupt'
  | 'template-invalid'
  | 'bad-plan-file'
  | 'plan-exists'
  | 'plan-invalid'
  | 'db-busy'
  | 'db-readonly'
  | 'db-full';

/** The user can act on it; the message says how, in Chinese and English. */
export class UserError extends Error {
  override name = 'UserError' as const;
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly details?: object,
  ) {
    super(message);
  }
}

/** An invariant broke: a bug to log, not a user mistake. */
export class BugError extends Error {
  override name = 'BugError' as const;
}

/** One problem found in bulk input, located by sheet and cell (A1 style); file-level problems use ''. */
export interface Problem {
  severity: 'error' | 'warning';
  sheet: string;
  cell: string;
  message: string;
}

/** What a transport sends for a failed call; `toWire`/`fromWire` keep the class across the boundary. */
export interface WireError {
  name: 'UserError' | 'BugError' | 'Error';
  code?: ProblemCode;
  message: string;
  details?: object;
}

export const toWire = (error: unknown): WireError => {
  if (error instanceof UserError) return { name: 'UserError', code: error.code, message: error.message, details: error.details };
  if (error instanceof BugError) return { name: 'BugError', message: error.message };
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
};

export const fromWire = (wire: WireError): Error => {
  if (wire.name === 'UserError' && wire.code) return new UserError(wire.code, wire.message, wire.details);
  if (wire.name === 'BugError') return new BugError(wire.message);
  return new Error(wire.message);
};
