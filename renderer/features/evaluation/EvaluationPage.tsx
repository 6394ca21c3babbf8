/** Choose plan, region, year and kind; see the evaluated table, the scoreboard and the warnings; export to Excel. */
import { useEffect, useRef, useState } from 'react';
import { scoreboardSentence } from '../../../shared/evaluation/status-labels';
import type { EvaluationKind } from '../../../shared/types';
import { call } from '../../api/client';
import { writeRoute } from '../../api/route';
import { fileNameOf, saveFile, type SavedFile } from '../../api/files';
import { useCall } from '../../api/useCall';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';
import { PlanSelect } from '../../components/PlanSelect';
import { RegionPicker } from '../../components/RegionPicker';
import { SavedFileNotice } from '../../components/SavedFileNotice';
import { CompletionChart } from './CompletionChart';
import { IndicatorTable } from './IndicatorTable';
import { IssuedList, IssueForm } from './IssuedReports';
import { ParagraphsForm } from './ParagraphsForm';
import { YearOptions } from '../../components/YearOptions';
import { REPORT_NAMES, type ReportKind } from '../reports/kinds';
import { ReportKindOptions } from '../reports/ReportKindOptions';


/** The latest year a bureau evaluates: last year's data, within the plan period (2025 once it is over). */
const defaultYear = (): number => Math.min(2025, Math.max(2021, new Date().getFullYear() - 1));

const KINDS: { value: EvaluationKind | ''; label: string }[] = [
  { value: '', label: '按年份自动' },
  { value: 'annual', label: '年度监测' },
  { value: 'midterm', label: '中期评估' },
  { value: 'final', label: '总结评估' },
];

/** What the page opens with: a plan (from 规划), and a region and a year too (from 下级地区对比). */
export interface EvaluationTarget {
  plan: string | null;
  region?: string;
  year?: number;
  kind?: EvaluationKind;
}

export const EvaluationPage = ({ initial, onPlan }: { initial: EvaluationTarget; onPlan?: (plan: string) => void }) => {
  const plans = useCall('plans.list', undefined);
  const [plan, setPlan] = useState<string>(initial.plan ?? 'chuxiong');
  // The region chosen in the tree of the plan's region ('' for the plan's own).
  const [region, setRegion] = useState(initial.region ?? '');
  // Another plan is of another region: its evaluation starts at the plan's own.
  const firstPlan = useRef(plan);
  useEffect(() => {
    if (plan !== firstPlan.current) setRegion('');
    firstPlan.current = plan;
  }, [plan]);
  const [year, setYear] = useState(initial.year ?? defaultYear);
  const [kind, setKind] = useState<EvaluationKind | ''>(initial.kind ?? '');
  // The choices are kept in the address: a reload opens the same evaluation.
  useEffect(() => {
    writeRoute({ page: 'evaluation', params: { plan, region: region.trim(), year: String(year), kind } }, 'replace');
    onPlan?.(plan);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan, region, year, kind]);
  const [exported, setExported] = useState<SavedFile | null>(null);
  const input = { plan, year, ...(region.trim() ? { region: region.trim() } : {}), ...(kind ? { kind } : {}) };
  const result = useCall('evaluation.run', input);
  const summary = plans.data?.find((p) => p.id === plan);
  const targetYear = summary?.targetYear ?? 2025;
  // The years of the plan's period after its base year (2021–2025 for a 十四五 plan, 2026–2030 for a 十五五 one).
  const years = summary ? Array.from({ length: summary.targetYear - summary.baseYear }, (_, i) => summary.baseYear + 1 + i) : [2021, 2022, 2023, 2024, 2025];
  useEffect(() => {
    if (summary && !years.includes(year)) setYear(Math.min(summary.targetYear, Math.max(summary.baseYear + 1, new Date().getFullYear() - 1)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [summary?.id]);

  // A message about a file belongs to the evaluation it was made from: it goes when the choice changes, and a file
  // finished after the choice changed is not announced under the new heading.
  const scope = JSON.stringify(input);
  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  useEffect(() => {
    setExported(null);
    setReportError(null);
  }, [scope]);
  // 楚雄州2023年中期评估报告.pdf: what the save dialog suggests, and the download's name in browser mode.
  const fileName = (what: string, ext: string): string => fileNameOf(`${result.data?.regionName ?? plan}${year}年${what}.${ext}`);

  // The report follows the evaluation's kind (2023 → 中期评估报告, 2025 → 总结评估报告) until the user picks another.
  const [chosenReport, setChosenReport] = useState<ReportKind | null>(null);
  const reportKind: ReportKind = chosenReport ?? result.data?.kind ?? 'midterm';
  const [reportFormat, setReportFormat] = useState<'pdf' | 'docx'>('pdf');
  const [reportError, setReportError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [checks, setChecks] = useState(false);
  const [issued, setIssued] = useState(0);
  /**
   * Writes one file (a report or the Excel table) where the user chooses, announcing it or its error only if the
   * choice is unchanged; nothing is written when the save dialog is cancelled.
   */
  const produce = async (name: string, write: (out: string) => Promise<{ file: string }>) => {
    const started = scopeRef.current;
    setReportError(null);
    setExported(null);
    setBusy(true);
    try {
      const r = await saveFile(name, write);
      if (r && scopeRef.current === started) setExported(r.saved);
    } catch (e) {
      if (scopeRef.current === started) setReportError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const onReport = () =>
    produce(fileName(REPORT_NAMES[reportKind], reportFormat), (out) =>
      call('reports.write', { plan, year, kind: reportKind, out, ...(checks ? { checks } : {}), ...(region.trim() ? { region: region.trim() } : {}) }),
    );
  const onExport = () => produce(fileName('指标完成情况表', 'xlsx'), (out) => call('export.evaluation', { ...input, out }));

  return (
    <section aria-label="评估">
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <PlanSelect plans={plans.data} value={plan} onChange={setPlan} />
        <RegionPicker root={summary?.region ?? null} value={region} onChange={setRegion} />
        <label>
          数据年份
          <select
            value={year}
            onChange={(e) => {
              const y = Number(e.target.value);
              setYear(y);
              setChosenReport(null);
              // A kind that does not fit the year (总结评估 is of the target year only) goes back to the year's own.
              if ((kind === 'final') !== (y === targetYear) && kind !== '') setKind('');
            }}
          >
            <YearOptions years={years} />
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
              <option key={k.value} value={k.value} disabled={k.value !== '' && (k.value === 'final') !== (year === targetYear)}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={onExport} disabled={!result.data || busy}>
          导出 Excel
        </button>
        <label>
          报告
          <select value={reportKind} onChange={(e) => setChosenReport(e.target.value as ReportKind)}>
            <ReportKindOptions year={year} targetYear={targetYear} />
          </select>
        </label>
        <label>
          格式
          <select value={reportFormat} onChange={(e) => setReportFormat(e.target.value as 'pdf' | 'docx')}>
            <option value="pdf">PDF</option>
            <option value="docx">Word</option>
          </select>
        </label>
        <label className="check" title="规划指标口径核对和数据核验（部分不超过整体、较上年异常变化、与同级地区差异过大），供本单位核对，不随报告报送">
          <input type="checkbox" checked={checks} onChange={(e) => setChecks(e.target.checked)} />
          附内部核对材料
        </label>
        <button type="button" onClick={onReport} disabled={!result.data || busy}>
          {busy ? '正在生成…' : '生成报告'}
        </button>
        <button type="button" onClick={() => setIssuing(!issuing)} disabled={!result.data} aria-expanded={issuing}>
          签发…
        </button>
      </form>
      {issuing && result.data && (
        <IssueForm
          input={{ plan, year, kind: reportKind, ...(region.trim() ? { region: region.trim() } : {}) }}
          fileName={`${result.data.regionName}${year}年${REPORT_NAMES[reportKind]}`}
          format={reportFormat}
          onIssued={() => setIssued((n) => n + 1)}
          onCancel={() => setIssuing(false)}
        />
      )}
      {reportError && <ErrorNotice error={reportError} />}
      {exported && <SavedFileNotice file={exported}>已导出：</SavedFileNotice>}
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
          {/* Another plan: no row of the last one stays open. */}
          <IndicatorTable key={result.data.plan} result={result.data} tables={summary?.tables} />
          <CompletionChart result={result.data} />
          <ParagraphsForm input={{ plan, year, kind: result.data.kind, ...(region.trim() ? { region: region.trim() } : {}) }} />
          {result.data.warnings.length > 0 && (
            <ul className="warnings">
              {result.data.warnings.map((w, i) => (
                <li key={i}>{w.split(' / ')[0]}</li>
              ))}
            </ul>
          )}
          {result.data.rows.some((r) => r.baselineSource === 'data') && <p className="muted">* 基期值取自本地区2020年数据（规划未列基期值，或为下级地区）。</p>}
        </>
      )}
      <IssuedList plan={plan} refresh={issued} />
    </section>
  );
};
