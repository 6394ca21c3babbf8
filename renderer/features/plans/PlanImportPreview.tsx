/**
 * What a dry run of a bureau's plan read: the plan found, the main table row by row with each row's match and the
 * decisions it needs, every problem by row and column, and the plan checks (规划核对).
 */
import type { PlanImportResultDto, PlanRowChoice } from '../../../shared/api';
import { chinese, periodText, problemPlace, targetKindWord } from './planWords';
import { RowDecision } from './RowDecision';

type Candidate = { code: string; name: string; unit: string };

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
        <table className="problems plan-rows" aria-label="读到的指标表">
          <thead>
            <tr>
              <th>序号</th>
              <th>指标名称</th>
              <th>单位</th>
              <th>基期值</th>
              <th>目标值</th>
              <th>年均增长</th>
              <th>属性</th>
              <th>类别</th>
              <th>目标类型</th>
              <th>对应指标</th>
              <th>需决定</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r, i) => {
              const position = i + 1;
              const rowCandidates = candidates.get(position) ?? [];
              const open = rowCandidates.length > 0 && !choices.get(position)?.indicator;
              return (
                <tr key={position} className={open ? 'needs-decision' : undefined}>
                  <td className="num">{r.seq}</td>
                  <td>{r.name}</td>
                  <td>{r.unit}</td>
                  <td className="num">{r.baseline}</td>
                  <td className="num">{r.target}</td>
                  <td className="num">{r.growth}</td>
                  <td>{r.attribute ?? ''}</td>
                  <td>{r.category ?? ''}</td>
                  <td className={r.targetKind === 'qualitative' ? 'decide' : undefined}>{targetKindWord(r.targetKind)}</td>
                  <td>{r.match === 'existing' ? <span title="已有指标">已有指标 {r.indicator}</span> : <span className="muted">新指标</span>}</td>
                  <td>
                    <RowDecision row={r} position={position} candidates={rowCandidates} choice={choices.get(position)} disabled={busy || !result.dryRun} onChoose={onChoose} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {result.tables.filter((t) => t.kind !== 'main').map((t) => (
        <p key={t.title} className="muted">
          另读到“{t.title}”{t.rows.length} 行（上一规划完成情况，不参与评估）。
        </p>
      ))}
      {result.problems.length > 0 && (
        <table className="problems" aria-label="试读问题">
          <thead>
            <tr>
              <th>类别</th>
              <th>位置</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.map((q, i) => (
              <tr key={i} className={q.severity}>
                <td>{q.severity === 'error' ? '错误' : '提示'}</td>
                <td>{problemPlace(q)}</td>
                <td>{chinese(q.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
