/**
 * 目标分解: the targets a bureau sets for the regions below a plan's region. Listed with who set them; set one at a
 * time or read from a sheet 地区 | 序号 | 目标值 (checked first, then saved); removed. A county is judged on an
 * absolute quantity (人, 个, 张 …) only against such a target; rates and shares use the plan's own.
 */
import { useState } from 'react';
import type { ImportProblem, RegionTargetDto } from '../../../shared/api';
import { call } from '../../api/client';
import { readablePath, type ChosenFile } from '../../api/files';
import { useCall } from '../../api/useCall';
import { useConfirm } from '../../components/confirm';
import { DataTable } from '../../components/DataTable';
import { Empty, ErrorNotice, Loading } from '../../components/Notice';
import { localDateTime } from '../../../shared/text/time';
import { PlanSelect } from '../../components/PlanSelect';
import { RegionPicker } from '../../components/RegionPicker';
import { ProblemsTable } from '../../components/ProblemsTable';
import { FileField } from '../../components/FileField';

interface SheetCheck {
  ok: boolean;
  dryRun: boolean;
  targets: number;
  replaced: number;
  problems: ImportProblem[];
}

/** The tooltip of a greyed-out button: what is still to be filled in. */
const missing = (fields: [string, string][]): string | undefined => {
  const names = fields.filter(([value]) => value === '').map(([, name]) => name);
  return names.length > 0 ? `请先填写：${names.join('、')}` : undefined;
};

export const TargetsPage = ({ initialPlan }: { initialPlan: string | null }) => {
  const plans = useCall('plans.list', undefined);
  const [plan, setPlan] = useState(initialPlan ?? 'chuxiong');
  const [refresh, setRefresh] = useState(0);
  const targets = useCall('targets.list', { plan }, refresh);
  const rows = useCall('targets.rows', { plan });

  const [region, setRegion] = useState('');
  const [seq, setSeq] = useState('');
  const [target, setTarget] = useState('');
  const [by, setBy] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);

  const [file, setFile] = useState<ChosenFile | null>(null);
  const [check, setCheck] = useState<SheetCheck | null>(null);

  const chosenRow = rows.data?.find((r) => r.seq === seq) ?? null;
  const confirm = useConfirm();
  const act = async (work: () => Promise<string>) => {
    setFailure(null);
    setMessage(null);
    try {
      setMessage(await work());
      setRefresh((n) => n + 1);
    } catch (e) {
      setFailure(e as Error);
    }
  };

  const onSave = () =>
    act(async () => {
      const t = await call('targets.set', { plan, seq, region: region.trim(), target, setBy: by });
      setTarget('');
      return `已保存：${t.regionName}（${t.region}）第${t.seq}项“${t.name}”目标 ${t.target}`;
    });

  const onRemove = async (r: { seq: string; region: string; regionName: string; target: string }) =>
    (await confirm({ title: `删除${r.regionName}第${r.seq}项的目标？`, content: `目标：${r.target}。删除后该项对${r.regionName}不再评价（不适用）。`, ok: '删除' })) &&
    act(async () => {
      const { removed } = await call('targets.remove', { plan, seq: r.seq, region: r.region });
      return `已删除：${removed.regionName}第${removed.seq}项“${removed.name}”的目标 ${removed.target}`;
    });

  const onSheet = (dryRun: boolean) =>
    act(async () => {
      if (!file) return '';
      const r = await call('targets.import', { plan, file: await readablePath(file), setBy: by, dryRun });
      setCheck({ ...r, dryRun });
      if (!r.ok) return '';
      const replacing = r.replaced > 0 ? `，其中 ${r.replaced} 项将替换已设置的目标` : '';
      return dryRun ? `检查通过（未保存）：${r.targets} 项目标${replacing}` : `已保存 ${r.targets} 项目标${r.replaced > 0 ? `，其中替换 ${r.replaced} 项` : ''}`;
    });

  const who = (
    <label>
      设定人
      <input value={by} onChange={(e) => setBy(e.target.value)} size={8} placeholder="姓名" />
    </label>
  );

  return (
    <section aria-label="目标分解">
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <PlanSelect
          plans={plans.data}
          value={plan}
          onChange={(id) => {
            setPlan(id);
            setSeq('');
            setRegion('');
            setCheck(null);
          }}
        />
      </form>
      <p className="muted">
        下级地区（县市、乡镇）的比率类指标按规划目标评价，不必分解；总量指标（人、个、张等）只有设置了本地区目标才评价，否则为“不适用”。
      </p>

      <div className="card">
        <h3>设置一项目标</h3>
        <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
          <RegionPicker root={plans.data?.find((p) => p.id === plan)?.region ?? null} value={region} onChange={(code) => setRegion(code)} placeholder="下级地区（如 双柏 或 532322）" />
          <label>
            指标
            <select value={seq} onChange={(e) => setSeq(e.target.value)}>
              <option value="">（选择指标）</option>
              {(rows.data ?? []).map((r) => (
                <option key={r.seq} value={r.seq}>
                  {r.seq} {r.name}
                  {r.needsOwnTarget ? '（总量指标，须分解）' : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            目标值
            <input value={target} onChange={(e) => setTarget(e.target.value)} size={10} placeholder={chosenRow ? `规划：${chosenRow.target}` : '如 120人'} />
          </label>
          {who}
          <button
            type="button"
            disabled={!region.trim() || !seq || !target.trim() || !by.trim()}
            title={missing([[region.trim(), '地区'], [seq, '指标'], [target.trim(), '目标值'], [by.trim(), '设定人']])}
            onClick={onSave}
          >
            保存
          </button>
        </form>
      </div>

      <div className="card">
        <h3>从表格读入</h3>
        <p className="muted">一个工作表，表头为“地区 | 序号 | 目标值”（地区可写名称或区划代码，序号为规划指标表的序号）。先检查，无误后保存；有一处错误则一项也不保存。</p>
        <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
          <FileField
            purpose="workbook"
            value={file}
            onChange={(f) => {
              setFile(f);
              setCheck(null);
            }}
          />
          {who}
          <button type="button" disabled={!file || !by.trim()} title={missing([[file ? 'x' : '', '文件'], [by.trim(), '设定人']])} onClick={() => onSheet(true)}>
            检查
          </button>
          <button type="button" disabled={!file || !by.trim() || !check?.dryRun || !check.ok} onClick={() => onSheet(false)}>
            确认保存
          </button>
        </form>
        {check && !check.ok && <p className="error-text">发现 {check.problems.filter((p) => p.severity === 'error').length} 个错误，修改后才能保存（未保存任何目标）</p>}
        {check && <ProblemsTable problems={check.problems} />}
      </div>

      {message && <p className="ok">{message}</p>}
      {failure && <ErrorNotice error={failure} />}

      <h3>已设置的下级地区目标</h3>
      {targets.loading && <Loading />}
      {targets.error && <ErrorNotice error={targets.error} />}
      {targets.data && targets.data.length === 0 && <Empty>尚未设置下级地区目标。</Empty>}
      {targets.data && targets.data.length > 0 && (
        <DataTable<RegionTargetDto>
          label="下级地区目标"
          rowKey={(t) => `${t.region}-${t.seq}`}
          dataSource={targets.data}
          pagination={targets.data.length > 100 ? { pageSize: 100, showSizeChanger: false, showTotal: (n) => `共 ${n} 个目标` } : false}
          columns={[
            { title: '地区', dataIndex: 'regionName', sorter: (a, b) => a.region.localeCompare(b.region) },
            { title: '代码', dataIndex: 'region' },
            { title: '序号', dataIndex: 'seq', className: 'num', sorter: (a, b) => a.seq.localeCompare(b.seq, 'zh-CN', { numeric: true }) },
            { title: '指标名称', dataIndex: 'name' },
            { title: '规划目标', key: 'planTarget', className: 'num', render: (_, t) => rows.data?.find((r) => r.seq === t.seq)?.target ?? '' },
            { title: '本地区目标', dataIndex: 'target', className: 'num' },
            { title: '设定人', dataIndex: 'setBy', render: (by: string | null) => by ?? '' },
            { title: '设定时间', dataIndex: 'setAt', className: 'nowrap', render: (at: string) => localDateTime(at) },
            {
              title: '操作',
              key: 'remove',
              render: (_, t) => (
                <button type="button" aria-label={`删除${t.regionName}第${t.seq}项目标`} onClick={() => onRemove(t)}>
                  删除
                </button>
              ),
            },
          ]}
        />
      )}
    </section>
  );
};
