/** The plan chooser used wherever a plan is picked: the plans in the database by title. */
import type { PlanSummary } from '../../shared/types';

export const PlanSelect = ({ plans, value, onChange }: { plans: PlanSummary[] | null; value: string; onChange: (id: string) => void }) => (
  <label>
    规划
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      {(plans ?? []).map((p) => (
        <option key={p.id} value={p.id}>
          {p.title}
        </option>
      ))}
    </select>
  </label>
);
