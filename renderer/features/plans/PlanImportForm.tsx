/**
 * 导入本单位规划: paste the indicator table (or pick a file), 试读 to see what is read and decide the rows that need
 * it, then 保存规划. Only a clean dry run of exactly the current inputs and choices can be saved.
 */
import { useState } from 'react';
import type { PlanRowChoice } from '../../../shared/api';
import { FileField } from '../../components/FileField';
import { ErrorNotice } from '../../components/Notice';
import { RegionSearch } from '../../components/RegionSearch';
import { PlanImportPreview } from './PlanImportPreview';
import { EMPTY_FIELDS, fieldsProblem, usePlanImport, type PlanImportFields } from './usePlanImport';

type Candidate = { code: string; name: string; unit: string };

const FIELDS: { key: 'id' | 'title' | 'baseYear' | 'targetYear' | 'by'; label: string; placeholder: string; size: number }[] = [
  { key: 'id', label: '规划编号', placeholder: '默认按地区和年份', size: 18 },
  { key: 'title', label: '规划标题', placeholder: '默认取文中标题', size: 24 },
  { key: 'baseYear', label: '基期年', placeholder: '如 2025', size: 6 },
  { key: 'targetYear', label: '目标年', placeholder: '如 2030', size: 6 },
  { key: 'by', label: '经办人', placeholder: '姓名', size: 8 },
];

export const PlanImportForm = ({ existingIds, onSaved }: { existingIds: string[]; onSaved: (id: string) => void }) => {
  const [fields, setFields] = useState<PlanImportFields>(EMPTY_FIELDS);
  const [choices, setChoices] = useState<Map<number, PlanRowChoice>>(new Map());
  /** Candidates seen for each row; a row keeps its choice list after an existing indicator is chosen for it. */
  const [candidates, setCandidates] = useState<Map<number, Candidate[]>>(new Map());
  const [version, setVersion] = useState(0);
  const job = usePlanImport();
  const result = job.result;

  const read = async (f: PlanImportFields, c: Map<number, PlanRowChoice>, v: number, dryRun: boolean) => {
    const r = await job.run(f, [...c.values()].filter((x) => Object.keys(x).length > 1), dryRun, v);
    if (r?.dryRun) {
      setCandidates((old) => {
        const next = new Map(old);
        r.rows.forEach((row, i) => row.candidateIndicators?.length && next.set(i + 1, row.candidateIndicators));
        return next;
      });
    }
    if (r && !r.dryRun && r.ok && r.plan) onSaved(r.plan.id);
  };
  /** A change of the file, text or fields: earlier choices and candidates belong to another table. */
  const change = (patch: Partial<PlanImportFields>, keepChoices = false) => {
    setFields((f) => ({ ...f, ...patch }));
    if (!keepChoices) {
      setChoices(new Map());
      setCandidates(new Map());
    }
    setVersion((v) => v + 1);
  };
  const onChoose = (choice: PlanRowChoice) => {
    const next = new Map(choices);
    next.set(choice.position, choice);
    setChoices(next);
    setVersion(version + 1);
    void read(fields, next, version + 1, true);
  };

  const problem = fieldsProblem(fields);
  const exists = result?.plan ? existingIds.includes(result.plan.id) : false;
  const saveBlocked = job.busy
    ? '正在读取…'
    : problem ??
      (!result || job.readVersion !== version || !result.dryRun
        ? result && !result.dryRun && result.ok && job.readVersion === version
          ? '已保存'
          : '请先“试读”当前内容'
        : !result.ok
          ? exists && !fields.replace
            ? '该编号的规划已存在：勾选“替换”或改用其他规划编号后重新试读'
            : '试读发现错误，改正后重新试读'
          : null);

  return (
    <section className="card" aria-label="导入本单位规划">
      <h2>导入本单位规划</h2>
      <label className="paste">
        粘贴指标表（从 Word/WPS/PDF 复制）
        <textarea rows={8} value={fields.text} disabled={fields.file !== null} onChange={(e) => change({ text: e.target.value })} />
      </label>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <FileField purpose="plan" label="或选择文件（.txt .xlsx .xls .docx .json）" value={fields.file} onChange={(file) => change({ file })} />
        <RegionSearch value={fields.region} placeholder="默认取文中标题的地区" onChange={(region) => change({ region })} />
        {FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input value={fields[f.key]} placeholder={f.placeholder} size={f.size} onChange={(e) => change({ [f.key]: e.target.value }, f.key === 'by')} />
          </label>
        ))}
      </form>
      <div className="toolbar">
        <button type="button" disabled={job.busy || problem !== null} title={problem ?? undefined} onClick={() => read(fields, choices, version, true)}>
          试读
        </button>
        {exists && (
          <label className="inline">
            <input
              type="checkbox"
              checked={fields.replace}
              onChange={(e) => {
                const next = { ...fields, replace: e.target.checked };
                setFields(next);
                setVersion(version + 1);
                void read(next, choices, version + 1, true);
              }}
            />{' '}
            替换已有的同编号规划
          </label>
        )}
        <button type="button" disabled={saveBlocked !== null} title={saveBlocked ?? undefined} onClick={() => read(fields, choices, version, false)}>
          保存规划
        </button>
        {saveBlocked && saveBlocked !== '已保存' && <span className="muted">{saveBlocked}</span>}
      </div>
      {fields.file && <p className="muted">已选择文件“{fields.file.name}”：将读取该文件，粘贴框不用。</p>}
      {job.error && <ErrorNotice error={job.error} />}
      {result && job.readVersion !== version && result.dryRun && <p className="muted">内容已改动，下面是上次试读的结果。</p>}
      {result && <PlanImportPreview result={result} candidates={candidates} choices={choices} busy={job.busy} onChoose={onChoose} />}
      {!result && !job.error && <p className="muted">先“试读”：程序列出读到的规划、指标表、需要决定的行和每个问题所在的行列；核对无误后再“保存规划”。</p>}
    </section>
  );
};
