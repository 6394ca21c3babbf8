/**
 * 数据库备份与恢复: a checked copy of the database saved where the user chooses, and a restore from a backup file
 * (what it replaces is kept as an automatic backup, and the page says what the backup lacks), confirmed in the page.
 */
import { useState } from 'react';
import { call } from '../../api/client';
import { readablePath, saveFile, type ChosenFile, type SavedFile } from '../../api/files';
import { FileField } from '../../components/FileField';
import { ErrorNotice } from '../../components/Notice';
import { SavedFileNotice } from '../../components/SavedFileNotice';

const stamp = (): string => {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
};

export const BackupSection = ({ onRestored }: { onRestored: () => void }) => {
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const onBackup = () =>
    run(async () => {
      setSaved(null);
      const r = await saveFile(`工作台备份${stamp()}.sqlite`, (out) => call('database.backup', { out }));
      if (r) setSaved(r.saved);
    });
  const onRestore = () =>
    run(async () => {
      const r = await call('database.restore', { file: await readablePath(chosen!) });
      setAsking(false);
      setMessage(
        `已从备份恢复数据库。${r.kept ? '恢复前的数据库已自动备份，可再恢复。' : ''}${r.lost.length > 0 ? `注意：备份中没有原数据库的 ${r.lost.join('、')}。` : ''}`,
      );
      onRestored();
    });
  return (
    <section aria-label="数据库备份与恢复">
      <h3>数据库备份与恢复</h3>
      <div className="toolbar">
        <button type="button" onClick={onBackup} disabled={busy}>
          备份数据库…
        </button>
        <FileField purpose="backup" value={chosen} onChange={(f) => (setChosen(f), setAsking(false))} label="选择备份文件" />
        <button type="button" onClick={() => setAsking(true)} disabled={busy || !chosen}>
          从备份恢复…
        </button>
      </div>
      {asking && chosen && (
        <div className="confirm" role="group" aria-label="恢复前确认">
          <p>用备份“{chosen.name}”替换当前数据库？当前数据库会先自动备份，恢复后可再恢复回来。</p>
          <div className="toolbar">
            <button type="button" className="danger" onClick={onRestore} disabled={busy}>
              确认恢复
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              取消
            </button>
          </div>
        </div>
      )}
      {saved && <SavedFileNotice file={saved}>已备份（完整性检查通过）：</SavedFileNotice>}
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  );
};
