/** One indicator's course over the plan period, year by year (the 评估 row's trend chart). */
import type { Status } from './status';

export interface TrendPoint {
  year: number;
  value: number | null;
  completion: number | null;
  status: Status;
}

export interface Trend {
  name: string;
  unit: string;
  regionName: string;
  baseYear: number;
  baseline: number | null;
  targetYear: number;
  /** The target as printed (≥95, 1600), and as a number where it is one. */
  target: string;
  targetValue: number | null;
  points: TrendPoint[];
}
