/**
 * The rows of a plan's main table: as stored (for 编辑指标表) and as choices "序号 名称（目标）" for the adjustment
 * form. `refresh` reloads them after a change.
 */
import type { PlanRow } from '../../../shared/types';
import { useCall } from '../../api/useCall';

export interface PlanRowOption {
  seq: string;
  label: string;
  target: string;
}

export const usePlanRows = (plan: string, refresh = 0) => {
  const shown = useCall('plans.show', { id: plan }, refresh);
  const mains = (shown.data?.tables ?? []).filter((t) => t.kind === 'main');
  // The services edit the first main table (a plan made by the bureau has one).
  const table: PlanRow[] = mains[0]?.rows ?? [];
  const rows: PlanRowOption[] = mains
    .flatMap((t) => t.rows)
    .filter((r) => r.seq !== '')
    .map((r) => ({ seq: r.seq, label: `${r.seq} ${r.name}（目标 ${r.targetText}）`, target: r.targetText }));
  return { rows, table, shown: shown.data, error: shown.error, loading: shown.loading };
};
