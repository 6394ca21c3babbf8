/**
 * Locked years: once a year's report for a region is submitted, the bureau locks that year; imports, typed values
 * and undos that would change a value of that region (or a region below it) in that year are refused, naming the
 * lock. An unlock needs a reason. Locks and unlocks are kept in the audit log.
 */
import type { AuditEntryDto } from '../../shared/api';
import { UserError } from '../../shared/errors';
import type { ReadDb, WriteDb } from '../db/types';
import { isWithinTree, regionTreeOf } from './context';
import { userRegion } from './plan-import/plan-region';

export interface YearLock {
  region: string;
  regionName: string;
  year: number;
  by: string;
  at: string;
  reason: string;
}

type LockRow = { region_code: string; year: number; locked_by: string; locked_at: string; reason: string };

export const listLocks = (db: ReadDb): YearLock[] =>
  db
    .prepare<[], LockRow>('SELECT * FROM year_lock ORDER BY year, region_code')
    .all()
    .map((r) => ({ region: r.region_code, regionName: regionTreeOf(db).regions.get(r.region_code)?.name ?? '', year: r.year, by: r.locked_by, at: r.locked_at, reason: r.reason }));

/** The lock that covers a region's year (its own, or one of a region above it), or null. */
export const lockCovering = (db: ReadDb): ((region: string, year: number) => YearLock | null) => {
  const locks = listLocks(db);
  if (locks.length === 0) return () => null;
  return (region, year) => locks.find((l) => l.year === year && isWithinTree(db, region, l.region)) ?? null;
};

export const lockMessage = (lock: YearLock, regionName: string): string =>
  `${lock.regionName}${lock.year}年的数据已于${lock.at.slice(0, 10)}由${lock.by}锁定（${lock.reason}），${regionName}的该年数值不能修改；如确需修改，请先解锁并说明原因。 / ${lock.year} is locked for ${lock.region}.`;

export const audit = (db: WriteDb, e: { by: string; action: string; subject: string; old?: string | null; new?: string | null; why?: string | null; batch?: number | null }): void => {
  db.prepare('INSERT INTO audit_log (at, by, action, subject, old, new, why, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    new Date().toISOString(), e.by, e.action, e.subject, e.old ?? null, e.new ?? null, e.why ?? null, e.batch ?? null,
  );
};

const needText = (text: string | undefined, zh: string, en: string): string => {
  if (text === undefined || text.trim() === '') throw new UserError('bad-input', `${zh} / ${en}`);
  return text.trim();
};

export const lockYear = (db: WriteDb, input: { region: string; year: number; by: string; reason?: string }): YearLock => {
  const region = userRegion(db, input.region);
  const by = needText(input.by, '请注明经办人。', 'Say who locks the year.');
  if (!Number.isInteger(input.year) || input.year < 1949 || input.year > 2100) throw new UserError('bad-year', '年份应在1949至2100年之间。 / The year must be 1949–2100.');
  const reason = input.reason?.trim() || '年度报告已报送';
  db.transaction(() => {
    db.prepare('INSERT INTO year_lock (region_code, year, locked_by, locked_at, reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
      region.code, input.year, by, new Date().toISOString(), reason,
    );
    audit(db, { by, action: 'lock', subject: `${region.code} ${input.year}`, new: reason });
  })();
  return listLocks(db).find((l) => l.region === region.code && l.year === input.year)!;
};

export const unlockYear = (db: WriteDb, input: { region: string; year: number; by: string; reason: string }): { region: string; year: number } => {
  const region = userRegion(db, input.region);
  const by = needText(input.by, '请注明经办人。', 'Say who unlocks the year.');
  const reason = needText(input.reason, '解锁须说明原因（--note）。', 'An unlock needs a reason (--note).');
  const existing = listLocks(db).find((l) => l.region === region.code && l.year === input.year);
  if (!existing) throw new UserError('bad-input', `${region.name}${input.year}年没有锁定。 / ${input.year} is not locked for ${region.code}.`);
  db.transaction(() => {
    db.prepare('DELETE FROM year_lock WHERE region_code = ? AND year = ?').run(region.code, input.year);
    audit(db, { by, action: 'unlock', subject: `${region.code} ${input.year}`, old: existing.reason, why: reason });
  })();
  return { region: region.code, year: input.year };
};

export const auditLog = (db: ReadDb): AuditEntryDto[] => {
  const { regions } = regionTreeOf(db);
  // The regions a subject names by code ("532322 2023", "chuxiong 第6项 532322"), with their names, so that the
  // window can word it without loading the country's regions.
  const namesIn = (subject: string): Record<string, string> =>
    Object.fromEntries(subject.split(' ').flatMap((w) => (regions.has(w) ? [[w, regions.get(w)!.name]] : [])));
  return db
    .prepare<[], { at: string; by: string; action: string; subject: string; old: string | null; new: string | null; why: string | null; batch_id: number | null }>('SELECT * FROM audit_log ORDER BY id')
    .all()
    .map((r) => ({ at: r.at, by: r.by, action: r.action, subject: r.subject, names: namesIn(r.subject), old: r.old, new: r.new, why: r.why, batch: r.batch_id }));
};
