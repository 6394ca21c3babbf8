/** The evaluated indicator table as `pwb evaluate --json` prints it and the reports and the app read it. */
import type { Change } from './change';
import type { PaceClass } from './growth';
import type { Status } from './status';
import type { Attribute, EvaluationKind, ValueSource } from '../types';

export interface EvaluatedPart {
  label: string;
  value: number | null;
  reference: number | null;
  referenceName: string;
  holds: boolean | null;
}

export interface EvaluatedRow {
  table: number;
  seq: string;
  name: string;
  /** The unit as the plan prints it ('' where it prints none). */
  unit: string;
  /** The unit the numbers are in (e.g. 平方米/百户 where the plan prints 平方米). */
  valueUnit: string;
  attribute: Attribute | null;
  indicator: string;
  baseline: number | null;
  baselineSource: 'plan' | 'data' | null;
  /** The target exactly as written (or the region's own target). */
  target: string;
  targetValue: number | null;
  targetSource: 'plan' | 'region' | null;
  value: number | null;
  completion: number | null;
  timeProgress: number;
  status: Status;
  exceeded: boolean;
  requiredCagr: number | null;
  actualCagr: number | null;
  projection: number | null;
  paceRatio: number | null;
  paceClass: PaceClass;
  change: Change | null;
  source: ValueSource | null;
  /** The value was summed or averaged from the regions below (the region has none of its own). */
  aggregated: boolean;
  parts: EvaluatedPart[];
  note: string | null;
  warnings: string[];
}

export interface EvaluationResult {
  plan: string;
  planTitle: string;
  region: string;
  regionName: string;
  year: number;
  kind: EvaluationKind;
  baseYear: number;
  targetYear: number;
  timeProgress: number;
  rows: EvaluatedRow[];
  summary: Partial<Record<Status, number>>;
  warnings: string[];
}
