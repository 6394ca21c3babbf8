/** 规划调整: a new target for one row from a year on, with the document that decided it (→ plans.adjust). */
import { useState } from 'react';
import type { Api } from '../../../shared/api';
import type { PlanSummary } from '../../../shared/types';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/Notice';
import { usePlanRows } from './usePlanRows';

export const AdjustForm = ({ plan, refresh = 0, onChanged }: { plan: PlanSummary; refresh?: number; onChanged: () => void }) => {
  const { rows } = usePlanRows(plan.id, refresh);
  const [seq, setSeq] = useState('');
  const [target, setTarget] = useState('');
  const [fromYear, setFromYear] = useState(String(plan.baseYear + 1));
  const [doc, setDoc] = useState('');
  const [by, setBy] = useState('');
  const [done, setDone] = useState<Api['plans.adjust']['output'] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const row = seq || rows[0]?.seq || '';
  const missing = !row ? '请选择序号' : !target.trim() ? '请填写调整后目标' : !/^\d{4}$/.test(fromYear) ? '起始年份应为四位年份' : !doc.trim() ? '请填写依据文件' : !by.trim() ? '请填写经办人' : null;
  const onSave = async () => {
    setError(null);
    setDone(null);
    try {
      setDone(await call('plans.adjust', { plan: plan.id, seq: row, target: target.trim(), fromYear: Number(fromYear), doc: doc.trim(), by: by.trim() }));
      onChanged();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <div className="tool">
      <h3>规划调整</h3>
      <form className="toolbar" aria-label="规划调整" onSubmit={(e) => e.preventDefault()}>
        <label>
          序号
          <select value={row} onChange={(e) => setSeq(e.target.value)}>
            {rows.map((r) => (
              <option key={r.seq} value={r.seq}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          调整后目标
          <input value={target} size={10} placeholder={rows.find((r) => r.seq === row)?.target ?? ''} onChange={(e) => setTarget(e.target.value)} />
        </label>
        <label>
          起始年份
          <input value={fromYear} size={6} inputMode="numeric" onChange={(e) => setFromYear(e.target.value)} />
        </label>
        <label>
          依据文件
          <input value={doc} size={18} placeholder="如 双民发〔2027〕8号" onChange={(e) => setDoc(e.target.value)} />
        </label>
        <label>
          经办人
          <input value={by} size={8} onChange={(e) => setBy(e.target.value)} />
        </label>
        <button type="button" disabled={missing !== null} title={missing ?? undefined} onClick={onSave}>
          保存调整
        </button>
      </form>
      {error && <ErrorNotice error={error} />}
      {done && (
        <p className="ok">
          已调整第{done.seq}项“{done.name}”：目标 {done.printedTarget} → {done.target}，自{done.fromYear}年起（{done.doc}）
        </p>
      )}
    </div>
  );
};
