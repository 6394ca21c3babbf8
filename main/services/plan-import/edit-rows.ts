/**
 * Editing a plan made by the bureau, row by row: a printed field corrected (target, baseline, name, unit, growth,
 * attribute, 序号, category), a row added, removed or moved. Each change is one transaction and one entry of the
 * plan's change log (who, when, old, new, why). Built-in plans are not edited: a bureau exports one and imports it
 * under its own id. Moving a row renumbers the rows below it together with what refers to them (region targets,
 * adjustments, judgements), with foreign keys checked at commit.
 */
import { UserError } from '../../../shared/errors';
import { parseQuantity } from '../../../shared/targets/quantity';
import { parseTarget, targetUnitText } from '../../../shared/targets/grammar';
import { shortName } from '../../../shared/text/normalize';
import type { Plan, PlanRow } from '../../../shared/types';
import { conversionFactorOrNull } from '../../../shared/units/units';
import { logPlanChange } from '../../db/queries/plan-changes';
import type { WriteDb } from '../../db/types';
import { invalidateContext } from '../context';
import { requirePlan } from '../evaluate';
import { rowMatcher } from './match-rows';
import { insertNewIndicators } from './new-indicators';

export type EditableField = 'target' | 'baseline' | 'name' | 'unit' | 'growth' | 'attribute' | 'seq' | 'category';
export const EDITABLE_FIELDS: readonly EditableField[] = ['target', 'baseline', 'name', 'unit', 'growth', 'attribute', 'seq', 'category'];

const COLUMN: Record<EditableField, string> = {
  target: 'target_text',
  baseline: 'baseline_text',
  name: 'printed_name',
  unit: 'unit_text',
  growth: 'stated_growth_text',
  attribute: 'attribute',
  seq: 'seq',
  category: 'category',
};

const CHILD_TABLES = ['plan_row_part', 'plan_row_split', 'region_target', 'plan_adjustment', 'plan_judgement'] as const;

const editablePlan = (db: WriteDb, id: string): Plan => {
  const plan = requirePlan(db, id);
  if (plan.builtIn) {
    throw new UserError('bad-input', `“${plan.title}”是内置规划，不能修改；可导出规划包，以新的编号导入后再修改。 / A built-in plan cannot be edited; export it and import it under another id.`);
  }
  return plan;
};

const mainTable = (plan: Plan) => plan.tables.find((t) => t.kind === 'main')!;

const rowAt = (plan: Plan, position: number): PlanRow => {
  const row = mainTable(plan).rows.find((r) => r.position === position);
  if (!row) throw new UserError('bad-input', `规划“${plan.title}”的指标表没有第${position}行。 / The plan has no row ${position}.`);
  return row;
};

const needBy = (by: string): string => {
  if (by.trim() === '') throw new UserError('bad-input', '请注明经办人。 / Say who made the change.');
  return by.trim();
};

const log = (db: WriteDb, plan: Plan, by: string, action: string, seq: string | null, field: string | null, old: string | null, next: string | null, why?: string) =>
  logPlanChange(db, { planId: plan.id, at: new Date().toISOString(), by, action, seq, field, old, new: next, why: why?.trim() || null });

/** Moves rows of the main table to new positions (a map old → new), children included, in one transaction. */
const renumber = (db: WriteDb, plan: Plan, moves: Map<number, number>): void => {
  if (moves.size === 0) return;
  const tableNo = mainTable(plan).tableNo;
  db.pragma('defer_foreign_keys = ON');
  for (const t of ['plan_row', ...CHILD_TABLES]) {
    // Through negative positions, so no two rows ever share a position on the way.
    const stmt = db.prepare(`UPDATE ${t} SET position = ? WHERE plan_id = ? AND table_no = ? AND position = ?`);
    for (const [from, to] of moves) stmt.run(-to, plan.id, tableNo, from);
    db.prepare(`UPDATE ${t} SET position = -position WHERE plan_id = ? AND table_no = ? AND position < 0`).run(plan.id, tableNo);
  }
};

export const editPlanRow = (
  db: WriteDb,
  input: { plan: string; position: number; field: EditableField; value: string; by: string; why?: string },
) => {
  const plan = editablePlan(db, input.plan);
  const row = rowAt(plan, input.position);
  const by = needBy(input.by);
  const value = input.value.trim();
  const old: Record<EditableField, string> = {
    target: row.targetText, baseline: row.baselineText, name: row.printedName, unit: row.unitText, growth: row.statedGrowthText,
    attribute: row.attribute ?? '', seq: row.seq, category: row.category ?? '',
  };
  if (input.field === 'name' && value === '') throw new UserError('bad-input', '指标名称不能为空。 / The name cannot be empty.');
  if (input.field === 'attribute' && value !== '' && value !== '预期性' && value !== '约束性') {
    throw new UserError('bad-input', '属性应为“预期性”或“约束性”。 / The attribute is 预期性 or 约束性.');
  }
  if (input.field === 'target') {
    const unit = targetUnitText(parseTarget(value));
    if (unit !== '' && conversionFactorOrNull(unit, row.valueUnit) === null) {
      throw new UserError('bad-input', `目标“${value}”的单位与该行的单位“${row.unitText || row.valueUnit}”不符。 / The target's unit does not fit the row.`);
    }
  }
  let baseline: number | null = row.baseline;
  if (input.field === 'baseline') {
    const q = parseQuantity(value);
    if (q && !q.ok) throw new UserError('bad-input', `基期值：${q.message}`);
    baseline = q && q.ok ? q.quantity.value : null;
  }
  if (input.field === 'unit' && value !== '' && conversionFactorOrNull(value, row.valueUnit) === null) {
    throw new UserError('bad-input', `单位“${value}”不能换算为该指标的单位“${row.valueUnit}”。 / The unit does not convert to the indicator's.`);
  }
  db.transaction(() => {
    db.prepare(`UPDATE plan_row SET ${COLUMN[input.field]} = ? WHERE plan_id = ? AND table_no = ? AND position = ?`).run(
      input.field === 'attribute' && value === '' ? null : value, plan.id, row.tableNo, row.position,
    );
    if (input.field === 'baseline') db.prepare('UPDATE plan_row SET baseline = ? WHERE plan_id = ? AND table_no = ? AND position = ?').run(baseline, plan.id, row.tableNo, row.position);
    if (input.field === 'name') {
      db.prepare('UPDATE plan_row SET name = ? WHERE plan_id = ? AND table_no = ? AND position = ?').run(shortName(value), plan.id, row.tableNo, row.position);
    }
    log(db, plan, by, 'edit', row.seq, input.field, old[input.field], value, input.why);
  })();
  return { plan: plan.id, position: row.position, seq: input.field === 'seq' ? value : row.seq, field: input.field, old: old[input.field], value };
};

export const addPlanRow = (
  db: WriteDb,
  input: { plan: string; after: number; seq: string; name: string; unit: string; baseline?: string; target: string; growth?: string; attribute?: '预期性' | '约束性'; by: string; why?: string },
) => {
  const plan = editablePlan(db, input.plan);
  const by = needBy(input.by);
  if (input.name.trim() === '') throw new UserError('bad-input', '指标名称不能为空。 / The name cannot be empty.');
  const table = mainTable(plan);
  if (input.after < 0 || input.after > table.rows.length) throw new UserError('bad-input', `插入位置应在0至${table.rows.length}之间。 / Insert after a row 0–${table.rows.length}.`);
  const position = input.after + 1;
  const matched = rowMatcher(db, plan.id).match(
    { seq: input.seq.trim(), name: input.name.trim(), unit: input.unit.trim(), baseline: input.baseline ?? '', target: input.target.trim(), growth: input.growth ?? '', ...(input.attribute ? { attribute: input.attribute } : {}), row: 0 },
    table.tableNo,
    // A code not used by the rows the import made: positions only grow past the largest ever given.
    1000 + (db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM plan_change WHERE plan_id = ? AND action = 'add-row'").get(plan.id)!.n),
  );
  const q = parseQuantity(input.baseline ?? '');
  if (q && !q.ok) throw new UserError('bad-input', `基期值：${q.message}`);
  db.transaction(() => {
    const later = table.rows.filter((r) => r.position >= position).map((r) => r.position);
    renumber(db, plan, new Map(later.map((p) => [p, p + 1])));
    insertNewIndicators(db, [matched]);
    db.prepare(
      `INSERT INTO plan_row (plan_id, table_no, position, seq, printed_name, name, unit_text, value_unit, baseline_text, baseline, target_text,
         final_text, stated_growth_text, stated_growth_kind, attribute, category, indicator_code, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 'annual', ?, ?, ?, NULL)`,
    ).run(
      plan.id, table.tableNo, position, input.seq.trim(), input.name.trim(), shortName(input.name),
      input.unit.trim(), matched.valueUnit, input.baseline ?? '', q && q.ok ? q.quantity.value : null, input.target.trim(), input.growth ?? '',
      input.attribute ?? null, table.rows[input.after - 1]?.category ?? null, matched.indicator,
    );
    log(db, plan, by, 'add-row', input.seq.trim(), null, null, `${input.name.trim()}：${input.target.trim()}`, input.why);
  })();
  invalidateContext(db);
  return { plan: plan.id, position, indicator: matched.indicator, match: matched.match };
};

export const removePlanRow = (db: WriteDb, input: { plan: string; position: number; by: string; why?: string }) => {
  const plan = editablePlan(db, input.plan);
  const row = rowAt(plan, input.position);
  const by = needBy(input.by);
  if (mainTable(plan).rows.length === 1) throw new UserError('bad-input', '指标表至少保留一行。 / A plan keeps at least one row.');
  db.transaction(() => {
    db.prepare('DELETE FROM plan_row WHERE plan_id = ? AND table_no = ? AND position = ?').run(plan.id, row.tableNo, row.position);
    const later = mainTable(plan).rows.filter((r) => r.position > row.position).map((r) => r.position);
    renumber(db, plan, new Map(later.map((p) => [p, p - 1])));
    log(db, plan, by, 'remove-row', row.seq, null, `${row.printedName}：${row.targetText}`, null, input.why);
  })();
  return { plan: plan.id, position: row.position, seq: row.seq, name: row.printedName };
};

export const movePlanRow = (db: WriteDb, input: { plan: string; position: number; to: number; by: string; why?: string }) => {
  const plan = editablePlan(db, input.plan);
  const row = rowAt(plan, input.position);
  const by = needBy(input.by);
  const n = mainTable(plan).rows.length;
  if (!Number.isInteger(input.to) || input.to < 1 || input.to > n) throw new UserError('bad-input', `目标位置应在1至${n}之间。 / Move to a position 1–${n}.`);
  if (input.to === input.position) return { plan: plan.id, from: input.position, to: input.to };
  const order = mainTable(plan).rows.map((r) => r.position).filter((p) => p !== input.position);
  order.splice(input.to - 1, 0, input.position);
  const moves = new Map(order.map((from, i) => [from, i + 1] as const).filter(([from, to]) => from !== to));
  db.transaction(() => {
    renumber(db, plan, moves);
    log(db, plan, by, 'move-row', row.seq, 'position', String(input.position), String(input.to), input.why);
  })();
  return { plan: plan.id, from: input.position, to: input.to };
};
