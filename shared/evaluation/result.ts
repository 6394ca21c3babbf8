/** The evaluated indicator table as `pwb evaluate --json` prints it and the reports and the app read it. */
import type { Change } from './change';
import type { PaceClass } from './growth';
import type { JudgementResult, Status } from './status';
import type { Attribute, EvaluationKind, ValueSource } from '../types';

export interface EvaluatedPart {
  label: string;
  value: number | null;
  reference: number | null;
  referenceName: string;
  holds: boolean | null;
}

/** The bureau's judgement of a qualitative row for one year. */
export interface RowJudgement {
  result: JudgementResult;
  note: string;
  by: string;
  at: string;
}

/** The row in an upper plan (the prefecture's) that shares this row's indicator, and the region's standing there. */
export interface UpperStanding {
  plan: string;
  planTitle: string;
  seq: string;
  target: string;
  targetSource: 'plan' | 'adjusted' | 'region' | null;
  status: Status;
  completion: number | null;
}

export interface EvaluatedRow {
  table: number;
  seq: string;
  name: string;
  /** The name exactly as the plan prints it (units in brackets and marks kept). */
  printedName: string;
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
  /** plan: as printed; adjusted: a plan adjustment in force for the year; region: the target set for the region. */
  targetSource: 'plan' | 'adjusted' | 'region' | null;
  /** The adjustment in force, when targetSource is 'adjusted'. */
  adjustment?: { doc: string; fromYear: number; printedTarget: string };
  /** A cumulative row: value is the running sum since the base year, yearValue the year's own figure. */
  yearValue?: number | null;
  /** A qualitative row: the bureau's judgement for the year, or null. */
  judgement?: RowJudgement | null;
  /** The same indicator in the upper plans of the region (levels side by side). */
  upper?: UpperStanding[];
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

const MET_STATUSES: ReadonlySet<Status> = new Set<Status>(['提前实现', '完成', '符合要求']);

/** How the warning of a printed baseline that differs from the base year's data begins (main/services/evaluate.ts). */
export const BASELINE_DIFFERS_WARNING = '规划基期值';

/**
 * The plan printed a baseline other than the base year's stored value (1200 against 1210): a change "较2020年" would
 * read as the change from the stored value that the table's note quotes, so sentences name the printed baseline.
 */
export const printedBaselineDiffers = (row: Pick<EvaluatedRow, 'baselineSource' | 'warnings'>): boolean =>
  row.baselineSource === 'plan' && row.warnings.some((w) => w.startsWith(BASELINE_DIFFERS_WARNING));

/**
 * Whether the row's target lies on the far side of its baseline, so that the baseline itself already met it (the
 * plan check "wrong-side", e.g. 节地生态安葬率 in the 楚雄州 plan: baseline 70%, target 60%). Its completion
 * c = (v − b)/(t − b) is then DESIGN.md's number but says nothing about progress (−35% for a row that is 完成), so
 * charts leave it out and sentences do not quote it. Exact, because conditions are never rounded: on the right side
 * a met row has c ≥ 1 and an unmet one c < 1; on the wrong side it is the other way round.
 */
export const baselineMeetsTarget = (row: Pick<EvaluatedRow, 'completion' | 'status'>): boolean => {
  const c = row.completion;
  if (c === null || !Number.isFinite(c) || row.status === '需判断' || Math.abs(c - 1) <= 1e-6) return false;
  return MET_STATUSES.has(row.status) !== c > 1;
};
