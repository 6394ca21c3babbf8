/**
 * One batch's values under its row in 导入记录, a page at a time from the service: where each was read (sheet and
 * cell), region, item, period, value and unit, the value it replaced, and whether a later batch has replaced it since.
 */
import { Table } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import type { BatchValueDto } from '../../../shared/api';
import { useCall } from '../../api/useCall';
import { ErrorNotice } from '../../components/Notice';
import { periodText } from '../import/periodText';

const PAGE = 50;

const columns: ColumnsType<BatchValueDto> = [
  { title: '单元格', key: 'cell', render: (_, v) => (v.sheet ? `${v.sheet}!${v.cell}` : '—') },
  { title: '地区', dataIndex: 'regionName', render: (name: string, v) => name || v.region },
  { title: '指标或统计项', dataIndex: 'seriesName' },
  { title: '时期', key: 'period', render: (_, v) => periodText(v) },
  { title: '数值', dataIndex: 'value', className: 'num', align: 'right' },
  { title: '单位', dataIndex: 'unit' },
  { title: '替换的原值', dataIndex: 'replaced', className: 'num', align: 'right', render: (old: number | null) => old ?? '—' },
  { title: '现状', dataIndex: 'supersededBy', render: (later: number | null) => (later === null ? '现存' : `已被第 ${later} 批替换`) },
];

export const BatchValues = ({ batch, undone }: { batch: number; undone: boolean }) => {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useCall('batches.values', { batch, offset: (page - 1) * PAGE, limit: PAGE });
  if (error) return <ErrorNotice error={error} />;
  if (undone) return <p className="muted">该批已撤销：它写入的数值已删除，被它替换的原值已恢复。</p>;
  return (
    <Table<BatchValueDto>
      className="batch-values"
      aria-label={`第 ${batch} 批的数值`}
      size="small"
      rowKey={(v) => `${v.region}|${v.series}|${v.period}|${v.periodKind ?? ''}`}
      columns={columns}
      dataSource={data?.values ?? []}
      loading={loading}
      locale={{ emptyText: loading ? '正在加载…' : '该批的数值都已被手工修改' }}
      pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 个数值`, hideOnSinglePage: true }}
    />
  );
};
