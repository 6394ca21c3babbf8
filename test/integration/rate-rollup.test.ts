/**
 * The rates the plans print as if entered directly (火葬区县级覆盖率, 节地生态安葬率, 跨省通办实施率, …) are defined
 * over their numerators and denominators, so that a county's rate is computed from its townships' counts and a
 * prefecture's from its counties': sums first, one division last, never an average of rates. Each rate is checked
 * here against hand arithmetic on the stored numbers; and a rate a clerk enters directly still stands as entered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFormula, dependencies } from '../../shared/formula/parser';
import type { WriteDb } from '../../main/db/types';
import { prepareObservationWriter } from '../../main/db/queries/observations';
import { catalogOf, regionTreeOf, resolverFor } from '../../main/services/context';
import { freshDb } from '../helpers/files';

/** Every rate row of the four plans that had no numerator and denominator, with the counts it is now made of. */
const RATES: Record<string, [string[], string[]]> = {
  cremation_zone_burial_coverage: [['counties_cremation_zone_burial'], ['counties_cremation_zone']],
  marriage_cross_province_rate: [['marriage_offices_cross_province'], ['marriage_offices']],
  minor_protection_facility_coverage: [['city_county_minor_facility'], ['city_county_units']],
  disability_three_subsidies_coverage: [
    ['disability_living_recipients', 'disability_care_recipients', 'disability_mental_care_recipients'],
    ['disability_living_eligible', 'disability_care_eligible', 'disability_mental_care_eligible'],
  ],
  eco_burial_rate: [['eco_burials'], ['burials']],
  county_disabled_care_coverage: [['counties_disabled_care'], ['counties']],
  community_daycare_coverage: [['urban_communities_daycare'], ['urban_communities']],
  minor_hotline_rate: [['counties_minor_hotline'], ['counties']],
  home_elderly_visit_rate: [['elderly_special_visited'], ['elderly_special']],
  social_org_incubator_coverage: [['city_county_incubator'], ['city_county_units']],
  county_minor_rescue_coverage: [['counties_minor_rescue'], ['counties']],
  dibao_audit_accuracy: [['dibao_checked_correct'], ['dibao_checked']],
  nursing_home_registration_rate: [['rural_nursing_homes_registered'], ['rural_nursing_homes']],
  elderly_facility_urban_coverage: [['urban_communities_elderly_facility'], ['urban_communities']],
  elderly_facility_rural_coverage: [['rural_communities_elderly_facility'], ['rural_communities']],
  elderly_facility_township_coverage: [['townships_elderly_facility'], ['townships']],
  cremation_rate: [['cremations'], ['deaths']],
  dibao_urban_nonagri_share: [['dibao_urban_recipients'], ['nonagri_population']],
};

const YEAR = 2024;
const SHUANGBAI = '532322';
const CHUXIONG = '532300';
let db: WriteDb;

/** A deterministic count for a region and item: the denominator is always the larger. */
const countFor = (region: string, item: string, isNumerator: boolean): number => {
  let h = 7;
  for (const ch of `${region}${item}`) h = (h * 31 + ch.charCodeAt(0)) % 997;
  return isNumerator ? 10 + (h % 40) : 60 + (h % 90);
};

beforeAll(() => {
  ({ db } = freshDb());
  const { nodes } = regionTreeOf(db);
  const townships = nodes.get(SHUANGBAI)!.children;
  const otherCounties = nodes.get(CHUXIONG)!.children.filter((c) => c !== SHUANGBAI);
  const write = prepareObservationWriter(db);
  db.transaction(() => {
    for (const [num, den] of Object.values(RATES)) {
      for (const [items, isNumerator] of [[num, true], [den, false]] as const) {
        for (const item of items) {
          // 双柏县's figures only from its townships; the other counties of 楚雄州 as counties.
          for (const region of [...townships, ...otherCounties]) {
            write({ regionCode: region, seriesCode: item, year: YEAR, value: countFor(region, item, isNumerator), batchId: null, sheet: null, cell: null, enteredBy: '测试', enteredAt: '2025-01-01T00:00:00Z' });
          }
        }
      }
    }
  })();
});

describe('rates computed from their counts, from townships to county to prefecture', () => {
  it('each rate of the list is a formula over exactly its counts, and every count adds up over regions', () => {
    const catalog = catalogOf(db);
    for (const [code, [num, den]] of Object.entries(RATES)) {
      const s = catalog.get(code);
      expect(s.unit, code).toBe('%');
      const deps = dependencies(parseFormula(s.formula ?? '')).map((d) => d.code);
      expect(new Set(deps), code).toEqual(new Set([...num, ...den]));
      for (const item of [...num, ...den]) {
        expect(catalog.get(item).aggregation, item).toBe('sum');
        expect(catalog.get(item).nature, item).toMatch(/^(stock|flow)$/);
      }
    }
  });

  for (const [code, [num, den]] of Object.entries(RATES)) {
    it(`${code}: 双柏县 from its townships, 楚雄州 from its counties, as Σ numerators ÷ Σ denominators`, () => {
      const { nodes } = regionTreeOf(db);
      const townships = nodes.get(SHUANGBAI)!.children;
      const counties = nodes.get(CHUXIONG)!.children;
      const sum = (regions: string[], items: string[], isNumerator: boolean) =>
        regions.reduce((t, r) => t + items.reduce((u, i) => u + countFor(r, i, isNumerator), 0), 0);
      const r = resolverFor(db, YEAR - 2, YEAR);
      const county = r.get(code, SHUANGBAI, YEAR);
      expect(county?.source).toBe('formula');
      expect(county!.value).toBeCloseTo((sum(townships, num, true) / sum(townships, den, false)) * 100, 10);
      // The prefecture: 双柏县's totals are its townships' sums, the other counties' are their own.
      const others = counties.filter((c) => c !== SHUANGBAI);
      const prefNum = sum(townships, num, true) + sum(others, num, true);
      const prefDen = sum(townships, den, false) + sum(others, den, false);
      expect(r.get(code, CHUXIONG, YEAR)!.value).toBeCloseTo((prefNum / prefDen) * 100, 10);
      // Not the average of the counties' rates.
      const mean = counties.reduce((t, c) => t + r.get(code, c, YEAR)!.value, 0) / counties.length;
      expect(Math.abs(mean - (prefNum / prefDen) * 100)).toBeGreaterThan(1e-9);
    });
  }

  it('a rate entered directly for a county stands as entered, and the prefecture then needs the counts', () => {
    const write = prepareObservationWriter(db);
    write({ regionCode: SHUANGBAI, seriesCode: 'eco_burial_rate', year: YEAR + 1, value: 61.5, batchId: null, sheet: null, cell: null, enteredBy: '测试', enteredAt: '2025-01-01T00:00:00Z' });
    const r = resolverFor(db, YEAR - 1, YEAR + 1);
    expect(r.get('eco_burial_rate', SHUANGBAI, YEAR + 1)).toMatchObject({ value: 61.5, source: 'direct' });
    expect(r.get('eco_burial_rate', CHUXIONG, YEAR + 1)).toBeNull();
  });
});
