/**
 * 报告: choose plan, region, year, kind and the date printed on it; see the report in the page before saving it
 * (the PDF the services make, drawn by pdf.js), then save it as PDF or Word, or print it. The seconds it takes are
 * counted while it is built. Built-in templates; a template of the bureau's own is given to `pwb report --template`.
 */
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { fileNameOf, saveFile, type SavedFile } from '../../api/files';
import { writeRoute } from '../../api/route';
import { useCall } from '../../api/useCall';
import { ErrorNotice } from '../../components/Notice';
import { PdfPreview, printPreview } from '../../components/PdfPreview';
import { PlanSelect } from '../../components/PlanSelect';
import { RegionPicker } from '../../components/RegionPicker';
import { SavedFileNotice } from '../../components/SavedFileNotice';
import { YearOptions } from '../../components/YearOptions';
import { kindFits, REPORT_NAMES, type ReportKind } from './kinds';
import { ReportKindOptions } from './ReportKindOptions';

export interface ReportsTarget {
  plan: string | null;
  region?: string;
  year?: number;
}

/** Seconds since `since`, updated each second while `since` is set. */
const useElapsed = (since: number | null): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
};

export const ReportsPage = ({ initial, onPlan }: { initial: ReportsTarget; onPlan?: (plan: string) => void }) => {
  const plans = useCall('plans.list', undefined);
  const [plan, setPlan] = useState(initial.plan ?? 'chuxiong');
  const [region, setRegion] = useState(initial.region ?? '');
  const [regionName, setRegionName] = useState<string | null>(null);
  const summary = plans.data?.find((p) => p.id === plan);
  const years = summary ? Array.from({ length: summary.targetYear - summary.baseYear }, (_, i) => summary.baseYear + 1 + i) : [];
  const targetYear = summary?.targetYear ?? 2025;
  const [year, setYear] = useState(initial.year ?? Math.min(2025, Math.max(2021, new Date().getFullYear() - 1)));
  const [kind, setKind] = useState<ReportKind>('midterm');
  const [date, setDate] = useState('');
  const [checks, setChecks] = useState(false);
  const firstPlan = useRef(plan);
  useEffect(() => {
    if (plan !== firstPlan.current) setRegion('');
    firstPlan.current = plan;
    onPlan?.(plan);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan]);
  useEffect(() => {
    if (summary && !years.includes(year)) setYear(Math.min(summary.targetYear, Math.max(summary.baseYear + 1, new Date().getFullYear() - 1)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [summary?.id]);
  // A kind that does not fit the year becomes the one that does (中期 ↔ 总结).
  useEffect(() => {
    if (!kindFits(kind, year, targetYear)) setKind(year === targetYear ? 'final' : 'midterm');
  }, [kind, year, targetYear]);
  useEffect(() => writeRoute({ page: 'reports', params: { plan, region, year: String(year) } }, 'replace'), [plan, region, year]);

  const input = { plan, year, kind, ...(region ? { region } : {}), ...(date.trim() ? { date: date.trim() } : {}), ...(checks ? { checks } : {}) };
  const scope = JSON.stringify(input);
  const [preview, setPreview] = useState<{ pdf: string; scope: string } | null>(null);
  const [building, setBuilding] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const elapsed = useElapsed(building);
  // A preview or a saved file belongs to the choices it was made from.
  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  useEffect(() => {
    setSaved(null);
    setError(null);
  }, [scope]);

  const build = async (work: () => Promise<void>) => {
    setError(null);
    setSaved(null);
    setBuilding(Date.now());
    const started = scope;
    try {
      await work();
    } catch (e) {
      // An error belongs to the choices it was made for, as a preview does.
      if (scopeRef.current === started) setError(e as Error);
    } finally {
      setBuilding(null);
    }
  };
  const onPreview = () =>
    build(async () => {
      const started = scope;
      const r = await call('reports.preview', input);
      if (scopeRef.current === started) setPreview({ pdf: r.pdf, scope: started });
    });
  // 双柏县2023年中期评估报告.pdf, as 评估 names it.
  const fileName = (ext: 'pdf' | 'docx') => fileNameOf(`${(region && regionName) || summary?.regionName || plan}${year}年${REPORT_NAMES[kind]}.${ext}`);
  const onSave = (format: 'pdf' | 'docx') =>
    build(async () => {
      const r = await saveFile(fileName(format), (out) => call('reports.write', { ...input, out }));
      if (r) setSaved(r.saved);
    });
  const current = preview?.scope === scope ? preview : null;

  return (
    <section aria-label="报告">
      <form className="toolbar no-print" onSubmit={(e) => e.preventDefault()}>
        <PlanSelect plans={plans.data} value={plan} onChange={setPlan} />
        <RegionPicker
          root={summary?.region ?? null}
          value={region}
          onChange={(code, name) => {
            setRegion(code);
            setRegionName(name);
          }}
        />
        <label>
          数据年份
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            <YearOptions years={years} />
          </select>
        </label>
        <label>
          报告类型
          <select value={kind} onChange={(e) => setKind(e.target.value as ReportKind)}>
            <ReportKindOptions year={year} targetYear={targetYear} />
          </select>
        </label>
        <label>
          成文日期
          <input value={date} onChange={(e) => setDate(e.target.value)} placeholder="留空则留待手填" size={14} maxLength={40} />
        </label>
        <label className="check" title="规划指标口径核对和数据核验，供本单位核对，不随报告报送">
          <input type="checkbox" checked={checks} onChange={(e) => setChecks(e.target.checked)} />
          附内部核对材料
        </label>
        <button type="button" className="primary" onClick={onPreview} disabled={building !== null || !summary}>
          预览
        </button>
        <button type="button" onClick={() => onSave('pdf')} disabled={building !== null || !summary}>
          保存 PDF
        </button>
        <button type="button" onClick={() => onSave('docx')} disabled={building !== null || !summary}>
          保存 Word
        </button>
        <button type="button" onClick={printPreview} disabled={!current}>
          打印
        </button>
      </form>
      <div className="no-print">
        {building !== null && (
          <p className="muted" role="status">
            正在生成报告…{elapsed > 0 ? `（已用 ${elapsed} 秒）` : ''}
          </p>
        )}
        {error && <ErrorNotice error={error} />}
        {saved && <SavedFileNotice file={saved}>已保存：</SavedFileNotice>}
        {!preview && building === null && !error && <p className="muted">选好后点“预览”，在此查看报告全文；满意后保存或打印。</p>}
        {preview && !current && building === null && <p className="muted">所选已改变，请重新预览。</p>}
      </div>
      {current && <PdfPreview pdf={current.pdf} label={`${REPORT_NAMES[kind]}预览`} />}
    </section>
  );
};
