/**
 * The heat table of 下级地区对比: one row per sub-region, one column per plan row; each cell the value in its status
 * colour and symbol with its rank (第N). Headers sort; the header row and the region column stay put when scrolling.
 */
import { useState } from 'react';
import type { LeagueTable } from '../../../shared/evaluation/league';
import { statusLabel, statusLegend } from '../../../shared/evaluation/status-labels';
import { formatNumber, formatPercent } from '../evaluation/rows';
import { headerLines, nextSort, sortRegions, type LeagueSort } from './leagueRows';

const ariaSort = (sort: LeagueSort, key: { by: 'name' } | { by: 'rank'; seq: string }): 'ascending' | 'descending' | undefined => {
  if (sort.by === 'code' || sort.by !== key.by) return undefined;
  if (sort.by === 'rank' && key.by === 'rank' && sort.seq !== key.seq) return undefined;
  return sort.descending ? 'descending' : 'ascending';
};

export const LeagueHeatTable = ({ table, onOpenRegion }: { table: LeagueTable; onOpenRegion: (region: string) => void }) => {
  const [sort, setSort] = useState<LeagueSort>({ by: 'code' });
  const regions = sortRegions(table.regions, sort);
  const statuses = [...new Set(table.regions.flatMap((r) => r.rows.map((x) => x.status)))];
  const arrow = (key: { by: 'name' } | { by: 'rank'; seq: string }) => {
    const s = ariaSort(sort, key);
    return s === 'ascending' ? ' ↑' : s === 'descending' ? ' ↓' : '';
  };
  return (
    <>
      <div className="league-scroll">
        <table className="league" aria-label="下级地区对比">
          <thead>
            <tr>
              <th className="region" aria-sort={ariaSort(sort, { by: 'name' })}>
                <button type="button" className="sort" title="按地区名称排序" onClick={() => setSort(nextSort(sort, { by: 'name' }))}>
                  地区{arrow({ by: 'name' })}
                </button>
              </th>
              {table.columns.map((c) => (
                <th key={c.seq} aria-sort={ariaSort(sort, { by: 'rank', seq: c.seq })} title={`${c.seq} ${c.name}（${c.unit}）目标 ${c.target || '—'}：点击按排名排序`}>
                  <button type="button" className="sort" onClick={() => setSort(nextSort(sort, { by: 'rank', seq: c.seq }))}>
                    {headerLines(c.name).map((line, i) => (
                      <span key={i} className="name-line">
                        {i === 0 ? <><span className="seq">{c.seq}</span> </> : null}
                        {line}
                      </span>
                    ))}
                    {arrow({ by: 'rank', seq: c.seq })}
                    <span className="col-note">
                      {c.unit || '—'} · 目标 {c.target || '—'}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {regions.map((r) => (
              <tr key={r.region}>
                <th scope="row" className="region">
                  <button type="button" className="link" title={`打开${r.name}${table.year}年评估`} onClick={() => onOpenRegion(r.region)}>
                    {r.name}
                  </button>
                </th>
                {r.rows.map((x, i) => {
                  const label = statusLabel(x.status);
                  const column = table.columns[i]!;
                  return (
                    <td
                      key={x.seq}
                      className="heat"
                      style={{ background: `#${label.fill}`, color: `#${label.font}` }}
                      title={`${r.name} · ${column.seq} ${column.name}：${label.word}${x.completion !== null ? `，完成 ${formatPercent(x.completion)}` : ''}`}
                    >
                      {/* No value (缺数, 不适用, 需判断): the symbol alone; the rank line is kept so that rows stay even. */}
                      <span className="value">{x.value === null ? label.symbol : `${label.symbol} ${formatNumber(x.value)}`}</span>
                      <span className="rank">{x.rank !== null ? `第${x.rank}` : '\u00a0'}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {statusLegend(statuses)}　“第N”为该项在{table.regions.length}个下级地区中的排名（并列同名次，缺数、不适用不排名）；点击表头排序，点击地区名称查看该地区评估。
      </p>
    </>
  );
};
