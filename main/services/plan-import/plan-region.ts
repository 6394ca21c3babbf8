/**
 * The region a plan belongs to: given by the user (code or name), or the one region named in its title or issuer
 * (双柏县民政事业发展“十五五”规划 → 532322). Several unrelated regions, or none, is an error that asks for --region.
 */
import { UserError } from '../../../shared/errors';
import { normaliseRegionCode } from '../../../shared/text/region-code';
import type { Region } from '../../../shared/types';
import type { ReadDb } from '../../db/types';
import { isWithinTree, regionTreeOf } from '../context';
import { findRegion } from '../import/match';

const namesOf = (db: ReadDb): { name: string; region: Region }[] =>
  db
    .prepare<[], { alias: string; region_code: string }>(
      `SELECT a.alias, a.region_code FROM region_alias a JOIN region r ON r.code = a.region_code WHERE r.level <> 'township'
       UNION SELECT r.name, r.code FROM region r WHERE r.level <> 'township'`,
    )
    .all()
    .filter((r) => r.alias.length >= 2)
    .map((r) => ({ name: r.alias, region: regionTreeOf(db).regions.get(r.region_code)! }))
    .filter((r) => r.region !== undefined);

/** Regions named in the text, the most specific of each line of descent (楚雄州双柏县 → 双柏县). */
export const regionsNamedIn = (db: ReadDb, text: string): Region[] => {
  const found = new Map<string, Region>();
  for (const { name, region } of namesOf(db)) if (text.includes(name)) found.set(region.code, region);
  const all = [...found.values()];
  return all.filter((r) => !all.some((o) => o.code !== r.code && isWithinTree(db, o.code, r.code)));
};

export const userRegion = (db: ReadDb, text: string): Region => {
  const code = normaliseRegionCode(text.trim());
  const found = code ? regionTreeOf(db).regions.get(code) ?? null : findRegion(db, text.trim());
  if (found && !('ambiguous' in found)) return found;
  if (found && 'ambiguous' in found) {
    throw new UserError('unknown-region', `地区“${text}”有多个同名，请用代码：${found.ambiguous.map((r) => `${r.name}（${r.code}）`).join('、')}。 / Region "${text}" is ambiguous; give its code.`);
  }
  throw new UserError('unknown-region', `未知地区“${text}”。 / Unknown region "${text}".`);
};

export const planRegion = (db: ReadDb, given: string | undefined, texts: (string | null)[]): Region => {
  if (given !== undefined) return userRegion(db, given);
  for (const text of texts) {
    if (!text) continue;
    const named = regionsNamedIn(db, text);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) {
      throw new UserError(
        'unknown-region',
        `“${text}”提到多个地区（${named.map((r) => `${r.name} ${r.code}`).join('、')}），请用 --region 指定规划所属地区。 / The title names several regions; give --region.`,
      );
    }
  }
  throw new UserError('unknown-region', '无法从标题或印发单位确定规划所属地区，请用 --region 指定（如 --region 532322）。 / No region in the title or issuer; give --region.');
};
