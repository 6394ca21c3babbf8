/**
 * The division tree as installed: every region reaches a province within four steps, none is its own parent. The
 * package lists 东莞、中山 and 儋州 (cities without counties) again under themselves; that line once made each its own
 * parent, and walking up from one of their townships never ended (a search of the whole country hung).
 */
import { describe, expect, it } from 'vitest';
import { openDb } from '../../main/db/open';
import { regionTreeOf, invalidateContext } from '../../main/services/context';
import { searchRegions } from '../../main/services/regions';
import { freshDb } from '../helpers/files';

describe('the division tree', () => {
  it('leads every region up to a province within four steps, and 东莞、中山、儋州 and their townships to Guangdong and Hainan', () => {
    const { db } = freshDb();
    const { regions } = regionTreeOf(db);
    const bad: string[] = [];
    for (const r of regions.values()) {
      let p: typeof r | undefined = r;
      let steps = 0;
      while (p && p.parentCode && steps < 5) {
        p = regions.get(p.parentCode);
        steps += 1;
      }
      if (!p || p.level !== 'province' || steps > 3) bad.push(`${r.code} ${r.name}`);
    }
    expect(bad).toEqual([]);
    expect(['441900', '442000', '460400'].map((c) => regions.get(c)!.parentCode)).toEqual(['440000', '440000', '460000']);
    expect(regions.get('441900003')).toMatchObject({ name: '东城街道', parentCode: '441900' });
  });

  it('mends a database installed with the old tree when it is opened, so that 东莞’s townships are found', () => {
    const { db, file } = freshDb();
    db.prepare("UPDATE region SET parent_code = code WHERE code IN ('441900', '442000', '460400')").run();
    db.prepare("UPDATE setting SET value = '\"old\"' WHERE key = 'builtins.fingerprint'").run();
    db.close();
    const again = openDb(file);
    invalidateContext(again);
    expect(regionTreeOf(again).regions.get('441900')!.parentCode).toBe('440000');
    expect(searchRegions(again, '东莞 东城').regions.map((r) => [r.code, r.path])).toEqual([['441900003', '广东省 › 东莞市']]);
    again.close();
  });
});
