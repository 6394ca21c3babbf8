/**
 * The decision cell of one row of a plan as read: an existing indicator instead of a new one when the name is close
 * to a known one, or, for a new indicator, an optional formula over items and a direction. Changes go up at once
 * (a choice) or when the formula box is left (a formula), so the page reads the plan again with them. 新建统计项
 * defines an item the formula needs and puts its code into the formula.
 */
import { useEffect, useState } from 'react';
import type { PlanImportRowDto, PlanRowChoice } from '../../../shared/api';
import { NewItemForm } from './NewItemForm';

type Candidate = { code: string; name: string; unit: string };

export const RowDecision = ({
  row,
  position,
  candidates,
  choice,
  disabled,
  onChoose,
}: {
  row: PlanImportRowDto;
  position: number;
  candidates: Candidate[];
  choice: PlanRowChoice | undefined;
  disabled: boolean;
  onChoose: (choice: PlanRowChoice) => void;
}) => {
  const [formula, setFormula] = useState(choice?.formula ?? '');
  const [defining, setDefining] = useState(false);
  useEffect(() => setFormula(choice?.formula ?? ''), [choice?.formula]);
  const label = `第${position}行（${row.seq ? `第${row.seq}项` : row.name}）`;
  const chosen = choice?.indicator ?? '';
  const applyFormula = (text = formula) => {
    if (text.trim() !== (choice?.formula ?? '')) onChoose({ position, ...(text.trim() ? { formula: text.trim() } : {}), ...(choice?.direction ? { direction: choice.direction } : {}) });
  };
  /** A new item's code: the whole formula when it is empty, else added where the clerk stopped typing ("a / " + code). */
  const insertItem = (code: string) => {
    const text = formula.trim() === '' ? code : `${formula.trimEnd()} ${code}`;
    setFormula(text);
    applyFormula(text);
  };
  return (
    <div className="decision">
      {candidates.length > 0 && (
        <label className={chosen ? undefined : 'decide'} title="名称与已有指标相近：同一指标请选它，否则保持新建">
          <span>请选择：</span>
          <select aria-label={`${label}对应指标`} value={chosen} disabled={disabled} onChange={(e) => onChoose(e.target.value ? { position, indicator: e.target.value } : { position })}>
            <option value="">新建指标</option>
            {candidates.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}（{c.unit}）
              </option>
            ))}
          </select>
        </label>
      )}
      {!chosen && row.match === 'new' && row.targetKind !== 'qualitative' && (
        <span className="decision-new">
          <input
            aria-label={`${label}公式`}
            value={formula}
            placeholder={row.formula ?? '公式（可不填）'}
            title="由统计项代码计算，如 dibao_urban；不填则逐年直接填报"
            size={16}
            disabled={disabled}
            onChange={(e) => setFormula(e.target.value)}
            onBlur={() => applyFormula()}
            onKeyDown={(e) => e.key === 'Enter' && applyFormula()}
          />
          <button type="button" className="small-button" aria-expanded={defining} disabled={disabled} title="公式需要的统计项不在目录中时，在此新建" onClick={() => setDefining(!defining)}>
            新建统计项
          </button>
          <select
            aria-label={`${label}方向`}
            value={choice?.direction ?? ''}
            disabled={disabled}
            onChange={(e) => {
              const direction = e.target.value as '' | 'increase' | 'decrease';
              onChoose({ position, ...(choice?.formula ? { formula: choice.formula } : {}), ...(direction ? { direction } : {}) });
            }}
          >
            <option value="">方向自动</option>
            <option value="increase">提高</option>
            <option value="decrease">降低</option>
          </select>
        </span>
      )}
      {defining && !chosen && row.match === 'new' && row.targetKind !== 'qualitative' && (
        <NewItemForm label={label} onCreated={(item) => insertItem(item.code)} onClose={() => setDefining(false)} />
      )}
      {row.preview && (
        <span className="muted small">
          预览：{row.preview.year}年 {row.preview.value ?? '无数据'} {row.preview.value !== null ? row.preview.unit : ''}
        </span>
      )}
    </div>
  );
};
