/**
 * What the writer hides in a data-entry workbook and the reader looks for: the marker cells in the hidden first
 * column, the very-hidden `_pwb` sheet with its JSON, and Excel's rules for sheet names. Shared by write and read.
 */
import { z } from 'zod';

/** In the hidden code column: the header row's marker, and the cells above it naming plan and region. */
export const CODE_MARKER = '#pwb:code';
export const PLAN_PREFIX = '#pwb:plan=';
export const REGION_PREFIX = '#pwb:region=';
/** In the hidden first column of the instructions sheet. */
export const INSTRUCTIONS_MARKER = '#pwb:instructions';

export const META_SHEET = '_pwb';
export const INSTRUCTIONS_SHEET = '填报说明';

export const EntryMetaSchema = z.object({
  format: z.literal('pwb-entry'),
  version: z.literal(1),
  plan: z.string(),
  planTemplateVersion: z.number().nullable().optional(),
  planTitle: z.string().optional(),
  generatedAt: z.string(),
  regions: z.array(z.object({ code: z.string(), name: z.string(), sheet: z.string() })),
  years: z.tuple([z.number().int(), z.number().int()]).optional(),
  period: z.enum(['monthly', 'quarterly']).optional(),
  series: z.array(z.string()).optional(),
});
export type EntryMeta = z.infer<typeof EntryMetaSchema>;

const FORBIDDEN = /[[\]:*?/\\]/g;

/**
 * A sheet name Excel accepts: no []:*?/\, no leading or trailing apostrophe, at most 31 characters, and not one of
 * `taken` (compared case-insensitively, as Excel does). `fallback` (the region code) stands in for an empty name and
 * is appended to a name already taken.
 */
export const sheetNameFor = (name: string, fallback: string, taken: readonly string[]): string => {
  let base = Array.from(name.replace(FORBIDDEN, '').replace(/^'+|'+$/g, '').trim()).slice(0, 31).join('');
  if (base === '' || base.toLowerCase() === 'history') base = fallback;
  const used = new Set(taken.map((t) => t.toLowerCase()));
  const withSuffix = (suffix: string): string => Array.from(base).slice(0, 31 - suffix.length).join('') + suffix;
  let candidate = base;
  for (let n = 1; used.has(candidate.toLowerCase()); n++) candidate = withSuffix(n === 1 ? `(${fallback})` : `(${n})`);
  return candidate;
};
