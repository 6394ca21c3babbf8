/** Choose plan, region, year and kind; see the evaluated table, the scoreboard and the warnings; export to Excel. */
import { useState } from 'react';
import { scoreboardSentence } from '../../../shared/evaluation/status-labels';
import type { EvaluationKind } from '../../../shared/types';
import { call, downloadUrl, exportsDir } from '../../api/client';
import { useCall } from '../../api/useCall';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';
import { PlanSelect } from '../../components/PlanSelect';
import { IndicatorTable } from './IndicatorTable';
import { ParagraphsForm } from './ParagraphsForm';

type ReportKind = EvaluationKind | 'summary' | 'table';

const REPORT_NAMES: Record<ReportKind, string> = { annual: '年度监测报告', midterm: '中期评估报告', final: '总结评估报告', summary: '评估摘要', table: '指标完成情况表' };

/** The latest year a bureau evaluates: last year's data, within the plan period (2025 once it is over). */
const defaultYear = (): number => Math.min(2025, Math.max(2021, new Date().getFullYear() - 1));

const KINDS: { value: EvaluationKind | ''; label: string }[] = [
  { value: '', label: '按年份自动' },
  { value: 'annual', label: '年度监测' },
  { value: 'midterm', label: '中期评估' },
  { value: 'final', label: '总结评估' },
];

export const EvaluationPage = ({ initialPlan }: { initialPlan: string | null }) => {
  const plans = useCall('plans.list', undefined);
  const [plan, setPlan] = useState<string>(initialPlan ?? 'chuxiong');
  const [region, setRegion] = useState('');
  const [year, setYear] = useState(defaultYear);
  const [kind, setKind] = useState<EvaluationKind | ''>('');
  const [exported, setExported] = useState<string | null>(null);
  const input = { plan, year, ...(region.trim() ? { region: region.trim() } : {}), ...(kind ? { kind } : {}) };
  const result = useCall('evaluation.run', input);
  const chart = useCall('evaluation.chart', input);

  // The report follows the evaluation's kind (2023 → 中期评估报告, 2025 → 总结评估报告) until the user picks another.
  const [chosenReport, setChosenReport] = useState<ReportKind | null>(null);
  const reportKind: ReportKind = chosenReport ?? result.data?.kind ?? 'midterm';
  const [reportFormat, setReportFormat] = useState<'pdf' | 'docx'>('pdf');
  const [reportError, setReportError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const onReport = async () => {
    setReportError(null);
    setBusy(true);
    try {
      const dir = await exportsDir();
      const kindName = REPORT_NAMES[reportKind];
      const name = `${plan}-${region.trim() || 'plan'}-${year}-${kindName}.${reportFormat}`;
      await call('reports.write', { plan, year, kind: reportKind, out: `${dir}/${name}`, ...(region.trim() ? { region: region.trim() } : {}) });
      setExported(window.workbench ? `${dir}/${name}` : name);
    } catch (e) {
      setReportError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const onExport = async () => {
    const dir = await exportsDir();
    const name = `${plan}-${region.trim() || 'plan'}-${year}-指标完成情况表.xlsx`;
    await call('export.evaluation', { ...input, out: `${dir}/${name}` });
    setExported(window.workbench ? `${dir}/${name}` : name);
  };

  return (
    <section aria-label="评估">
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <PlanSelect plans={plans.data} value={plan} onChange={setPlan} />
        <label>
          地区代码
          <input value={region} placeholder="默认为规划地区" onChange={(e) => setRegion(e.target.value)} size={12} />
        </label>
        <label>
          数据年份
          <select
            value={year}
            onChange={(e) => {
              setYear(Number(e.target.value));
              setChosenReport(null);
            }}
          >
            {[2021, 2022, 2023, 2024, 2025].map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        </label>
        <label>
          评估类型
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as EvaluationKind | '');
              setChosenReport(null);
            }}
          >
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={onExport} disabled={!result.data}>
          导出 Excel
        </button>
        <label>
          报告
          <select value={reportKind} onChange={(e) => setChosenReport(e.target.value as ReportKind)}>
            {(Object.keys(REPORT_NAMES) as ReportKind[]).map((k) => (
              <option key={k} value={k}>
                {k === 'summary' ? '评估摘要（一页）' : REPORT_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          格式
          <select value={reportFormat} onChange={(e) => setReportFormat(e.target.value as 'pdf' | 'docx')}>
            <option value="pdf">PDF</option>
            <option value="docx">Word</option>
          </select>
        </label>
        <button type="button" onClick={onReport} disabled={!result.data || busy}>
          {busy ? '正在生成…' : '生成报告'}
        </button>
      </form>
      {reportError && <ErrorNotice error={reportError} />}
      {exported && (
        <p className="ok">
          已导出：{window.workbench ? exported : <a href={downloadUrl(exported)}>{exported}</a>}
        </p>
      )}
      {result.loading && <Loading />}
      {result.error && <ErrorNotice error={result.error} />}
      {result.data && result.data.rows.length === 0 && <Empty>该规划没有指标。</Empty>}
      {result.data && (
        <>
          <h2>
            {result.data.planTitle} · {result.data.regionName} · {result.data.year}年
            {{ annual: '年度监测', midterm: '中期评估', final: '总结评估' }[result.data.kind]}
          </h2>
          <p className="scoreboard">
            时序进度 {Math.round(result.data.timeProgress * 100)}%：{scoreboardSentence(result.data)}。
          </p>
          <IndicatorTable result={result.data} />
          {chart.data?.svg && (
            <figure className="chart" aria-label="完成进度与时序进度">
              {/* The same ECharts SVG the PDF reports draw, made by the services. */}
              <div dangerouslySetInnerHTML={{ __html: chart.data.svg }} />
            </figure>
          )}
          <ParagraphsForm input={{ plan, year, kind: result.data.kind, ...(region.trim() ? { region: region.trim() } : {}) }} />
          {result.data.warnings.length > 0 && (
            <ul className="warnings">
              {result.data.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
          <p className="muted">* 基期值取自本地区2020年数据（规划未列基期值，或为下级地区）。</p>
        </>
      )}
    </section>
  );
};
