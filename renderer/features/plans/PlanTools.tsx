/**
 * The tools of one selected plan: export the package, edit the indicator table, adjust a target, judge a qualitative
 * row, history, remove. Each change reloads the rows and the 修改记录.
 */
import { useState } from 'react';
import type { PlanSummary } from '../../../shared/types';
import { AdjustForm } from './AdjustForm';
import { EditRows } from './EditRows';
import { JudgeForm } from './JudgeForm';
import { PlanChanges } from './PlanChanges';
import { PlanExport } from './PlanExport';
import { RemovePlan } from './RemovePlan';

export const PlanTools = ({ plan, onRemoved }: { plan: PlanSummary; onRemoved: () => void }) => {
  // Each edit, adjustment or judgement adds to the 修改记录 below and may change the rows the forms offer.
  const [changed, setChanged] = useState(0);
  const onChanged = () => setChanged((n) => n + 1);
  return (
    <section className="plan-tools" aria-label="规划管理">
      <PlanExport plan={plan} />
      <EditRows plan={plan} refresh={changed} onChanged={onChanged} />
      <AdjustForm plan={plan} refresh={changed} onChanged={onChanged} />
      <JudgeForm plan={plan} onChanged={onChanged} />
      <PlanChanges plan={plan.id} refresh={changed} />
      <RemovePlan plan={plan} onRemoved={onRemoved} />
    </section>
  );
};
