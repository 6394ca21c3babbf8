/**
 * 编辑指标表: the main table of a plan made by the bureau, row by row: correct a cell, move a row, remove one, add
 * one (→ plans.editRow, moveRow, removeRow, addRow). Every change is signed by the 经办人 above the table and goes to
 * the 修改记录. Built-in plans are not edited here.
 */
import { useEffect, useRef, useState } from 'react';
import type { PlanSummary } from '../../../shared/types';
import { ErrorNotice, Loading } from '../../components/Notice';
import { AddRowForm } from './AddRowForm';
import { EditableRow, type Clerk } from './EditableRow';
import { ROW_FIELDS } from './rowFields';
import { usePlanRows } from './usePlanRows';

export const EditRows = ({ plan, refresh, onChanged }: { plan: PlanSummary; refresh: number; onChanged: () => void }) => {
  const { table, shown, error, loading } = usePlanRows(plan.id, refresh);
  const [by, setBy] = useState('');
  const [why, setWhy] = useState('');
  const [needBy, setNeedBy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [moved, setMoved] = useState<number | null>(null);
  const byInput = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  // Changes waiting for the rows to reload: what the page says about a change comes with the rows that show it.
  const waiting = useRef<(() => void)[]>([]);
  useEffect(() => waiting.current.splice(0).forEach((resolve) => resolve()), [shown, error]);
  // After a move, the focus goes back to the row that moved (上移 again, or 下移 at the top).
  useEffect(() => {
    if (moved === null) return;
    const button = (label: string) => tableRef.current?.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]:not(:disabled)`);
    (button(`上移第${moved}行`) ?? button(`下移第${moved}行`))?.focus();
    setMoved(null);
  }, [moved]);
  if (plan.builtIn) {
    return (
      <div className="tool">
        <h3>编辑指标表</h3>
        <p className="muted">内置规划不能修改；可导出规划包后以新编号导入再修改。</p>
      </div>
    );
  }
  const clerk: Clerk = by.trim() ? { by: by.trim(), ...(why.trim() ? { why: why.trim() } : {}) } : null;
  const onNeedClerk = () => {
    setNeedBy(true);
    byInput.current?.focus();
  };
  const changed = async (message: string) => {
    await new Promise<void>((resolve) => {
      waiting.current.push(resolve);
      onChanged();
    });
    setDone(message);
  };
  return (
    <div className="tool">
      <h3>编辑指标表</h3>
      <div className="toolbar">
        <label>
          经办人（必填）
          <input ref={byInput} value={by} size={8} aria-invalid={needBy && !clerk} onChange={(e) => setBy(e.target.value)} />
        </label>
        <label>
          修改原因
          <input value={why} size={28} placeholder="如 规划文本印刷错误" onChange={(e) => setWhy(e.target.value)} />
        </label>
        {needBy && !clerk && <span className="error-text" role="alert">请先填写经办人，再修改指标表。</span>}
        {done && (
          <span className="ok" role="status">
            {done}
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      {loading && table.length === 0 && <Loading />}
      {table.length > 0 && (
        <table ref={tableRef} className="problems plan-edit" aria-label="编辑指标表">
          <thead>
            <tr>
              <th title="在表中的行位置">行</th>
              {ROW_FIELDS.map((f) => (
                <th key={f.field}>{f.label}</th>
              ))}
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {table.map((row) => (
              <EditableRow
                key={row.position}
                plan={plan.id}
                row={row}
                rowCount={table.length}
                clerk={clerk}
                onNeedClerk={onNeedClerk}
                onStart={() => setDone(null)}
                onChanged={changed}
                onMoved={setMoved}
              />
            ))}
          </tbody>
        </table>
      )}
      {table.length > 0 && <AddRowForm plan={plan.id} rows={table} clerk={clerk} onNeedClerk={onNeedClerk} onChanged={changed} />}
    </div>
  );
};
