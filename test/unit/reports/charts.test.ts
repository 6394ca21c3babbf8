/**
 * The report charts on the demo data (楚雄州, 2023, τ = 60%): self-contained SVG from echarts' server-side renderer,
 * every indicator with a completion drawn and labelled, the rest counted and left out, one font-family, and an SVG
 * that pdfmake (svg-to-pdfkit) draws without a warning, in the font registered as HeiTi.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { barelyMoved, CHART_FONT_FAMILY, chartSizeMm, completionChart, flatSummary, flatValue, rowLabel, trendChart, trendSeries, valueBounds, type TrendSeries } from '../../../main/reports/charts';
import { evaluatePlan } from '../../../main/services/evaluate';
import { runImport } from '../../../main/services/import/run';
import { baselineMeetsTarget, type EvaluationResult } from '../../../shared/evaluation/result';
import { freshDb } from '../../helpers/files';
import type { WriteDb } from '../../../main/db/types';

let db: WriteDb;
let result: EvaluationResult;

beforeAll(async () => {
  db = freshDb().db;
  await runImport(db, { file: 'samples/chuxiong-示例数据.xlsx' });
  result = evaluatePlan(db, { plan: 'chuxiong', year: 2023 });
});

/** A tiny XML check: one <svg> root, every opening tag closed in order, comments and CDATA skipped. */
const isBalancedSvg = (svg: string): boolean => {
  const text = svg.trim();
  if (!text.startsWith('<svg') || !text.endsWith('</svg>')) return false;
  const stack: string[] = [];
  const tag = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (/[<>]/.test(text.slice(last, m.index))) return false;
    last = tag.lastIndex;
    if (m[2] === undefined) continue;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return false;
    } else if (m[4] !== '/') stack.push(m[2]);
    if (stack.length === 0 && last !== text.length) return false;
  }
  return stack.length === 0 && last === text.length;
};

/** Every font-family the SVG names, from style attributes and from font-family attributes. */
const fontFamilies = (svg: string): Set<string> => {
  const out = new Set<string>();
  for (const m of svg.matchAll(/font-family:\s*([^;"]+)/g)) out.add(m[1]!.trim());
  for (const m of svg.matchAll(/font-family="([^"]*)"/g)) out.add(m[1]!.trim());
  return out;
};

/** Unescapes the five XML entities, so that label text can be searched as written. */
const textOf = (svg: string): string =>
  svg.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');

const expectSelfContained = (svg: string): void => {
  expect(svg).not.toMatch(/<image\b/);
  expect(svg).not.toMatch(/<foreignObject\b/);
  expect(svg).not.toMatch(/@import|@font-face/);
  expect(svg).not.toMatch(/<animate|<set\b/);
  // Links and paint servers only point inside the document.
  for (const m of svg.matchAll(/(?:xlink:)?href="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
  for (const m of svg.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#/);
  // svg-to-pdfkit knows no paint-order: a label's white halo would be painted over its letters.
  expect(svg).not.toMatch(/paint-order/);
  const withoutNamespaces = svg.replace(/xmlns(?::\w+)?="[^"]*"/g, '');
  expect(withoutNamespaces).not.toMatch(/https?:|file:/);
};

const trend: TrendSeries = {
  name: '养老机构护理型床位占比',
  unit: '%',
  years: [2021, 2022, 2023],
  values: [35, null, 42],
  baseline: 30,
  baseYear: 2020,
  target: 55,
  targetYear: 2025,
};

describe('completion chart', () => {
  it('is a well-formed SVG of bars at the size asked for in millimetres (1 mm = 3.78 px), taller when names take two lines', () => {
    const one = completionChart({ ...result, rows: result.rows.map((r) => ({ ...r, name: r.name.slice(0, 8) })) }, { width: 150, height: 110 })!;
    expect(isBalancedSvg(one)).toBe(true);
    expect(one).toMatch(/<svg[^>]* width="567" height="416"/);
    expect(one).toMatch(/<path\b|<rect\b/);
    // Eleven rows, most names in two lines: more than 110 mm, and the size read back for the page.
    const two = completionChart(result, { width: 150, height: 110 })!;
    const size = chartSizeMm(two)!;
    expect(size.width).toBeCloseTo(150, 0);
    expect(size.height).toBeGreaterThan(115);
    expect(size.height).toBeLessThanOrEqual(200);
  });

  it('has a white background', () => {
    const svg = completionChart(result)!;
    expect(svg).toMatch(/<rect width="\d+" height="\d+" x="0" y="0" fill="#ffffff"/);
  });

  it('labels every indicator that has a completion, with its status symbol, word and completion', () => {
    const svg = textOf(completionChart(result)!);
    const charted = result.rows.filter((r) => r.completion !== null && !baselineMeetsTarget(r));
    expect(charted.length).toBeGreaterThan(5);
    for (const r of charted) for (const line of rowLabel(r).split('\n')) expect(svg).toContain(`>${line}<`);
    // Names break between words, never inside one (困难残疾人…覆盖率 at 补贴|目标, not 覆盖|率).
    expect(rowLabel(charted.find((r) => r.seq === '4')!)).toBe('4 困难残疾人生活补贴和重度残疾人\n护理补贴目标群体覆盖率');
    expect(svg).toContain('▲ 滞后 40%'); // 8 志愿服务站点覆盖率: 50% → 62% of 80%
    expect(svg).toContain('◎ 快于预期 80%'); // 5 社区综合服务设施面积: 25 → 29 of 30
    expect(svg).toContain('○ 基本符合预期 66.7%'); // 2 农村低保标准占比: 60 → 70 of 75, at one place as the sentences say it
  });

  it('draws the time progress as a dashed line labelled 时序进度60%', () => {
    const svg = completionChart(result)!;
    expect(svg).toContain('时序进度60%');
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+" fill="none" stroke="#000000" stroke-width="1.5" stroke-dasharray/);
  });

  it('leaves out the rows without a completion and says how many', () => {
    const svg = textOf(completionChart(result)!);
    const left = result.rows.filter((r) => r.completion === null || baselineMeetsTarget(r));
    expect(left.length).toBeGreaterThan(0);
    for (const r of left) {
      expect(svg).not.toContain(`>${rowLabel(r).split('\n')[0]}<`);
      expect(svg).not.toContain(r.name);
    }
    expect(svg).toContain(`另有${left.length}项无法计算完成进度`);
    expect(svg).toContain('缺数2项');
  });

  it('leaves out 节地生态安葬率, whose baseline (70%) already met its target (60%): 提前实现 at a completion of −20%', () => {
    const eco = result.rows.find((r) => r.name === '节地生态安葬率')!;
    expect([eco.status, eco.completion]).toEqual(['提前实现', -0.2]);
    const svg = textOf(completionChart(result)!);
    expect(svg).not.toContain('节地生态安葬率');
    const atTarget = result.rows.filter((r) => r.baseline !== null && r.baseline === r.targetValue).length;
    expect(svg).toContain(`基期已达目标值${atTarget + 1}项`);
  });

  it('uses only the one font-family and nothing from outside the file', () => {
    const svg = completionChart(result)!;
    expect([...fontFamilies(svg)]).toEqual([CHART_FONT_FAMILY]);
    expectSelfContained(svg);
  });

  it('is null when no row has a completion', () => {
    expect(completionChart({ ...result, rows: result.rows.map((r) => ({ ...r, completion: null })) })).toBeNull();
  });

  it('cuts a bar at 150% but writes the true completion', () => {
    const rows = result.rows.map((r) => (r.seq === '5' ? { ...r, completion: 2.3, status: '提前实现' as const } : r));
    const svg = textOf(completionChart({ ...result, rows })!);
    expect(svg).toContain('提前实现 230%');
    expect(svg).toContain('条长以150%为限');
    // A bar below −50% is cut there too, and the note says so.
    const low = result.rows.map((r) => (r.seq === '5' ? { ...r, completion: -0.8, status: '倒退' as const } : r));
    expect(textOf(completionChart({ ...result, rows: low })!)).toContain('条长以-50%为限');
  });
});

describe('trend chart', () => {
  it('is a well-formed, self-contained SVG with one font-family', () => {
    const svg = trendChart(trend, { width: 140, height: 70 });
    expect(isBalancedSvg(svg)).toBe(true);
    expect(svg).toMatch(/<svg[^>]* width="529" height="265"/);
    expect([...fontFamilies(svg)]).toEqual([CHART_FONT_FAMILY]);
    expectSelfContained(svg);
  });

  it('draws the target path from the baseline to the target dashed, and marks the target', () => {
    const svg = trendChart(trend);
    // One straight dashed segment: (2020, 30) → (2025, 55).
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+" fill="none" stroke="#404040" stroke-width="1.5" stroke-dasharray="6,4"/);
    expect(svg).toContain('2025年目标55');
    expect(svg).toContain('单位：%');
    expect(svg).toContain('2021年');
  });

  it('leaves a gap for a year without a value', () => {
    const line = (svg: string) => /<path d="([^"]*)" fill="none" stroke="#000000" stroke-width="2"/.exec(svg)?.[1] ?? '';
    const gap = line(trendChart(trend));
    // 2020 (baseline) → 2021, then a new segment at 2023: two moves, one line.
    expect(gap.match(/M/g)).toHaveLength(2);
    expect(gap.match(/L/g)).toHaveLength(1);
    const full = line(trendChart({ ...trend, values: [35, 38, 42] }));
    expect(full.match(/M/g)).toHaveLength(1);
  });

  it('starts the axis of a share at 0, so that 100% → 98.5% is drawn as the small dip it is', () => {
    expect(valueBounds([100, 100, 100, 98.5, 99, 100], '%')).toEqual({ min: 0, max: 120, interval: 20 });
    const svg = textOf(trendChart({ name: '查明身份信息流浪乞讨受助人员接送返回率', unit: '%', years: [2021, 2022, 2023, 2024, 2025], values: [100, 100, 98.5, 99, 100], baseline: 100, baseYear: 2020, target: 100, targetYear: 2025 }));
    expect(svg).toContain('>0<');
    expect(svg).not.toContain('>100.5<');
    expect(svg).not.toContain('纵轴');
  });

  it('starts at 0 for counts too, unless they vary by less than a tenth, and then says the axis does not start at 0', () => {
    expect(valueBounds([1200, 1230, 1130, 1450], '人').min).toBe(0);
    const raised = valueBounds([2_512_000, 2_498_000, 2_530_000], '人');
    expect(raised.raised).toBe(true);
    expect(raised.min).toBeGreaterThan(2_000_000);
    expect(raised.min).toBeLessThanOrEqual(2_498_000);
    const svg = textOf(trendChart({ name: '户籍人口', unit: '人', years: [2021, 2022], values: [2_512_000, 2_498_000], baseline: 2_530_000, baseYear: 2020, target: null, targetYear: 2025 }));
    expect(svg).toMatch(/单位：人（纵轴自\d+起，未从0起）/u);
    // Negative values keep room below them.
    expect(valueBounds([-3, 2, 5], '%').min).toBeLessThan(-3);
  });

  it('finds the rows that never changed and names them in one sentence instead of a chart each', () => {
    const flat = (name: string, v: number, target: number | null = 100): TrendSeries => ({ name, unit: '%', years: [2021, 2022, 2023, 2024, 2025], values: [v, v, v, v, v], baseline: v, baseYear: 2020, target, targetYear: 2025 });
    expect(flatValue(flat('殡仪馆县级行政区域覆盖率', 100))).toBe(100);
    expect(flatValue({ ...flat('x', 100), values: [100, 100, 99, 100, 100] })).toBeNull();
    expect(flatValue({ ...flat('x', 100), values: [100, null, 100, 100, 100] })).toBeNull();
    expect(flatValue({ ...flat('x', 100), baseline: 98 })).toBeNull();
    expect(flatSummary([flat('殡仪馆县级行政区域覆盖率', 100), flat('农村公益性公墓（骨灰堂）乡镇覆盖率', 100)], true)).toBe(
      '另，殡仪馆县级行政区域覆盖率、农村公益性公墓（骨灰堂）乡镇覆盖率2020年至2025年各年均为100%，始终保持规划目标值，不另作图。',
    );
    expect(flatSummary([flat('婚姻登记合格率', 98, 100)], false)).toBe('婚姻登记合格率2020年至2025年各年均为98%，没有变化（规划目标100%），不另作图。');
    expect(flatSummary([], false)).toBeNull();
    // Barely moved: said as a range, with its lowest year and its last value.
    const dip: TrendSeries = { ...flat('查明身份信息流浪乞讨受助人员接送返回率', 100), values: [100, 100, 98.5, 99, 100] };
    expect(barelyMoved(dip)).toBe(true);
    expect(barelyMoved({ ...dip, values: [100, 90, 98.5, 99, 100] })).toBe(false);
    expect(flatSummary([dip], true)).toBe('另，查明身份信息流浪乞讨受助人员接送返回率2020年至2025年在98.5%至100%之间，2023年最低，2025年为100%，不另作图。');
  });

  it('collects a row of the demo data year by year with evaluatePlan', () => {
    const s = trendSeries(db, { plan: 'chuxiong', rowSeq: '16', years: [2021, 2022, 2023] })!;
    expect(s).toMatchObject({ name: '养老机构护理型床位占比', unit: '%', years: [2021, 2022, 2023], baseline: 30, baseYear: 2020, target: 55, targetYear: 2025 });
    expect(s.values.at(-1)).toBe(42);
    expect(trendSeries(db, { plan: 'chuxiong', rowSeq: '99', years: [2023] })).toBeNull();
  });
});

describe('in a PDF made by pdfmake', () => {
  it('is drawn by svg-to-pdfkit without a warning, its text in the font registered as HeiTi', async () => {
    const require = createRequire(import.meta.url);
    const font = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
    const sans = font('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf');
    const serif = font('@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf');
    const pdfmake = (await import('pdfmake')).default as unknown as {
      setFonts(f: object): void;
      setUrlAccessPolicy(cb: (url: string) => boolean): void;
      setLocalAccessPolicy(cb: (path: string) => boolean): void;
      createPdf(def: object): { getBuffer(): Promise<Buffer> };
    };
    pdfmake.setFonts({
      SongTi: { normal: serif, bold: serif, italics: serif, bolditalics: serif },
      HeiTi: { normal: sans, bold: sans, italics: sans, bolditalics: sans },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((p) => p === sans || p === serif);
    const warnings: string[] = [];
    const mm = 72 / 25.4;
    const buffer = await pdfmake
      .createPdf({
        pageSize: 'A4',
        defaultStyle: { font: 'SongTi' },
        content: [{ svg: completionChart(result)!, width: 150 * mm, options: { warningCallback: (w: string) => warnings.push(w) } }],
      })
      .getBuffer();
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(warnings).toEqual([]);
    const pdf = buffer.toString('latin1');
    // The chart's text went to HeiTi (Noto Sans SC), not to the document's default SongTi (Noto Serif SC).
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(pdf).not.toContain('NotoSerifSC');
  });
});
