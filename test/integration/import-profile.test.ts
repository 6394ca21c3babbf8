/**
 * Import profiles: a dry run writes a skeleton of the labels that did not match, with candidates; the completed
 * profile maps them (and regions, sheet years and units) on the next import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors';
import { runImport } from '../../main/services/import/run';
import { freshDb, writeWorkbook } from '../helpers/files';

const stored = (db: ReturnType<typeof freshDb>['db'], region: string, series: string, year: number) =>
  db.prepare<[string, string, number], { value: number }>('SELECT value FROM observation WHERE region_code = ? AND series_code = ? AND year = ?').get(region, series, year)?.value ?? null;

const officeSheet = async (dir: string) =>
  writeWorkbook(path.join(dir, '乡镇报表.xlsx'), [
    { name: 'Sheet1', rows: [['指标名称', '单位', '2023年'], ['机构床位', '张', 500], ['护理床位', '张', 200]] },
  ]);

describe('import profiles', () => {
  it('writes a skeleton listing every unmatched label with its closest candidates, and stores nothing', async () => {
    const { db, dir } = freshDb();
    const file = await officeSheet(dir);
    const skeleton = path.join(dir, 'profile.json');
    const r = await runImport(db, { file, region: '532322', dryRun: true, saveProfile: skeleton });
    expect(r.ok).toBe(false);
    const profile = JSON.parse(fs.readFileSync(skeleton, 'utf8'));
    expect(profile.names).toEqual({ 机构床位: '', 护理床位: '' });
    expect(profile.candidates['机构床位']).toContain('养老机构床位总数');
    expect(stored(db, '532322', 'elderly_beds', 2023)).toBeNull();
  });

  it('maps labels by code or catalogue name from a completed profile', async () => {
    const { db, dir } = freshDb();
    const file = await officeSheet(dir);
    const profile = path.join(dir, 'profile.json');
    fs.writeFileSync(profile, JSON.stringify({ format: 'pwb-import-profile', version: 1, names: { 机构床位: '养老机构床位总数', 护理床位: 'nursing_beds' } }));
    const r = await runImport(db, { file, region: '532322', profile });
    expect(r.ok).toBe(true);
    expect(stored(db, '532322', 'elderly_beds', 2023)).toBe(500);
    expect(stored(db, '532322', 'nursing_beds', 2023)).toBe(200);
  });

  it('takes a sheet’s region, year and units from the profile when the sheet does not say them', async () => {
    const { db, dir } = freshDb();
    const file = await writeWorkbook(path.join(dir, '横表.xlsx'), [
      { name: '数据', rows: [['乡镇', '社会组织专职工作人员数量'], ['妥甸镇', 0.01], ['大庄镇', 0.02]] },
    ]);
    const profile = path.join(dir, 'profile.json');
    fs.writeFileSync(profile, JSON.stringify({ format: 'pwb-import-profile', version: 1, sheets: { 数据: { region: '双柏县', year: 2022, units: { social_org_staff: '万人' } } } }));
    const r = await runImport(db, { file, profile });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(stored(db, '532322101', 'social_org_staff', 2022)).toBe(100); // 0.01 万人
    expect(stored(db, '532322102', 'social_org_staff', 2022)).toBe(200);
  });

  it('maps a region label the store does not know through the profile', async () => {
    const { db, dir } = freshDb();
    const file = await writeWorkbook(path.join(dir, '县区.xlsx'), [
      { name: '2023年', rows: [['地区', '养老机构床位总数'], ['城区', 1200], ['双柏', 800]] },
    ]);
    const profile = path.join(dir, 'profile.json');
    fs.writeFileSync(profile, JSON.stringify({ format: 'pwb-import-profile', version: 1, regions: { 城区: '532301', 双柏: '532322' } }));
    const r = await runImport(db, { file, profile });
    expect(r.ok).toBe(true);
    expect(stored(db, '532301', 'elderly_beds', 2023)).toBe(1200);
    expect(stored(db, '532322', 'elderly_beds', 2023)).toBe(800);
  });

  it('refuses a profile that maps a label to an unknown item, naming the label', async () => {
    const { db, dir } = freshDb();
    const file = await officeSheet(dir);
    const profile = path.join(dir, 'profile.json');
    fs.writeFileSync(profile, JSON.stringify({ format: 'pwb-import-profile', version: 1, names: { 机构床位: '不存在的统计项' } }));
    const error = await runImport(db, { file, region: '532322', profile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('机构床位');
  });

  it('refuses a profile file that is not a profile, naming the field', async () => {
    const { db, dir } = freshDb();
    const file = await officeSheet(dir);
    const profile = path.join(dir, 'profile.json');
    fs.writeFileSync(profile, JSON.stringify({ format: 'something-else', version: 1 }));
    const error = await runImport(db, { file, region: '532322', profile }).catch((e: unknown) => e);
    expect((error as UserError).message).toMatch(/format/);
  });
});
