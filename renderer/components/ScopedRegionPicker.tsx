/**
 * 地区 where no plan is chosen (锁定年度, 导入数据): first the scope, one of the plans' regions (asked only when the
 * plans are of several regions), then any region in its tree. `onChange` gets the region chosen, or the scope's own
 * region when the tree is left empty ('' until the plans are known).
 */
import { useEffect, useState } from 'react';
import { useCall } from '../api/useCall';
import { RegionPicker } from './RegionPicker';

export const ScopedRegionPicker = ({
  onChange,
  label,
  placeholder = '输入名称或代码查找',
}: {
  onChange: (code: string, scope: string) => void;
  label?: string;
  placeholder?: string;
}) => {
  const plans = useCall('plans.list', undefined);
  const roots = [...new Map((plans.data ?? []).map((p) => [p.region, p.regionName])).entries()];
  const [root, setRoot] = useState<string | null>(null);
  const shownRoot = root ?? roots[0]?.[0] ?? null;
  const [region, setRegion] = useState('');
  useEffect(() => onChange(region, shownRoot ?? ''), [region, shownRoot]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      {roots.length > 1 && (
        <label>
          范围
          <select
            value={shownRoot ?? ''}
            onChange={(e) => {
              setRoot(e.target.value);
              setRegion('');
            }}
          >
            {roots.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <RegionPicker root={shownRoot} value={region} onChange={(code) => setRegion(code)} placeholder={placeholder} {...(label ? { label } : {})} />
    </>
  );
};
