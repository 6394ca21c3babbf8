/** The window: a header with the sections (领导一览, 规划, 评估, 报告, 下级地区对比, 数据, 目标分解, 导入, 导入记录) and the current page. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { readRoute, writeRoute } from './api/route';
import type { EvaluationTarget } from './features/evaluation/EvaluationPage';
import { PlansPage } from './features/plans/PlansPage';

// The first screen (规划) comes with the page; every other section is a script of its own, fetched once the first
// screen is shown (so that opening a section later waits for nothing) or when it is opened first.
const sections = {
  overview: () => import('./features/overview/OverviewPage'),
  evaluation: () => import('./features/evaluation/EvaluationPage'),
  reports: () => import('./features/reports/ReportsPage'),
  league: () => import('./features/league/LeaguePage'),
  data: () => import('./features/data/DataPage'),
  targets: () => import('./features/targets/TargetsPage'),
  import: () => import('./features/import/ImportPage'),
  history: () => import('./features/history/HistoryPage'),
  antd: () => import('./components/AntdScope'),
};
const OverviewPage = lazy(() => sections.overview().then((m) => ({ default: m.OverviewPage })));
const EvaluationPage = lazy(() => sections.evaluation().then((m) => ({ default: m.EvaluationPage })));
const ReportsPage = lazy(() => sections.reports().then((m) => ({ default: m.ReportsPage })));
const LeaguePage = lazy(() => sections.league().then((m) => ({ default: m.LeaguePage })));
const DataPage = lazy(() => sections.data().then((m) => ({ default: m.DataPage })));
const TargetsPage = lazy(() => sections.targets().then((m) => ({ default: m.TargetsPage })));
const ImportPage = lazy(() => sections.import().then((m) => ({ default: m.ImportPage })));
const HistoryPage = lazy(() => sections.history().then((m) => ({ default: m.HistoryPage })));

/** antd's Chinese setting, for the sections after the first screen (components/AntdScope.tsx). */
const AntdScope = lazy(() => import('./components/AntdScope'));

/** Shown for the moment a section's script takes to arrive (its first opening only). */
const Opening = () => (
  <p className="muted" role="status">
    正在打开…
  </p>
);

type Page = 'overview' | 'plans' | 'evaluation' | 'reports' | 'league' | 'data' | 'targets' | 'import' | 'history';
const PAGES: { id: Page; label: string }[] = [
  { id: 'overview', label: '领导一览' },
  { id: 'plans', label: '规划' },
  { id: 'evaluation', label: '评估' },
  { id: 'reports', label: '报告' },
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
    // The other sections' scripts, fetched while the clerk reads the first screen.
    const prefetch = window.setTimeout(() => Object.values(sections).forEach((load) => void load().catch(() => {})), 300);
    return () => window.clearTimeout(prefetch);
  }, []);
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
    if (p === 'evaluation' || p === 'reports') setEvaluation({ plan });
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
        <Suspense fallback={<Opening />}>
          {page === 'plans' ? (
            <PlansPage onEvaluate={(id) => evaluate({ plan: id })} />
          ) : (
            <AntdScope>
              {page === 'overview' && <OverviewPage key={visit} initialPlan={plan} onEvaluate={(p, year) => evaluate({ plan: p, year })} />}
              {page === 'evaluation' && <EvaluationPage key={visit} initial={evaluation} onPlan={setPlan} />}
              {page === 'reports' && <ReportsPage key={visit} initial={evaluation} onPlan={setPlan} />}
              {page === 'league' && <LeaguePage initialPlan={plan} onPlan={setPlan} onEvaluate={evaluate} />}
              {page === 'data' && <DataPage key={visit} initialPlan={plan} />}
              {page === 'targets' && <TargetsPage initialPlan={plan} />}
              {page === 'import' && <ImportPage onHistory={() => goTo('history')} />}
              {page === 'history' && <HistoryPage />}
            </AntdScope>
          )}
        </Suspense>
      </main>
    </div>
  );
};
