/**
 * 签发: the report chosen on the page is issued (kept in the database with the data it was made from and its
 * SHA-256), optionally locking the year; the issued reports of the plan are listed with what has changed since
 * each was issued, and each can be printed again exactly as sent (重印).
 */
import { useState } from 'react';
import type { IssuedChangeDto, IssuedReportDto } from '../../../shared/api';
import { localDateTime } from '../../../shared/text/time';
import { call } from '../../api/client';
import { fileNameOf, saveFile, type SavedFile } from '../../api/files';
import { useCall } from '../../api/useCall';
import { ErrorNotice } from '../../components/Notice';
import { SavedFileNotice } from '../../components/SavedFileNotice';

type IssueInput = Omit<Parameters<typeof call<'reports.issue'>>[1], 'out' | 'by' | 'docNumber' | 'lock' | 'date'>;

const todayText = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const WHAT: Record<IssuedChangeDto['what'], string> = { value: '数值', target: '目标值', status: '评价', row: '指标', paragraph: '本单位段落', league: '下级地区', template: '报告模板', other: '其他' };

/** The form that issues the report chosen on the page: 签发人, 文号, 落款日期, and whether to lock the year. */
export const IssueForm = ({ input, fileName, format, onIssued, onCancel }: { input: IssueInput; fileName: string; format: 'pdf' | 'docx'; onIssued: () => void; onCancel: () => void }) => {
  const [by, setBy] = useState('');
  const [docNumber, setDocNumber] = useState('');
  const [date, setDate] = useState(todayText);
  const [lock, setLock] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState<{ file: SavedFile; text: string } | null>(null);
  const onIssue = async () => {
    setError(null);
    setBusy(true);
    try {
      const r = await saveFile(fileNameOf(`${fileName}（签发）.${format}`), (out) =>
        call('reports.issue', { ...input, out, by: by.trim(), date, lock, ...(docNumber.trim() ? { docNumber: docNumber.trim() } : {}) }),
      );
      if (r) {
        setSaved({ file: r.saved, text: `已签发第 ${r.result.id} 份（${r.result.kindName}，落款 ${r.result.date}${r.result.locked ? `，${r.result.regionName}${r.result.year}年数据已锁定` : ''}）：` });
        onIssued();
      }
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="issue-form" role="group" aria-label="签发报告">
      <p>签发后，报告连同所用数据存档，以后更正数据也能原样重印；存档的报告可在下方查看签发后数据的变化。</p>
      <div className="toolbar">
        <label>
          签发人（必填）
          <input value={by} size={8} onChange={(e) => setBy(e.target.value)} />
        </label>
        <label>
          文号
          <input value={docNumber} size={16} placeholder="如 楚民发〔2026〕3号" onChange={(e) => setDocNumber(e.target.value)} />
        </label>
        <label>
          落款日期
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={lock} onChange={(e) => setLock(e.target.checked)} />
          同时锁定该年数据
        </label>
        <button type="button" className="primary" disabled={busy || !by.trim() || !date} title={!by.trim() ? '请填写签发人' : undefined} onClick={onIssue}>
          {busy ? '正在签发…' : '确认签发'}
        </button>
        <button type="button" onClick={onCancel}>
          关闭
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {saved && <SavedFileNotice file={saved.file}>{saved.text}</SavedFileNotice>}
    </div>
  );
};

const Changes = ({ id }: { id: number }) => {
  const detail = useCall('reports.issuedDetail', { id });
  if (detail.error) return <ErrorNotice error={detail.error} />;
  if (!detail.data) return <p className="muted">正在比对…</p>;
  return (
    <table className="changes" aria-label={`第 ${id} 份签发后的变化`}>
      <thead>
        <tr>
          <th>年份</th>
          <th>序号</th>
          <th>指标、段落或地区</th>
          <th>变化</th>
          <th>签发时</th>
          <th>现在</th>
        </tr>
      </thead>
      <tbody>
        {detail.data.changes.map((c, i) => (
          <tr key={i}>
            <td>{c.year ?? ''}</td>
            <td>{c.seq ?? ''}</td>
            <td>{c.name}</td>
            <td>{WHAT[c.what]}</td>
            <td>{c.issued ?? '—'}</td>
            <td>{c.now ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const IssuedRow = ({ r }: { r: IssuedReportDto & { changes: number } }) => {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<{ file: SavedFile; text: string } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const onReprint = async () => {
    setError(null);
    try {
      const done = await saveFile(fileNameOf(`${r.regionName}${r.year}年${r.kindName}（第${r.id}份签发件）.${r.format}`), (out) => call('reports.reprint', { id: r.id, out }));
      if (done) setSaved({ file: done.saved, text: done.result.reproduced ? '已重印，与签发件逐字节相同：' : '已输出签发时的原件（本版本重新生成的结果与原件不同）：' });
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <>
      <tr>
        <td>{r.id}</td>
        <td>{localDateTime(r.at)}</td>
        <td>
          {r.regionName}
          {r.year}年{r.kindName}
        </td>
        <td>{r.docNumber ?? ''}</td>
        <td>{r.by}</td>
        <td>
          {r.changes === 0 ? (
            <span className="muted">数据未变</span>
          ) : (
            <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
              签发后有 {r.changes} 处变化
            </button>
          )}
        </td>
        <td>
          <button type="button" onClick={onReprint}>
            重印
          </button>
        </td>
      </tr>
      {(open || saved || error) && (
        <tr>
          <td colSpan={7}>
            {open && <Changes id={r.id} />}
            {saved && <SavedFileNotice file={saved.file}>{saved.text}</SavedFileNotice>}
            {error && <ErrorNotice error={error} />}
          </td>
        </tr>
      )}
    </>
  );
};

/** The plan's issued reports, newest first. */
export const IssuedList = ({ plan, refresh }: { plan: string; refresh: number }) => {
  const list = useCall('reports.issued', { plan }, refresh);
  if (list.error) return <ErrorNotice error={list.error} />;
  if (!list.data || list.data.length === 0) return null;
  return (
    <section aria-label="已签发的报告">
      <h3>已签发的报告</h3>
      <table className="issued">
        <thead>
          <tr>
            <th>编号</th>
            <th>签发时间</th>
            <th>报告</th>
            <th>文号</th>
            <th>签发人</th>
            <th>签发后</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {[...list.data].reverse().map((r) => (
            <IssuedRow key={r.id} r={r} />
          ))}
        </tbody>
      </table>
    </section>
  );
};
