/** 操作日志: locks, unlocks and typed values, newest first, with who, what and why (imports are in 导入记录 above). */
import type { TableColumnsType } from 'antd';
import type { AuditEntryDto } from '../../../shared/api';
import { localDateTime } from '../../../shared/text/time';
import { DataTable } from '../../components/DataTable';
import { Empty } from '../../components/Notice';
import { actionWord, subjectText } from './auditWords';

type Placed = AuditEntryDto & { place: number };

const columns: TableColumnsType<Placed> = [
  { title: '时间', dataIndex: 'at', className: 'nowrap', render: (at: string) => localDateTime(at) },
  { title: '经办人', dataIndex: 'by' },
  { title: '操作', dataIndex: 'action', render: (a: AuditEntryDto['action']) => actionWord(a) },
  { title: '对象', key: 'subject', render: (_, e) => subjectText(e.subject, new Map(Object.entries(e.names))) },
  { title: '原值', dataIndex: 'old', render: (v: string | null) => v ?? '' },
  { title: '新值', dataIndex: 'new', render: (v: string | null) => v ?? '' },
  { title: '原因', dataIndex: 'why', render: (v: string | null) => v ?? '' },
];

export const AuditLog = ({ entries }: { entries: AuditEntryDto[] }) =>
  entries.length === 0 ? (
    <Empty>操作日志为空。</Empty>
  ) : (
    <DataTable<Placed>
      label="操作日志"
      className="audit"
      rowKey="place"
      columns={columns}
      dataSource={[...entries].reverse().map((e, place) => ({ ...e, place }))}
      pagination={entries.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` } : false}
    />
  );
