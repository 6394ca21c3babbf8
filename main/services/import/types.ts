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
}

export interface ParsedSheet {
  sheet: string;
  layout: 'long' | 'wide' | 'flat' | 'template' | 'skipped';
  region: string | null;
  observations: ParsedObservation[];
  problems: Problem[];
  /** Row or column labels that matched no item or indicator, with the closest candidates (for a profile skeleton). */
  unknownLabels?: { label: string; candidates: string[] }[];
}
