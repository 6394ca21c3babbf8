/** The plans in the database, each with its indicator count and the plan checks (the plan's own arithmetic). */
import { useCall } from '../../api/useCall';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';

export const PlansPage = ({ onEvaluate }: { onEvaluate: (plan: string) => void }) => {
  const { data, error, loading } = useCall('plans.list', undefined);
  if (loading) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  if (!data || data.length === 0) return <Empty>数据库中还没有规划。</Empty>;
  return (
    <section aria-label="规划列表">
      {data.map((p) => (
        <article key={p.id} className="card">
          <header className="card-head">
            <h2>{p.title}</h2>
            <button type="button" onClick={() => onEvaluate(p.id)}>
              评估
            </button>
          </header>
          <p className="muted">
            {p.regionName}（{p.region}）· 主要指标 {p.indicators} 项 · 编号 {p.id}
          </p>
          {p.warnings.length > 0 ? (
            <details open>
              <summary>规划文本核对：{p.warnings.length} 条提示</summary>
              <ul className="warnings">
                {p.warnings.map((w, i) => (
                  <li key={i}>{w.message.split(' / ')[0]}</li>
                ))}
              </ul>
            </details>
          ) : (
            <p className="ok">规划文本核对：未发现问题</p>
          )}
        </article>
      ))}
    </section>
  );
};
