/**
 * Import history: every batch with its file, time and counts; a batch can be undone (its replaced values return).
 * Below it, 锁定年度 and the 操作日志 (locks, unlocks and typed values).
 */
import { useState } from 'react';
import type { BatchSummary } from '../../../shared/api';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useConfirm } from '../../components/confirm';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';
import { localDateTime } from '../../../shared/text/time';
import { BackupSection } from './BackupSection';
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
        {data && data.length > 0 && <BatchTable batches={data} busy={busy} onUndo={undo} />}
      </section>
      <LocksSection key={refresh} />
      <BackupSection onRestored={() => setRefresh((n) => n + 1)} />
    </>
  );
};

const BatchTable = ({ batches, busy, onUndo }: { batches: BatchSummary[]; busy: boolean; onUndo: (batch: number, fileName: string) => void }) => (
  <table className="indicators">
    <thead>
      <tr>
        <th>批次</th>
        <th>时间</th>
        <th>文件</th>
        <th>数值</th>
        <th>替换</th>
        <th>状态</th>
        <th />
      </tr>
    </thead>
    <tbody>
      {batches.map((b) => (
        <tr key={b.id}>
          <td className="num">{b.id}</td>
          <td>{localDateTime(b.importedAt)}</td>
          <td>{b.fileName}</td>
          <td className="num">{b.observations}</td>
          <td className="num">{b.replaced}</td>
          <td>{b.status === 'undone' ? '已撤销' : '有效'}</td>
          <td>
            {b.status === 'active' && (
              <button type="button" disabled={busy} onClick={() => onUndo(b.id, b.fileName)}>
                撤销
              </button>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);
