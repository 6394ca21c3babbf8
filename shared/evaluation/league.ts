/** The league table (下级地区对比) as `pwb league --json` prints it and the app shows it (DESIGN.md "The league table"). */
import type { EvaluatedRow } from './result';
import type { EvaluationKind } from '../types';

export interface LeagueRow {
  seq: string;
  value: number | null;
  completion: number | null;
  status: EvaluatedRow['status'];
  rank: number | null;
}

export interface LeagueTable {
  plan: string;
  planTitle: string;
  region: string;
  regionName: string;
  year: number;
  kind: EvaluationKind;
  /** The plan's rows, in printed order, for the table's columns. */
  columns: { seq: string; name: string; unit: string; target: string }[];
  regions: { region: string; name: string; rows: LeagueRow[] }[];
}

