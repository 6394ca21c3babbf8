/** The rows of a plan's main table(s) as choices for the adjustment and judgement forms: "序号 名称（目标）". */
import { useCall } from '../../api/useCall';

export interface PlanRowOption {
  seq: string;
  label: string;
  target: string;
}

export const usePlanRows = (plan: string) => {
  const shown = useCall('plans.show', { id: plan });
  const rows: PlanRowOption[] = (shown.data?.tables ?? [])
    .filter((t) => t.kind === 'main')
    .flatMap((t) => t.rows)
    .filter((r) => r.seq !== '')
    .map((r) => ({ seq: r.seq, label: `${r.seq} ${r.name}（目标 ${r.targetText}）`, target: r.targetText }));
  return { rows, error: shown.error, loading: shown.loading };
};
