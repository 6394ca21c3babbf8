/** The tools of one selected plan: export the package, adjust a target, judge a qualitative row, remove, history. */
import { useState } from 'react';
import type { PlanSummary } from '../../../shared/types';
import { AdjustForm } from './AdjustForm';
import { JudgeForm } from './JudgeForm';
import { PlanChanges } from './PlanChanges';
import { PlanExport } from './PlanExport';
import { RemovePlan } from './RemovePlan';

export const PlanTools = ({ plan, onRemoved }: { plan: PlanSummary; onRemoved: () => void }) => {
  // Each adjustment or judgement adds to the 修改记录 below.
  const [changed, setChanged] = useState(0);
  const onChanged = () => setChanged((n) => n + 1);
  return (
    <div className="plan-tools" aria-label="规划管理">
      <PlanExport plan={plan} />
      <AdjustForm plan={plan} onChanged={onChanged} />
      <JudgeForm plan={plan} onChanged={onChanged} />
      <PlanChanges plan={plan.id} refresh={changed} />
      <RemovePlan plan={plan} onRemoved={onRemoved} />
    </div>
  );
};
