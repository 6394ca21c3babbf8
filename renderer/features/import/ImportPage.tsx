/**
 * Import a workbook: pick a file, check it first (试导入: what would be stored, what would change, every problem by
 * sheet and cell), then import it for real. Progress is shown as a bar while the rows are read.
 */
import { Steps } from 'antd';
import { useState } from 'react';
import type { ImportResultDto } from '../../../shared/api';
import type { ChosenFile } from '../../api/files';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/Notice';
import { ProblemsTable } from '../../components/ProblemsTable';
import { FileField } from '../../components/FileField';
import { periodText } from './periodText';
import { TemplateForm } from './TemplateForm';
import { useImportJob } from './useImportJob';
import { ScopedRegionPicker } from '../../components/ScopedRegionPicker';

type ImportValue = ImportResultDto['values'][number];
const STATUS_WORDS: Record<ImportValue['status'], string> = { new: '新增', changed: '替换', same: '相同' };

const Preview = ({ result }: { result: ImportResultDto }) => {
  // Changes carry codes; the values listed beside them carry the names the clerk knows.
  const byCell = new Map(result.values.filter((v) => v.periodKind === null).map((v) => [`${v.sheet}!${v.cell}`, v]));
  const named = (c: { sheet: string; cell: string; region: string; series: string }) => {
    const v = byCell.get(`${c.sheet}!${c.cell}`);
    return { region: v?.regionName || c.region, series: v?.seriesName || c.series };
  };
  return (
    <div className="preview">
      <p className={result.ok ? 'ok' : 'error-text'}>
        {!result.ok
          ? `${result.dryRun ? '试导入' : '导入'}发现 ${result.problems.filter((p) => p.severity === 'error').length} 个错误，修改后才能导入（未写入任何数据）`
          : result.dryRun
            ? `试导入（未写入）：将写入 ${result.observations} 个数值，其中替换 ${result.replaced} 个、未变 ${result.unchanged} 个`
            : `已导入，批次 ${result.batch}：${result.observations} 个数值，其中替换 ${result.replaced} 个、未变 ${result.unchanged} 个`}
      </p>
      <ul>
        {result.sheets.map((s) => (
          <li key={s.name}>
            工作表“{s.name}”：{s.layout === 'skipped' ? '未读取' : `${s.period ? `${s.period}报表，` : ''}${s.region ? s.regionName || s.region : '多个地区'}，${s.observations} 个数值`}
          </li>
        ))}
      </ul>
      {result.conversions.length > 0 && (
        <ul aria-label="单位换算">
          {result.conversions.map((c, i) => (
            <li key={i}>
              单位换算：工作表“{c.sheet}” {c.series} 由 {c.from} 换算为 {c.to}（×{c.factor}），{c.values} 个数值
            </li>
          ))}
        </ul>
      )}
      <ProblemsTable problems={result.problems} />
      {result.dryRun && result.ok && result.values.length > 0 && (
        <details open={result.valuesTotal <= 30}>
          <summary>
            将写入的数值：{result.valuesTotal} 个{result.valuesTotal > result.values.length ? `（列出前 ${result.values.length} 个）` : ''}——请核对地区、时期和单位
          </summary>
          <DataTable<ImportValue>
            label="将写入的数值"
            rowKey={(v) => `${v.sheet}!${v.cell}|${v.period}|${v.periodKind ?? ''}`}
            dataSource={result.values}
            pagination={result.values.length > 200 ? { pageSize: 200, showSizeChanger: false, showTotal: (n) => `列出 ${n} 个` } : false}
            columns={[
              { title: '单元格', key: 'cell', render: (_, v) => `${v.sheet}!${v.cell}` },
              { title: '地区', dataIndex: 'regionName' },
              { title: '指标或统计项', dataIndex: 'seriesName' },
              {
                title: '时期',
                key: 'period',
                render: (_, v) => (
                  <span title={v.derivedFrom ?? undefined}>
                    {periodText(v)}
                    {v.derivedFrom ? <span className="muted">（全年数，{v.derivedFrom.split('：')[0]}）</span> : null}
                  </span>
                ),
              },
              { title: '数值', dataIndex: 'value', className: 'num', align: 'right' },
              { title: '单位', dataIndex: 'unit' },
              {
                title: '与已有数值',
                dataIndex: 'status',
                render: (st: ImportValue['status']) => STATUS_WORDS[st],
                filters: (Object.keys(STATUS_WORDS) as ImportValue['status'][]).map((value) => ({ text: STATUS_WORDS[value], value })),
                onFilter: (value, v) => v.status === value,
              },
            ]}
          />
        </details>
      )}
      {result.changes.length > 0 && (
        <details>
          <summary>将改变的已有数值：{result.changes.length} 个</summary>
          <ul>
            {result.changes.slice(0, 200).map((c, i) => (
              <li key={i}>
                {c.sheet}!{c.cell} {named(c).region} {named(c).series} {c.year}年：{c.old} → {c.new}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
};

/**
 * Where the clerk is: 选择文件 → 试导入 → 确认导入, the step at hand marked, a failed check marked in red on its step
 * (index 1 is 试导入, 2 确认导入; 3 when the import is done).
 */
const ImportSteps = ({ file, result, running }: { file: ChosenFile | null; result: ImportResultDto | null; running: boolean }) => {
  const imported = result !== null && !result.dryRun && result.ok;
  const checked = result !== null && result.dryRun && result.ok;
  // A confirmed import that failed (a year locked since the check) is marked on 确认导入, not on 试导入.
  const confirmFailed = result !== null && !result.dryRun && !result.ok;
  const current = imported ? 3 : checked || confirmFailed ? 2 : file ? 1 : 0;
  const failed = result !== null && !result.ok;
  const errors = result?.problems.filter((p) => p.severity === 'error').length ?? 0;
  return (
    <Steps
      className="import-steps"
      size="small"
      current={current}
      status={failed ? 'error' : running ? 'process' : imported ? 'finish' : 'process'}
      items={[
        { title: '选择文件', description: file ? file.name : 'Excel 工作簿（.xlsx .xls）' },
        { title: '试导入', description: failed && result.dryRun ? `${errors} 个错误，改正后重试` : checked || imported ? '已检查' : '检查，不写入' },
        { title: '确认导入', description: imported ? `完成（第 ${result.batch} 批）` : failed && !result.dryRun ? '未导入' : '写入数据库' },
      ]}
    />
  );
};

export const ImportPage = ({ onHistory }: { onHistory?: () => void }) => {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [region, setRegion] = useState('');
  const job = useImportJob();
  const result = job.status?.result ?? null;

  const run = async (dryRun: boolean) => {
    if (!file) return;
    await job.start({ file, dryRun, ...(region.trim() ? { region: region.trim() } : {}) });
  };

  return (
    <section aria-label="导入">
      <ImportSteps file={file} result={result} running={job.running} />
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <FileField
          purpose="workbook"
          value={file}
          onChange={(f) => {
            setFile(f);
            job.reset();
          }}
        />
        {/* For a workbook that does not say whose figures it holds; left empty, each sheet's own. */}
        <ScopedRegionPicker
          label="地区（表中未写明时）"
          placeholder="表中未写明时在此选择"
          onChange={(code) => {
            setRegion(code);
            job.reset();
          }}
        />
        <button type="button" disabled={!file || job.running} onClick={() => run(true)}>
          试导入
        </button>
        <button
          type="button"
          disabled={!file || job.running || !result?.dryRun || !result.ok}
          title={!file ? '请先选择文件' : !result?.dryRun ? '请先“试导入”检查本文件' : !result.ok ? '试导入发现错误，改正后重新试导入' : undefined}
          onClick={() => run(false)}
        >
          确认导入
        </button>
      </form>
      {job.status && (
        <div className="progress">
          <progress aria-label="读取进度" max={Math.max(job.status.rows, 1)} value={job.status.state === 'running' ? undefined : job.status.rows} />
          <span>{job.status.state === 'running' ? `正在读取… 已读 ${job.status.rows} 行` : `已读 ${job.status.rows} 行`}</span>
        </div>
      )}
      {job.error && <ErrorNotice error={job.error} />}
      {result && <Preview result={result} />}
      {result && !result.dryRun && result.ok && onHistory && (
        <p>
          <button type="button" className="link" onClick={onHistory}>
            到“导入记录”查看本批数值或撤销本批
          </button>
        </p>
      )}
      <TemplateForm />
      {!job.status && <p className="muted">先“试导入”检查文件：程序列出将写入的数值、将改变的已有数值和每个问题所在的单元格；确认无误后再“确认导入”。</p>}
    </section>
  );
};
