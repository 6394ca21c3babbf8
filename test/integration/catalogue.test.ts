/**
 * The official item catalogue (templates/catalog/series.json) as the statistical forms need it: each item a stock or
 * a flow, no name or short form shared by two series (a sheet's header must name one item), and the 低保, 特困,
 * 临时救助 and 养老机构 forms' columns found under their form's title.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltIns } from '../../main/catalog/load';
import { seriesMatcher } from '../../main/services/import/match';
import type { WriteDb } from '../../main/db/types';
import { nameKey } from '../../shared/text/normalize';
import { freshDb } from '../helpers/files';

let db: WriteDb;
beforeAll(() => {
  ({ db } = freshDb());
});

describe('the item catalogue', () => {
  const { catalog } = loadBuiltIns();

  it('says of every item whether it is a stock or a flow, and amounts over time (支出, 人次, 对数) are flows', () => {
    for (const item of catalog.items) {
      expect(item.nature, item.code).toMatch(/^(stock|flow)$/);
      if (/支出|人次|户次|登记对数|安葬数|安葬总数|火化遗体|死亡人数/.test(item.name) && !/人均|标准/.test(item.name)) expect(item.nature, item.name).toBe('flow');
    }
  });

  it('gives no name or short form to two series', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of [...catalog.items, ...catalog.indicators]) {
      for (const name of [s.name, ...s.aliases]) {
        const key = nameKey(name);
        const other = owner.get(key);
        if (other && other !== s.code) clashes.push(`${name}: ${other} / ${s.code}`);
        owner.set(key, s.code);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has a plausible range for every rate of a plan, within 0–100%', () => {
    for (const ind of catalog.indicators.filter((i) => /(覆盖率|实施率|开通率|准确率|登记率|火化率|安葬率)$/.test(i.name))) {
      expect(ind.range, ind.code).toEqual([0, 100]);
    }
  });

  it.each([
    ['城市', '低保户数', 'dibao_urban_households'],
    ['农村', '低保户数', 'dibao_rural_households'],
    ['城市', '低保对象类别女性', 'dibao_urban_women'],
    ['农村低保', '残疾人', 'dibao_rural_disabled'],
    ['城市低保', '资金支出', 'dibao_urban_expenditure'],
    ['城市', '低保金', 'dibao_urban_benefit'],
    ['农村低保', '人均补助额', 'dibao_rural_avg_subsidy'],
    ['城市', '低保标准', 'dibao_urban'],
    ['农村特困人员', '集中供养人数', 'tekun_rural_centralized_persons'],
    ['城市特困人员', '资金支出', 'tekun_urban_expenditure'],
    ['临时救助', '救助人次', 'temp_relief_cases'],
    ['临时救助', '资金支出', 'temp_relief_expenditure'],
    ['养老机构', '床位数', 'elderly_beds'],
    ['养老机构', '在院人数', 'elderly_residents'],
  ])('finds “%s” + the column “%s” as %s (the form’s words before the header, as the import tries them)', (prefix, header, code) => {
    const m = seriesMatcher(db).match(`${prefix}${header}`);
    expect(m && 'series' in m ? m.series.code : m).toBe(code);
  });
});
