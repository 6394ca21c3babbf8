/**
 * 下级地区对比: a plan, a year of its period and a region (by default the plan's own); every sub-region evaluated as
 * 评估 evaluates it alone, in one heat table. A region's name opens its 评估 for the same plan and year.
 */
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { fileNameOf, saveFile, type SavedFile } from '../../api/files';
import { useCall } from '../../api/useCall';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';
import { PlanSelect } from '../../components/PlanSelect';
import { RegionPicker } from '../../components/RegionPicker';
import { SavedFileNotice } from '../../components/SavedFileNotice';
import type { EvaluationTarget } from '../evaluation/EvaluationPage';
import { LeagueHeatTable } from './LeagueHeatTable';
import { noValues } from './leagueRows';
import { YearOptions } from '../../components/YearOptions';

const KIND_WORDS = { annual: '年度监测', midterm: '中期评估', final: '总结评估' } as const;

/** Last year's data, within the plan's period after its base year. */
const yearIn = (baseYear: number, targetYear: number): number => Math.min(targetYear, Math.max(baseYear + 1, new Date().getFullYear() - 1));

export const LeaguePage = ({
  initialPlan,
  onPlan,
  onEvaluate,
}: {
  initialPlan: string | null;
  onPlan: (plan: string) => void;
  onEvaluate: (target: EvaluationTarget) => void;
}) => {
  const plans = useCall('plans.list', undefined);
  const [plan, setPlan] = useState(initialPlan ?? 'chuxiong');
  const summary = plans.data?.find((p) => p.id === plan);
  const [year, setYear] = useState<number | null>(null);
  // The region whose sub-regions are compared, chosen in the tree of the plan's region ('' for the plan's own).
  const [region, setRegion] = useState('');
  useEffect(() => {
    if (!summary) return;
    setYear((y) => (y !== null && y > summary.baseYear && y <= summary.targetYear ? y : yearIn(summary.baseYear, summary.targetYear)));
  }, [summary]);
  const years = summary ? Array.from({ length: summary.targetYear - summary.baseYear }, (_, i) => summary.baseYear + 1 + i) : [];
  const ready = summary !== undefined && year !== null;
  const asked = region || summary?.region;
  const league = useCall('evaluation.league', ready ? { plan, year, ...(asked ? { region: asked } : {}) } : null);
  const table = league.data;
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [saveError, setSaveError] = useState<Error | null>(null);
  useEffect(() => setSaved(null), [table]);
  // The same table as a workbook to send the counties (A4 landscape, statuses in colour, ranks beside the values).
  const onExport = async () => {
    if (!table) return;
    setSaveError(null);
    try {
      const name = fileNameOf(`${table.regionName}各下级地区${table.year}年主要指标完成情况对比表.xlsx`);
      const r = await saveFile(name, (out) => call('export.league', { plan: table.plan, year: table.year, region: table.region, kind: table.kind, out }));
      if (r) setSaved(r.saved);
    } catch (e) {
      setSaveError(e as Error);
    }
  };

  return (
    <section aria-label="下级地区对比">
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <PlanSelect
          plans={plans.data}
          value={plan}
          onChange={(id) => {
            setPlan(id);
            setRegion('');
            onPlan(id);
          }}
        />
        <label>
          数据年份
          <select value={year ?? ''} onChange={(e) => setYear(Number(e.target.value))}>
            <YearOptions years={years} />
          </select>
        </label>
        <RegionPicker label="上级地区" placeholder="规划地区（比较其各下级地区）" root={summary?.region ?? null} value={region} onChange={(code) => setRegion(code)} />
      </form>
      {plans.error && <ErrorNotice error={plans.error} />}
      {(plans.loading || league.loading) && <Loading />}
      {league.error && <ErrorNotice error={league.error} />}
      {table && !league.loading && (
        <>
          <h2>
            {table.planTitle} · {table.regionName}各下级地区 · {table.year}年{KIND_WORDS[table.kind]}
          </h2>
          <p className="toolbar">
            <button type="button" onClick={onExport}>
              导出 Excel
            </button>
          </p>
          {saveError && <ErrorNotice error={saveError} />}
          {saved && <SavedFileNotice file={saved}>已导出对比表：</SavedFileNotice>}
          {table.columns.length === 0 ? (
            <Empty>该规划没有指标。</Empty>
          ) : (
            <>
              {noValues(table) && (
                <p className="notice empty-league">
                  {table.regionName}的{table.regions.length}个下级地区{table.year}年均无数据：请先在“导入数据”导入各地区数据，或生成填报工作簿。
                </p>
              )}
              <LeagueHeatTable table={table} onOpenRegion={(code) => onEvaluate({ plan, region: code, year: table.year })} />
            </>
          )}
        </>
      )}
    </section>
  );
};
