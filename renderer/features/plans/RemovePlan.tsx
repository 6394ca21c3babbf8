/** 删除规划, asked twice in the page itself: the first click shows what goes, the second removes it. */
import { useState } from 'react';
import type { PlanSummary } from '../../../shared/types';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/Notice';

export const RemovePlan = ({ plan, onRemoved }: { plan: PlanSummary; onRemoved: () => void }) => {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const onRemove = async () => {
    setError(null);
    setBusy(true);
    try {
      await call('plans.remove', { plan: plan.id });
      onRemoved();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tool">
      <h3>删除规划</h3>
      {!asking ? (
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          删除规划
        </button>
      ) : (
        <div className="confirm" role="group" aria-label="确认删除">
          <p>
            确定删除“{plan.title}”（{plan.id}）吗？规划、调整和判断记录一并删除，已导入的统计数据保留。
            {plan.builtIn ? '这是内置规划。' : ''}
          </p>
          <button type="button" className="danger" disabled={busy} onClick={onRemove}>
            确认删除
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            取消
          </button>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
};
