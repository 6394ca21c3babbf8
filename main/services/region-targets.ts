/**
 * Targets a bureau sets for the regions below a plan's region (目标分解): typed one at a time or read from a sheet
 * with columns 地区 (or 地区代码) | 序号 | 目标值. An absolute quantity is judged for a sub-region only against such a
 * target; rates and shares use the plan's own target.
 */
import path from 'node:path';
import type { RegionTargetDto, TargetRowDto } from '../../shared/api';
import type { Problem } from '../../shared/errors';
import { UserError } from '../../shared/errors';
import { parseTarget, targetUnitText, targetValue } from '../../shared/targets/grammar';
import { conversionFactorOrNull } from '../../shared/units/units';
import { isBlankCell } from '../../shared/targets/quantity';
import type { ReadDb, WriteDb } from '../db/types';
import { catalogOf, isWithinTree, regionTreeOf } from './context';
import { requirePlan } from './evaluate';
import { cellText } from './import/cells';
import { audit } from './locks';
import { regionTargetText } from '../db/queries/plans';
import { findRegion } from './import/match';
import { readWorkbookFile } from './import/workbook';

export type RegionTarget = RegionTargetDto;

export const listRegionTargets = (db: ReadDb, planId: string): RegionTarget[] => {
  requirePlan(db, planId);
  const { regions } = regionTreeOf(db);
  return db
    .prepare<[string], { seq: string; name: string; region_code: string; target_text: string; set_by: string | null; set_at: string }>(
      `SELECT r.seq, r.name, t.region_code, t.target_text, t.set_by, t.set_at FROM region_target t
       JOIN plan_row r ON r.plan_id = t.plan_id AND r.table_no = t.table_no AND r.position = t.position
       WHERE t.plan_id = ? ORDER BY t.region_code, t.table_no, t.position`,
    )
    .all(planId)
    .map((t) => ({ plan: planId, seq: t.seq, name: t.name, region: t.region_code, regionName: regions.get(t.region_code)?.name ?? '', target: t.target_text, setBy: t.set_by, setAt: t.set_at }));
};

interface TargetInput {
  plan: string;
  seq: string;
  region: string;
  target: string;
  setBy: string;
}

type TargetProblem = { field: 'region' | 'seq' | 'target'; message: string };

/** Checks one target and says what is wrong (and in which field), or returns the row it belongs to. */
const checkTarget = (db: ReadDb, input: TargetInput): { tableNo: number; position: number; region: string } | TargetProblem => {
  const plan = requirePlan(db, input.plan);
  const r = findRegion(db, input.region);
  if (!r || 'ambiguous' in r) return { field: 'region', message: `未知或不唯一的地区“${input.region}” / unknown or ambiguous region` };
  if (r.code === plan.regionCode || !isWithinTree(db, r.code, plan.regionCode)) {
    return { field: 'region', message: `${r.name}不是规划范围内的下级地区 / ${r.code} is not a region below the plan's region` };
  }
  const row = plan.tables.filter((t) => t.kind === 'main').flatMap((t) => t.rows).find((x) => x.seq === input.seq.trim());
  if (!row) return { field: 'seq', message: `规划中没有序号为“${input.seq}”的指标 / no row ${input.seq} in the plan` };
  if (isBlankCell(input.target) || parseTarget(input.target).kind === 'text') {
    return { field: 'target', message: `目标值“${input.target}”无法识别（应如 120、≥55%、26至36） / target "${input.target}" is not a target` };
  }
  // The target must be in the row's own terms: 100% is no target for a number of people, nor is −5人.
  const target = parseTarget(input.target);
  const unit = targetUnitText(target).normalize('NFKC');
  if (unit !== '' && conversionFactorOrNull(unit, row.valueUnit) === null) {
    return { field: 'target', message: `目标值“${input.target}”的单位与该指标的单位“${row.unitText || row.valueUnit}”不符 / the target's unit does not fit the row's unit` };
  }
  const value = targetValue(target);
  if (value !== null && value < 0) return { field: 'target', message: `目标值“${input.target}”不能为负数 / a target cannot be negative` };
  return { tableNo: row.tableNo, position: row.position, region: r.code };
};

const upsert = (db: WriteDb, input: TargetInput, at: { tableNo: number; position: number; region: string }) =>
  db
    .prepare(
      `INSERT INTO region_target (plan_id, table_no, position, region_code, target_text, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(plan_id, table_no, position, region_code) DO UPDATE SET target_text = excluded.target_text, set_by = excluded.set_by, set_at = excluded.set_at`,
    )
    .run(input.plan, at.tableNo, at.position, at.region, input.target.trim(), input.setBy.trim(), new Date().toISOString());

const NO_SETTER = '请注明设定人。 / Say who set the target.';

export const setRegionTarget = (db: WriteDb, input: TargetInput): RegionTarget => {
  if (input.setBy.trim() === '') throw new UserError('bad-input', NO_SETTER);
  const at = checkTarget(db, input);
  if ('field' in at) throw new UserError('bad-input', at.message);
  const before = regionTargetText(db, input.plan, at.tableNo, at.position, at.region);
  db.transaction(() => {
    upsert(db, input, at);
    audit(db, { by: input.setBy.trim(), action: 'target', subject: `${input.plan} 第${input.seq.trim()}项 ${at.region}`, old: before, new: input.target.trim() });
  })();
  return listRegionTargets(db, input.plan).find((t) => t.region === at.region && t.seq === input.seq.trim())!;
};

/** Removes the target a bureau set for a region and row; the region is then judged as before (不适用 for a quantity). */
export const removeRegionTarget = (db: WriteDb, input: { plan: string; seq: string; region: string }): { removed: RegionTarget } => {
  const plan = requirePlan(db, input.plan);
  const r = findRegion(db, input.region);
  const code = r && !('ambiguous' in r) ? r.code : input.region.trim();
  const existing = listRegionTargets(db, plan.id).find((t) => t.region === code && t.seq === input.seq.trim());
  if (!existing) throw new UserError('bad-input', `${r && !('ambiguous' in r) ? r.name : input.region}第${input.seq}项没有已设置的目标。 / No target set for that region and row.`);
  const row = plan.tables.filter((t) => t.kind === 'main').flatMap((t) => t.rows).find((x) => x.seq === existing.seq)!;
  db.transaction(() => {
    db.prepare('DELETE FROM region_target WHERE plan_id = ? AND table_no = ? AND position = ? AND region_code = ?').run(plan.id, row.tableNo, row.position, code);
    audit(db, { by: '本单位', action: 'target-remove', subject: `${plan.id} 第${existing.seq}项 ${code}`, old: existing.target, new: null });
  })();
  return { removed: existing };
};

/**
 * The rows of a plan's main table a bureau may set a region's own target for; `needsOwnTarget` marks the absolute
 * quantities (人, 个, 张 …), which a region below the plan's is judged on only against its own target.
 */
export const targetRows = (db: ReadDb, planId: string): TargetRowDto[] => {
  const plan = requirePlan(db, planId);
  const catalog = catalogOf(db);
  return plan.tables
    .filter((t) => t.kind === 'main')
    .flatMap((t) => t.rows)
    .map((r) => ({ seq: r.seq, name: r.name, unit: r.unitText, target: r.targetText, needsOwnTarget: catalog.get(r.indicatorCode).isAbsolute }));
};

/** Reads 地区 | 序号 | 目标值 rows from the first sheet that has them; all or nothing. */
export const importRegionTargets = async (
  db: WriteDb,
  input: { plan: string; file: string; setBy: string; dryRun?: boolean },
): Promise<{ ok: boolean; targets: number; replaced: number; problems: Problem[] }> => {
  if (input.setBy.trim() === '') throw new UserError('bad-input', NO_SETTER);
  const { sheets } = await readWorkbookFile(input.file);
  const problems: Problem[] = [];
  const found: { input: TargetInput; at: { tableNo: number; position: number; region: string }; cell: string }[] = [];
  for (const ws of sheets) {
    let header: { row: number; region: number; seq: number; target: number } | null = null;
    for (let r = 1; r <= Math.min(ws.rowCount, 20) && !header; r++) {
      const cols = new Map<string, number>();
      ws.getRow(r).eachCell((cell, c) => cols.set(cellText(cell).normalize('NFKC').replace(/\s+/g, ''), c));
      const region = cols.get('地区代码') ?? cols.get('地区') ?? cols.get('地区名称');
      const seq = cols.get('序号');
      const target = cols.get('目标值') ?? cols.get('目标') ?? cols.get('2025年目标值');
      if (region && seq && target) header = { row: r, region, seq, target };
    }
    if (!header) continue;
    for (let r = header.row + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const regionText = cellText(row.getCell(header.region)).trim();
      const seq = cellText(row.getCell(header.seq)).trim();
      const target = cellText(row.getCell(header.target)).trim();
      if (regionText === '' && seq === '' && target === '') continue;
      const t: TargetInput = { plan: input.plan, seq, region: regionText, target, setBy: input.setBy };
      const at = checkTarget(db, t);
      if ('field' in at) {
        problems.push({ severity: 'error', sheet: ws.name, cell: row.getCell(header[at.field]).address, message: at.message });
        continue;
      }
      const twice = found.find((f) => f.at.region === at.region && f.at.tableNo === at.tableNo && f.at.position === at.position);
      if (twice) {
        problems.push({ severity: 'error', sheet: ws.name, cell: row.getCell(header.region).address, message: `同一地区、同一指标的目标出现两次（另见 ${twice.cell}） / the same region and row twice (also ${twice.cell})` });
        continue;
      }
      found.push({ input: t, at, cell: `${ws.name}!${row.getCell(header.region).address}` });
    }
  }
  if (found.length === 0 && problems.length === 0) {
    problems.push({ severity: 'error', sheet: '', cell: '', message: '未找到“地区 | 序号 | 目标值”表头 / no 地区 | 序号 | 目标值 header found' });
  }
  const ok = problems.length === 0;
  // Targets already set for the same region and row are replaced: say how many, so that a check does not hide it.
  const existing = new Set(listRegionTargets(db, input.plan).map((t) => `${t.region}|${t.seq}`));
  const replaced = found.filter((f) => existing.has(`${f.at.region}|${f.input.seq.trim()}`)).length;
  if (ok && !input.dryRun) {
    db.transaction(() => {
      found.forEach((f) => upsert(db, f.input, f.at));
      audit(db, { by: input.setBy.trim(), action: 'targets-import', subject: `${input.plan} ${path.basename(input.file)}`, new: `${found.length} 项目标` });
    })();
  }
  return { ok, targets: found.length, replaced, problems };
};
