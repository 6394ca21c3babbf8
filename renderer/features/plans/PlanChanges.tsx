/** 修改记录: every import, replacement, row edit, adjustment and judgement of a plan, newest as the services list them. */
import { useCall } from '../../api/useCall';
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
        <table className="problems" aria-label="修改记录">
          <thead>
            <tr>
              <th>时间</th>
              <th>经办人</th>
              <th>操作</th>
              <th>序号</th>
              <th>项目</th>
              <th>原内容</th>
              <th>新内容</th>
              <th>依据</th>
            </tr>
          </thead>
          <tbody>
            {changes.data.map((c, i) => (
              <tr key={i}>
                <td className="num">{when(c.at)}</td>
                <td>{c.by}</td>
                <td>{ACTIONS[c.action] ?? c.action}</td>
                <td className="num">{c.seq ?? ''}</td>
                <td>{fieldWord(c.field)}</td>
                <td>{c.old ?? ''}</td>
                <td>{valueWord(c.action, c.new)}</td>
                <td>{c.why ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
};
