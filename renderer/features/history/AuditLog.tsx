/** 操作日志: locks, unlocks and typed values, newest first, with who, what and why (imports are in 导入记录 above). */
import type { AuditEntryDto } from '../../../shared/api';
import { localDateTime } from '../../../shared/text/time';
import { Empty } from '../../components/Notice';
import { actionWord, subjectText } from './auditWords';

export const AuditLog = ({ entries }: { entries: AuditEntryDto[] }) =>
  entries.length === 0 ? (
    <Empty>操作日志为空。</Empty>
  ) : (
    <table className="indicators audit" aria-label="操作日志">
      <thead>
        <tr>
          <th>时间</th>
          <th>经办人</th>
          <th>操作</th>
          <th>对象</th>
          <th>原值</th>
          <th>新值</th>
          <th>原因</th>
        </tr>
      </thead>
      <tbody>
        {[...entries].reverse().map((e, i) => (
          <tr key={i}>
            <td className="nowrap">{localDateTime(e.at)}</td>
            <td>{e.by}</td>
            <td>{actionWord(e.action)}</td>
            <td>{subjectText(e.subject, new Map(Object.entries(e.names)))}</td>
            <td>{e.old ?? ''}</td>
            <td>{e.new ?? ''}</td>
            <td>{e.why ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
