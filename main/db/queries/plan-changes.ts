/** What a bureau adds to a plan after it is stored: adjustments (规划调整), judgements of qualitative rows, the change log. */
import type { PlanChangeDto } from '../../../shared/api';
import type { JudgementResult } from '../../../shared/evaluation/status';
import type { ReadDb, WriteDb } from '../types';

export interface Adjustment {
  tableNo: number;
  position: number;
  fromYear: number;
  targetText: string;
  doc: string;
  madeBy: string;
  madeAt: string;
}

export interface Judgement {
  tableNo: number;
  position: number;
  region: string;
  year: number;
  result: JudgementResult;
  note: string;
  by: string;
  at: string;
}

/** One entry of a plan's change log: the shape the app lists (PlanChangeDto), with its id and plan. */
export interface PlanChange extends PlanChangeDto {
  id: number;
  planId: string;
}

type AdjustmentRow = { table_no: number; position: number; from_year: number; target_text: string; doc: string; made_by: string; made_at: string };
type JudgementRow = { table_no: number; position: number; region_code: string; year: number; result: JudgementResult; note: string; judged_by: string; judged_at: string };

export const adjustmentsOf = (db: ReadDb, planId: string): Adjustment[] =>
  db
    .prepare<[string], AdjustmentRow>('SELECT * FROM plan_adjustment WHERE plan_id = ? ORDER BY table_no, position, from_year')
    .all(planId)
    .map((r) => ({ tableNo: r.table_no, position: r.position, fromYear: r.from_year, targetText: r.target_text, doc: r.doc, madeBy: r.made_by, madeAt: r.made_at }));

export const insertAdjustment = (db: WriteDb, planId: string, a: Adjustment): void => {
  db.prepare(
    `INSERT INTO plan_adjustment (plan_id, table_no, position, from_year, target_text, doc, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_id, table_no, position, from_year) DO UPDATE SET target_text = excluded.target_text, doc = excluded.doc,
       made_by = excluded.made_by, made_at = excluded.made_at`,
  ).run(planId, a.tableNo, a.position, a.fromYear, a.targetText, a.doc, a.madeBy, a.madeAt);
};

export const judgementsOf = (db: ReadDb, planId: string): Judgement[] =>
  db
    .prepare<[string], JudgementRow>('SELECT * FROM plan_judgement WHERE plan_id = ? ORDER BY table_no, position, region_code, year')
    .all(planId)
    .map((r) => ({ tableNo: r.table_no, position: r.position, region: r.region_code, year: r.year, result: r.result, note: r.note, by: r.judged_by, at: r.judged_at }));

export const upsertJudgement = (db: WriteDb, planId: string, j: Judgement): void => {
  db.prepare(
    `INSERT INTO plan_judgement (plan_id, table_no, position, region_code, year, result, note, judged_by, judged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_id, table_no, position, region_code, year) DO UPDATE SET result = excluded.result, note = excluded.note,
       judged_by = excluded.judged_by, judged_at = excluded.judged_at`,
  ).run(planId, j.tableNo, j.position, j.region, j.year, j.result, j.note, j.by, j.at);
};

export const logPlanChange = (db: WriteDb, c: Omit<PlanChange, 'id'>): void => {
  db.prepare('INSERT INTO plan_change (plan_id, at, by, action, seq, field, old, new, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    c.planId, c.at, c.by, c.action, c.seq, c.field, c.old, c.new, c.why,
  );
  // The one audit log lists plan changes too (the plan's own log keeps them after the plan is removed).
  db.prepare('INSERT INTO audit_log (at, by, action, subject, old, new, why, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)').run(
    c.at, c.by, `plan-${c.action}`, [c.planId, c.seq ? `第${c.seq}项` : null, c.field].filter(Boolean).join(' '), c.old, c.new, c.why,
  );
};

export const planChanges = (db: ReadDb, planId: string): PlanChange[] =>
  db
    .prepare<[string], { id: number; plan_id: string; at: string; by: string; action: string; seq: string | null; field: string | null; old: string | null; new: string | null; why: string | null }>(
      'SELECT * FROM plan_change WHERE plan_id = ? ORDER BY id',
    )
    .all(planId)
    .map((r) => ({ id: r.id, planId: r.plan_id, at: r.at, by: r.by, action: r.action, seq: r.seq, field: r.field, old: r.old, new: r.new, why: r.why }));
