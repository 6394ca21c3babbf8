/**
 * Schemas of the files in templates/: the region list, the catalogue of items and indicators, and the plan
 * templates. Template files are outside data: they are parsed here before anything trusts their shape.
 */
import { z } from 'zod';

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'code: lower-case letters, digits and _');
const regionCode = z.string().regex(/^(\d{6}|\d{9})$/, 'region code: 6 or 9 digits');

export const RegionAliasesFileSchema = z.object({
  aliases: z.record(regionCode, z.array(z.string().min(1))),
});
export type RegionAliasesFile = z.infer<typeof RegionAliasesFileSchema>;

const aggregation = z.enum(['sum', 'weighted_mean', 'none']);

export const CatalogFileSchema = z.object({
  items: z.array(
    z.object({
      code,
      name: z.string().min(1),
      unit: z.string(),
      aggregation,
      weight: code.optional(),
      absolute: z.boolean().optional(),
      growthRate: z.boolean().optional(),
      inherit: z.boolean().optional(),
      /** A value at a moment (户数, 人数, 标准) or an amount over time (支出, 人次): how a year's value is made from months. */
      nature: z.enum(['stock', 'flow']).optional(),
      /** The plausible range of a value (an import warns outside it). */
      range: z.tuple([z.number(), z.number()]).optional(),
      /** A part never exceeds its whole (护理型床位数 within 养老机构床位总数): the whole's code. */
      within: code.optional(),
      aliases: z.array(z.string().min(1)).default([]),
      note: z.string().optional(),
    }),
  ),
  indicators: z.array(
    z.object({
      code,
      name: z.string().min(1),
      unit: z.string(),
      direction: z.enum(['increase', 'decrease', 'range', 'keep']),
      formula: z.string().min(1).optional(),
      aggregation: aggregation.optional(),
      weight: code.optional(),
      absolute: z.boolean().optional(),
      growthRate: z.boolean().optional(),
      range: z.tuple([z.number(), z.number()]).optional(),
      aliases: z.array(z.string().min(1)).default([]),
      note: z.string().optional(),
    }),
  ),
});
export type CatalogFile = z.infer<typeof CatalogFileSchema>;

const PlanRowSchema = z.object({
  seq: z.string(),
  name: z.string().min(1),
  unit: z.string(),
  valueUnit: z.string().optional(),
  baseline: z.string().optional(),
  target: z.string().optional(),
  final: z.string().optional(),
  growth: z.string().optional(),
  attribute: z.enum(['预期性', '约束性']).optional(),
  category: z.string().optional(),
  indicator: code,
  parts: z
    .array(z.object({ label: z.string().min(1), indicator: code, reference: code }))
    .optional(),
  /** One series per part of a row printed with a value per part (城市11700，农村9100). */
  splits: z.array(z.object({ label: z.string().min(1), indicator: code })).optional(),
  note: z.string().optional(),
});
export type PlanRowTemplate = z.infer<typeof PlanRowSchema>;

export const PlanTemplateSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  templateVersion: z.number().int().positive(),
  title: z.string().min(1),
  issuer: z.string(),
  region: regionCode,
  baseYear: z.number().int(),
  targetYear: z.number().int(),
  docNumber: z.string().nullable(),
  issuedOn: z.string().nullable(),
  schedule: z.object({
    annual: z.boolean(),
    midterm: z.number().int().nullable(),
    final: z.number().int().nullable(),
    text: z.string(),
  }),
  source: z.string(),
  tables: z
    .array(
      z.object({
        no: z.number().int().positive(),
        kind: z.enum(['main', 'completion']),
        title: z.string().min(1),
        baseYear: z.number().int(),
        targetYear: z.number().int(),
        columns: z.array(z.string()),
        note: z.string().optional(),
        rows: z.array(PlanRowSchema).min(1),
      }),
    )
    .min(1),
});
export type PlanTemplate = z.infer<typeof PlanTemplateSchema>;

/** Formats a zod error as "path: message" lines, so a template author sees which field is wrong. */
export const describeSchemaError = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
