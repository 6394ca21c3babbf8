/**
 * What a dry run of a bureau's plan read: the plan found, the main table row by row with each row's match and the
 * decisions it needs, every problem by row and column, and the plan checks (规划核对).
 */
import type { PlanImportResultDto, PlanRowChoice } from '../../../shared/api';
import { DataTable } from '../../components/DataTable';
import { chinese, periodText, problemPlace, targetKindWord } from './planWords';
import { RowDecision } from './RowDecision';

type Candidate = { code: string; name: string; unit: string };
/** A row as read, with its place in the table (1, 2, …), which the choices are keyed by. */
type PlacedRow = PlanImportResultDto['rows'][number] & { position: number };
type PlacedProblem = PlanImportResultDto['problems'][number] & { place: number };

const FORMATS: Record<string, string> = {
  'tab-text': '粘贴的表格（制表符分隔）',
  'cell-lines': '粘贴的文字（每行一格）',
  'pdf-text': 'PDF 复制的文字',
  xlsx: 'Excel 工作簿',
  xls: 'Excel 工作簿（.xls）',
  docx: 'Word 文档',
  package: '规划包',
};

export const PlanImportPreview = ({
  result,
  candidates,
  choices,
  busy,
  onChoose,
}: {
  result: PlanImportResultDto;
  candidates: Map<number, Candidate[]>;
  choices: Map<number, PlanRowChoice>;
  busy: boolean;
  onChoose: (choice: PlanRowChoice) => void;
}) => {
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const p = result.plan;
  /** A row offered close names, none of which is chosen yet. */
  const needsDecision = (position: number) => (candidates.get(position)?.length ?? 0) > 0 && !choices.get(position)?.indicator;
  return (
    <div className="preview">
      <p className={result.ok ? 'ok' : 'error-text'}>
        {!result.ok
          ? `${result.dryRun ? '试读' : '保存'}发现 ${errors} 个错误，修改后才能保存（未保存任何内容）`
          : result.dryRun
            ? '试读（未保存）：请核对下面读到的规划和指标表'
            : `已保存规划“${p?.title ?? ''}”（编号 ${p?.id ?? ''}）`}
      </p>
      {p && (
        <dl className="plan-found" aria-label="读到的规划">
          <dt>规划标题</dt>
          <dd>{p.title}</dd>
          <dt>地区</dt>
          <dd>
            {p.regionName}（{p.region}）
          </dd>
          <dt>规划期</dt>
          <dd>{periodText(p.baseYear, p.targetYear)}</dd>
          <dt>规划编号</dt>
          <dd>{p.id}</dd>
          <dt>主要指标</dt>
          <dd>{p.indicators} 项</dd>
          <dt>读取方式</dt>
          <dd>{FORMATS[result.format] ?? result.format}</dd>
        </dl>
      )}
      {result.rows.length > 0 && (
        <DataTable<PlacedRow>
          label="读到的指标表"
          className="plan-rows"
          rowKey="position"
          rowClassName={(r) => (needsDecision(r.position) ? 'needs-decision' : '')}
          dataSource={result.rows.map((row, i) => ({ ...row, position: i + 1 }))}
          columns={[
            { title: '序号', dataIndex: 'seq', className: 'num' },
            { title: '指标名称', dataIndex: 'name', width: 200 },
            { title: '单位', dataIndex: 'unit', className: 'nowrap' },
            { title: '基期值', dataIndex: 'baseline', className: 'num' },
            { title: '目标值', dataIndex: 'target', className: 'num' },
            { title: '年均增长', dataIndex: 'growth', className: 'num' },
            { title: '属性', dataIndex: 'attribute', render: (a: string | null) => a ?? '' },
            { title: '类别', dataIndex: 'category', render: (c: string | null) => c ?? '' },
            { title: '目标类型', dataIndex: 'targetKind', onCell: (r) => ({ className: r.targetKind === 'qualitative' ? 'decide' : '' }), render: (_, r) => targetKindWord(r.targetKind) },
            {
              title: '对应指标',
              dataIndex: 'match',
              render: (_, r) => (r.match === 'existing' ? <span title="已有指标">已有指标 {r.indicator}</span> : <span className="muted">新指标</span>),
            },
            {
              title: '需决定',
              key: 'decide',
              render: (_, r) => (
                <RowDecision row={r} position={r.position} candidates={candidates.get(r.position) ?? []} choice={choices.get(r.position)} disabled={busy || !result.dryRun} onChoose={onChoose} />
              ),
            },
          ]}
        />
      )}
      {result.tables.filter((t) => t.kind !== 'main').map((t) => (
        <p key={t.title} className="muted">
          另读到“{t.title}”{t.rows.length} 行（上一规划完成情况，不参与评估）。
        </p>
      ))}
      {result.problems.length > 0 && (
        <DataTable<PlacedProblem>
          label="试读问题"
          className="problems-table"
          rowKey="place"
          rowClassName={(q) => `problem-${q.severity}`}
          dataSource={result.problems.map((q, place) => ({ ...q, place }))}
          columns={[
            { title: '类别', dataIndex: 'severity', width: 70, render: (sev: string) => (sev === 'error' ? '错误' : '提示') },
            { title: '位置', key: 'place', render: (_, q) => problemPlace(q) },
            { title: '说明', dataIndex: 'message', render: (m: string) => chinese(m) },
          ]}
        />
      )}
      <h3>规划核对</h3>
      {result.warnings.length > 0 ? (
        <ul className="warnings" aria-label="规划核对">
          {result.warnings.map((w, i) => (
            <li key={i}>
              {w.seq ? `第${w.seq}项：` : ''}
              {chinese(w.message)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="ok">规划核对：未发现问题</p>
      )}
    </div>
  );
};
