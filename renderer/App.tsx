/** The window: a header with the sections (领导一览, 规划, 评估, 下级地区对比, 数据, 目标分解, 导入, 导入记录) and the current page. */
import { useEffect, useState } from 'react';
import { readRoute, writeRoute } from './api/route';
import { DataPage } from './features/data/DataPage';
import { OverviewPage } from './features/overview/OverviewPage';
import { EvaluationPage, type EvaluationTarget } from './features/evaluation/EvaluationPage';
import { HistoryPage } from './features/history/HistoryPage';
import { ImportPage } from './features/import/ImportPage';
import { LeaguePage } from './features/league/LeaguePage';
import { PlansPage } from './features/plans/PlansPage';
import { TargetsPage } from './features/targets/TargetsPage';

type Page = 'overview' | 'plans' | 'evaluation' | 'league' | 'data' | 'targets' | 'import' | 'history';
const PAGES: { id: Page; label: string }[] = [
  { id: 'overview', label: '领导一览' },
  { id: 'plans', label: '规划' },
  { id: 'evaluation', label: '评估' },
  { id: 'league', label: '下级地区对比' },
  { id: 'data', label: '数据' },
  { id: 'targets', label: '目标分解' },
  { id: 'import', label: '导入数据' },
  { id: 'history', label: '导入记录' },
];

const isPage = (p: string): p is Page => PAGES.some((x) => x.id === p);

/** What the address says: the page, and for 评估 its plan, region, year and kind. */
const fromRoute = (): { page: Page; plan: string | null; evaluation: EvaluationTarget } => {
  const { page, params } = readRoute();
  const year = Number(params.year);
  const kind = params.kind === 'annual' || params.kind === 'midterm' || params.kind === 'final' ? params.kind : undefined;
  return {
    page: isPage(page) ? page : 'plans',
    plan: params.plan ?? null,
    evaluation: { plan: params.plan ?? null, ...(params.region ? { region: params.region } : {}), ...(Number.isInteger(year) && year > 0 ? { year } : {}), ...(kind ? { kind } : {}) },
  };
};

export const App = () => {
  const [start] = useState(fromRoute);
  const [page, setPage] = useState<Page>(start.page);
  const [plan, setPlan] = useState<string | null>(start.plan);
  /** What 评估 opens with: a plan, and from 下级地区对比 also a region and a year; the nav button keeps only the plan. */
  const [evaluation, setEvaluation] = useState<EvaluationTarget>(start.evaluation);
  /** Changed when Back or Forward brings another address: the page is opened afresh with what it says. */
  const [visit, setVisit] = useState(0);
  useEffect(() => {
    const onPop = () => {
      const r = fromRoute();
      setPage(r.page);
      setPlan(r.plan);
      setEvaluation(r.evaluation);
      setVisit((n) => n + 1);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const evaluate = (target: EvaluationTarget) => {
    setPlan(target.plan);
    setEvaluation(target);
    setPage('evaluation');
    writeRoute({ page: 'evaluation', params: { plan: target.plan ?? '', region: target.region ?? '', year: target.year ? String(target.year) : '' } }, 'push');
  };
  const goTo = (p: Page) => {
    if (p === 'evaluation') setEvaluation({ plan });
    setPage(p);
    writeRoute({ page: p, params: { plan: plan ?? '' } }, 'push');
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
        {page === 'overview' && <OverviewPage key={visit} initialPlan={plan} onEvaluate={(p, year) => evaluate({ plan: p, year })} />}
        {page === 'plans' && <PlansPage onEvaluate={(id) => evaluate({ plan: id })} />}
        {page === 'evaluation' && <EvaluationPage key={visit} initial={evaluation} onPlan={setPlan} />}
        {page === 'league' && <LeaguePage initialPlan={plan} onPlan={setPlan} onEvaluate={evaluate} />}
        {page === 'data' && <DataPage key={visit} initialPlan={plan} />}
        {page === 'targets' && <TargetsPage initialPlan={plan} />}
        {page === 'import' && <ImportPage />}
        {page === 'history' && <HistoryPage />}
      </main>
    </div>
  );
};
