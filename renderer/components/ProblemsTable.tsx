/** Every problem of a file by sheet and cell, errors first as the services list them; the Chinese half of each message. */
import type { ImportProblem } from '../../shared/api';

export const ProblemsTable = ({ problems }: { problems: ImportProblem[] }) =>
  problems.length === 0 ? null : (
    <table className="problems" aria-label="问题">
      <thead>
        <tr>
          <th>类别</th>
          <th>工作表</th>
          <th>单元格</th>
          <th>说明</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i} className={p.severity}>
            <td>{p.severity === 'error' ? '错误' : '提示'}</td>
            <td>{p.sheet}</td>
            <td>{p.cell}</td>
            <td>{p.message.split(' / ')[0]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
