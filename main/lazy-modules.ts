/**
 * Heavy packages loaded on first use, not when the command line, the server or the import worker starts: echarts,
 * exceljs, SheetJS and fontkit together take about 1.3 s to load, yaml 40 ms, and `pwb evaluate` or an import of an
 * .xlsx needs none of them (the report writers are imported when the first report is written: services/reports.ts). Types come from `import type`; values from these accessors, inside the functions that use them.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

const once = <T>(name: string): (() => T) => {
  let module: T | undefined;
  return () => (module ??= load(name) as T);
};

export const exceljs = once<typeof import('exceljs')>('exceljs');
export const sheetjs = once<typeof import('@e965/xlsx')>('@e965/xlsx');
export const fontkitModule = once<typeof import('fontkit')>('fontkit');
export const saxes = once<typeof import('saxes')>('saxes');
export const yamlModule = once<typeof import('yaml')>('yaml');

let echartsCore: typeof import('echarts/core') | undefined;

/** echarts with the charts, components and SVG renderer the reports draw with, registered on first use. */
export const echarts = (): typeof import('echarts/core') => {
  if (!echartsCore) {
    const core = load('echarts/core') as typeof import('echarts/core');
    const charts = load('echarts/charts') as typeof import('echarts/charts');
    const components = load('echarts/components') as typeof import('echarts/components');
    const renderers = load('echarts/renderers') as typeof import('echarts/renderers');
    core.use([charts.BarChart, charts.LineChart, components.GridComponent, components.LegendComponent, components.MarkLineComponent, components.TitleComponent, renderers.SVGRenderer]);
    echartsCore = core;
  }
  return echartsCore;
};
