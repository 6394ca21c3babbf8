/**
 * 新增一行: a row of the main table inserted after a chosen one (→ plans.addRow). The services match its name to an
 * existing indicator or make a new one; the clerk is told which.
 */
import { useState } from 'react';
import type { PlanRow } from '../../../shared/types';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/Notice';
import type { Clerk } from './EditableRow';
import { ATTRIBUTES, rowName } from './rowFields';

type Attribute = (typeof ATTRIBUTES)[number];
const EMPTY = { seq: '', name: '', unit: '', baseline: '', target: '' };
const LABELS: Record<keyof typeof EMPTY, [string, number]> = {
  seq: ['序号', 3],
  name: ['指标名称', 16],
  unit: ['单位', 6],
  baseline: ['基期值', 7],
  target: ['目标值', 9],
};

export const AddRowForm = ({
  plan,
  rows,
  clerk,
  onNeedClerk,
  onChanged,
}: {
  plan: string;
  rows: PlanRow[];
  clerk: Clerk;
  onNeedClerk: () => void;
  onChanged: (message: string) => Promise<void>;
}) => {
  const [after, setAfter] = useState<number | null>(null);
  const [fields, setFields] = useState(EMPTY);
  const [attribute, setAttribute] = useState<Attribute | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const place = Math.min(after ?? rows.length, rows.length);
  const missing = !fields.name.trim() ? '请填写指标名称' : !fields.target.trim() ? '请填写目标值' : null;
  const onAdd = async () => {
    if (!clerk) return onNeedClerk();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const added = await call('plans.addRow', {
        plan,
        after: place,
        ...fields,
        ...(attribute ? { attribute } : {}),
        ...clerk,
      });
      const how = added.match === 'existing' ? `对应已有指标（${added.indicator}）` : `未找到对应的已有指标，已新建指标（${added.indicator}）`;
      setFields(EMPTY);
      setAttribute('');
      await onChanged(`已新增第${added.position}行`);
      setAfter(added.position);
      setDone(`已新增第${added.position}行“${fields.name.trim()}”：${how}`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
    <form className="toolbar add-row" aria-label="新增一行" onSubmit={(e) => e.preventDefault()}>
      <label>
        插入位置
        <select value={place} onChange={(e) => setAfter(Number(e.target.value))}>
          <option value={0}>表首</option>
          {rows.map((r) => (
            <option key={r.position} value={r.position}>
              {rowName(r)}之后
            </option>
          ))}
        </select>
      </label>
      {(Object.keys(LABELS) as (keyof typeof EMPTY)[]).map((k) => (
        <label key={k}>
          {LABELS[k][0]}
          <input value={fields[k]} size={LABELS[k][1]} onChange={(e) => setFields({ ...fields, [k]: e.target.value })} />
        </label>
      ))}
      <label>
        属性
        <select value={attribute} onChange={(e) => setAttribute(e.target.value as Attribute | '')}>
          <option value="">（空）</option>
          {ATTRIBUTES.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <button type="button" disabled={busy || missing !== null} title={missing ?? undefined} onClick={onAdd}>
        新增一行
      </button>
    </form>
    {error && <ErrorNotice error={error} />}
    {done && (
      <p className="ok" role="status">
        {done}
      </p>
    )}
    </>
  );
};
