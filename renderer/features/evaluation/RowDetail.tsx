/** Under a row of 评估: the indicator's course over the plan period (ECharts), then where this year's value comes from. */
import { useMemo } from 'react';
import type { EvaluatedRow } from '../../../shared/evaluation/result';
import { useCall } from '../../api/useCall';
import { EChart } from '../../components/EChart';
import { ErrorNotice, Loading } from '../../components/Notice';
import { trendOption } from './chartOptions';
import { ValueSource } from './ValueSource';

export const RowDetail = ({ plan, region, row, position, year }: { plan: string; region: string; row: EvaluatedRow; position: number; year: number }) => {
  const trend = useCall('evaluation.trend', { plan, region, table: row.table, seq: row.seq, position });
  const option = useMemo(() => (trend.data ? trendOption(trend.data) : null), [trend.data]);
  return (
    <div className="row-detail">
      {trend.loading && <Loading />}
      {trend.error && <ErrorNotice error={trend.error} />}
      {option && <EChart option={option} height={220} label={`${row.name}历年走势`} />}
      <ValueSource region={region} series={row.indicator} year={year} />
    </div>
  );
};
