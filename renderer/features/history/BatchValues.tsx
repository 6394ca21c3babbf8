/**
 * One batch's values under its row in 导入记录, a page at a time from the service: where each was read (sheet and
 * cell, or for a year's value made from months the rule and its cells), region, item, period, value and unit, the
 * value it replaced, and whether a later batch has taken it over since. Read again after every undo (`refresh`).
 */
import type { TableColumnsType as ColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { BatchSummary, BatchValueDto } from '../../../shared/api';
import { useCall } from '../../api/useCall';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/Notice';
import { periodText } from '../import/periodText';

const PAGE = 50;

const nowWords = (v: BatchValueDto): string =>
  v.supersededBy === null
    ? '现存'
    : v.supersededValue === v.value
      ? `第 ${v.supersededBy} 批重新导入（数值相同）`
      : v.supersededValue === null
        ? `已被第 ${v.supersededBy} 批替换`
        : `已被第 ${v.supersededBy} 批改为 ${v.supersededValue}`;

const columns: ColumnsType<BatchValueDto> = [
  { title: '单元格', key: 'cell', render: (_, v) => (v.derivedFrom ? <span className="muted">由 {v.derivedFrom} 得出</span> : v.sheet ? `${v.sheet}!${v.cell}` : '—') },
  { title: '地区', dataIndex: 'regionName', render: (name: string, v) => name || v.region },
  { title: '指标或统计项', dataIndex: 'seriesName' },
  { title: '时期', key: 'period', render: (_, v) => `${periodText(v)}${v.derivedFrom ? '（全年数）' : ''}` },
  { title: '数值', dataIndex: 'value', className: 'num', align: 'right' },
  { title: '单位', dataIndex: 'unit' },
  { title: '替换的原值', dataIndex: 'replaced', className: 'num', align: 'right', render: (old: number | null, v) => (old === null ? '—' : old === v.value ? '（相同）' : old) },
  { title: '现状', key: 'now', render: (_, v) => nowWords(v) },
];

export const BatchValues = ({ batch, refresh }: { batch: BatchSummary; refresh: number }) => {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useCall('batches.values', { batch: batch.id, offset: (page - 1) * PAGE, limit: PAGE }, refresh);
  // Fewer values after an undo elsewhere: the page shown is the last one there is.
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : page;
  useEffect(() => {
    if (page > pages) setPage(pages);
  }, [page, pages]);
  if (error) return <ErrorNotice error={error} />;
  if (batch.status === 'undone') return <p className="muted">该批已撤销：它写入的数值已删除，被它替换的原值已恢复。</p>;
  // A value typed by hand over the batch's is no longer the batch's (the 操作日志 has it).
  const typedOver = data ? batch.observations - data.total : 0;
  return (
    <>
      <DataTable<BatchValueDto>
        label={`第 ${batch.id} 批的数值`}
        className="batch-values"
        rowKey={(v) => `${v.region}|${v.series}|${v.period}|${v.periodKind ?? ''}`}
        columns={columns}
        dataSource={data?.values ?? []}
        loading={loading}
        locale={{ emptyText: loading ? '正在加载…' : batch.observations === 0 ? '该批没有写入数值（读到的都与已有数值相同）' : '该批写入的数值其后都已被手工修改（见操作日志）' }}
        pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 个数值`, hideOnSinglePage: true }}
      />
      {data && data.total > 0 && typedOver > 0 && <p className="muted">另有 {typedOver} 个数值其后已被手工修改，不再属于该批（见操作日志）。</p>}
    </>
  );
};
