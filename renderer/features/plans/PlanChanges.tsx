/** 修改记录: every import, replacement, row edit, adjustment and judgement of a plan, newest as the services list them. */
import type { PlanChangeDto } from '../../../shared/api';
import { useCall } from '../../api/useCall';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/Notice';
import { JUDGEMENT_WORDS } from './planWords';
import { FIELD_WORDS } from './rowFields';

const ACTIONS: Record<string, string> = {
  import: '导入',
  replace: '替换',
  adjust: '调整',
  judge: '判断',
  remove: '删除',
  edit: '修改',
  'add-row': '新增行',
  'remove-row': '删除行',
  'move-row': '移动行',
};

const when = (at: string): string => at.replace('T', ' ').slice(0, 16);

/** The services log fields in English for scripts ("target from 2027", "532322 2026"); the table says them in words. */
const fieldWord = (field: string | null): string =>
  FIELD_WORDS[field ?? ''] ??
  (field ?? '').replace(/^target from (\d{4})$/, '目标（自$1年起）').replace(/^(\d{6,12}) (\d{4})$/, '地区 $1，$2年');

const valueWord = (action: string, value: string | null): string =>
  action === 'judge' && value !== null && value in JUDGEMENT_WORDS ? JUDGEMENT_WORDS[value as keyof typeof JUDGEMENT_WORDS] : (value ?? '');

export const PlanChanges = ({ plan, refresh }: { plan: string; refresh: number }) => {
  const changes = useCall('plans.changes', { plan }, refresh);
  return (
    <div className="tool">
      <h3>修改记录</h3>
      {changes.error && <ErrorNotice error={changes.error} />}
      {changes.data && changes.data.length === 0 && <p className="muted">没有修改记录（内置规划随工作台提供）。</p>}
      {changes.data && changes.data.length > 0 && (
        <DataTable<PlanChangeDto & { place: number }>
          label="修改记录"
          rowKey="place"
          dataSource={changes.data.map((c, place) => ({ ...c, place }))}
          pagination={changes.data.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` } : false}
          columns={[
            { title: '时间', dataIndex: 'at', className: 'num nowrap', render: (at: string) => when(at) },
            { title: '经办人', dataIndex: 'by' },
            { title: '操作', dataIndex: 'action', render: (a: string) => ACTIONS[a] ?? a },
            { title: '序号', dataIndex: 'seq', className: 'num', render: (seq: string | null) => seq ?? '' },
            { title: '项目', dataIndex: 'field', render: (f: PlanChangeDto['field']) => fieldWord(f) },
            { title: '原内容', dataIndex: 'old', render: (v: string | null) => v ?? '' },
            { title: '新内容', key: 'new', render: (_, c) => valueWord(c.action, c.new) },
            { title: '依据', dataIndex: 'why', render: (v: string | null) => v ?? '' },
          ]}
        />
      )}
    </div>
  );
};
