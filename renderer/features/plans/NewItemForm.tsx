/**
 * 新建统计项 beside a new indicator's formula: a figure the plan needs that the catalogue lacks (name, unit, whether
 * it adds up over sub-regions, stock or flow, who defines it) → items.create; its code goes into the formula.
 */
import { useState } from 'react';
import type { Api } from '../../../shared/api';
import { call } from '../../api/client';
import { chinese } from './planWords';

type Item = Api['items.create']['output'];

export const NewItemForm = ({ label, onCreated, onClose }: { label: string; onCreated: (item: Item) => void; onClose: () => void }) => {
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [aggregation, setAggregation] = useState<'sum' | 'none'>('sum');
  const [nature, setNature] = useState<'stock' | 'flow'>('stock');
  const [by, setBy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Item | null>(null);
  const missing = !name.trim() ? '请填写名称' : !by.trim() ? '请填写经办人' : null;
  const onCreate = async () => {
    setError(null);
    setCreated(null);
    setBusy(true);
    try {
      const item = await call('items.create', { name: name.trim(), unit: unit.trim(), aggregation, nature, by: by.trim() });
      setCreated(item);
      onCreated(item);
    } catch (e) {
      setError(chinese((e as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="new-item" role="group" aria-label={`${label}新建统计项`}>
      <div className="new-item-fields">
        <label>
          名称
          <input value={name} size={14} placeholder="如 护理型床位数" onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          单位
          <input value={unit} size={7} placeholder="如 张" onChange={(e) => setUnit(e.target.value)} />
        </label>
        <label title="县市的数相加即为州市的数（人数、床位数、金额）；比率、标准选“否”">
          下级相加
          <select value={aggregation} onChange={(e) => setAggregation(e.target.value as 'sum' | 'none')}>
            <option value="sum">是</option>
            <option value="none">否</option>
          </select>
        </label>
        <label title="时点数：年末的数（如床位数）；时期数：一年累计的数（如救助人次）">
          性质
          <select value={nature} onChange={(e) => setNature(e.target.value as 'stock' | 'flow')}>
            <option value="stock">时点数</option>
            <option value="flow">时期数</option>
          </select>
        </label>
        <label>
          经办人
          <input value={by} size={6} onChange={(e) => setBy(e.target.value)} />
        </label>
      </div>
      <div className="new-item-actions">
        <button type="button" disabled={busy || missing !== null} title={missing ?? undefined} onClick={onCreate}>
          {busy ? '正在新建…' : '新建'}
        </button>
        <button type="button" onClick={onClose}>
          {created ? '收起' : '取消'}
        </button>
        {created && (
          <span className="ok" role="status">
            已新建“{created.name}”，代码 <code>{created.code}</code>，已填入公式
          </span>
        )}
      </div>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
};
