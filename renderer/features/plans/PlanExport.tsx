/** 导出规划包: the plan as a package (.json), saved where the user chooses (desktop) or offered by a link (browser). */
import { useState } from 'react';
import type { PlanSummary } from '../../../shared/types';
import { call } from '../../api/client';
import { fileNameOf, saveFile, type SavedFile } from '../../api/files';
import { ErrorNotice } from '../../components/Notice';
import { SavedFileNotice } from '../../components/SavedFileNotice';

export const PlanExport = ({ plan }: { plan: PlanSummary }) => {
  const [done, setDone] = useState<{ file: SavedFile; rows: number } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const r = await saveFile(fileNameOf(`${plan.title}（规划包）.json`), (out) => call('plans.export', { plan: plan.id, out }));
      if (r) setDone({ file: r.saved, rows: r.result.rows });
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
      {done && <SavedFileNotice file={done.file}>已导出 {done.rows} 行：</SavedFileNotice>}
    </div>
  );
};
