/** Plans, their tables, rows and row parts: insert from a template, read back as domain objects. */
import type { PlanTemplate } from '../../../shared/schemas/templates';
import { parseQuantity } from '../../../shared/targets/quantity';
import { shortName } from '../../../shared/text/normalize';
import type { Attribute, Plan, PlanRow, PlanSchedule, PlanTable } from '../../../shared/types';
import type { Statement } from 'better-sqlite3';
import type { ReadDb, WriteDb } from '../types';

type PlanDbRow = {
  id: string;
  title: string;
  issuer: string;
  region_code: string;
  base_year: number;
  target_year: number;
  doc_number: string | null;
  issued_on: string | null;
  schedule: string;
  source: string;
  template_version: number;
  built_in: number;
  created_by: string | null;
};
type TableDbRow = { plan_id: string; table_no: number; kind: 'main' | 'completion'; title: string; base_year: number; target_year: number; note: string | null };
type RowDbRow = {
  plan_id: string;
  table_no: number;
  position: number;
  seq: string;
  printed_name: string;
  name: string;
  unit_text: string;
  value_unit: string;
  baseline_text: string;
  baseline: number | null;
  target_text: string;
  final_text: string | null;
  stated_growth_text: string;
  stated_growth_kind: 'annual' | 'total';
  attribute: Attribute | null;
  category: string | null;
  indicator_code: string;
  note: string | null;
};
type SplitDbRow = { plan_id: string; table_no: number; position: number; part_no: number; label: string; indicator_code: string };
type PartDbRow = { plan_id: string; table_no: number; position: number; part_no: number; label: string; indicator_code: string; reference_code: string };

export interface KeptTarget {
  tableNo: number;
  position: number;
  regionCode: string;
  targetText: string;
  setBy: string | null;
  setAt: string;
}

export const planTemplateVersion = (db: ReadDb, id: string): number | null =>
  db.prepare<[string], { template_version: number }>('SELECT template_version FROM plan WHERE id = ?').get(id)?.template_version ?? null;

export const deletePlanKeepingTargets = (db: WriteDb, id: string): KeptTarget[] => {
  const kept = db
    .prepare<[string], { table_no: number; position: number; region_code: string; target_text: string; set_by: string | null; set_at: string }>(
      'SELECT * FROM region_target WHERE plan_id = ?',
    )
    .all(id)
    .map((r) => ({ tableNo: r.table_no, position: r.position, regionCode: r.region_code, targetText: r.target_text, setBy: r.set_by, setAt: r.set_at }));
  db.prepare('DELETE FROM plan WHERE id = ?').run(id);
  return kept;
};

const printedValue = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const q = parseQuantity(text);
  return q && q.ok ? q.quantity.value : null;
};

/** Inserts a plan with its tables and rows; `origin` says whether it is built in or made by the bureau (and by whom). */
export const insertPlan = (
  db: WriteDb,
  plan: PlanTemplate,
  kept: KeptTarget[] = [],
  origin: { builtIn: boolean; createdBy: string | null } = { builtIn: true, createdBy: null },
): void => {
  db.prepare(
    `INSERT INTO plan (id, title, issuer, region_code, base_year, target_year, doc_number, issued_on, schedule, source, template_version, installed_at, built_in, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    plan.id, plan.title, plan.issuer, plan.region, plan.baseYear, plan.targetYear, plan.docNumber, plan.issuedOn,
    JSON.stringify(plan.schedule), plan.source, plan.templateVersion, new Date().toISOString(), origin.builtIn ? 1 : 0, origin.createdBy,
  );
  const insertTable = db.prepare(
    'INSERT INTO plan_table (plan_id, table_no, kind, title, base_year, target_year, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertRow = db.prepare(
    `INSERT INTO plan_row (plan_id, table_no, position, seq, printed_name, name, unit_text, value_unit, baseline_text, baseline,
       target_text, final_text, stated_growth_text, stated_growth_kind, attribute, category, indicator_code, note)
     VALUES (@planId, @tableNo, @position, @seq, @printedName, @name, @unitText, @valueUnit, @baselineText, @baseline,
       @targetText, @finalText, @statedGrowthText, @statedGrowthKind, @attribute, @category, @indicatorCode, @note)`,
  );
  const insertPart = db.prepare(
    'INSERT INTO plan_row_part (plan_id, table_no, position, part_no, label, indicator_code, reference_code) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertSplit = db.prepare('INSERT INTO plan_row_split (plan_id, table_no, position, part_no, label, indicator_code) VALUES (?, ?, ?, ?, ?, ?)');
  for (const table of plan.tables) {
    insertTable.run(plan.id, table.no, table.kind, table.title, table.baseYear, table.targetYear, table.note ?? null);
    table.rows.forEach((row, i) => {
      const position = i + 1;
      insertRow.run({
        planId: plan.id,
        tableNo: table.no,
        position,
        seq: row.seq,
        printedName: row.name,
        // The short name for sentences: a 其中 row is named without its mark (the printed name keeps it).
        name: shortName(row.name),
        unitText: row.unit,
        valueUnit: row.valueUnit ?? row.unit,
        baselineText: row.baseline ?? '',
        baseline: printedValue(row.baseline),
        targetText: row.target ?? '',
        finalText: row.final ?? null,
        statedGrowthText: row.growth ?? '',
        statedGrowthKind: table.kind === 'completion' ? 'total' : 'annual',
        attribute: row.attribute ?? null,
        category: row.category ?? null,
        indicatorCode: row.indicator,
        note: row.note ?? null,
      });
      (row.parts ?? []).forEach((part, p) =>
        insertPart.run(plan.id, table.no, position, p + 1, part.label, part.indicator, part.reference),
      );
      (row.splits ?? []).forEach((split, p) => insertSplit.run(plan.id, table.no, position, p + 1, split.label, split.indicator));
    });
  }
  const restore = db.prepare(
    `INSERT OR IGNORE INTO region_target (plan_id, table_no, position, region_code, target_text, set_by, set_at)
     SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM plan_row WHERE plan_id = ? AND table_no = ? AND position = ?)`,
  );
  for (const k of kept) restore.run(plan.id, k.tableNo, k.position, k.regionCode, k.targetText, k.setBy, k.setAt, plan.id, k.tableNo, k.position);
};

const toRow = (r: RowDbRow, parts: PartDbRow[], splits: SplitDbRow[]): PlanRow => ({
  planId: r.plan_id,
  tableNo: r.table_no,
  position: r.position,
  seq: r.seq,
  printedName: r.printed_name,
  name: r.name,
  unitText: r.unit_text,
  valueUnit: r.value_unit,
  baselineText: r.baseline_text,
  baseline: r.baseline,
  targetText: r.target_text,
  finalText: r.final_text,
  statedGrowthText: r.stated_growth_text,
  statedGrowthKind: r.stated_growth_kind,
  attribute: r.attribute,
  category: r.category,
  indicatorCode: r.indicator_code,
  note: r.note,
  parts: parts
    .filter((p) => p.table_no === r.table_no && p.position === r.position)
    .map((p) => ({ label: p.label, indicatorCode: p.indicator_code, referenceCode: p.reference_code })),
  splits: splits
    .filter((p) => p.table_no === r.table_no && p.position === r.position)
    .map((p) => ({ label: p.label, indicatorCode: p.indicator_code })),
});

export const listPlanIds = (db: ReadDb): string[] =>
  db.prepare<[], { id: string }>('SELECT id FROM plan ORDER BY id').all().map((r) => r.id);

export const getPlan = (db: ReadDb, id: string): Plan | null => {
  const p = db.prepare<[string], PlanDbRow>('SELECT * FROM plan WHERE id = ?').get(id);
  if (!p) return null;
  const tables = db.prepare<[string], TableDbRow>('SELECT * FROM plan_table WHERE plan_id = ? ORDER BY table_no').all(id);
  const rows = db.prepare<[string], RowDbRow>('SELECT * FROM plan_row WHERE plan_id = ? ORDER BY table_no, position').all(id);
  const parts = db.prepare<[string], PartDbRow>('SELECT * FROM plan_row_part WHERE plan_id = ? ORDER BY part_no').all(id);
  const splits = db.prepare<[string], SplitDbRow>('SELECT * FROM plan_row_split WHERE plan_id = ? ORDER BY part_no').all(id);
  return {
    id: p.id,
    title: p.title,
    issuer: p.issuer,
    regionCode: p.region_code,
    baseYear: p.base_year,
    targetYear: p.target_year,
    docNumber: p.doc_number,
    issuedOn: p.issued_on,
    schedule: JSON.parse(p.schedule) as PlanSchedule,
    source: p.source,
    builtIn: p.built_in === 1,
    tables: tables.map(
      (t): PlanTable => ({
        planId: t.plan_id,
        tableNo: t.table_no,
        kind: t.kind,
        title: t.title,
        baseYear: t.base_year,
        targetYear: t.target_year,
        note: t.note,
        rows: rows.filter((r) => r.table_no === t.table_no).map((r) => toRow(r, parts, splits)),
      }),
    ),
  };
};

/** Every target the bureau set for a region on a plan's rows, keyed "table|position|region": one query per plan. */
export const regionTargetsOf = (db: ReadDb, planId: string): Map<string, string> =>
  new Map(
    db
      .prepare<[string], { table_no: number; position: number; region_code: string; target_text: string }>(
        'SELECT table_no, position, region_code, target_text FROM region_target WHERE plan_id = ?',
      )
      .all(planId)
      .map((r) => [`${r.table_no}|${r.position}|${r.region_code}`, r.target_text] as const),
  );

const targetStatements = new WeakMap<ReadDb, Statement<[string, number, number, string], { target_text: string }>>();

/** The target the bureau set for a region on a row; the statement is prepared once per database (one per row and region). */
export const regionTargetText = (db: ReadDb, planId: string, tableNo: number, position: number, region: string): string | null => {
  let stmt = targetStatements.get(db);
  if (!stmt) {
    stmt = db.prepare<[string, number, number, string], { target_text: string }>(
      'SELECT target_text FROM region_target WHERE plan_id = ? AND table_no = ? AND position = ? AND region_code = ?',
    );
    targetStatements.set(db, stmt);
  }
  return stmt.get(planId, tableNo, position, region)?.target_text ?? null;
};
