/**
 * 锁定年度: after a year's report is sent the bureau locks that region's year (its sub-regions with it), so no import,
 * typed value or undo changes it; an unlock asks, in the page, for a reason. The 操作日志 shows both.
 */
import { useState } from 'react';
import type { YearLockDto } from '../../../shared/api';
import { localDateTime } from '../../../shared/text/time';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { DataTable } from '../../components/DataTable';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';
import { ScopedRegionPicker } from '../../components/ScopedRegionPicker';
import { AuditLog } from './AuditLog';

const lastYear = String(new Date().getFullYear() - 1);

const UnlockConfirm = ({ lock, by, onDone, onCancel }: { lock: YearLockDto; by: string; onDone: (message: string) => void; onCancel: () => void }) => {
  const [reason, setReason] = useState('');
  const [who, setWho] = useState(by);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const missing = !reason.trim() ? '请写明解锁原因' : !who.trim() ? '请填写经办人' : null;
  const onUnlock = async () => {
    setError(null);
    setBusy(true);
    try {
      await call('locks.unlock', { region: lock.region, year: lock.year, by: who.trim(), reason: reason.trim() });
      onDone(`已解锁${lock.regionName}${lock.year}年：${reason.trim()}`);
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };
  return (
    <div className="confirm" role="group" aria-label={`解锁${lock.regionName}${lock.year}年前确认`}>
      <p>解锁后{lock.regionName}（含下级地区）{lock.year}年的数据可以再导入、填报或撤销。解锁原因记入操作日志。</p>
      <div className="toolbar">
        <label>
          解锁原因（必填）
          <input value={reason} size={30} placeholder="如 发现床位数填报错误，经局长同意更正" onChange={(e) => setReason(e.target.value)} aria-invalid={error && !reason.trim() ? true : undefined} />
        </label>
        <label>
          经办人
          <input value={who} size={8} onChange={(e) => setWho(e.target.value)} />
        </label>
        <button type="button" className="danger" disabled={busy || missing !== null} title={missing ?? undefined} onClick={onUnlock}>
          确认解锁
        </button>
        <button type="button" onClick={onCancel}>
          取消
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
    </div>
  );
};

export const LocksSection = () => {
  const [refresh, setRefresh] = useState(0);
  const locks = useCall('locks.list', undefined, refresh);
  const log = useCall('audit.list', undefined, refresh);
  // 地区: a region of a plan's region tree; left empty, the scope's own region.
  const [chosen, setChosen] = useState('');
  const [year, setYear] = useState(lastYear);
  const [by, setBy] = useState('');
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const missing = !chosen ? '请选择地区' : !/^\d{4}$/.test(year.trim()) ? '年份应为四位年份' : !by.trim() ? '请填写经办人' : null;
  const onLock = async () => {
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
      const l = await call('locks.lock', { region: chosen, year: Number(year.trim()), by: by.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setMessage(`已锁定${l.regionName}${l.year}年（${l.reason}）。`);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="锁定年度" className="locks">
      <h2>锁定年度</h2>
      <p className="muted small">年度报告报送后锁定该年：该地区及其下级地区该年的数据不能再导入、填报或撤销；解锁须写明原因。</p>
      <form className="toolbar" aria-label="锁定一个年度" onSubmit={(e) => e.preventDefault()}>
        <ScopedRegionPicker onChange={(code, scope) => setChosen(code || scope)} />
        <label>
          年份
          <input value={year} size={6} inputMode="numeric" onChange={(e) => setYear(e.target.value)} />
        </label>
        <label>
          经办人
          <input value={by} size={8} onChange={(e) => setBy(e.target.value)} />
        </label>
        <label>
          原因
          <input value={reason} size={22} placeholder="默认：年度报告已报送" onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" disabled={busy || missing !== null} title={missing ?? undefined} onClick={onLock}>
          锁定
        </button>
      </form>
      {error && <ErrorNotice error={error} />}
      {message && <p className="ok">{message}</p>}
      {locks.loading && !locks.data && <Loading />}
      {locks.error && <ErrorNotice error={locks.error} onRetry={() => setRefresh((n) => n + 1)} />}
      {locks.data && locks.data.length === 0 && <Empty>尚未锁定任何年度。</Empty>}
      {locks.data && locks.data.length > 0 && (
        <DataTable<YearLockDto>
          label="已锁定年度"
          rowKey={(l) => `${l.region}-${l.year}`}
          dataSource={locks.data}
          columns={[
            { title: '地区', key: 'region', render: (_, l) => `${l.regionName}（${l.region}）`, sorter: (a, b) => a.region.localeCompare(b.region) },
            { title: '年份', dataIndex: 'year', className: 'num', sorter: (a, b) => a.year - b.year },
            { title: '锁定人', dataIndex: 'by' },
            { title: '锁定时间', dataIndex: 'at', className: 'nowrap', render: (at: string) => localDateTime(at) },
            {
              title: '原因',
              key: 'reason',
              render: (_, l) => (
                <>
                  {l.reason}
                  {asking === `${l.region}-${l.year}` && (
                    <UnlockConfirm
                      lock={l}
                      by={by}
                      onCancel={() => setAsking(null)}
                      onDone={(m) => {
                        setAsking(null);
                        setError(null);
                        setMessage(m);
                        setRefresh((n) => n + 1);
                      }}
                    />
                  )}
                </>
              ),
            },
            {
              title: '操作',
              key: 'unlock',
              render: (_, l) =>
                asking !== `${l.region}-${l.year}` && (
                  <button type="button" aria-label={`解锁${l.regionName}${l.year}年`} onClick={() => setAsking(`${l.region}-${l.year}`)}>
                    解锁
                  </button>
                ),
            },
          ]}
        />
      )}
      <h3>操作日志</h3>
      {log.loading && !log.data && <Loading />}
      {log.error && <ErrorNotice error={log.error} />}
      {log.data && <AuditLog entries={log.data} />}
    </section>
  );
};
