/**
 * An import profile: what a clerk tells the workbench once about an office's sheets that names alone do not
 * settle — which item a row or column label means, which region a label means, and per sheet the region, year
 * and units. Saved as a JSON file and given again with `pwb import … --profile FILE`.
 */
import { z } from 'zod';

export const ImportProfileSchema = z.object({
  format: z.literal('pwb-import-profile'),
  version: z.literal(1),
  note: z.string().optional(),
  /** Label as written in the sheet → item or indicator code (or its catalogue name). '' = not yet decided. */
  names: z.record(z.string(), z.string()).default({}),
  /** Label as written → region code. */
  regions: z.record(z.string(), z.string()).default({}),
  /** Sheet name → what the sheet itself does not say. */
  sheets: z
    .record(
      z.string(),
      z.object({
        region: z.string().optional(),
        year: z.number().int().min(1949).max(2100).optional(),
        /** Item code → the unit this sheet writes it in (e.g. 万人). */
        units: z.record(z.string(), z.string()).optional(),
      }),
    )
    .default({}),
  /** For a saved skeleton: the closest catalogue names found for each undecided label, to choose from. */
  candidates: z.record(z.string(), z.array(z.string())).optional(),
});

export type ImportProfile = z.infer<typeof ImportProfileSchema>;

export const emptyProfile = (): ImportProfile => ({ format: 'pwb-import-profile', version: 1, names: {}, regions: {}, sheets: {} });
