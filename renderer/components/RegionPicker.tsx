/**
 * 地区: the plan's region and every region under it as a tree (州 › 县 › 乡镇), searched as the clerk types a name or a
 * code (双柏 or 532322); left empty, the plan's own region. antd's TreeSelect, its list virtual (a province sends
 * about 1,700 regions).
 */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { Region } from '../../shared/types';
import { useCall } from '../api/useCall';

interface RegionOption {
  value: string;
  /** Searched: the name and the code. */
  title: string;
  /** Shown once chosen. */
  label: string;
  children?: RegionOption[];
}

/** The regions as a tree (the service sends parents before their children). */
export const regionTree = (regions: readonly Region[]): RegionOption[] => {
  const byCode = new Map<string, RegionOption>();
  const roots: RegionOption[] = [];
  for (const r of regions) {
    const option: RegionOption = { value: r.code, title: `${r.name} ${r.code}`, label: `${r.name}（${r.code}）` };
    byCode.set(r.code, option);
    const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(option);
    else roots.push(option);
  }
  return roots;
};

/**
 * `onChange`: the code chosen ('' when cleared) and its name. `label`: the field's caption (上级地区 in 下级地区对比);
 * `placeholder`: what an empty field means.
 */
export const RegionPicker = ({
  root,
  value,
  onChange,
  label = '地区',
  placeholder = '规划地区（输入名称或代码查找）',
}: {
  root: string | null;
  value: string;
  onChange: (code: string, name: string | null) => void;
  label?: string;
  placeholder?: string;
}) => {
  const regions = useCall('regions.within', root ? { code: root } : null);
  const tree = useMemo(() => regionTree(regions.data ?? []), [regions.data]);
  // Until the tree has come (a reload opens 评估 with its region), the chosen code is named as loading, not shown bare.
  const shown = regions.data || !value ? tree : [{ value, title: value, label: `${value}（正在加载名称…）` }];
  return (
    <label className="region-picker" data-loading={value && !regions.data && !regions.error ? 'true' : undefined}>
      {label}
      <TreeSelect<string, RegionOption>
        aria-label={label}
        showSearch={{ treeNodeFilterProp: 'title' }}
        allowClear
        value={value || undefined}
        placeholder={placeholder}
        treeData={shown}
        treeNodeLabelProp="label"
        treeDefaultExpandedKeys={root ? [root] : []}
        onChange={(v) => onChange(v ?? '', regions.data?.find((r) => r.code === v)?.name ?? null)}
        notFoundContent={regions.loading ? '正在加载…' : regions.error ? regions.error.message : '没有这个地区'}
        popupMatchSelectWidth={false}
        size="small"
        style={{ minWidth: 220, fontSize: 14 }}
      />
    </label>
  );
};
