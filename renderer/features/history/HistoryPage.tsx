/**
 * Import history: every batch with its file, time and counts, and under it, on asking, its values; a batch can be
 * undone (its replaced values return).
 * Below it, 锁定年度 and the 操作日志 (locks, unlocks and typed values).
 */
import { Button, type TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import type { BatchSummary } from '../../../shared/api';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useConfirm } from '../../components/confirm';
import { DataTable } from '../../components/DataTable';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';
import { localDateTime } from '../../../shared/text/time';
import { BackupSection } from './BackupSection';
import { BatchValues } from './BatchValues';
import { LocksSection } from './LocksSection';

export const HistoryPage = () => {
  const [refresh, setRefresh] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const { data, error, loading } = useCall('batches.list', undefined, refresh);
  const [busy, setBusy] = useState(false);
  const confirm = useConfirm();
  const undo = async (batch: number, fileName: string) => {
    const sure = await confirm({ title: `撤销第 ${batch} 批？`, content: `${fileName}：该批写入的数值将删除，被它替换的原值将恢复。`, ok: '撤销' });
    if (!sure) return;
    setFailure(null);
    setMessage(null);
    setBusy(true);
    try {
      const r = await call('batches.undo', { batch });
      setMessage(`已撤销第 ${r.batch} 批：删除 ${r.removed} 个数值，恢复 ${r.restored} 个原值。`);
      setRefresh((n) => n + 1);
    } catch (e) {
      setFailure(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <section aria-label="导入记录">
        <h2>导入批次</h2>
        {loading && <Loading />}
        {error && <ErrorNotice error={error} />}
        {!loading && !error && (!data || data.length === 0) && <Empty>尚无导入记录。</Empty>}
        {message && <p className="ok">{message}</p>}
        {failure && <ErrorNotice error={failure} />}
        {data && data.length > 0 && <BatchTable batches={data} busy={busy} refresh={refresh} onUndo={undo} />}
      </section>
      <LocksSection key={refresh} />
      <BackupSection onRestored={() => setRefresh((n) => n + 1)} />
    </>
  );
};

/** The batches, newest first: sorted by number or by count, filtered by state; 查看数值 opens a batch's values under it. */
const BatchTable = ({
  batches,
  busy,
  refresh,
  onUndo,
}: {
  batches: BatchSummary[];
  busy: boolean;
  /** Changed after an undo: the values shown are read again (another batch's may be its own again). */
  refresh: number;
  onUndo: (batch: number, fileName: string) => void;
}) => {
  const [open, setOpen] = useState<number[]>([]);
  const toggle = (id: number) => setOpen((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  const columns: ColumnsType<BatchSummary> = [
    { title: '批次', dataIndex: 'id', className: 'num', sorter: (a, b) => a.id - b.id, defaultSortOrder: 'descend', width: 80 },
    { title: '时间', dataIndex: 'importedAt', render: (at: string) => localDateTime(at), width: 170 },
    { title: '文件', dataIndex: 'fileName' },
    { title: '数值', dataIndex: 'observations', className: 'num', align: 'right', sorter: (a, b) => a.observations - b.observations },
    { title: '替换', dataIndex: 'replaced', className: 'num', align: 'right', sorter: (a, b) => a.replaced - b.replaced },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: BatchSummary['status']) => (s === 'undone' ? '已撤销' : '有效'),
      filters: [
        { text: '有效', value: 'active' },
        { text: '已撤销', value: 'undone' },
      ],
      onFilter: (value, b) => b.status === value,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, b) => (
        <span className="row-actions">
          <Button size="small" aria-expanded={open.includes(b.id)} onClick={() => toggle(b.id)}>
            {open.includes(b.id) ? '收起数值' : '查看数值'}
          </Button>
          {b.status === 'active' && (
            <Button size="small" disabled={busy} onClick={() => onUndo(b.id, b.fileName)}>
              撤销
            </Button>
          )}
        </span>
      ),
    },
  ];
  return (
    <DataTable<BatchSummary>
      label="导入批次"
      className="batches"
      rowKey="id"
      columns={columns}
      dataSource={batches}
      pagination={batches.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      expandable={{ expandedRowKeys: open, showExpandColumn: false, expandedRowRender: (b) => <BatchValues batch={b} refresh={refresh} /> }}
    />
  );
};
