/** One plan of the list: title, 内置 or 本单位, region, 规划期, the plan checks, and its tools when selected. */
import { Suspense } from 'react';
import type { PlanSummary } from '../../../shared/types';
import { lazyWithAntd } from '../../components/lazyWithAntd';
import { Loading } from '../../components/Notice';
import { chinese } from './planWords';

/** The tools use antd (their tables): a script of their own, fetched when a plan's 管理 is first opened. */
const PlanTools = lazyWithAntd(() => import('./PlanTools').then((m) => m.PlanTools));

export const PlanCard = ({
  plan,
  selected,
  onEvaluate,
  onSelect,
  onRemoved,
}: {
  plan: PlanSummary;
  selected: boolean;
  onEvaluate: (id: string) => void;
  onSelect: (id: string | null) => void;
  onRemoved: () => void;
}) => (
  <article className="card" aria-label={plan.title}>
    <header className="card-head">
      <h2>
        {plan.title}{' '}
        <span className={plan.builtIn ? 'tag' : 'tag own'} title={plan.builtIn ? '随工作台提供的规划' : '本单位导入的规划'}>
          {plan.builtIn ? '内置' : '本单位'}
        </span>
      </h2>
      <span className="actions">
        <button type="button" aria-expanded={selected} onClick={() => onSelect(selected ? null : plan.id)}>
          {selected ? '收起管理' : '管理'}
        </button>
        <button type="button" onClick={() => onEvaluate(plan.id)}>
          评估
        </button>
      </span>
    </header>
    <p className="muted">
      {plan.regionName}（{plan.region}）· 规划期 {plan.baseYear}—{plan.targetYear} · 主要指标 {plan.indicators} 项 · 编号 {plan.id}
    </p>
    {plan.warnings.length > 0 ? (
      <details open>
        <summary>规划文本核对：{plan.warnings.length} 条提示</summary>
        <ul className="warnings">
          {plan.warnings.map((w, i) => (
            <li key={i}>{chinese(w.message)}</li>
          ))}
        </ul>
      </details>
    ) : (
      <p className="ok">规划文本核对：未发现问题</p>
    )}
    {selected && (
      <Suspense fallback={<Loading />}>
        <PlanTools plan={plan} onRemoved={onRemoved} />
      </Suspense>
    )}
  </article>
);
