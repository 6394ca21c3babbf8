/** 导出规划包: the plan as a package (.json) in the exports folder; a link in browser mode, the path in the app. */
import { useState } from 'react';
import type { PlanSummary } from '../../../shared/types';
import { call, downloadUrl, exportsDir } from '../../api/client';
import { ErrorNotice } from '../../components/Notice';

export const PlanExport = ({ plan }: { plan: PlanSummary }) => {
  const [done, setDone] = useState<{ name: string; path: string; rows: number } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const dir = await exportsDir();
      const name = `${plan.id}-规划包.json`;
      const r = await call('plans.export', { plan: plan.id, out: `${dir}/${name}` });
      setDone({ name, path: r.file, rows: r.rows });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tool">
      <h3>导出规划包</h3>
      <p className="muted">规划、指标表、所用指标和统计项、调整和判断记录，存为一个文件，可在其他电脑上“导入本单位规划”。</p>
      <button type="button" disabled={busy} onClick={onExport}>
        导出规划包
      </button>
      {error && <ErrorNotice error={error} />}
      {done && (
        <p className="ok">
          已导出 {done.rows} 行：{window.workbench ? done.path : <a href={downloadUrl(done.name)}>{done.name}</a>}
        </p>
      )}
    </div>
  );
};
