/** Parsed command-line options and the checks every command shares (required flags, numbers). */
import { parseArgs } from 'node:util';
import { UserError } from '../../shared/errors';

export const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  plan: { type: 'string' },
  region: { type: 'string' },
  year: { type: 'string' },
  period: { type: 'string' },
  kind: { type: 'string' },
  out: { type: 'string' },
  sheet: { type: 'string' },
  item: { type: 'string' },
  value: { type: 'string' },
  by: { type: 'string' },
  seq: { type: 'string' },
  target: { type: 'string' },
  file: { type: 'string' },
  profile: { type: 'string' },
  port: { type: 'string' },
  template: { type: 'string' },
  key: { type: 'string' },
  text: { type: 'string' },
  date: { type: 'string' },
  'save-profile': { type: 'string' },
  id: { type: 'string' },
  title: { type: 'string' },
  'base-year': { type: 'string' },
  'target-year': { type: 'string' },
  'from-year': { type: 'string' },
  doc: { type: 'string' },
  result: { type: 'string' },
  note: { type: 'string' },
  field: { type: 'string' },
  aggregation: { type: 'string' },
  nature: { type: 'string' },
  name: { type: 'string' },
  unit: { type: 'string' },
  baseline: { type: 'string' },
  growth: { type: 'string' },
  attribute: { type: 'string' },
  after: { type: 'string' },
  to: { type: 'string' },
  row: { type: 'string' },
  replace: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  subregions: { type: 'boolean', default: false },
  remove: { type: 'boolean', default: false },
  lock: { type: 'boolean', default: false },
  checks: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const parse = (argv: string[]) => parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
export type Parsed = ReturnType<typeof parse>;
export type Values = Parsed['values'];

export const need = (value: string | undefined, flag: string): string => {
  if (value === undefined || value === '') throw new UserError('bad-input', `缺少选项 ${flag}。 / Missing option ${flag}.`);
  return value;
};

export const needInt = (value: string | undefined, flag: string): number => {
  const text = need(value, flag);
  const n = Number(text);
  if (!Number.isInteger(n)) throw new UserError('bad-input', `${flag} 应为整数，收到“${text}”。 / ${flag} must be a whole number.`);
  return n;
};

export const needNumber = (value: string | undefined, flag: string): number => {
  const text = need(value, flag);
  const n = Number(text.normalize('NFKC').replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new UserError('bad-input', `${flag} 应为数值，收到“${text}”。 / ${flag} must be a number.`);
  return n;
};
