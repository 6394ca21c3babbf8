/**
 * The report's charts as self-contained SVG, drawn by echarts' server-side SVG renderer (no browser, no DOM): completion
 * against time progress for every indicator, and the trend of one indicator against its straight target path. Black-
 * and-white print friendly (greys, outlines, dashes and the status symbols), no animation, white background.
 *
 * Sizes: the caller gives width and height in millimetres; the SVG is drawn at 96 px per inch (1 mm = 3.78 px), so a
 * 12 px label prints at 9 pt when the SVG is placed at the size asked for (pdfmake: width in pt = mm × 72 / 25.4).
 */
import { echarts } from '../lazy-modules';
import { baselineMeetsTarget, type EvaluatedRow, type EvaluationResult } from '../../shared/evaluation/result';
import { statusLabel } from '../../shared/evaluation/status-labels';
import { STATUSES, type Status } from '../../shared/evaluation/status';
import { roundTo } from '../../shared/evaluation/round';
import { defaultDecimals, num, proseKind, shownCompletion } from '../../shared/reports/numbers';
import type { ReadDb } from '../db/types';
import { evaluatePlan } from '../services/evaluate';
import { wrapWords } from '../../shared/text/wrap-words';

/** Pixels per millimetre at 96 dpi. */
export const PX_PER_MM = 96 / 25.4;

/**
 * The one font-family every text of the charts carries. pdfmake matches each name (quotes stripped, case ignored)
 * against the font families it registered and falls back to the font of the svg node; Word and browsers take the
 * first installed one.
 */
export const CHART_FONT_FAMILY = "HeiTi, 'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

export interface ChartSize {
  /** Millimetres. */
  width?: number;
  /** Millimetres. */
  height?: number;
}

/** The sizes the report blocks ask for (main/reports/build.ts), in millimetres. */
export const COMPLETION_CHART_MM = { width: 150, height: 110 } as const;
/** The tallest a chart grows to fit its rows, in millimetres (the type area of a page is 225 mm). */
const MAX_CHART_MM = 200;

/** A chart's size in millimetres, read from its SVG (a completion chart grows with its rows). */
export const chartSizeMm = (svg: string): { width: number; height: number } | null => {
  const m = /<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"/u.exec(svg);
  return m ? { width: Number(m[1]) / PX_PER_MM, height: Number(m[2]) / PX_PER_MM } : null;
};
export const TREND_CHART_MM = { width: 140, height: 70 } as const;

const INK = '#000000';
const AXIS = '#333333';
const GRID_LINE = '#d9d9d9';
const FONT_SIZE = 12;
const SMALL = 11;

/** Longest value drawn on the completion axis; longer bars stop here and their label gives the true number. */
const DISPLAY_MAX = 150;
const DISPLAY_MIN = -50;

/** How a status looks in black and white: from dark (met or ahead) to white with an outline (behind or worse). */
interface Shade {
  fill: string;
  border: string;
  borderWidth: number;
  borderType: 'solid' | 'dashed';
}

const SHADES: Record<Status, Shade> = {
  提前实现: { fill: '#1a1a1a', border: '#000000', borderWidth: 0.8, borderType: 'solid' },
  完成: { fill: '#1a1a1a', border: '#000000', borderWidth: 0.8, borderType: 'solid' },
  符合要求: { fill: '#1a1a1a', border: '#000000', borderWidth: 0.8, borderType: 'solid' },
  快于预期: { fill: '#666666', border: '#000000', borderWidth: 0.8, borderType: 'solid' },
  基本符合预期: { fill: '#a6a6a6', border: '#000000', borderWidth: 0.8, borderType: 'solid' },
  滞后: { fill: '#e6e6e6', border: '#000000', borderWidth: 1.2, borderType: 'solid' },
  偏离: { fill: '#e6e6e6', border: '#000000', borderWidth: 1.2, borderType: 'dashed' },
  需判断: { fill: '#ffffff', border: '#000000', borderWidth: 1.2, borderType: 'dashed' },
  无法判断: { fill: '#ffffff', border: '#7f7f7f', borderWidth: 1.2, borderType: 'dashed' },
  倒退: { fill: '#ffffff', border: '#000000', borderWidth: 1.2, borderType: 'solid' },
  未实现: { fill: '#ffffff', border: '#000000', borderWidth: 1.2, borderType: 'solid' },
  未完成: { fill: '#ffffff', border: '#000000', borderWidth: 1.2, borderType: 'solid' },
  不符合要求: { fill: '#ffffff', border: '#000000', borderWidth: 1.2, borderType: 'solid' },
  缺数: { fill: '#ffffff', border: '#000000', borderWidth: 1.2, borderType: 'dashed' },
  不适用: { fill: '#ffffff', border: '#000000', borderWidth: 1.2, borderType: 'dashed' },
};

/** Rough width of a text in px: CJK, full-width and the status symbols take 1 em, ASCII about 0.6 em. */
const textWidth = (text: string, size: number): number => {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! < 0x2000 ? 0.6 : 1;
  return em * size;
};

const longest = (texts: string[], size: number): number => Math.max(0, ...texts.map((t) => textWidth(t, size)));

const px = (mm: number): number => Math.round(mm * PX_PER_MM);

/** Renders an option to an SVG string and frees the chart; the background is white and nothing animates. */
const render = (option: Record<string, unknown>, widthMm: number, heightMm: number): string => {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: px(widthMm), height: px(heightMm) });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: FONT_SIZE, color: INK }, ...option });
    return cleanSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
};

/**
 * Removes what only a browser uses: the <style> block of :hover rules and the ecmeta_* attributes. svg-to-pdfkit would
 * otherwise parse the style sheet, and Word warns about unknown attributes.
 */
const cleanSvg = (svg: string): string =>
  svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>\s*/g, '')
    .replace(/\s(?:ecmeta_[a-z_]+|pointer-events|class)="[^"]*"/g, '')
    .replace(/<defs\s*>\s*<\/defs>\s*/g, '');

/** Why a row has no completion, in the words of the chart's note. */
const missingReason = (r: EvaluatedRow): string => {
  if (r.value === null) return '缺数';
  if (r.targetValue === null) return '相对或区间目标';
  if (r.baseline === null) return '无基期值';
  if (r.baseline === r.targetValue || baselineMeetsTarget(r)) return '基期已达目标值';
  return '其他';
};

const labelText = (r: EvaluatedRow): string => {
  const l = statusLabel(r.status, { exceeded: r.exceeded, binding: r.attribute === '约束性', upward: true });
  return `${l.symbol} ${l.word} ${num(shownCompletion(r) ?? 0, 1)}%`;
};

/** The category-axis label of a row: "16 养老机构护理型床位占比", in lines broken between words. */
export const rowLabel = (r: Pick<EvaluatedRow, 'seq' | 'name'>): string => `${r.seq} ${wrapWords(r.name, 15).join('\n')}`;

/**
 * Completion (% of the way from baseline to target) of every indicator that has one, as horizontal bars against the
 * time progress τ, drawn as a dashed vertical line "时序进度60%". Bars are shaded by status (greys of different
 * darkness, white with an outline for 滞后 and worse) and labelled with symbol, word and the true completion; bars are
 * cut at 150% (and −50%). Rows without a completion are left out and counted in a note at the top. Null when no row
 * has a completion.
 */
export const completionChart = (result: EvaluationResult, options: ChartSize = {}): string | null => {
  const width = options.width ?? COMPLETION_CHART_MM.width;
  const height = options.height ?? COMPLETION_CHART_MM.height;
  const rows = result.rows.filter((r) => r.completion !== null && Number.isFinite(r.completion) && !baselineMeetsTarget(r));
  if (rows.length === 0) return null;
  const left = result.rows.filter((r) => !rows.includes(r));
  const tau = result.timeProgress * 100;

  const shown = rows.map((r) => Math.min(DISPLAY_MAX, Math.max(DISPLAY_MIN, r.completion! * 100)));
  const low = Math.min(0, ...shown);
  const high = Math.max(100, tau, ...shown);
  const axisMin = low < 0 ? -Math.ceil(-low / 50) * 50 : 0;
  const axisMax = Math.min(DISPLAY_MAX, Math.ceil(high / 50) * 50);
  const interval = axisMax - axisMin <= 150 ? 25 : 50;

  const categories = rows.map(rowLabel);
  const labels = rows.map(labelText);
  const statuses = STATUSES.filter((s) => rows.some((r) => r.status === s));
  const seriesName = (s: Status): string => `${statusLabel(s).symbol} ${statusLabel(s, { upward: true }).word}`;

  // Notes at the top: how many rows are drawn, how many left out and why.
  const notes: string[] = [];
  if (left.length > 0) {
    const reasons = new Map<string, number>();
    for (const r of left) reasons.set(missingReason(r), (reasons.get(missingReason(r)) ?? 0) + 1);
    notes.push(`图示${rows.length}项指标；另有${left.length}项无法计算完成进度，未列入图中：`);
    notes.push(`${[...reasons].map(([k, n]) => `${k}${n}项`).join('、')}。`);
  } else {
    notes.push(`图示全部${rows.length}项指标`);
  }
  const cutHigh = shown.some((v, i) => v < rows[i]!.completion! * 100);
  const cutLow = shown.some((v, i) => v > rows[i]!.completion! * 100);
  if (cutHigh || cutLow) {
    const range = cutHigh && cutLow ? `${DISPLAY_MIN}%至${DISPLAY_MAX}%` : cutHigh ? `${DISPLAY_MAX}%` : `${DISPLAY_MIN}%`;
    notes.push(`条长以${range}为限，标注为实际完成进度`);
  }

  const top = 20 + notes.length * 16 + 20;
  const legendHeight = 22;
  const bottom = legendHeight + 46;
  // Names broken between words take up to three lines: the chart grows (up to 200 mm, most of a page) so that
  // each row has room for its lines at 11 px; past that, smaller text (down to 8 px, 6 pt) rather than overlap.
  const lines = Math.max(1, ...categories.map((c) => c.split('\n').length));
  const heightPx = Math.min(px(MAX_CHART_MM), Math.max(px(height), top + bottom + rows.length * (lines * SMALL * 1.2 + 6)));
  const pitch = (heightPx - top - bottom) / rows.length;
  const nameSize = Math.max(8, Math.min(FONT_SIZE, Math.floor((pitch - 6) / (lines * 1.2))));
  const labelSize = Math.min(SMALL, Math.max(nameSize, 9));
  const gridLeft = Math.ceil(longest(categories.flatMap((c) => c.split('\n')), nameSize)) + 14;
  // Room on the right for the label of a bar that reaches the end of the axis.
  const gridRight = Math.ceil(longest(labels, labelSize)) + 12;

  const bars = statuses.map((s) => {
    const shade = SHADES[s];
    return {
      type: 'bar',
      name: seriesName(s),
      stack: 'completion',
      silent: true,
      z: 3,
      barMaxWidth: 16,
      barCategoryGap: '40%',
      itemStyle: { color: shade.fill, borderColor: shade.border, borderWidth: shade.borderWidth, borderType: shade.borderType },
      label: {
        show: true,
        position: 'right',
        distance: 3,
        fontSize: labelSize,
        color: INK,
        // A white box hides the time-progress line behind the label; svg-to-pdfkit has no paint-order, so no halo.
        backgroundColor: '#ffffff',
        padding: [1, 2],
        textBorderWidth: 0,
        formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '',
      },
      emphasis: { disabled: true },
      data: rows.map((r, j) => (r.status === s ? shown[j]! : '-')),
    };
  });
  // The time progress as its own empty series below the bars, so that bar labels cover the line, not the reverse.
  const timeLine = {
    type: 'line',
    name: '时序进度',
    silent: true,
    z: 1,
    data: [],
    markLine: {
      // A mark line sits at z 5 by default, above the bars' labels.
      z: 1,
      silent: true,
      symbol: 'none',
      animation: false,
      lineStyle: { color: INK, type: 'dashed', width: 1.5 },
      // The category axis runs top-down (inverse), so the line starts at the top: its label goes there.
      label: { show: true, position: 'start', distance: 4, formatter: `时序进度${num(tau, 1)}%`, color: INK, fontSize: SMALL, textBorderWidth: 0 },
      emphasis: { disabled: true },
      data: [{ xAxis: tau }],
    },
  };
  const series = [timeLine, ...bars];

  return render(
    {
      title: {
        text: notes.join('\n'),
        left: 8,
        top: 6,
        textStyle: { fontSize: SMALL, fontWeight: 'normal', color: AXIS, lineHeight: 16, fontFamily: CHART_FONT_FAMILY },
      },
      legend: {
        bottom: 4,
        left: 'center',
        icon: 'rect',
        itemWidth: 18,
        itemHeight: 10,
        itemStyle: { borderWidth: 1 },
        selectedMode: false,
        textStyle: { fontSize: SMALL, color: INK, fontFamily: CHART_FONT_FAMILY },
        data: statuses.map(seriesName),
      },
      grid: { left: gridLeft, right: Math.max(gridRight, 40), top, bottom },
      xAxis: {
        type: 'value',
        min: axisMin,
        max: axisMax,
        interval,
        name: '完成目标进度（%）',
        nameLocation: 'middle',
        nameGap: 24,
        nameTextStyle: { fontSize: SMALL, color: INK },
        axisLine: { show: true, lineStyle: { color: AXIS } },
        axisTick: { show: true, lineStyle: { color: AXIS } },
        axisLabel: { fontSize: SMALL, color: INK, formatter: '{value}' },
        splitLine: { show: true, lineStyle: { color: GRID_LINE, width: 0.8 } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: categories,
        axisLine: { show: true, lineStyle: { color: AXIS } },
        axisTick: { show: false },
        axisLabel: { fontSize: nameSize, lineHeight: Math.round(nameSize * 1.2), color: INK, interval: 0, margin: 8 },
      },
      series,
    },
    width,
    heightPx / PX_PER_MM,
  );
};

/** One indicator's values by year, with what its target path needs. */
export interface TrendSeries {
  name: string;
  /** The unit of the values ('%', '张', '平方米/百户'). */
  unit: string;
  years: number[];
  /** One value per year; null where the year has no value (drawn as a gap). */
  values: (number | null)[];
  baseline: number | null;
  baseYear: number;
  target: number | null;
  targetYear: number;
}

const valueText = (x: number, unit: string): string => num(x, defaultDecimals(proseKind(unit, unit), x));

/** Units of shares and rates, whose axis starts at 0: a dip from 100% to 98.5% is drawn as the small dip it is. */
const SHARE_UNITS = new Set(['%', '‰', '%。', '百分比']);

/**
 * Axis bounds on round numbers with room above the points for their labels. The axis starts at 0 for data that is
 * not negative: always for shares and rates, and for other quantities unless they vary by less than a tenth of their
 * size (a population of 2.5 million changing by 1%), where it starts at a round number below them and `raised` says
 * so, for the chart to print.
 */
export const valueBounds = (xs: (number | null)[], unit: string): { min?: number; max?: number; interval?: number; raised?: boolean } => {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return {};
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  const share = SHARE_UNITS.has(unit.trim());
  const raised = lo > 0 && !share && hi - lo < hi * 0.1;
  let low: number;
  if (lo < 0) low = lo - (hi - lo || Math.abs(lo)) * 0.15;
  else if (!raised) low = 0;
  else low = lo - (hi - lo || hi * 0.05) * 0.5;
  const high = hi + (hi - low || Math.abs(hi) || 1) * 0.15;
  const step = 10 ** Math.floor(Math.log10((high - low) / 5));
  for (const size of [1, 2, 2.5, 5, 10, 20].map((m) => m * step)) {
    const min = Math.floor(low / size) * size;
    const max = Math.ceil(high / size) * size;
    if ((max - min) / size <= 6) return { min: roundTo(min, 10), max: roundTo(max, 10), interval: roundTo(size, 10), ...(raised ? { raised } : {}) };
  }
  return {};
};

/** "单位：%", "单位：平方米/百户"; nothing for a unitless ratio. */
const unitName = (unit: string): string => (unit.trim() === '' ? '' : `单位：${unit.trim()}`);

/**
 * The values of one indicator by year (solid black line, dots, values written at the points, gaps where a year has no
 * value) against the straight target path from (base year, baseline) to (target year, target), drawn dashed, with the
 * target marked and labelled. The base year shows the baseline when the series has no value of its own for it.
 */
export const trendChart = (series: TrendSeries, options: ChartSize = {}): string => {
  const tick = (v: number): string => String(roundTo(v, 10));
  const width = options.width ?? TREND_CHART_MM.width;
  const height = options.height ?? TREND_CHART_MM.height;
  const first = Math.min(series.baseYear, ...series.years);
  const last = Math.max(series.targetYear, ...series.years);
  const years: number[] = [];
  for (let y = first; y <= last; y += 1) years.push(y);

  const byYear = new Map<number, number | null>();
  series.years.forEach((y, i) => byYear.set(y, series.values[i] ?? null));
  if (!byYear.has(series.baseYear) || byYear.get(series.baseYear) === null) {
    if (series.baseline !== null) byYear.set(series.baseYear, series.baseline);
  }
  const slope = series.baseline !== null && series.target !== null ? (series.target - series.baseline) / (series.targetYear - series.baseYear) : null;
  // Each value is written on the side away from the target path, so that the dashed line does not cross it.
  const actual = years.map((y) => {
    const v = byYear.get(y);
    if (v === undefined || v === null || !Number.isFinite(v)) return '-';
    const onPath = slope === null ? null : series.baseline! + slope * (y - series.baseYear);
    return { value: v, label: { position: onPath !== null && v < onPath ? 'bottom' : 'top' } };
  });

  const hasPath = series.baseline !== null && series.target !== null;
  const targetLabel = series.target === null ? '' : `${series.targetYear}年目标${valueText(series.target, series.unit)}`;
  const finalValue = byYear.get(series.targetYear);
  const targetLabelBelow = series.target !== null && finalValue !== undefined && finalValue !== null && finalValue >= series.target;
  const path = years.map((y) => {
    if (y === series.baseYear && hasPath) return series.baseline!;
    if (y === series.targetYear && series.target !== null) {
      return {
        value: series.target,
        symbol: 'diamond',
        symbolSize: 10,
        itemStyle: { color: '#ffffff', borderColor: INK, borderWidth: 1.5 },
        // Opposite the value of the target year, whose label sits on top when it reaches the target.
        label: { show: true, position: targetLabelBelow ? 'bottom' : 'top', formatter: targetLabel, color: INK, fontSize: SMALL, textBorderWidth: 0 },
      };
    }
    return '-';
  });

  const { raised, ...bounds } = valueBounds(
    [...actual, ...path].map((p) => (typeof p === 'number' ? p : typeof p === 'object' ? p.value : null)),
    series.unit,
  );
  const unit = `${unitName(series.unit)}${raised ? `（纵轴自${tick(bounds.min ?? 0)}起，未从0起）` : ''}`;
  return render(
    {
      legend: {
        top: 4,
        left: 'center',
        itemWidth: 26,
        itemHeight: 10,
        selectedMode: false,
        textStyle: { fontSize: SMALL, color: INK, fontFamily: CHART_FONT_FAMILY },
        data: ['实际值', '规划目标路径'],
      },
      grid: { left: 20, right: 28, top: 40, bottom: 10, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: {
        type: 'category',
        boundaryGap: true,
        data: years.map((y) => `${y}年`),
        axisLine: { show: true, lineStyle: { color: AXIS } },
        axisTick: { show: true, alignWithLabel: true, lineStyle: { color: AXIS } },
        axisLabel: { fontSize: SMALL, color: INK, interval: 0 },
      },
      yAxis: {
        type: 'value',
        ...bounds,
        name: unit,
        nameTextStyle: { fontSize: SMALL, color: INK, align: 'left' },
        nameGap: 10,
        axisLine: { show: true, lineStyle: { color: AXIS } },
        axisTick: { show: true, lineStyle: { color: AXIS } },
        // No thousands separators (echarts writes 1,600), as the reports write numbers.
        axisLabel: { fontSize: SMALL, color: INK, formatter: tick },
        splitLine: { show: true, lineStyle: { color: GRID_LINE, width: 0.8 } },
      },
      series: [
        {
          type: 'line',
          name: '规划目标路径',
          silent: true,
          connectNulls: true,
          symbol: 'none',
          lineStyle: { color: '#404040', width: 1.5, type: [6, 4] },
          itemStyle: { color: '#404040' },
          emphasis: { disabled: true },
          data: path,
          z: 2,
        },
        {
          type: 'line',
          name: '实际值',
          silent: true,
          connectNulls: false,
          symbol: 'circle',
          symbolSize: 6,
          lineStyle: { color: INK, width: 2, type: 'solid' },
          itemStyle: { color: INK },
          label: {
            show: true,
            distance: 6,
            fontSize: SMALL,
            color: INK,
            textBorderWidth: 0,
            formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? valueText(p.value, series.unit) : ''),
          },
          emphasis: { disabled: true },
          data: actual,
          z: 3,
        },
      ],
    },
    width,
    height,
  );
};

/** The one value of a series that never changed (every year has it, and the baseline too): nothing to draw. */
export const flatValue = (s: TrendSeries): number | null => {
  const values = [...s.values, ...(s.baseline !== null ? [s.baseline] : [])];
  if (s.values.length < 2 || values.some((v) => v === null || !Number.isFinite(v))) return null;
  return values.every((v) => v === values[0]) ? values[0]! : null;
};

/**
 * A series that moved too little to be seen on an axis from 0 (100% → 98.5% → 100%: less than a twentieth of its
 * size), every year having a value: drawn it would be a flat line, so a sentence says its range instead.
 */
export const barelyMoved = (s: TrendSeries): boolean => {
  const values = [...s.values, ...(s.baseline !== null ? [s.baseline] : [])];
  if (s.values.length < 2 || values.some((v) => v === null || !Number.isFinite(v))) return false;
  const xs = values as number[];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo >= 0 && hi > 0 && hi - lo < hi * 0.05;
};

/** "查明身份…2020年至2025年在98.5%至100%之间，2023年最低，2025年为100%". */
const rangeClause = (s: TrendSeries): string => {
  const years = [...(s.values.length > 0 && s.baseline !== null && !s.years.includes(s.baseYear) ? [s.baseYear] : []), ...s.years];
  const values = [...(years.length > s.years.length ? [s.baseline!] : []), ...(s.values as number[])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const v = (x: number) => `${valueText(x, s.unit)}${s.unit}`;
  const lowest = years.filter((_, i) => values[i] === lo);
  const last = years.at(-1)!;
  const low = lowest.length === 1 && lowest[0] !== last ? `${lowest[0]}年最低，` : '';
  return `${s.name}${years[0]}年至${last}年在${v(lo)}至${v(hi)}之间，${low}${last}年为${v(values.at(-1)!)}${lowest.length === 1 && lowest[0] === last ? '（最低）' : ''}`;
};

/**
 * One sentence for the series that never changed or barely moved, instead of a chart each: "殡仪馆县级行政区域覆盖率、
 * 农村公益性公墓（骨灰堂）乡镇覆盖率2020年至2025年各年均为100%，始终保持规划目标值；查明身份…在98.5%至100%之间，…，
 * 不另作图。" Unchanged rows with the same value, unit and relation to their target are named together; `others` starts
 * it with "另，" when charts stand before it.
 */
export const flatSummary = (series: readonly TrendSeries[], others: boolean): string | null => {
  if (series.length === 0) return null;
  const groups = new Map<string, TrendSeries[]>();
  const moved = series.filter((s) => flatValue(s) === null);
  for (const s of series.filter((x) => flatValue(x) !== null)) {
    const v = flatValue(s)!;
    const key = JSON.stringify([v, s.unit, s.target === v ? null : s.target]);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const parts = [...groups.values()].map((g) => {
    const s = g[0]!;
    const v = flatValue(s)!;
    const first = Math.min(s.baseYear, ...s.years);
    const last = Math.max(...s.years);
    const at = `${g.map((x) => x.name).join('、')}${first}年至${last}年各年均为${valueText(v, s.unit)}${s.unit}`;
    if (s.target === null) return `${at}，没有变化`;
    return s.target === v ? `${at}，始终保持规划目标值` : `${at}，没有变化（规划目标${valueText(s.target, s.unit)}${s.unit}）`;
  });
  return `${others ? '另，' : ''}${[...parts, ...moved.map(rangeClause)].join('；')}，不另作图。`;
};

export interface TrendInput {
  plan: string;
  region?: string;
  /** The row's 序号 in the plan's indicator table ('16'); the first main-table row with it. */
  rowSeq: string;
  /** The years to evaluate, e.g. 2021 … the data year. */
  years: number[];
}

/**
 * The values of several rows by year: evaluates the plan once per year (with evaluatePlan, so the values are those
 * the table shows, unit conversions and formulas included) and collects each row. Null for a 序号 the plan lacks.
 */
export const trendSeriesMany = (db: ReadDb, input: Omit<TrendInput, 'rowSeq'> & { rowSeqs: string[] }): (TrendSeries | null)[] => {
  const years = [...new Set(input.years)].sort((a, b) => a - b);
  return trendSeriesFrom(
    years.map((year) => evaluatePlan(db, { plan: input.plan, year, ...(input.region ? { region: input.region } : {}) })),
    input.rowSeqs,
  );
};

/** The same from evaluations already made, one per year in order (a report has them for its own tables). */
export const trendSeriesFrom = (results: readonly EvaluationResult[], rowSeqs: readonly string[]): (TrendSeries | null)[] => {
  const years = results.map((r) => r.year);
  return rowSeqs.map((seq) => {
    const rows = results.map((res) => res.rows.find((r) => r.seq === seq) ?? null);
    const latest = rows.filter((r): r is EvaluatedRow => r !== null).at(-1);
    const res = results.at(-1);
    if (!latest || !res) return null;
    return {
      name: latest.name,
      unit: latest.valueUnit,
      years,
      values: rows.map((r) => r?.value ?? null),
      baseline: latest.baseline,
      baseYear: res.baseYear,
      target: latest.targetValue,
      targetYear: res.targetYear,
    };
  });
};

/** One row's values by year (see trendSeriesMany); null when the plan has no row with this 序号. */
export const trendSeries = (db: ReadDb, input: TrendInput): TrendSeries | null =>
  trendSeriesMany(db, { plan: input.plan, ...(input.region ? { region: input.region } : {}), years: input.years, rowSeqs: [input.rowSeq] })[0] ?? null;
