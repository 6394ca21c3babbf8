/**
 * One row of 编辑指标表: read, or corrected in place (保存 sends one plans.editRow per changed field), moved up or
 * down, or removed after an in-page confirmation. A refused change shows the service's words under the row and
 * keeps what the clerk typed.
 */
import { Fragment, useState } from 'react';
import type { PlanRow } from '../../../shared/types';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/Notice';
import { ATTRIBUTES, changedFields, draftOf, ROW_FIELDS, rowName, type RowDraft } from './rowFields';

/** Who makes the change and why; null while 经办人 is empty. */
export type Clerk = { by: string; why?: string } | null;

const COLUMNS = ROW_FIELDS.length + 2;

export const EditableRow = ({
  plan,
  row,
  rowCount,
  clerk,
  onNeedClerk,
  onStart,
  onChanged,
  onMoved,
}: {
  plan: string;
  row: PlanRow;
  rowCount: number;
  clerk: Clerk;
  onNeedClerk: () => void;
  /** A change begins: the page clears what it said about the last one. */
  onStart: () => void;
  /** Something was saved: resolves once the rows have reloaded. */
  onChanged: (message: string) => Promise<void>;
  /** After a move, so the page can keep the keyboard focus on the row that moved. */
  onMoved: (to: number) => void;
}) => {
  const [draft, setDraft] = useState<RowDraft | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const p = row.position;
  // Runs one change as the clerk; refused, it shows the service's words under the row and keeps the draft.
  const act = async (work: (who: NonNullable<Clerk>) => Promise<void>) => {
    if (!clerk) return onNeedClerk();
    onStart();
    setBusy(true);
    setError(null);
    try {
      await work(clerk);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const onSave = (d: RowDraft) =>
    act(async (who) => {
      const changes = changedFields(row, d);
      let saved = 0;
      try {
        for (const c of changes) {
          await call('plans.editRow', { plan, position: p, field: c.field, value: c.value, ...who });
          saved += 1;
        }
      } finally {
        // Fields saved before a refusal stay saved: the table shows them after the reload.
        if (saved > 0 && saved < changes.length) void onChanged(`第${p}行已保存${saved}项修改，其余未保存`);
      }
      if (saved > 0) await onChanged(`已修改${rowName(row)}：${saved}项`);
      setDraft(null);
    });
  const onMove = (to: number) =>
    act(async (who) => {
      await call('plans.moveRow', { plan, position: p, to, ...who });
      await onChanged(`已将${rowName(row)}移到第${to}行`);
      onMoved(to);
    });
  const onRemove = () =>
    act(async (who) => {
      await call('plans.removeRow', { plan, position: p, ...who });
      setAsking(false);
      await onChanged(`已删除${rowName(row)}`);
    });
  const set = (field: keyof RowDraft, value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d));
  return (
    <Fragment>
      <tr className={draft ? 'editing' : undefined}>
        <td className="num muted">{p}</td>
        {ROW_FIELDS.map(({ field, label, size, num }) => {
          const name = `第${p}行${label}`;
          if (!draft) return <td key={field} className={num ? 'num' : undefined}>{draftOf(row)[field]}</td>;
          return (
            <td key={field}>
              {field === 'attribute' ? (
                <select aria-label={name} value={draft.attribute} onChange={(e) => set('attribute', e.target.value)}>
                  <option value="">（空）</option>
                  {ATTRIBUTES.map((a) => (
                    <option key={a}>{a}</option>
                  ))}
                </select>
              ) : (
                <input aria-label={name} size={size} className={num ? 'num' : undefined} value={draft[field]} onChange={(e) => set(field, e.target.value)} />
              )}
            </td>
          );
        })}
        <td className="actions">
          {draft ? (
            <>
              <button type="button" disabled={busy} onClick={() => onSave(draft)}>保存</button>
              <button
                type="button"
                onClick={() => {
                  setDraft(null);
                  setError(null);
                }}
              >
                取消
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                aria-label={`修改第${p}行`}
                onClick={() => {
                  setDraft(draftOf(row));
                  setAsking(false);
                }}
              >
                修改
              </button>
              <button type="button" aria-label={`上移第${p}行`} disabled={busy || p === 1} onClick={() => onMove(p - 1)}>上移</button>
              <button type="button" aria-label={`下移第${p}行`} disabled={busy || p === rowCount} onClick={() => onMove(p + 1)}>下移</button>
              <button type="button" className="danger" aria-label={`删除第${p}行`} disabled={rowCount === 1} onClick={() => setAsking(true)}>删除</button>
            </>
          )}
        </td>
      </tr>
      {asking && !draft && (
        <tr className="row-note">
          <td colSpan={COLUMNS}>
            <div className="confirm" role="group" aria-label={`删除第${p}行前确认`}>
              确定删除{rowName(row)}（目标 {row.targetText || '—'}）吗？该行的分解目标、调整和判断记录一并删除。{' '}
              <button type="button" className="danger" disabled={busy} onClick={onRemove}>确认删除此行</button>{' '}
              <button type="button" onClick={() => setAsking(false)}>取消</button>
            </div>
          </td>
        </tr>
      )}
      {error && (
        <tr className="row-note">
          <td colSpan={COLUMNS}>
            <ErrorNotice error={error} />
          </td>
        </tr>
      )}
    </Fragment>
  );
};
