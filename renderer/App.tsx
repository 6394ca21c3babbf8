/** The window: a header with the sections (规划, 评估, 下级地区对比, 数据, 目标分解, 导入, 导入记录) and the current page. */
import { useState } from 'react';
import { DataPage } from './features/data/DataPage';
import { EvaluationPage, type EvaluationTarget } from './features/evaluation/EvaluationPage';
import { HistoryPage } from './features/history/HistoryPage';
import { ImportPage } from './features/import/ImportPage';
import { LeaguePage } from './features/league/LeaguePage';
import { PlansPage } from './features/plans/PlansPage';
import { TargetsPage } from './features/targets/TargetsPage';

type Page = 'plans' | 'evaluation' | 'league' | 'data' | 'targets' | 'import' | 'history';
const PAGES: { id: Page; label: string }[] = [
  { id: 'plans', label: '规划' },
  { id: 'evaluation', label: '评估' },
  { id: 'league', label: '下级地区对比' },
  { id: 'data', label: '数据' },
  { id: 'targets', label: '目标分解' },
  { id: 'import', label: '导入数据' },
  { id: 'history', label: '导入记录' },
];

export const App = () => {
  const [page, setPage] = useState<Page>('plans');
  const [plan, setPlan] = useState<string | null>(null);
  /** What 评估 opens with: a plan, and from 下级地区对比 also a region and a year; the nav button keeps only the plan. */
  const [evaluation, setEvaluation] = useState<EvaluationTarget>({ plan: null });
  const evaluate = (target: EvaluationTarget) => {
    setPlan(target.plan);
    setEvaluation(target);
    setPage('evaluation');
  };
  const goTo = (p: Page) => {
    if (p === 'evaluation') setEvaluation({ plan });
    setPage(p);
  };
  return (
    <div className="app">
      <header className="top">
        <h1>规划监测评估工作台</h1>
        <nav aria-label="功能">
          {PAGES.map((p) => (
            <button key={p.id} type="button" aria-current={page === p.id ? 'page' : undefined} onClick={() => goTo(p.id)}>
              {p.label}
            </button>
          ))}
        </nav>
      </header>
      <main>
        {page === 'plans' && <PlansPage onEvaluate={(id) => evaluate({ plan: id })} />}
        {page === 'evaluation' && <EvaluationPage initial={evaluation} />}
        {page === 'league' && <LeaguePage initialPlan={plan} onPlan={setPlan} onEvaluate={evaluate} />}
        {page === 'data' && <DataPage initialPlan={plan} />}
        {page === 'targets' && <TargetsPage initialPlan={plan} />}
        {page === 'import' && <ImportPage />}
        {page === 'history' && <HistoryPage />}
      </main>
    </div>
  );
};
