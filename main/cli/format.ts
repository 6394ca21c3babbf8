/** Human-readable output of the command line (Chinese), for a clerk at a terminal. `--json` bypasses this. */
import { localDateTime } from '../../shared/text/time';
import type { BatchSummary, ImportResultDto, ProvenanceDto } from '../../shared/api';
import type { EvaluationResult } from '../../shared/evaluation/result';
import type { LeagueTable } from '../../shared/evaluation/league';
import type { PlanSummary } from '../../shared/types';

const pct = (x: number | null, digits = 1): string => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);
const num = (x: number | null): string => (x === null ? '—' : String(Number(x.toFixed(4))));

export const formatPlans = (plans: PlanSummary[]): string =>
  plans
    .map((p) => {
      const head = `${p.id}\t${p.title}（${p.regionName} ${p.region}）\t${p.indicators}项指标`;
      const warnings = p.warnings.map((w) => `    ⚠ ${w.message}`);
      return [head, ...warnings].join('\n');
    })
    .join('\n');

export const formatEvaluation = (r: EvaluationResult): string => {
  const kindName = { annual: '年度监测', midterm: '中期评估', final: '总结评估' }[r.kind];
  const lines = [
    `${r.planTitle} — ${r.regionName}（${r.region}）${r.year}年${kindName}，时序进度 ${pct(r.timeProgress, 0)}`,
    ['序号', '指标', '单位', '基期值', '目标值', '现值', '完成进度', '评价', '增速判断'].join('\t'),
    ...r.rows.map((row) =>
      [row.seq, row.name, row.unit, num(row.baseline), row.target, num(row.value), pct(row.completion), row.status, row.paceClass].join('\t'),
    ),
    '',
    `小计：${Object.entries(r.summary).map(([s, n]) => `${s} ${n}项`).join('，')}`,
    ...r.warnings.map((w) => `⚠ ${w}`),
  ];
  return lines.join('\n');
};

const VALUES_PRINTED = 30;

export const formatImport = (r: ImportResultDto): string => {
  const verb = r.dryRun ? '试导入（未写入）' : r.ok ? `已导入，批次 ${r.batch}` : '导入失败，未写入任何数据';
  const lines = [
    `${r.file}：${verb}；数值 ${r.observations} 个，其中替换 ${r.replaced} 个、未变 ${r.unchanged} 个`,
    ...r.sheets.map((s) => `  工作表“${s.name}”：${s.layout === 'skipped' ? '未读取' : `${s.region ?? '多个地区'}，${s.observations} 个数值`}`),
    ...r.conversions.map((c) => `  换算 ${c.sheet} ${c.series}：${c.from} → ${c.to} ×${c.factor}（${c.values} 个数值）`),
    ...r.changes.slice(0, 50).map((c) => `  变更 ${c.sheet}!${c.cell} ${c.region} ${c.series} ${c.year}：${c.old} → ${c.new}`),
    // A check shows what would be stored, so that a wrong year or region is seen before anything is written.
    ...(r.dryRun && r.ok
      ? [
          ...r.values.slice(0, VALUES_PRINTED).map((v) => `  将写入 ${v.sheet}!${v.cell} ${v.regionName}（${v.region}） ${v.seriesName} ${v.year}年：${v.value} ${v.unit}${v.status === 'changed' ? '（替换原值）' : v.status === 'same' ? '（与原值相同）' : ''}`),
          ...(r.valuesTotal > VALUES_PRINTED ? [`  ……另有 ${r.valuesTotal - VALUES_PRINTED} 个数值（--json 列出前 ${r.values.length} 个）`] : []),
        ]
      : []),
    ...r.problems.map((p) => `  ${p.severity === 'error' ? '错误' : '提示'} ${p.sheet ? `${p.sheet}!` : ''}${p.cell}：${p.message}`),
  ];
  return lines.join('\n');
};

export const formatHistory = (batches: BatchSummary[]): string =>
  batches.length === 0
    ? '（尚无导入记录）'
    : batches
        .map((b) => `批次 ${b.id}\t${localDateTime(b.importedAt)}\t${b.fileName}\t${b.observations} 个数值（替换 ${b.replaced}）\t${b.status === 'undone' ? '已撤销' : ''}`)
        .join('\n');

export const formatSource = (p: ProvenanceDto | null): string => {
  if (!p) return '（没有该数值）';
  const where = p.origin === 'import' ? `导入自 ${p.file} 的“${p.sheet}”!${p.cell}（批次 ${p.batch}）` : `由 ${p.enteredBy} 手工录入`;
  return [
    `${p.regionName}（${p.region}）${p.year}年 ${p.seriesName}：${p.value} ${p.unit}`,
    `来源：${where}，时间 ${p.enteredAt.slice(0, 19).replace('T', ' ')}`,
    ...(p.derivedFrom ? [`全年数由月度或季度数据得出：${p.derivedFrom}`] : []),
    ...(p.periods.length > 0 ? [`已保存的月度或季度数：${p.periods.map((x) => `${x.period} ${x.kind} ${x.value}（${x.sheet}!${x.cell}，第${x.batch}批）`).join('；')}`] : []),
    ...p.replaced.map((r) => `  此前为 ${r.value}（${r.file ? `${r.file} ${r.sheet}!${r.cell}` : `${r.enteredBy ?? ''} 手工录入`}）`),
  ].join('\n');
};

/** The league table as text: one line per sub-region, each row's status and rank. */
export const formatLeague = (t: LeagueTable): string =>
  [
    `${t.planTitle} ${t.regionName}下级地区对比（${t.year}年）`,
    ['地区', ...t.columns.map((c) => `${c.seq}${c.name}`)].join('\t'),
    ...t.regions.map((r) => [r.name, ...r.rows.map((x) => `${x.status}${x.rank === null ? '' : `（第${x.rank}）`}`)].join('\t')),
  ].join('\n');
