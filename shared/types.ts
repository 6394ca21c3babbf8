/**
 * Domain types shared by the services, the transports and the user interface: regions, series (items and
 * indicators), plans with their indicator rows, observations, and the evaluation result.
 */

export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township';
export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
  level: RegionLevel;
}

export type Aggregation = 'sum' | 'weighted_mean' | 'none';
export type Direction = 'increase' | 'decrease' | 'range' | 'keep';

export interface Series {
  code: string;
  kind: 'item' | 'indicator';
  name: string;
  unit: string;
  aggregation: Aggregation;
  weightCode: string | null;
  isAbsolute: boolean;
  isGrowthRate: boolean;
  /** The value of the nearest region above applies where a region has none (outside references). */
  inherits: boolean;
  direction: Direction | null;
  formula: string | null;
  note: string | null;
  /** Stock (a value at a moment) or flow (an amount over time); unset for indicators and older items (taken as stock). */
  nature?: Nature | null;
  /** The plausible range of a value, in the series' unit: an import warns outside it. */
  range?: readonly [number, number] | null;
}

export type Nature = 'stock' | 'flow';

export type Attribute = '预期性' | '约束性';

export interface PlanRowPart {
  label: string;
  indicatorCode: string;
  referenceCode: string;
}

export interface PlanRow {
  planId: string;
  tableNo: number;
  position: number;
  seq: string;
  printedName: string;
  name: string;
  unitText: string;
  valueUnit: string;
  baselineText: string;
  baseline: number | null;
  targetText: string;
  finalText: string | null;
  statedGrowthText: string;
  statedGrowthKind: 'annual' | 'total';
  attribute: Attribute | null;
  category: string | null;
  indicatorCode: string;
  note: string | null;
  parts: PlanRowPart[];
  /** A row printed with a value per part (城市/农村): the series each part is measured on. */
  splits: { label: string; indicatorCode: string }[];
}

export interface PlanTable {
  planId: string;
  tableNo: number;
  kind: 'main' | 'completion';
  title: string;
  baseYear: number;
  targetYear: number;
  note: string | null;
  rows: PlanRow[];
}

export interface PlanSchedule {
  annual: boolean;
  midterm: number | null;
  final: number | null;
  text: string;
}

export interface Plan {
  id: string;
  title: string;
  issuer: string;
  regionCode: string;
  baseYear: number;
  targetYear: number;
  docNumber: string | null;
  issuedOn: string | null;
  schedule: PlanSchedule;
  source: string;
  /** One of the plans shipped with the workbench (templates/plans), not made by the bureau. */
  builtIn: boolean;
  tables: PlanTable[];
}

export interface PlanWarning {
  table: number;
  seq: string;
  check: 'stated-growth' | 'wrong-side' | 'unit-mismatch' | 'growth-is-points' | 'baseline-vs-data';
  message: string;
}

export interface PlanSummary {
  id: string;
  title: string;
  region: string;
  regionName: string;
  /** Rows in the plan's main indicator table(s). */
  indicators: number;
  baseYear: number;
  targetYear: number;
  builtIn: boolean;
  tables: { no: number; kind: 'main' | 'completion'; title: string; rows: number }[];
  warnings: { table: number; seq: string; check: PlanWarning['check']; message: string }[];
}

export type EvaluationKind = 'annual' | 'midterm' | 'final';

export type ValueSource = 'direct' | 'formula' | 'aggregate' | 'data';
