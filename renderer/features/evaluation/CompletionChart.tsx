/** 完成进度与时序进度: every row with a completion as a bar against the time progress, in the page (tooltips, legend). */
import { useMemo } from 'react';
import type { EvaluationResult } from '../../../shared/evaluation/result';
import { EChart } from '../../components/EChart';
import { chartedRows, completionChartHeight, completionOption } from './chartOptions';

export const CompletionChart = ({ result }: { result: EvaluationResult }) => {
  const option = useMemo(() => completionOption(result), [result]);
  const drawn = chartedRows(result).length;
  if (drawn === 0) return null;
  const left = result.rows.length - drawn;
  return (
    <div className="chart">
      <p className="chart-caption">
        完成进度与时序进度（图示{drawn}项指标{left > 0 ? `；另有${left}项无法计算完成进度，未列入图中` : ''}）
      </p>
      <EChart option={option} height={completionChartHeight(result)} label="完成进度与时序进度" />
    </div>
  );
};
