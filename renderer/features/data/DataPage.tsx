/**
 * 数据: the stored values a plan uses, one row per region and item, one column per year (virtualised, so a county
 * with its townships — thousands of rows — scrolls smoothly). A value's colour says where it came from; a value that
 * breaks a rule of 数据核验 is marked and its finding is shown beside it; clicking a value shows its source and lets
 * the clerk correct it, with a reason that goes into the audit log. Locked years cannot be corrected.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DataGridDto } from '../../../shared/api';
import { call } from '../../api/client';
import { writeRoute } from '../../api/route';
import { useCall } from '../../api/useCall';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';
import { PlanSelect } from '../../components/PlanSelect';
import { RegionPicker } from '../../components/RegionPicker';

type Cell = DataGridDto['cells'][number];
interface GridRow {
  region: { code: string; name: string };
  item: { code: string; name: string; unit: string };
  cells: Map<number, Cell>;
  findings: Map<number, string[]>;
}

const ORIGIN: Record<Cell['origin'], string> = { import: '导入', typed: '手工录入', derived: '由月度或季度数据得出' };
const ROW_HEIGHT = 30;
const number = (v: number): string => String(Number(v.toPrecision(12)));

const rowsOf = (grid: DataGridDto, filter: string, onlyFindings: boolean): GridRow[] => {
  const key = (region: string, series: string) => `${region}|${series}`;
  const cells = new Map<string, Map<number, Cell>>();
  for (const c of grid.cells) {
    const k = key(c.region, c.series);
    if (!cells.has(k)) cells.set(k, new Map());
    cells.get(k)!.set(c.year, c);
  }
  const findings = new Map<string, Map<number, string[]>>();
  for (const f of grid.findings) {
    const k = key(f.region, f.series);
    if (!findings.has(k)) findings.set(k, new Map());
    const byYear = findings.get(k)!;
    byYear.set(f.year, [...(byYear.get(f.year) ?? []), f.message]);
  }
  const words = filter.trim();
  const rows: GridRow[] = [];
  for (const region of grid.regions) {
    for (const item of grid.items) {
      const k = key(region.code, item.code);
      if (words && !item.name.includes(words) && !region.name.includes(words) && !region.code.startsWith(words)) continue;
      if (onlyFindings && !findings.has(k)) continue;
      rows.push({ region, item, cells: cells.get(k) ?? new Map(), findings: findings.get(k) ?? new Map() });
    }
  }
  return rows;
};

const CellEditor = ({ row, year, locked, onSaved }: { row: GridRow; year: number; locked: boolean; onSaved: (text: string) => void }) => {
  const cell = row.cells.get(year);
  const [value, setValue] = useState(cell ? number(cell.value) : '');
  const [by, setBy] = useState('');
  const [why, setWhy] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = Number(value.normalize('NFKC').replace(/,/g, ''));
  const missing = value.trim() === '' || !Number.isFinite(parsed) ? '请填写数值' : !by.trim() ? '请填写录入人' : cell && !why.trim() ? '更正已有数值须说明原因' : null;
  const onSave = async () => {
    setError(null);
    setBusy(true);
    try {
      await call('observations.set', { region: row.region.code, series: row.item.code, year, value: parsed, enteredBy: by.trim(), ...(why.trim() ? { why: why.trim() } : {}) });
      onSaved(`已保存：${row.region.name} ${row.item.name} ${year}年 ${number(parsed)}${row.item.unit}${why.trim() ? `（${why.trim()}）` : ''}。`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="cell-detail" role="region" aria-label="所选数值">
      <p>
        <strong>
          {row.region.name} · {row.item.name} · {year}年
        </strong>
        ：{cell ? `${number(cell.value)}${row.item.unit}，${ORIGIN[cell.origin]}，${cell.source}` : '暂无数值'}
      </p>
      {(row.findings.get(year) ?? []).map((f, i) => (
        <p key={i} className="warning-text">
          ⚠ {f}
        </p>
      ))}
      {locked ? (
        <p className="muted">该年数据已锁定，不能更正；如确需修改，请先在“导入记录”中解锁并说明原因。</p>
      ) : (
        <div className="toolbar">
          <label>
            {cell ? '更正为' : '录入'}（{row.item.unit || '无单位'}）
            <input value={value} size={10} inputMode="decimal" onChange={(e) => setValue(e.target.value)} />
          </label>
          <label>
            录入人
            <input value={by} size={8} onChange={(e) => setBy(e.target.value)} />
          </label>
          <label>
            原因{cell ? '（必填）' : ''}
            <input value={why} size={24} placeholder="如 据2023年年报更正" onChange={(e) => setWhy(e.target.value)} />
          </label>
          <button type="button" className="primary" disabled={busy || missing !== null} title={missing ?? undefined} onClick={onSave}>
            保存
          </button>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
};

export const DataPage = ({ initialPlan }: { initialPlan: string | null }) => {
  const plans = useCall('plans.list', undefined);
  const [plan, setPlan] = useState(initialPlan ?? 'chuxiong');
  const [region, setRegion] = useState('');
  const [subregions, setSubregions] = useState(true);
  const [filter, setFilter] = useState('');
  const [onlyFindings, setOnlyFindings] = useState(false);
  const [refresh, setRefresh] = useState(0);
  /** The value clicked: kept by region, item and year, so that it stays chosen when the rows are filtered or reloaded. */
  const [chosen, setChosen] = useState<{ region: string; series: string; year: number } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => writeRoute({ page: 'data', params: { plan } }, 'replace'), [plan]);
  const grid = useCall('data.grid', { plan, subregions, ...(region.trim() ? { region: region.trim() } : {}) }, refresh);
  const rows = useMemo(() => (grid.data ? rowsOf(grid.data, filter, onlyFindings) : []), [grid.data, filter, onlyFindings]);
  const locked = useMemo(() => new Set((grid.data?.locked ?? []).map((l) => `${l.region}|${l.year}`)), [grid.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const years = grid.data?.years ?? [];
  const columns = `8em minmax(14em, 1fr) 5em repeat(${years.length}, 6.5em)`;
  const pickedRow = useMemo(
    () => (chosen && grid.data ? rowsOf(grid.data, '', false).find((r) => r.region.code === chosen.region && r.item.code === chosen.series) : undefined),
    [chosen, grid.data],
  );
  const picked = chosen && pickedRow ? { row: pickedRow, year: chosen.year } : null;

  return (
    <section aria-label="数据">
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <PlanSelect plans={plans.data} value={plan} onChange={(p) => (setPlan(p), setRegion(''), setChosen(null))} />
        <RegionPicker
          root={plans.data?.find((p) => p.id === plan)?.region ?? null}
          value={region}
          placeholder="规划地区（输入名称或代码查找）"
          onChange={(code) => (setRegion(code), setChosen(null))}
        />
        <label className="check">
          <input type="checkbox" checked={subregions} onChange={(e) => (setSubregions(e.target.checked), setChosen(null))} />
          含下级地区
        </label>
        <label>
          筛选
          <input value={filter} size={10} placeholder="指标或地区" onChange={(e) => (setFilter(e.target.value), setChosen(null))} />
        </label>
        <label className="check">
          <input type="checkbox" checked={onlyFindings} onChange={(e) => (setOnlyFindings(e.target.checked), setChosen(null))} />
          只看需核实的
        </label>
      </form>
      {grid.loading && !grid.data && <Loading />}
      {grid.error && <ErrorNotice error={grid.error} />}
      {grid.data && (
        <>
          <p className="scoreboard">
            {grid.data.regionName}
            {subregions && grid.data.regions.length > 1 ? `及${grid.data.regions.length - 1}个下级地区` : ''}：{rows.length} 行，已存 {grid.data.cells.length} 个数值
            {grid.data.findings.length > 0 ? `，数据核验需核实 ${grid.data.findings.length} 处（⚠）` : '，数据核验未发现需核实之处'}。
            <span className="legend">
              <span className="origin-import">导入</span> <span className="origin-typed">手工录入</span> <span className="origin-derived">由月度数据得出</span> <span className="locked-cell">已锁定</span>
            </span>
          </p>
          {grid.data.tooMany && <Empty>行数过多，请选择下一级地区或取消“含下级地区”。</Empty>}
          {rows.length === 0 && !grid.data.tooMany && <Empty>没有符合条件的行。</Empty>}
          <div className="data-grid" role="grid" aria-label="已存数值" aria-rowcount={rows.length + 1}>
            <div className="data-grid-head" role="row" style={{ gridTemplateColumns: columns }}>
              <span role="columnheader">地区</span>
              <span role="columnheader">统计项</span>
              <span role="columnheader">单位</span>
              {years.map((y) => (
                <span key={y} role="columnheader" className="num">
                  {y}年
                </span>
              ))}
            </div>
            <div className="data-grid-body" ref={scroller} style={{ height: Math.min(rows.length * ROW_HEIGHT + 2, 520) }}>
              <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
                {virtual.getVirtualItems().map((v) => {
                  const row = rows[v.index]!;
                  return (
                    <div
                      key={v.key}
                      role="row"
                      aria-rowindex={v.index + 2}
                      className="data-grid-row"
                      style={{ gridTemplateColumns: columns, transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                    >
                      <span role="gridcell" title={row.region.code}>
                        {row.region.name}
                      </span>
                      <span role="gridcell" title={row.item.name}>
                        {row.item.name}
                      </span>
                      <span role="gridcell">{row.item.unit}</span>
                      {years.map((y) => {
                        const cell = row.cells.get(y);
                        const finding = row.findings.get(y);
                        const isLocked = locked.has(`${row.region.code}|${y}`);
                        const isChosen = chosen?.region === row.region.code && chosen.series === row.item.code && chosen.year === y;
                        return (
                          <button
                            key={y}
                            type="button"
                            role="gridcell"
                            aria-selected={isChosen}
                            className={`num value-cell${cell ? ` origin-${cell.origin}` : ' empty'}${finding ? ' has-finding' : ''}${isLocked ? ' locked-cell' : ''}`}
                            title={[cell ? `${ORIGIN[cell.origin]}：${cell.source}` : '暂无数值', ...(finding ?? [])].join('\n')}
                            onClick={() => (setChosen({ region: row.region.code, series: row.item.code, year: y }), setSaved(null))}
                          >
                            {finding ? '⚠ ' : ''}
                            {cell ? number(cell.value) : '—'}
                          </button>
                        );
                      })}
                    </div>
                  );
                })}
              </div>
            </div>
          </div>
          {picked && (
            <CellEditor
              key={`${picked.row.region.code}|${picked.row.item.code}|${picked.year}|${refresh}`}
              row={picked.row}
              year={picked.year}
              locked={locked.has(`${picked.row.region.code}|${picked.year}`)}
              onSaved={(text) => (setSaved(text), setRefresh((n) => n + 1))}
            />
          )}
          {saved && (
            <p className="ok" role="status">
              {saved}
            </p>
          )}
        </>
      )}
    </section>
  );
};
