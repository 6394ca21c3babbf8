/** The window: a header with the sections (规划, 评估, 目标分解, 导入, 导入记录) and the current page. */
import { useState } from 'react';
import { EvaluationPage } from './features/evaluation/EvaluationPage';
import { HistoryPage } from './features/history/HistoryPage';
import { ImportPage } from './features/import/ImportPage';
import { PlansPage } from './features/plans/PlansPage';
import { TargetsPage } from './features/targets/TargetsPage';

type Page = 'plans' | 'evaluation' | 'targets' | 'import' | 'history';
const PAGES: { id: Page; label: string }[] = [
  { id: 'plans', label: '规划' },
  { id: 'evaluation', label: '评估' },
  { id: 'targets', label: '目标分解' },
  { id: 'import', label: '导入数据' },
  { id: 'history', label: '导入记录' },
];

export const App = () => {
  const [page, setPage] = useState<Page>('plans');
  const [plan, setPlan] = useState<string | null>(null);
  return (
    <div className="app">
      <header className="top">
        <h1>规划监测评估工作台</h1>
        <nav aria-label="功能">
          {PAGES.map((p) => (
            <button key={p.id} type="button" aria-current={page === p.id ? 'page' : undefined} onClick={() => setPage(p.id)}>
              {p.label}
            </button>
          ))}
        </nav>
      </header>
      <main>
        {page === 'plans' && (
          <PlansPage
            onEvaluate={(id) => {
              setPlan(id);
              setPage('evaluation');
            }}
          />
        )}
        {page === 'evaluation' && <EvaluationPage initialPlan={plan} />}
        {page === 'targets' && <TargetsPage initialPlan={plan} />}
        {page === 'import' && <ImportPage />}
        {page === 'history' && <HistoryPage />}
      </main>
    </div>
  );
};
