/**
 * An ECharts chart in the page: SVG (sharp in print, its text readable by tests and screen readers), redrawn when its
 * option changes, resized with its box, disposed with the component. Only the chart kinds the app draws are bundled,
 * and only with the screens that show a chart.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * The page's font (styles.css), named: ECharts measures its labels on a canvas, where `inherit` means a 10 px
 * default, and long names then overrun the axis and the legend's entries overlap.
 */
const FONT_FAMILY = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export const EChart = ({ option, height, label }: { option: ChartOption; height: number; label: string }) => {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const c = echarts.init(box.current!, null, { renderer: 'svg', locale: 'ZH' });
    chart.current = c;
    const resized = new ResizeObserver(() => c.resize());
    resized.observe(box.current!);
    return () => {
      resized.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, textStyle: { fontFamily: FONT_FAMILY }, ...option }, true);
  }, [option]);
  // ECharts writes its own description (aria) on the box it draws in; the figure's name is the caption given here.
  return (
    <div className="echart" role="figure" aria-label={label}>
      <div ref={box} style={{ width: '100%', height }} />
    </div>
  );
};
