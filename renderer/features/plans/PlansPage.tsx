/**
 * The plans in the database, built-in (内置) and the bureau's own (本单位), each with its period, indicator count and
 * plan checks; 导入本单位规划 reads a new one; a selected plan offers export, adjustment, judgement, removal, history.
 */
import { Suspense, useState } from 'react';
import { useCall } from '../../api/useCall';
import { lazyWithAntd } from '../../components/lazyWithAntd';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';
import { PlanCard } from './PlanCard';

/** The import form uses antd (the region search, its tables): a script of its own, fetched when it is opened. */
const PlanImportForm = lazyWithAntd(() => import('./PlanImportForm').then((m) => m.PlanImportForm));

export const PlansPage = ({ onEvaluate }: { onEvaluate: (plan: string) => void }) => {
  const [refresh, setRefresh] = useState(0);
  const { data, error, loading } = useCall('plans.list', undefined, refresh);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <div className="toolbar page-head">
        <button type="button" aria-expanded={importing} onClick={() => setImporting(!importing)}>
          {importing ? '收起导入' : '导入本单位规划'}
        </button>
        {removed && <span className="ok">已删除规划“{removed}”。</span>}
        {saved && <span className="ok">已保存，规划列表已更新：{saved}</span>}
      </div>
      {importing && (
        <Suspense fallback={<Loading />}>
          <PlanImportForm
            existingIds={(data ?? []).map((p) => p.id)}
            onSaved={(id) => {
              setSaved(id);
              setRemoved(null);
              setRefresh((n) => n + 1);
            }}
          />
        </Suspense>
      )}
      {/* The list stays on screen while it reloads after a save or a removal. */}
      {loading && !data && <Loading />}
      {error && <ErrorNotice error={error} onRetry={() => setRefresh((n) => n + 1)} />}
      {data && data.length === 0 && <Empty>数据库中还没有规划。</Empty>}
      {data && data.length > 0 && (
        <section aria-label="规划列表">
          {data.map((p) => (
            <PlanCard
              key={p.id}
              plan={p}
              selected={selected === p.id}
              onEvaluate={onEvaluate}
              onSelect={setSelected}
              onRemoved={() => {
                setRemoved(p.title);
                setSaved(null);
                setSelected(null);
                setRefresh((n) => n + 1);
              }}
            />
          ))}
        </section>
      )}
    </>
  );
};
