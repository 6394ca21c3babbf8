/** Shapes passed between the import steps: observations read from sheets, before anything is stored. */
import type { Problem } from '../../../shared/errors';

export interface ParsedObservation {
  regionCode: string;
  seriesCode: string;
  year: number;
  /** In the series' own unit. */
  value: number;
  sheet: string;
  cell: string;
  /** The unit the sheet wrote, and the factor applied to reach the series' unit (1 when none). */
  sourceUnit: string | null;
  factor: number;
  /** A month's or a quarter's figure ("2023-12", "2023Q4") and its kind; absent for an annual value. */
  period?: string;
  periodKind?: PeriodKind;
  /** An annual value made from period figures: the rule and the cells ("1-12月累计：2023年12月!E7"). */
  derivedFrom?: string;
  /** The earlier batches whose stored period figures went into a derived annual value. */
  sourceBatches?: number[];
}

export type PeriodKind = '当月' | '本季' | '累计' | '期末';

export interface ParsedSheet {
  sheet: string;
  layout: 'long' | 'wide' | 'flat' | 'template' | 'skipped';
  region: string | null;
  observations: ParsedObservation[];
  problems: Problem[];
  /** The month's or quarter's report a sheet is ("2023年1-12月"); absent for a year's sheet. */
  period?: string;
  /** Row or column labels that matched no item or indicator, with the closest candidates (for a profile skeleton). */
  unknownLabels?: { label: string; candidates: string[] }[];
}
