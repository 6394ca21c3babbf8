/**
 * 领导一览: what a leader reads first — how many rows stand where (cards by status), the binding rows not met and the
 * rows behind time first, each with its figure, target and completion against time progress, the completion chart,
 * and one button for the one-page summary to print.
 */
import { useEffect, useState } from 'react';
import type { EvaluatedRow } from '../../../shared/evaluation/result';
import { statusLabel } from '../../../shared/evaluation/status-labels';
import type { Status } from '../../../shared/evaluation/status';
import { call } from '../../api/client';
import { fileNameOf, saveFile, type SavedFile } from '../../api/files';
import { writeRoute } from '../../api/route';
import { useCall } from '../../api/useCall';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice, Loading } from '../../components/Notice';
import { PlanSelect } from '../../components/PlanSelect';
import { SavedFileNotice } from '../../components/SavedFileNotice';
import { formatNumber, formatPercent } from '../evaluation/rows';
import { YearOptions } from '../../components/YearOptions';
import { CompletionChart } from '../evaluation/CompletionChart';
import { PdfPreview, printPreview } from '../../components/PdfPreview';

/** The cards, in the order a leader reads them; each gathers statuses of one meaning. */
const CARDS: { title: string; statuses: Status[] }[] = [
  { title: '已实现或快于进度', statuses: ['提前实现', '快于预期', '符合要求', '完成'] },
  { title: '符合进度', statuses: ['基本符合预期'] },
  { title: '滞后或未达到', statuses: ['滞后', '倒退', '未实现', '不符合要求', '未完成', '偏离'] },
  { title: '待评价', statuses: ['需判断', '无法判断'] },
  { title: '缺数据', statuses: ['缺数', '不适用'] },
];
const BEHIND: ReadonlySet<Status> = new Set(['滞后', '倒退', '未实现', '不符合要求', '未完成', '偏离']);

const figure = (r: EvaluatedRow): string => (r.value === null ? '—' : `${formatNumber(r.value)}${r.valueUnit === '%' ? '%' : r.valueUnit ? ` ${r.valueUnit}` : ''}`);

export const OverviewPage = ({ initialPlan, onEvaluate }: { initialPlan: string | null; onEvaluate: (plan: string, year: number) => void }) => {
  const plans = useCall('plans.list', undefined);
  const [plan, setPlan] = useState(initialPlan ?? 'chuxiong');
  const summary = plans.data?.find((p) => p.id === plan);
  const lastYear = summary ? Math.min(summary.targetYear, Math.max(summary.baseYear + 1, new Date().getFullYear() - 1)) : 2025;
  const [year, setYear] = useState<number | null>(null);
  const shown = year ?? lastYear;
  useEffect(() => writeRoute({ page: 'overview', params: { plan } }, 'replace'), [plan]);
  const result = useCall('evaluation.run', summary ? { plan, year: shown } : null);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const years = summary ? Array.from({ length: summary.targetYear - summary.baseYear }, (_, i) => summary.baseYear + 1 + i) : [];
  const onSummary = async () => {
    setError(null);
    setSaved(null);
    setBusy(true);
    try {
      const r = await saveFile(fileNameOf(`${result.data?.regionName ?? plan}${shown}年评估摘要.pdf`), (out) => call('reports.write', { plan, year: shown, kind: 'summary', out }));
      if (r) setSaved(r.saved);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  // The one-page summary shown in the page, for the plan and year it was made of.
  const [preview, setPreview] = useState<{ pdf: string; of: string } | null>(null);
  const previewOf = `${plan}|${shown}`;
  const previewShown = preview?.of === previewOf ? preview.pdf : null;
  const onPreview = async () => {
    setError(null);
    setBusy(true);
    try {
      const r = await call('reports.preview', { plan, year: shown, kind: 'summary' });
      setPreview({ pdf: r.pdf, of: previewOf });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const rows = result.data?.rows ?? [];
  // Binding rows not met first, then the other rows behind, each group furthest behind first.
  const attention = rows
    .filter((r) => BEHIND.has(r.status))
    .sort((a, b) => Number(b.attribute === '约束性') - Number(a.attribute === '约束性') || (a.completion ?? -Infinity) - (b.completion ?? -Infinity));

  return (
    <section aria-label="领导一览">
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <PlanSelect plans={plans.data} value={plan} onChange={(p) => (setPlan(p), setYear(null), setSaved(null), setError(null))} />
        <label>
          数据年份
          <select value={shown} onChange={(e) => (setYear(Number(e.target.value)), setSaved(null), setError(null))}>
            <YearOptions years={years} />
          </select>
        </label>
        <button type="button" onClick={onPreview} disabled={!result.data || busy}>
          预览摘要
        </button>
        <button type="button" onClick={printPreview} disabled={!previewShown}>
          打印摘要
        </button>
        <button type="button" className="primary" onClick={onSummary} disabled={!result.data || busy}>
          {busy ? '正在生成…' : '生成一页摘要（PDF，可打印）'}
        </button>
        <button type="button" onClick={() => onEvaluate(plan, shown)} disabled={!result.data}>
          查看全部指标
        </button>
      </form>
      {error && <ErrorNotice error={error} />}
      {saved && <SavedFileNotice file={saved}>已生成评估摘要：</SavedFileNotice>}
      {previewShown && <PdfPreview pdf={previewShown} label="评估摘要预览" />}
      {result.loading && <Loading />}
      {result.error && <ErrorNotice error={result.error} />}
      {result.data && (
        <>
          <h2>
            {result.data.regionName} · {result.data.year}年{{ annual: '年度监测', midterm: '中期评估', final: '总结评估' }[result.data.kind]} · 时序进度{' '}
            {Math.round(result.data.timeProgress * 100)}%
          </h2>
          <div className="cards" role="list" aria-label="指标状态">
            {CARDS.map((c) => {
              const inCard = rows.filter((r) => c.statuses.includes(r.status));
              const binding = inCard.filter((r) => r.attribute === '约束性').length;
              return (
                <div key={c.title} role="listitem" className={`card${c.title === '滞后或未达到' && inCard.length > 0 ? ' card-alert' : ''}`} aria-label={`${c.title} ${inCard.length} 项`}>
                  <span className="card-number">{inCard.length}</span>
                  <span className="card-title">{c.title}</span>
                  {binding > 0 && <span className="card-note">其中约束性 {binding} 项</span>}
                </div>
              );
            })}
          </div>
          <h3>需要关注的指标</h3>
          {attention.length === 0 ? (
            <p className="ok">没有滞后或未达到目标的指标。</p>
          ) : (
            <DataTable<EvaluatedRow>
              label="需要关注的指标"
              className="attention"
              rowKey={(r) => String(attention.indexOf(r))}
              rowClassName={(r) => (r.attribute === '约束性' ? 'binding' : '')}
              dataSource={attention}
              columns={[
                { title: '序号', dataIndex: 'seq', width: 60 },
                { title: '指标', dataIndex: 'name' },
                { title: '属性', dataIndex: 'attribute', width: 80, render: (a: string | null) => a ?? '' },
                { title: `${result.data.year}年`, key: 'figure', className: 'num', align: 'right', render: (_, r) => figure(r) },
                { title: '目标', dataIndex: 'target', className: 'num', align: 'right' },
                {
                  title: '完成进度',
                  key: 'completion',
                  className: 'num',
                  align: 'right',
                  render: (_, r) => (
                    <>
                      {formatPercent(r.completion)}
                      <span className="muted small">（时序 {Math.round(r.timeProgress * 100)}%）</span>
                    </>
                  ),
                },
                {
                  title: '评价',
                  key: 'status',
                  render: (_, r) => {
                    const l = statusLabel(r.status, { exceeded: r.exceeded, binding: r.attribute === '约束性' });
                    return (
                      <span className="badge" style={{ background: `#${l.fill}`, color: `#${l.font}` }}>
                        {l.symbol} {l.word}
                      </span>
                    );
                  },
                },
              ]}
            />
          )}
          {result.data && <CompletionChart result={result.data} />}
        </>
      )}
    </section>
  );
};
