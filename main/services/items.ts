/**
 * Statistical items the bureau defines itself (a figure its own plan needs that the catalogue lacks): name, unit,
 * how it adds up over regions and whether it is a stock or a flow. Its code comes from its name, so the same item
 * defined in two databases (or sent in a plan package) is one item.
 */
import crypto from 'node:crypto';
import { UserError } from '../../shared/errors';
import { nameKey } from '../../shared/text/normalize';
import { isUnitText } from '../../shared/units/units';
import { seriesByName, upsertSeries } from '../db/queries/series';
import type { WriteDb } from '../db/types';
import { isAbsoluteUnit } from '../catalog/install';
import { invalidateContext } from './context';

export interface NewItem {
  name: string;
  unit: string;
  aggregation: 'sum' | 'none';
  nature: 'stock' | 'flow';
  aliases?: string[];
  by: string;
}

export const itemCode = (name: string): string => `x_${crypto.createHash('sha256').update(nameKey(name)).digest('hex').slice(0, 10)}`;

export const createItem = (db: WriteDb, input: NewItem): { code: string; name: string; unit: string } => {
  const name = input.name.trim();
  if (name === '' || name.length > 100) throw new UserError('bad-input', '统计项名称应为1至100个字。 / An item name is 1–100 characters.');
  if (input.by.trim() === '') throw new UserError('bad-input', '请注明经办人。 / Say who defines the item.');
  const unit = input.unit.trim();
  if (unit !== '' && !isUnitText(unit)) throw new UserError('bad-input', `单位“${unit}”无法识别。 / Unknown unit "${unit}".`);
  if (input.aggregation === 'sum' && unit !== '' && !isAbsoluteUnit(unit)) {
    throw new UserError('bad-input', `单位为“${unit}”的统计项不能按下级地区相加（比率、标准应由分子分母计算）。 / Only counts and amounts add up over regions.`);
  }
  for (const n of [name, ...(input.aliases ?? [])]) {
    const taken = seriesByName(db, n);
    if (taken.length > 0) throw new UserError('bad-input', `名称“${n}”已被“${taken[0]!.name}”（${taken[0]!.code}）使用。 / The name is taken.`);
  }
  const code = itemCode(name);
  db.transaction(() => {
    upsertSeries(
      db,
      {
        code,
        kind: 'item',
        name,
        unit,
        aggregation: input.aggregation,
        weightCode: null,
        isAbsolute: unit !== '' && isAbsoluteUnit(unit),
        isGrowthRate: false,
        inherits: false,
        direction: null,
        formula: null,
        note: `本单位新建的统计项（${input.nature === 'stock' ? '时点数' : '时期数'}）`,
      },
      input.aliases ?? [],
    );
    db.prepare('UPDATE series SET nature = ?, created_by = ? WHERE code = ?').run(input.nature, input.by.trim(), code);
  })();
  invalidateContext(db);
  return { code, name, unit };
};
