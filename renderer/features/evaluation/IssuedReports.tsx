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
import { DataTable } from '../../components/DataTable';
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
    <DataTable<IssuedChangeDto & { place: number }>
      label={`第 ${id} 份签发后的变化`}
      className="changes"
      rowKey="place"
      dataSource={detail.data.changes.map((c, place) => ({ ...c, place }))}
      columns={[
        { title: '年份', dataIndex: 'year', render: (y: number | null) => y ?? '' },
        { title: '序号', dataIndex: 'seq', render: (seq: string | null) => seq ?? '' },
        { title: '指标、段落或地区', dataIndex: 'name' },
        { title: '变化', dataIndex: 'what', render: (w: IssuedChangeDto['what']) => WHAT[w] },
        { title: '签发时', dataIndex: 'issued', render: (v: string | null) => v ?? '—' },
        { title: '现在', dataIndex: 'now', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
};

type Issued = IssuedReportDto & { changes: number };
/** What 重印 left under a report's row: the file written, or why it was not. */
type Reprinted = { file: SavedFile; text: string } | { error: Error };

/** The plan's issued reports, newest first: 签发后有 N 处变化 opens the changes under the row, 重印 prints it again. */
export const IssuedList = ({ plan, refresh }: { plan: string; refresh: number }) => {
  const list = useCall('reports.issued', { plan }, refresh);
  const [open, setOpen] = useState<number[]>([]);
  const [reprinted, setReprinted] = useState<Map<number, Reprinted>>(new Map());
  if (list.error) return <ErrorNotice error={list.error} />;
  if (!list.data || list.data.length === 0) return null;
  const note = (id: number, r: Reprinted) => setReprinted((m) => new Map(m).set(id, r));
  const onReprint = async (r: Issued) => {
    setReprinted((m) => {
      const next = new Map(m);
      next.delete(r.id);
      return next;
    });
    try {
      const done = await saveFile(fileNameOf(`${r.regionName}${r.year}年${r.kindName}（第${r.id}份签发件）.${r.format}`), (out) => call('reports.reprint', { id: r.id, out }));
      if (done) note(r.id, { file: done.saved, text: done.result.reproduced ? '已重印，与签发件逐字节相同：' : '已输出签发时的原件（本版本重新生成的结果与原件不同）：' });
    } catch (e) {
      note(r.id, { error: e as Error });
    }
  };
  return (
    <section aria-label="已签发的报告">
      <h3>已签发的报告</h3>
      <DataTable<Issued>
        label="已签发的报告"
        className="issued"
        rowKey="id"
        dataSource={[...list.data].reverse()}
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: [...new Set([...open, ...reprinted.keys()])],
          expandedRowRender: (r) => {
            const done = reprinted.get(r.id);
            return (
              <>
                {open.includes(r.id) && <Changes id={r.id} />}
                {done && 'file' in done && <SavedFileNotice file={done.file}>{done.text}</SavedFileNotice>}
                {done && 'error' in done && <ErrorNotice error={done.error} />}
              </>
            );
          },
        }}
        columns={[
          { title: '编号', dataIndex: 'id' },
          { title: '签发时间', dataIndex: 'at', className: 'nowrap', render: (at: string) => localDateTime(at) },
          { title: '报告', key: 'report', render: (_, r) => `${r.regionName}${r.year}年${r.kindName}` },
          { title: '文号', dataIndex: 'docNumber', render: (d: string | null) => d ?? '' },
          { title: '签发人', dataIndex: 'by' },
          {
            title: '签发后',
            key: 'changes',
            render: (_, r) =>
              r.changes === 0 ? (
                <span className="muted">数据未变</span>
              ) : (
                <button type="button" className="link" aria-expanded={open.includes(r.id)} onClick={() => setOpen((o) => (o.includes(r.id) ? o.filter((x) => x !== r.id) : [...o, r.id]))}>
                  签发后有 {r.changes} 处变化
                </button>
              ),
          },
          {
            title: '操作',
            key: 'reprint',
            render: (_, r) => (
              <button type="button" onClick={() => void onReprint(r)}>
                重印
              </button>
            ),
          },
        ]}
      />
    </section>
  );
};
