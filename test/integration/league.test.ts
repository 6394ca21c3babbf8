/**
 * The league table (DESIGN.md "The league table"): every child region evaluated as `pwb evaluate` would evaluate it
 * alone, and ranked as a statistics office ranks (ties share a rank, 1, 1, 3; none for 缺数 and 不适用).
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index';
import { createHandlers } from '../../main/services/handlers';
import { rankRegions } from '../../shared/evaluation/rank';
import { statusText } from '../../shared/evaluation/status-labels';
import { freshDb } from '../helpers/files';
import { seedNursingShares } from '../helpers/seeds';

describe('ranking sub-regions on one row', () => {
  it('gives ties one rank and skips the next (1, 1, 3), and none to 缺数 and 不适用', () => {
    const r = (completion: number | null, status = '滞后' as const, value: number | null = 1) => ({ completion, status, value });
    expect(rankRegions([r(0.5), r(0.9), r(0.5), r(0.2), { ...r(null, '缺数' as never, null) }, { ...r(null, '不适用' as never) }], 'increase')).toEqual([2, 1, 2, 4, null, null]);
  });

  it('orders by value in the indicator’s direction where a region has no completion', () => {
    const r = (value: number) => ({ completion: null, status: '未实现' as const, value });
    expect(rankRegions([r(3), r(1), r(2)], 'increase')).toEqual([1, 3, 2]);
    expect(rankRegions([r(3), r(1), r(2)], 'decrease')).toEqual([3, 1, 2]);
  });
});

/** 双柏县 40% → 50%, 楚雄市 40% → 55%, 禄丰市 40% → 50% on 护理型床位占比: 楚雄市 first, the other two tied second. */
const seeded = async () => {
  const { db, file, dir } = freshDb();
  const h = createHandlers(db);
  await seedNursingShares(h);
  return { db, file, dir, h };
};

describe('pwb league', () => {
  it('evaluates every county of 楚雄州 as evaluate does alone, ranked on 养老机构护理型床位占比', async () => {
    const { db, file, h } = await seeded();
    const t = await h['evaluation.league']({ plan: 'chuxiong', year: 2023 });
    expect(t).toMatchObject({ plan: 'chuxiong', region: '532300', year: 2023, kind: 'midterm' });
    expect(t.regions.map((r) => r.region)).toEqual(['532301', '532302', '532322', '532323', '532324', '532325', '532326', '532327', '532328', '532329'].slice(0, t.regions.length));
    const seq = '16';
    const rankOf = (code: string) => t.regions.find((r) => r.region === code)!.rows.find((x) => x.seq === seq)!;
    expect([rankOf('532301').rank, rankOf('532302').rank, rankOf('532322').rank]).toEqual([1, 2, 2]);
    expect(t.regions.filter((r) => !['532301', '532302', '532322'].includes(r.region)).every((r) => r.rows.find((x) => x.seq === seq)!.rank === null)).toBe(true);
    for (const code of ['532301', '532322']) {
      const alone = await h['evaluation.run']({ plan: 'chuxiong', year: 2023, region: code });
      expect(t.regions.find((r) => r.region === code)!.rows.map(({ seq: s, value, completion, status }) => ({ seq: s, value, completion, status }))).toEqual(
        alone.rows.map(({ seq: s, value, completion, status }) => ({ seq: s, value, completion, status })),
      );
    }
    const out: string[] = [];
    const code = await runCli(['league', '--plan', 'chuxiong', '--year', '2023', '--json', '--db', file], { out: (x) => out.push(x), err: () => undefined });
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['plan', 'region', 'year', 'kind', 'regions']));
    expect(json.regions[0].rows[0]).toEqual({ seq: '1', value: null, completion: null, status: '缺数', rank: null });
    expect(path.basename(file)).toBe('workbench.sqlite');
  });
});

describe('the league table as a workbook (pwb league --out)', () => {
  it('writes each county’s value in its status colour and its rank beside it, read back by exceljs as the service gave them', async () => {
    const { file, dir, h } = await seeded();
    const out = path.join(dir, '对比表.xlsx');
    const lines: string[] = [];
    const code = await runCli(['league', '--plan', 'chuxiong', '--year', '2023', '--out', out, '--json', '--db', file], { out: (x) => lines.push(x), err: () => undefined });
    expect(code).toBe(0);
    expect(JSON.parse(lines.join('\n'))).toEqual({ file: out, regions: 10 });
    const t = await h['evaluation.league']({ plan: 'chuxiong', year: 2023 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('下级地区对比')!;
    expect(ws.getCell('A1').value).toBe(`楚雄彝族自治州各下级地区2023年中期评估：《${t.planTitle}》主要指标完成情况对比表`);
    // Row of 序号 16 (养老机构护理型床位占比): 楚雄市 55% rank 1, 双柏县 50% rank 2.
    const rowIndex = 5 + t.columns.findIndex((c) => c.seq === '16');
    expect([ws.getCell(rowIndex, 1).value, ws.getCell(rowIndex, 2).value]).toEqual(['16', t.columns.find((c) => c.seq === '16')!.name]);
    const colOf = (name: string) => {
      for (let c = 5; c <= ws.columnCount; c += 2) if (ws.getCell(3, c).value === name) return c;
      throw new Error(`no column ${name}`);
    };
    const at = (name: string) => [ws.getCell(rowIndex, colOf(name)).value, ws.getCell(rowIndex, colOf(name) + 1).value];
    const expected = (code: string) => {
      const x = t.regions.find((r) => r.region === code)!.rows.find((r) => r.seq === '16')!;
      return [x.value, x.rank];
    };
    expect(at('楚雄市')).toEqual(expected('532301'));
    expect(at('双柏县')).toEqual(expected('532322'));
    expect(at('楚雄市')[1]).toBe(1);
    expect(ws.getCell(rowIndex, colOf('楚雄市')).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    // A county without data: the status in words, no rank.
    expect(at('牟定县')).toEqual([statusText('缺数'), '—']);
  });
});
