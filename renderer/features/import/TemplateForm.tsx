/** Makes the data-entry workbook (填报工作簿) of a plan and region for the clerk to fill in and import back. */
import { useState } from 'react';
import { call } from '../../api/client';
import { fileNameOf, saveFile, type SavedFile } from '../../api/files';
import { useCall } from '../../api/useCall';
import { PlanSelect } from '../../components/PlanSelect';
import { RegionPicker } from '../../components/RegionPicker';
import { ErrorNotice } from '../../components/Notice';
import { SavedFileNotice } from '../../components/SavedFileNotice';

export const TemplateForm = () => {
  const plans = useCall('plans.list', undefined);
  const [plan, setPlan] = useState('chuxiong');
  // '' for the plan's own region.
  const [region, setRegion] = useState<{ code: string; name: string | null }>({ code: '', name: null });
  const [subregions, setSubregions] = useState(false);
  const [cycle, setCycle] = useState<'annual' | 'monthly' | 'quarterly'>('annual');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [done, setDone] = useState<{ file: SavedFile; sheets: number } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const selected = plans.data?.find((p) => p.id === plan);
  const make = async () => {
    setError(null);
    setDone(null);
    try {
      const code = region.code || selected?.region || '';
      const regionName = (region.code ? region.name : selected?.regionName) ?? code;
      const by = cycle === 'annual' ? '' : `${year}年${cycle === 'monthly' ? '月度' : '季度'}`;
      const name = fileNameOf(`${regionName}${subregions ? '（含下级地区）' : ''}${by}填报工作簿.xlsx`);
      const periods = cycle === 'annual' ? {} : { period: cycle, year: Number(year) };
      const r = await saveFile(name, (out) => call('template.write', { plan, region: code, subregions, out, ...periods }));
      if (r) setDone({ file: r.saved, sheets: r.result.sheets });
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <details className="card">
      <summary>生成填报工作簿（按规划所需的统计项，填好后在此导入）</summary>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <PlanSelect
          plans={plans.data}
          value={plan}
          onChange={(id) => {
            setPlan(id);
            setRegion({ code: '', name: null });
          }}
        />
        <RegionPicker root={selected?.region ?? null} value={region.code} onChange={(code, name) => setRegion({ code, name })} />
        <label>
          填报周期
          <select value={cycle} onChange={(e) => setCycle(e.target.value as typeof cycle)}>
            <option value="annual">按年（规划期各年）</option>
            <option value="monthly">按月（某一年）</option>
            <option value="quarterly">按季（某一年）</option>
          </select>
        </label>
        {cycle !== 'annual' && (
          <label>
            年份
            <input value={year} inputMode="numeric" size={6} onChange={(e) => setYear(e.target.value)} />
          </label>
        )}
        <label className="inline">
          <input type="checkbox" checked={subregions} onChange={(e) => setSubregions(e.target.checked)} /> 含下级地区各一张表
        </label>
        <button type="button" onClick={make}>
          生成
        </button>
      </form>
      {error && <ErrorNotice error={error} />}
      {done && <SavedFileNotice file={done.file}>已生成 {done.sheets} 张数据表：</SavedFileNotice>}
    </details>
  );
};
