/**
 * 定性指标判断: the bureau's judgement of a row whose target is words (基本实现, 显著提升 …) for one year (→ plans.judge).
 * The rows offered are those the evaluation of that year says need a judgement, with the judgement already given.
 */
import { useState } from 'react';
import type { Api } from '../../../shared/api';
import type { PlanSummary } from '../../../shared/types';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorNotice } from '../../components/Notice';
import { JUDGEMENT_WORDS } from './planWords';
import { YearOptions } from '../../components/YearOptions';

type Result = 'met' | 'unmet' | 'unknown';

export const JudgeForm = ({ plan, onChanged }: { plan: PlanSummary; onChanged: () => void }) => {
  const years = Array.from({ length: plan.targetYear - plan.baseYear }, (_, i) => plan.baseYear + 1 + i);
  const [year, setYear] = useState(years[0] ?? plan.targetYear);
  const [refresh, setRefresh] = useState(0);
  const evaluation = useCall('evaluation.run', { plan: plan.id, year }, refresh);
  const rows = (evaluation.data?.rows ?? []).filter((r) => r.judgement !== undefined && r.seq !== '');
  const [seq, setSeq] = useState('');
  const [result, setResult] = useState<Result>('met');
  const [note, setNote] = useState('');
  const [by, setBy] = useState('');
  const [done, setDone] = useState<Api['plans.judge']['output'] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const row = rows.find((r) => r.seq === seq) ?? rows[0];
  const missing = !row ? '本年没有需判断的定性指标' : !note.trim() ? '请填写说明' : !by.trim() ? '请填写经办人' : null;
  const onSave = async () => {
    if (!row) return;
    setError(null);
    setDone(null);
    try {
      setDone(await call('plans.judge', { plan: plan.id, seq: row.seq, year, result, note: note.trim(), by: by.trim() }));
      setRefresh((n) => n + 1);
      onChanged();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <div className="tool">
      <h3>定性指标判断</h3>
      {evaluation.error && <ErrorNotice error={evaluation.error} />}
      <form className="toolbar" aria-label="定性指标判断" onSubmit={(e) => e.preventDefault()}>
        <label>
          年份
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            <YearOptions years={years} />
          </select>
        </label>
        <label>
          序号
          <select value={row?.seq ?? ''} onChange={(e) => setSeq(e.target.value)}>
            {rows.map((r) => (
              <option key={r.seq} value={r.seq}>
                {r.seq} {r.name}（{r.target}）{r.judgement ? ` 已判断：${JUDGEMENT_WORDS[r.judgement.result]}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          判断结果
          <select value={result} onChange={(e) => setResult(e.target.value as Result)}>
            {(Object.keys(JUDGEMENT_WORDS) as Result[]).map((k) => (
              <option key={k} value={k}>
                {JUDGEMENT_WORDS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          说明
          <input value={note} size={24} placeholder="判断的依据" onChange={(e) => setNote(e.target.value)} />
        </label>
        <label>
          经办人
          <input value={by} size={8} onChange={(e) => setBy(e.target.value)} />
        </label>
        <button type="button" disabled={missing !== null} title={missing ?? undefined} onClick={onSave}>
          保存判断
        </button>
      </form>
      {!evaluation.loading && rows.length === 0 && <p className="muted">该规划没有定性指标。</p>}
      {row?.judgement && (
        <p className="muted">
          {year}年第{row.seq}项已判断为“{JUDGEMENT_WORDS[row.judgement.result]}”：{row.judgement.note}（{row.judgement.by}）
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {done && (
        <p className="ok">
          已保存：{done.year}年第{done.seq}项“{done.name}”判断为{JUDGEMENT_WORDS[done.result]}
        </p>
      )}
    </div>
  );
};
