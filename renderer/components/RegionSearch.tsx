/**
 * 地区 of the whole country (a bureau's own plan may be of any of its 44,700 regions): the clerk types a part of the
 * name or the start of the code (双柏, 楚雄州 or 532322; 武清 城关镇 with a name above it) and chooses from the regions
 * the service finds, each shown with the names above it (云南省 › 楚雄彝族自治州) so that two 城关镇 are told apart.
 * Nothing of the country is sent until asked.
 */
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { MAX_REGION_MATCHES, type Api } from '../../shared/api';
import { call } from '../api/client';

type RegionMatch = Api['regions.search']['output']['regions'][number];

/** A pause in the typing before the service is asked (each key would otherwise search the country). */
const TYPING_PAUSE_MS = 150;

const NONE = { regions: [], more: false };

export const RegionSearch = ({
  value,
  onChange,
  label = '地区',
  placeholder = '输入名称或代码查找',
}: {
  /** The chosen region's code ('' when none). */
  value: string;
  onChange: (code: string, name: string | null) => void;
  label?: string;
  placeholder?: string;
}) => {
  /** What the service found for the text typed last; `more`: there were more than it sent. */
  const [{ regions: found, more }, setFound] = useState<{ regions: RegionMatch[]; more: boolean }>(NONE);
  const [chosen, setChosen] = useState<RegionMatch | null>(null);
  const [state, setState] = useState<'idle' | 'searching' | 'failed'>('idle');
  const asked = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const search = (text: string) => {
    window.clearTimeout(timer.current);
    const n = ++asked.current;
    if (text.trim() === '') {
      setFound(NONE);
      setState('idle');
      return;
    }
    setState('searching');
    timer.current = window.setTimeout(() => {
      call('regions.search', { query: text.slice(0, 40) }).then(
        (r) => {
          if (asked.current !== n) return;
          setFound(r);
          setState('idle');
        },
        () => {
          if (asked.current !== n) return;
          setFound(NONE);
          setState('failed');
        },
      );
    }, TYPING_PAUSE_MS);
  };
  const shown = chosen && chosen.code === value && !found.some((r) => r.code === value) ? [chosen, ...found] : found;
  return (
    <label className="region-picker">
      {label}
      <Select<string>
        aria-label={label}
        showSearch={{ filterOption: false, onSearch: search }}
        allowClear
        value={value || undefined}
        placeholder={placeholder}
        options={shown.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）`, region: r }))}
        optionRender={(o) => {
          const r = (o.data as { region: RegionMatch }).region;
          return (
            <span className="region-match">
              {r.name} <span className="muted">{r.code}</span>
              {r.path && <span className="muted region-path">{r.path}</span>}
            </span>
          );
        }}
        onChange={(code) => {
          const r = shown.find((x) => x.code === code) ?? null;
          setChosen(r);
          onChange(code ?? '', r?.name ?? null);
        }}
        notFoundContent={state === 'searching' ? '正在查找…' : state === 'failed' ? '查找失败，请重试' : '输入名称或代码查找；没有找到时换个写法'}
        popupRender={(menu) => (
          <>
            {menu}
            {more && <div className="muted region-more">只列出前 {MAX_REGION_MATCHES} 个；在前面加上县名或市名（如“武清 城关镇”）可缩小范围</div>}
          </>
        )}
        popupMatchSelectWidth={false}
        size="small"
        style={{ minWidth: 220, fontSize: 14 }}
      />
    </label>
  );
};
