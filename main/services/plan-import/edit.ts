/**
 * What a bureau does to a stored plan: a plan adjustment (规划调整) from an effective year with its document, a
 * judgement of a qualitative row for a region and year, removal; each kept in the plan's change log.
 */
import type { PlanChangeDto } from '../../../shared/api';
import { UserError } from '../../../shared/errors';
import type { JudgementResult } from '../../../shared/evaluation/status';
import { parseTarget, targetUnitText } from '../../../shared/targets/grammar';
import type { Plan, PlanRow } from '../../../shared/types';
import { conversionFactorOrNull } from '../../../shared/units/units';
import { insertAdjustment, logPlanChange, planChanges, upsertJudgement } from '../../db/queries/plan-changes';
import type { ReadDb, WriteDb } from '../../db/types';
import { isWithinTree, regionTreeOf } from '../context';
import { requirePlan } from '../evaluate';
import { userRegion } from './plan-region';

const mainRow = (plan: Plan, seq: string): PlanRow => {
  const row = plan.tables.filter((t) => t.kind === 'main').flatMap((t) => t.rows).find((r) => r.seq === seq.trim());
  if (!row) throw new UserError('bad-input', `规划“${plan.title}”的指标表没有第${seq}项。 / The plan has no row ${seq}.`);
  return row;
};

const needBy = (by: string): string => {
  if (by.trim() === '') throw new UserError('bad-input', '请注明经办人（--by）。 / Say who made the change (--by).');
  return by.trim();
};

/** The longest 判断说明 (it prints in a table row's 备注) and the longest name of an adjustment's document. */
const MAX_NOTE_CHARS = 200;
const MAX_DOC_CHARS = 100;

export const adjustPlan = (
  db: WriteDb,
  input: { plan: string; seq: string; target: string; fromYear: number; doc: string; by: string },
) => {
  const plan = requirePlan(db, input.plan);
  const row = mainRow(plan, input.seq);
  const by = needBy(input.by);
  if (input.doc.trim() === '') throw new UserError('bad-input', '请注明调整依据的文件（--doc，如 双民发〔2028〕5号）。 / Name the document of the adjustment (--doc).');
  if ([...input.doc.trim()].length > MAX_DOC_CHARS) throw new UserError('bad-input', `调整依据的文件名过长（至多 ${MAX_DOC_CHARS} 字）。 / The document name is too long.`);
  if (!Number.isInteger(input.fromYear) || input.fromYear <= plan.baseYear || input.fromYear > plan.targetYear) {
    throw new UserError('bad-year', `调整的起始年份应在${plan.baseYear + 1}至${plan.targetYear}年之间。 / The effective year must be ${plan.baseYear + 1}–${plan.targetYear}.`);
  }
  const target = input.target.trim();
  if (target === '') throw new UserError('bad-input', '调整后的目标不能为空。 / The new target is empty.');
  const unit = targetUnitText(parseTarget(target));
  if (unit !== '' && conversionFactorOrNull(unit, row.valueUnit) === null) {
    throw new UserError('bad-input', `目标“${target}”的单位与该指标的单位“${row.unitText || row.valueUnit}”不符。 / The target's unit does not fit the row.`);
  }
  const at = new Date().toISOString();
  db.transaction(() => {
    insertAdjustment(db, plan.id, { tableNo: row.tableNo, position: row.position, fromYear: input.fromYear, targetText: target, doc: input.doc.trim(), madeBy: by, madeAt: at });
    logPlanChange(db, { planId: plan.id, at, by, action: 'adjust', seq: row.seq, field: `target from ${input.fromYear}`, old: row.targetText, new: target, why: input.doc.trim() });
  })();
  return { plan: plan.id, seq: row.seq, name: row.name, printedTarget: row.targetText, target, fromYear: input.fromYear, doc: input.doc.trim() };
};

export const judgeRow = (
  db: WriteDb,
  input: { plan: string; region?: string; seq: string; year: number; result: JudgementResult; note: string; by: string },
) => {
  const plan = requirePlan(db, input.plan);
  const row = mainRow(plan, input.seq);
  const by = needBy(input.by);
  if (parseTarget(row.targetText).kind !== 'text') {
    throw new UserError('bad-input', `第${row.seq}项目标“${row.targetText}”由数据自动评价，无需人工判断。 / Row ${row.seq} is evaluated from data.`);
  }
  const region = input.region === undefined ? regionTreeOf(db).regions.get(plan.regionCode)! : userRegion(db, input.region);
  if (!isWithinTree(db, region.code, plan.regionCode)) throw new UserError('unknown-region', `${region.name}不在规划范围之内。 / The region is outside the plan.`);
  if (!Number.isInteger(input.year) || input.year <= plan.baseYear || input.year > plan.targetYear) {
    throw new UserError('bad-year', `判断年份应在${plan.baseYear + 1}至${plan.targetYear}年之间。 / The year must be ${plan.baseYear + 1}–${plan.targetYear}.`);
  }
  const at = new Date().toISOString();
  const note = input.note.trim();
  // A note prints in the 备注 of a report's table row: a row taller than a page cannot be printed.
  if ([...note].length > MAX_NOTE_CHARS) throw new UserError('bad-input', `判断说明过长：${[...note].length} 字，至多 ${MAX_NOTE_CHARS} 字。 / The note may have at most ${MAX_NOTE_CHARS} characters.`);
  db.transaction(() => {
    upsertJudgement(db, plan.id, { tableNo: row.tableNo, position: row.position, region: region.code, year: input.year, result: input.result, note, by, at });
    logPlanChange(db, { planId: plan.id, at, by, action: 'judge', seq: row.seq, field: `${region.code} ${input.year}`, old: null, new: input.result, why: note });
  })();
  return { plan: plan.id, region: region.code, seq: row.seq, name: row.name, year: input.year, result: input.result, note, by, at };
};

export const removePlan = (db: WriteDb, input: { plan: string; by?: string }) => {
  const plan = requirePlan(db, input.plan);
  // Issued reports are records of what was sent: a plan that has them stays.
  const issued = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM issued_report WHERE plan_id = ?').get(plan.id)!.n;
  if (issued > 0) throw new UserError('bad-input', `规划“${plan.title}”已有 ${issued} 份签发的报告，不能删除。 / The plan has issued reports and cannot be removed.`);
  db.transaction(() => {
    db.prepare('DELETE FROM report_paragraph WHERE plan_id = ?').run(plan.id);
    db.prepare('DELETE FROM plan WHERE id = ?').run(plan.id);
    logPlanChange(db, { planId: plan.id, at: new Date().toISOString(), by: input.by ?? '本单位', action: 'remove', seq: null, field: null, old: plan.title, new: null, why: null });
  })();
  return { plan: plan.id, title: plan.title };
};

export const listPlanChanges = (db: ReadDb, input: { plan: string }): PlanChangeDto[] =>
  planChanges(db, input.plan).map(({ at, by, action, seq, field, old, new: next, why }) => ({ at, by, action, seq, field, old, new: next, why }));
