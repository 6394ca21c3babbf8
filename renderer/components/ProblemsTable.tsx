/**
 * Every problem of a file by sheet and cell, errors first as the services list them (sortable by sheet and by cell,
 * filtered by kind); the Chinese half of each message.
 */
import type { TableColumnsType } from 'antd';
import type { ImportProblem } from '../../shared/api';
import { columnNumber } from '../../shared/text/cell-address';
import { DataTable } from './DataTable';

/** A cell's place for sorting: C3 before C10, and B10 before C3 (by row, then column). */
const cellOrder = (cell: string): [number, number] => {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return [Number.MAX_SAFE_INTEGER, 0];
  return [Number(m[2]), columnNumber(m[1]!)];
};

type Placed = ImportProblem & { place: number };

const columns: TableColumnsType<Placed> = [
  {
    title: '类别',
    dataIndex: 'severity',
    width: 70,
    render: (s: ImportProblem['severity']) => (s === 'error' ? '错误' : '提示'),
    filters: [
      { text: '错误', value: 'error' },
      { text: '提示', value: 'warning' },
    ],
    onFilter: (value, p) => p.severity === value,
  },
  { title: '工作表', dataIndex: 'sheet', sorter: (a, b) => a.sheet.localeCompare(b.sheet, 'zh-CN') || a.place - b.place },
  {
    title: '单元格',
    dataIndex: 'cell',
    sorter: (a, b) => {
      const [ra, ca] = cellOrder(a.cell);
      const [rb, cb] = cellOrder(b.cell);
      return ra - rb || ca - cb || a.place - b.place;
    },
  },
  { title: '说明', dataIndex: 'message', render: (m: string) => m.split(' / ')[0] },
];

export const ProblemsTable = ({ problems }: { problems: ImportProblem[] }) =>
  problems.length === 0 ? null : (
    <DataTable<Placed>
      label="问题"
      className="problems-table"
      rowKey="place"
      rowClassName={(p) => `problem-${p.severity}`}
      columns={columns}
      dataSource={problems.map((p, place) => ({ ...p, place }))}
      pagination={problems.length > 100 ? { pageSize: 100, showSizeChanger: false, showTotal: (n) => `共 ${n} 个问题` } : false}
    />
  );
