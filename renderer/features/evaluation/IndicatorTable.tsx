/** The evaluated indicator table: one row per plan row, status by word, symbol and colour. */
import { Fragment, useState } from 'react';
import type { EvaluationResult } from '../../../shared/evaluation/result';
import { baselineMeetsTarget } from '../../../shared/evaluation/result';
import { changeCell } from '../../../shared/reports/numbers';
import { adjustmentText, badge, formatNumber, formatPercent, judgementText, upperTexts } from './rows';
import { ValueSource } from './ValueSource';

const COLUMNS = 11;

export const IndicatorTable = ({ result }: { result: EvaluationResult }) => {
  // The row whose value's source is shown below it (one at a time).
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="indicators">
      <thead>
        <tr>
          <th>序号</th>
          <th>指标名称</th>
          <th>单位</th>
          <th>属性</th>
          <th>基期值</th>
          <th>目标值</th>
          <th>{result.year}年</th>
          <th>完成进度</th>
          <th>评价</th>
          <th>较基期</th>
          <th>增速判断</th>
        </tr>
      </thead>
      <tbody>
        {result.rows.map((row) => {
          const b = badge(row);
          const key = `${row.table}-${row.seq}`;
          return (
            <Fragment key={key}>
              <tr className={row.attribute === '约束性' ? 'binding' : undefined}>
                <td className="num">{row.seq}</td>
                <td>
                  {row.name}
                  {row.warnings.length > 0 && (
                    <span className="warn" title={row.warnings.map((w) => w.split(' / ')[0]).join('\n')}>
                      {' '}
                      ⚠
                    </span>
                  )}
                  {row.parts.length > 0 && (
                    <div className="parts">
                      {row.parts.map((p) => (
                        <span key={p.label}>
                          {p.label} {formatNumber(p.value)}（{p.referenceName} {formatNumber(p.reference)}）
                        </span>
                      ))}
                    </div>
                  )}
                </td>
                <td>{row.unit}</td>
                <td>{row.attribute ?? ''}</td>
                <td className="num" title={row.baselineSource === 'data' ? '基期值取自2020年数据' : undefined}>
                  {formatNumber(row.baseline)}
                  {row.baselineSource === 'data' ? '*' : ''}
                </td>
                {/* A county without its own target for a total is not judged: the plan's target is not its target. */}
                <td className="num">
                  {row.status === '不适用' ? '—' : row.target || '—'}
                  {adjustmentText(row) && <div className="small note">{adjustmentText(row)}</div>}
                </td>
                {/* A cumulative row: the running sum since the base year, and the year's own figure below it. */}
                <td className="num">
                  {row.yearValue !== undefined ? `累计 ${formatNumber(row.value)}` : formatNumber(row.value)}
                  {row.yearValue !== undefined && <div className="small note">当年 {formatNumber(row.yearValue)}</div>}
                  <div>
                    <button type="button" className="link" aria-expanded={open === key} title="这个数从哪里来" onClick={() => setOpen(open === key ? null : key)}>
                      来源
                    </button>
                  </div>
                </td>
                <td className="num">{baselineMeetsTarget(row) ? '—' : formatPercent(row.completion)}</td>
                <td>
                  <span className="badge" style={b.style}>
                    {b.text}
                  </span>
                  {judgementText(row) && <div className="small note">{judgementText(row)}</div>}
                  {upperTexts(row).map((t) => (
                    <div key={t} className="small note">
                      {t}
                    </div>
                  ))}
                </td>
                <td className="num">{changeCell(row)}</td>
                <td>{row.paceClass}</td>
              </tr>
              {open === key && (
                <tr className="source-row">
                  <td colSpan={COLUMNS}>
                    <ValueSource region={result.region} series={row.indicator} year={result.year} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
};
