/**
 * The evaluated indicator table (antd's Table): one row per plan row, status by word, symbol and colour; sorted by
 * 序号, 完成进度 or 评价, filtered by table, 属性 and 评价; the header fixed above a scroll container. A row's warnings
 * are written under its name. A click on a row (or its + button, or 来源) opens under it the row's course over the
 * plan period and where its value comes from.
 */
import { Table, type TableColumnsType } from 'antd';
import { useMemo, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { EvaluatedRow, EvaluationResult } from '../../../shared/evaluation/result';
import { baselineMeetsTarget } from '../../../shared/evaluation/result';
import { STATUSES } from '../../../shared/evaluation/status';
import { changeCell } from '../../../shared/reports/numbers';
import { adjustmentText, badge, formatNumber, formatPercent, judgementText, upperTexts } from './rows';
import { RowDetail } from './RowDetail';

/** A plan's table, for the filter: 表1 主要指标. */
export interface TableName {
  no: number;
  title: string;
}

/** A row with its place among the plan's rows (from 0). */
type PlacedRow = EvaluatedRow & { position: number };

const completionOf = (row: EvaluatedRow): number | null => (row.completion === null || baselineMeetsTarget(row) ? null : row.completion);

/** 完成进度 sorted either way, rows without one after all that have one (antd reverses the result for descending). */
const byCompletion = (a: EvaluatedRow, b: EvaluatedRow, order?: 'ascend' | 'descend' | null): number => {
  const x = completionOf(a);
  const y = completionOf(b);
  if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1) * (order === 'descend' ? -1 : 1);
  return x - y;
};

const warningsOf = (row: EvaluatedRow): string[] => row.warnings.map((w) => w.split(' / ')[0]!);

/** Moves the focus to the row `step` rows below (or above) `from`, passing over a row's opened course. */
const focusRow = (from: HTMLElement, step: 1 | -1): void => {
  const rows = [...(from.closest('tbody')?.querySelectorAll<HTMLElement>('tr.ant-table-row') ?? [])];
  rows[rows.indexOf(from) + step]?.focus();
};

export const IndicatorTable = ({ result, tables = [] }: { result: EvaluationResult; tables?: readonly TableName[] }) => {
  const [open, setOpen] = useState<string[]>([]);
  /** The row Tab comes to (its key), once the focus has been on one; the first row shown while it is filtered out. */
  const [current, setCurrent] = useState<string | null>(null);
  /** The rows shown as sorted and filtered (their keys), once the clerk has sorted or filtered. */
  const [shown, setShown] = useState<string[] | null>(null);
  const toggle = (key: string) => setOpen((o) => (o.includes(key) ? o.filter((k) => k !== key) : [...o, key]));
  // Each row by its place in the plan: 序号 is not unique (a bureau's 其中 rows have none), and it is text (1, 10, （一）).
  // The place travels with the row (antd's filter hands back copies, not the rows given).
  const data = useMemo<PlacedRow[]>(() => result.rows.map((r, position) => ({ ...r, position })), [result]);
  const positionOf = (row: PlacedRow): number => row.position;
  const keyOf = (row: PlacedRow): string => String(row.position);
  const statuses = STATUSES.filter((s) => result.rows.some((r) => r.status === s));
  const tableNos = [...new Set(result.rows.map((r) => r.table))];
  const columns: TableColumnsType<PlacedRow> = [
    {
      title: '序号',
      dataIndex: 'seq',
      width: 64,
      fixed: 'left',
      align: 'right',
      sorter: (a, b) => positionOf(a) - positionOf(b),
      ...(tableNos.length > 1
        ? {
            filters: tableNos.map((no) => ({ text: tables.find((t) => t.no === no)?.title ?? `表${no}`, value: no })),
            onFilter: (value, row) => row.table === value,
          }
        : {}),
    },
    {
      title: '指标名称',
      key: 'name',
      width: 220,
      fixed: 'left',
      render: (_, row) => (
        <>
          <span className="row-name">{row.name}</span>
          {row.parts.length > 0 && (
            <div className="parts">
              {row.parts.map((p) => (
                <span key={p.label}>
                  {p.label} {formatNumber(p.value)}（{p.referenceName} {formatNumber(p.reference)}）
                </span>
              ))}
            </div>
          )}
          {warningsOf(row).map((w) => (
            <div key={w} className="warn small" role="note">
              ⚠ {w}
            </div>
          ))}
        </>
      ),
    },
    { title: '单位', dataIndex: 'unit', width: 60 },
    {
      title: '属性',
      dataIndex: 'attribute',
      width: 72,
      filters: [
        { text: '约束性', value: '约束性' },
        { text: '预期性', value: '预期性' },
        { text: '未标明', value: '' },
      ].filter((f) => result.rows.some((r) => (r.attribute ?? '') === f.value)),
      onFilter: (value, row) => (row.attribute ?? '') === value,
    },
    {
      title: '基期值',
      key: 'baseline',
      width: 80,
      align: 'right',
      render: (_, row) => (
        <span title={row.baselineSource === 'data' ? `基期值取自${result.baseYear}年数据` : undefined}>
          {formatNumber(row.baseline)}
          {row.baselineSource === 'data' ? '*' : ''}
        </span>
      ),
    },
    {
      title: '目标值',
      key: 'target',
      width: 100,
      align: 'right',
      // A county without its own target for a total is not judged: the plan's target is not its target.
      render: (_, row) => (
        <>
          {row.status === '不适用' ? '—' : row.target || '—'}
          {adjustmentText(row) && <div className="small note">{adjustmentText(row)}</div>}
        </>
      ),
    },
    {
      title: `${result.year}年`,
      key: 'value',
      width: 100,
      align: 'right',
      // A cumulative row: the running sum since the base year, and the year's own figure below it.
      render: (_, row) => (
        <>
          {row.yearValue !== undefined ? `累计 ${formatNumber(row.value)}` : formatNumber(row.value)}
          {row.yearValue !== undefined && <div className="small note">当年 {formatNumber(row.yearValue)}</div>}
          <div>
            <button type="button" className="link" aria-expanded={open.includes(keyOf(row))} title="这个数从哪里来" onClick={() => toggle(keyOf(row))}>
              来源
            </button>
          </div>
        </>
      ),
    },
    {
      title: '完成进度',
      key: 'completion',
      width: 90,
      align: 'right',
      sorter: byCompletion,
      render: (_, row) => (baselineMeetsTarget(row) ? '—' : formatPercent(row.completion)),
    },
    {
      title: '评价',
      key: 'status',
      width: 140,
      filters: statuses.map((s) => ({ text: s, value: s })),
      onFilter: (value, row) => row.status === value,
      // Best first: the order of STATUSES (提前实现 … 缺数).
      sorter: (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status),
      render: (_, row) => {
        const b = badge(row);
        return (
          <>
            <span className="badge" style={b.style}>
              {b.text}
            </span>
            {judgementText(row) && <div className="small note">{judgementText(row)}</div>}
            {upperTexts(row).map((t) => (
              <div key={t} className="small note">
                {t}
              </div>
            ))}
          </>
        );
      },
    },
    { title: '较基期', key: 'change', width: 90, align: 'right', render: (_, row) => changeCell(row) },
    { title: '增速判断', dataIndex: 'paceClass', width: 90 },
  ];
  return (
    <Table<PlacedRow>
      className="indicators"
      aria-label="指标完成情况"
      size="small"
      bordered
      pagination={false}
      rowKey={keyOf}
      columns={columns}
      dataSource={data}
      rowClassName={(row) => (row.attribute === '约束性' ? 'binding' : '')}
      // The header stays while the rows scroll under it; at 1024 px the columns right of the name scroll sideways.
      scroll={{ x: 1138, y: 'max(360px, calc(100vh - 300px))' }}
      showSorterTooltip={{ title: '点击排序' }}
      expandable={{
        expandedRowKeys: open,
        onExpand: (_, row) => toggle(keyOf(row)),
        expandedRowRender: (row) => <RowDetail plan={result.plan} region={result.region} row={row} position={positionOf(row)} year={result.year} />,
        columnWidth: 36,
        fixed: 'left',
      }}
      onChange={(_pagination, _filters, _sorter, extra) => setShown(extra.currentDataSource.map(keyOf))}
      onRow={(row, index) => ({
        // A click anywhere on the row but a button or link opens its course and source; so do Enter and the space bar
        // on the row itself. One row takes the focus from Tab (the last one visited, at first the first), and ↑ ↓ go
        // to the row above and below: Tab passes the table in one step.
        tabIndex: (current !== null && (shown === null || shown.includes(current)) ? keyOf(row) === current : index === 0) ? 0 : -1,
        onFocus: (e: FocusEvent<HTMLElement>) => {
          if (e.target === e.currentTarget) setCurrent(keyOf(row));
        },
        'aria-expanded': open.includes(keyOf(row)),
        onClick: (e: MouseEvent) => {
          if (!(e.target as HTMLElement).closest('button, a, input, .ant-table-row-expand-icon')) toggle(keyOf(row));
        },
        onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
          if (e.target !== e.currentTarget) return;
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            toggle(keyOf(row));
          } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            focusRow(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
          }
        },
      })}
    />
  );
};
