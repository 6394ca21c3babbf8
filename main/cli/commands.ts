/**
 * The commands of `pwb`, one entry each: its usage line and what it runs. Every command checks its options before
 * it opens the database, so a usage error writes nothing; then it calls the same handlers as the app.
 */
import type { Handlers, ImportResultDto } from '../../shared/api';
import { fromWire, UserError } from '../../shared/errors';
import type { EvaluationKind } from '../../shared/types';
import path from 'node:path';
import { resourcesRoot } from '../catalog/paths';
import { defaultDbFile } from '../data-dir';
import { openDb } from '../db/open';
import { startServer } from '../http/server';
import { createHandlers } from '../services/handlers';
import { runDemo } from '../services/demo';
import { restoreDatabase } from '../services/backup';
import { forkLauncher } from '../services/job-process';
import { need, needInt, needNumber, type Values } from './args';

const needYear = (text: string | undefined): number => {
  const year = needInt(text, '--year');
  if (year < 1949 || year > 2100) throw new UserError('bad-year', `年份应在1949至2100年之间，收到“${year}”。 / The year must be 1949–2100.`);
  return year;
};
import { formatEvaluation, formatHistory, formatImport, formatLeague, formatPlans, formatSource } from './format';

import type { Command } from './commands-types';
import { planCommand } from './plan-command';
export type { Command, CommandContext } from './commands-types';

const KINDS = ['annual', 'midterm', 'final'] as const;

const failedImport = (file: string, dryRun: boolean, message: string): ImportResultDto => ({
  ok: false,
  dryRun,
  file,
  batch: null,
  observations: 0,
  replaced: 0,
  unchanged: 0,
  sheets: [],
  changes: [],
  problems: [{ severity: 'error', sheet: '', cell: '', message }],
  reader: 'whole',
  conversions: [],
  values: [],
  valuesTotal: 0,
});

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** The options `pwb report` and `pwb issue` share: plan, year, kind, file, and optionally region, template, date. */
const reportOptions = (values: Values) => {
  const kind = need(values.kind, '--kind');
  if (!['annual', 'midterm', 'final', 'summary', 'table'].includes(kind)) {
    throw new UserError('bad-input', `--kind 应为 annual、midterm、final、summary 或 table，收到“${kind}”。 / Unknown report kind.`);
  }
  return {
    plan: need(values.plan, '--plan'),
    year: needYear(values.year),
    kind: kind as 'annual' | 'midterm' | 'final' | 'summary' | 'table',
    out: need(values.out, '--out'),
    ...optional('region', values.region),
    ...optional('template', values.template),
    ...optional('date', values.date),
  };
};

export const COMMANDS: Record<string, Command> = {
  plan: planCommand,
  plans: {
    usage: 'pwb plans [--json]                                  列出规划及其核对提示 / list plans and plan checks',
    run: async ({ withHandlers, print }) => {
      const plans = await withHandlers((h) => h['plans.list']());
      print(plans, () => formatPlans(plans));
      return 0;
    },
  },
  evaluate: {
    usage: 'pwb evaluate --plan ID [--region CODE] --year Y [--kind annual|midterm|final] [--json]   评估 / evaluate',
    run: async ({ values, withHandlers, print }) => {
      const plan = need(values.plan, '--plan');
      const year = needInt(values.year, '--year');
      const kind = values.kind;
      if (kind !== undefined && !(KINDS as readonly string[]).includes(kind)) {
        throw new UserError('bad-input', `--kind 应为 annual、midterm 或 final，收到“${kind}”。 / --kind must be annual, midterm or final.`);
      }
      const result = await withHandlers((h) =>
        h['evaluation.run']({ plan, year, ...optional('region', values.region), ...optional('kind', kind as EvaluationKind | undefined) }),
      );
      print(result, () => formatEvaluation(result));
      return 0;
    },
  },
  import: {
    usage: 'pwb import FILE.xlsx [--dry-run] [--region CODE] [--sheet NAME] [--profile P.json] [--save-profile P.json] [--json]   导入 / import',
    run: async ({ values, rest, withHandlers, print, err }) => {
      const file = need(rest[0], 'FILE.xlsx');
      let result: ImportResultDto;
      try {
        const input = {
          file,
          dryRun: values['dry-run'],
          ...optional('region', values.region),
          ...optional('sheet', values.sheet),
          ...optional('profile', values.profile),
          ...optional('saveProfile', values['save-profile']),
        };
        // The file is read in a process of its own with a time limit: a parser that crashes or runs away on a crafted
        // file ends that process with a clear message, not the command.
        result = await withHandlers(async (h) => {
          const { job } = await h['import.start'](input);
          for (;;) {
            const status = await h['jobs.status']({ job });
            if (status.state === 'done') return status.result!;
            if (status.state === 'failed') throw fromWire(status.error!);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }, { isolated: true });
      } catch (error) {
        if (!(error instanceof UserError) || !values.json) throw error;
        // The import contract: a file that cannot be read is a problem of the import, in the same shape.
        result = failedImport(file, values['dry-run'], error.message);
      }
      print(result, () => formatImport(result));
      if (result.ok) return 0;
      err(result.problems.find((p) => p.severity === 'error')?.message ?? '导入失败 / import failed');
      err('导入失败：有错误，未写入任何数据。 / Import failed: nothing was stored.');
      return 1;
    },
  },
  template: {
    usage: 'pwb template --plan ID --region CODE --out F.xlsx [--subregions] [--period monthly|quarterly --year Y]   生成填报工作簿（按年，或某年按月、按季） / data-entry workbook',
    run: async ({ values, withHandlers, print }) => {
      const period = values.period;
      if (period !== undefined && period !== 'monthly' && period !== 'quarterly') throw new UserError('bad-input', '--period 应为 monthly（按月）或 quarterly（按季）。 / --period is monthly or quarterly.');
      const input = {
        plan: need(values.plan, '--plan'),
        region: need(values.region, '--region'),
        out: need(values.out, '--out'),
        subregions: values.subregions,
        ...(period ? { period: period as 'monthly' | 'quarterly' } : {}),
        ...(values.year !== undefined ? { year: needYear(values.year) } : {}),
      };
      const result = await withHandlers((h) => h['template.write'](input));
      print(result, () => `已生成填报工作簿 ${result.file}：${result.sheets} 张数据表，每表 ${result.rows} 行。填好后用 pwb import 导入。`);
      return 0;
    },
  },
  export: {
    usage: 'pwb export --plan ID [--region CODE] --year Y [--kind K] --out F.xlsx | pwb export --region CODE [--subregions] --out F.xlsx   导出评估表或全部数值 / export',
    run: async ({ values, withHandlers, print }) => {
      const out = need(values.out, '--out');
      if (values.plan !== undefined) {
        const kind = values.kind as EvaluationKind | undefined;
        if (kind !== undefined && !(KINDS as readonly string[]).includes(kind)) throw new UserError('bad-input', `--kind 应为 annual、midterm 或 final。 / --kind must be annual, midterm or final.`);
        const input = { plan: values.plan, year: needInt(values.year, '--year'), out, ...optional('region', values.region), ...optional('kind', kind) };
        const r = await withHandlers((h) => h['export.evaluation'](input));
        print(r, () => `已导出指标完成情况表：${r.file}`);
        return 0;
      }
      const input = { region: need(values.region, '--region'), includeSubregions: values.subregions, out };
      const r = await withHandlers((h) => h['export.observations'](input));
      print(r, () => `已导出 ${r.rows} 个数值：${r.file}（可用 pwb import 导回）`);
      return 0;
    },
  },
  lock: {
    usage: 'pwb lock --region CODE --year Y --by NAME [--note 原因]   锁定已报送年度的数据 / lock a submitted year',
    run: async ({ values, withHandlers, print }) => {
      const input = { region: need(values.region, '--region'), year: needYear(values.year), by: need(values.by, '--by'), ...optional('reason', values.note) };
      const l = await withHandlers((h) => h['locks.lock'](input), { writes: true });
      print(l, () => `已锁定${l.regionName}${l.year}年的数据（${l.reason}）。此后导入和录入不能修改该年数值。`);
      return 0;
    },
  },
  unlock: {
    usage: 'pwb unlock --region CODE --year Y --by NAME --note 原因   解锁（须说明原因） / unlock a year, with a reason',
    run: async ({ values, withHandlers, print }) => {
      const input = { region: need(values.region, '--region'), year: needYear(values.year), by: need(values.by, '--by'), reason: need(values.note, '--note') };
      const r = await withHandlers((h) => h['locks.unlock'](input), { writes: true });
      print(r, () => `已解锁 ${r.region} ${r.year}年。`);
      return 0;
    },
  },
  locks: {
    usage: 'pwb locks [--json]                                 已锁定的年度 / locked years',
    run: async ({ withHandlers, print }) => {
      const list = await withHandlers((h) => h['locks.list']());
      print(list, () => list.map((l) => `${l.regionName}（${l.region}）\t${l.year}年\t${l.by}\t${l.at}\t${l.reason}`).join('\n') || '（没有锁定的年度）');
      return 0;
    },
  },
  audit: {
    usage: 'pwb audit [--json]                                 修改日志（锁定、解锁、手工录入） / the audit log',
    run: async ({ withHandlers, print }) => {
      const list = await withHandlers((h) => h['audit.list']());
      print(list, () => list.map((e) => `${e.at}\t${e.by}\t${e.action}\t${e.subject}\t${e.old ?? ''} → ${e.new ?? ''}\t${e.why ?? ''}`).join('\n') || '（无记录）');
      return 0;
    },
  },
  item: {
    usage: 'pwb item add --name NAME --unit U [--aggregation sum|none] [--nature stock|flow] --by NAME   新建统计项 / define a statistical item',
    run: async ({ values, rest, withHandlers, print }) => {
      if (rest[0] !== 'add') throw new UserError('bad-input', 'pwb item 后应为 add。 / Usage: pwb item add …');
      const aggregation = values.aggregation ?? 'sum';
      const nature = values.nature ?? 'stock';
      if (aggregation !== 'sum' && aggregation !== 'none') throw new UserError('bad-input', '--aggregation 应为 sum（下级相加）或 none。 / --aggregation is sum or none.');
      if (nature !== 'stock' && nature !== 'flow') throw new UserError('bad-input', '--nature 应为 stock（时点数）或 flow（时期数）。 / --nature is stock or flow.');
      const input = { name: need(values.name, '--name'), unit: values.unit ?? '', aggregation: aggregation as 'sum' | 'none', nature: nature as 'stock' | 'flow', by: need(values.by, '--by') };
      const r = await withHandlers((h) => h['items.create'](input));
      print(r, () => `已新建统计项“${r.name}”（${r.unit || '无单位'}，代码 ${r.code}），可在规划公式中引用，也可按名称导入。`);
      return 0;
    },
  },
  backup: {
    usage: 'pwb backup --out FILE [--json]                     备份数据库（运行中也可） / back up the database',
    run: async ({ values, withHandlers, print }) => {
      const out = need(values.out, '--out');
      const r = await withHandlers((h) => h['database.backup']({ out }));
      print(r, () => `已备份到 ${r.file}（${Math.round(r.bytes / 1024)} KB，完整性检查通过）。`);
      return 0;
    },
  },
  restore: {
    usage: 'pwb restore FILE [--json]                          从备份恢复数据库（原库另存） / restore the database from a backup',
    run: async ({ values, rest, print }) => {
      const from = need(rest[0], 'FILE');
      const r = restoreDatabase(values.db ?? defaultDbFile(), from);
      print(r, () =>
        `已从 ${r.from} 恢复数据库 ${r.file}。${r.kept ? `原数据库已另存为 ${r.kept}。` : ''}${r.lost.length > 0 ? `\n注意：备份中没有原数据库的 ${r.lost.join('、')}（仍在另存的原数据库中）。` : ''}`,
      );
      return 0;
    },
  },
  league: {
    usage: 'pwb league --plan ID --year Y [--region CODE] [--kind annual|midterm|final] [--out F.xlsx] [--json]   下级地区对比（--out 写成 Excel 表） / league table of sub-regions',
    run: async ({ values, withHandlers, print }) => {
      const kind = values.kind;
      if (kind !== undefined && !(KINDS as readonly string[]).includes(kind)) throw new UserError('bad-input', '--kind 应为 annual、midterm 或 final。 / --kind must be annual, midterm or final.');
      const input = { plan: need(values.plan, '--plan'), year: needInt(values.year, '--year'), ...optional('region', values.region), ...optional('kind', kind as EvaluationKind | undefined) };
      if (values.out !== undefined) {
        const out = values.out;
        const r = await withHandlers((h) => h['export.league']({ ...input, out }));
        print(r, () => `已写入 ${r.file}：${r.regions} 个下级地区的对比表。`);
        return 0;
      }
      const t = await withHandlers((h) => h['evaluation.league'](input));
      print(
        { plan: t.plan, region: t.region, year: t.year, kind: t.kind, regions: t.regions, columns: t.columns, planTitle: t.planTitle, regionName: t.regionName },
        () => formatLeague(t),
      );
      return 0;
    },
  },
  report: {
    usage: 'pwb report --plan ID [--region CODE] --year Y --kind annual|midterm|final|summary|table --out F.pdf|F.docx [--template T.yml] [--date D] [--checks]   报告（--checks 附内部核对材料：规划口径、数据核验） / report',
    run: async ({ values, withHandlers, print }) => {
      const input = { ...reportOptions(values), ...(values.checks ? { checks: true } : {}) };
      const r = await withHandlers((h) => h['reports.write'](input));
      print({ file: r.file, bytes: r.bytes, date: r.date, format: r.format }, () => `已生成报告：${r.file}（${Math.round(r.bytes / 1024)} KB）${r.date ? `，落款日期 ${r.date}` : "，落款日期留空（　　年　　月　　日），请手填或用 --date 指定"}`);
      return 0;
    },
  },
  issue: {
    usage: 'pwb issue --plan ID [--region CODE] --year Y --kind annual|midterm|final|summary|table --out F.pdf|F.docx --by NAME [--date D] [--doc 文号] [--lock]   签发报告（存档，可原样重印） / issue a report',
    run: async ({ values, withHandlers, print }) => {
      const input = { ...reportOptions(values), by: need(values.by, '--by'), lock: values.lock, ...optional('docNumber', values.doc) };
      const r = await withHandlers((h) => h['reports.issue'](input), { writes: true });
      print(r, () =>
        [
          `已签发第 ${r.id} 份报告：${r.regionName}${r.year}年${r.kindName}${r.docNumber ? `（${r.docNumber}）` : ''}，落款日期 ${r.date}，签发人 ${r.by}。`,
          `文件：${r.file}（${Math.round(r.bytes / 1024)} KB，SHA-256 ${r.sha256.slice(0, 16)}…）。报告及其所用数据已存档，可用 pwb reprint ${r.id} 原样重印。`,
          ...(r.locked ? [`已锁定${r.regionName}${r.year}年的数据。`] : []),
        ].join('\n'),
      );
      return 0;
    },
  },
  issued: {
    usage: 'pwb issued [ID] [--plan ID] [--json]                已签发的报告；给出编号时列出签发后数据的变化 / issued reports, and what changed since',
    run: async ({ values, rest, withHandlers, print }) => {
      if (rest[0] !== undefined) {
        const id = needInt(rest[0], 'ID');
        const r = await withHandlers((h) => h['reports.issuedDetail']({ id }));
        const WHAT: Record<string, string> = { value: '数值', target: '目标', status: '状态', row: '指标', paragraph: '段落', league: '下级地区', template: '模板', other: '其他' };
        print(r, () =>
          [
            `第 ${r.id} 份：${r.regionName}${r.year}年${r.kindName}，${r.at.slice(0, 10)} ${r.by}签发${r.docNumber ? `（${r.docNumber}）` : ''}，SHA-256 ${r.sha256}`,
            r.changes.length === 0
              ? '签发后数据未变。'
              : `签发后有 ${r.changes.length} 处变化：\n${r.changes
                  .map((c) => `  ${c.year ?? ''}${c.year ? '年 ' : ''}${c.seq ? `${c.seq} ` : ''}${c.name}　${WHAT[c.what]}：${c.issued ?? '—'} → ${c.now ?? '—'}`)
                  .join('\n')}`,
          ].join('\n'),
        );
        return 0;
      }
      const list = await withHandlers((h) => h['reports.issued']({ ...optional('plan', values.plan) }));
      print(list, () =>
        list.map((r) => `${r.id}\t${r.at.slice(0, 10)}\t${r.regionName}${r.year}年${r.kindName}\t${r.by}\t${r.format}\t${r.changes === 0 ? '数据未变' : `签发后有 ${r.changes} 处变化`}`).join('\n') || '（尚未签发报告）',
      );
      return 0;
    },
  },
  reprint: {
    usage: 'pwb reprint ID --out F.pdf|F.docx [--json]          原样重印已签发的报告 / print an issued report again, byte for byte',
    run: async ({ values, rest, withHandlers, print }) => {
      const input = { id: needInt(rest[0], 'ID'), out: need(values.out, '--out') };
      const r = await withHandlers((h) => h['reports.reprint'](input));
      print(r, () =>
        `已重印第 ${r.id} 份报告：${r.file}（与签发时逐字节相同，SHA-256 ${r.sha256.slice(0, 16)}…）。${r.reproduced ? '按存档数据重新生成，结果一致。' : '本版本按存档数据生成的结果与原件不同（软件已更新），已输出签发时的原件。'}`,
      );
      return 0;
    },
  },
  paragraph: {
    usage: 'pwb paragraph --plan ID [--region CODE] --year Y --kind annual|midterm|final --key problems --text "…" --by NAME   报告中本单位填写的段落',
    run: async ({ values, withHandlers, print }) => {
      const kind = need(values.kind, '--kind');
      if (!(KINDS as readonly string[]).includes(kind)) throw new UserError('bad-input', '--kind 应为 annual、midterm 或 final。 / --kind must be annual, midterm or final.');
      const input = {
        plan: need(values.plan, '--plan'),
        year: needInt(values.year, '--year'),
        kind: kind as EvaluationKind,
        key: need(values.key, '--key'),
        text: need(values.text, '--text'),
        by: need(values.by, '--by'),
        ...optional('region', values.region),
      };
      const r = await withHandlers((h) => h['reports.setParagraph'](input));
      print(r, () => `已保存段落 ${r.key}。`);
      return 0;
    },
  },
  history: {
    usage: 'pwb history [--json]                                导入记录 / import history',
    run: async ({ withHandlers, print }) => {
      const batches = await withHandlers((h) => h['batches.list']());
      print(batches, () => formatHistory(batches));
      return 0;
    },
  },
  undo: {
    usage: 'pwb undo BATCH [--json]                             撤销一批导入，恢复被替换的数值 / undo an import',
    run: async ({ rest, withHandlers, print }) => {
      const batch = needInt(rest[0], 'BATCH');
      const result = await withHandlers((h) => h['batches.undo']({ batch }));
      print(result, () => `已撤销第 ${result.batch} 批：删除 ${result.removed} 个数值，恢复 ${result.restored} 个原值。`);
      return 0;
    },
  },
  source: {
    usage: 'pwb source --region CODE --item NAME|CODE --year Y [--json]   数值来源 / where a value came from',
    run: async ({ values, withHandlers, print }) => {
      const input = { region: need(values.region, '--region'), series: need(values.item, '--item'), year: needInt(values.year, '--year') };
      const source = await withHandlers((h) => h['observations.source'](input));
      print(source, () => formatSource(source));
      return 0;
    },
  },
  set: {
    usage: 'pwb set --region CODE --item NAME|CODE --year Y --value V --by NAME [--note 原因]   手工录入一个数值 / type one value',
    run: async ({ values, withHandlers, print }) => {
      const input = {
        region: need(values.region, '--region'),
        series: need(values.item, '--item'),
        year: needYear(values.year),
        value: needNumber(values.value, '--value'),
        enteredBy: need(values.by, '--by'),
        ...optional('why', values.note),
      };
      const result = await withHandlers((h) => h['observations.set'](input), { writes: true });
      print(result, () => '已保存。 / Saved.');
      return 0;
    },
  },
  targets: {
    usage:
      'pwb targets --plan ID [--region CODE --seq N --target T --by NAME | --region CODE --seq N --remove | --file F.xlsx --by NAME [--dry-run]]   下级地区目标分解 / sub-region targets',
    run: async ({ values, withHandlers, print }) => {
      const plan = need(values.plan, '--plan');
      if (values.file !== undefined) {
        const input = { plan, file: values.file, setBy: need(values.by, '--by'), dryRun: values['dry-run'] };
        const result = await withHandlers((h) => h['targets.import'](input));
        print(result, () => [`${result.ok ? '目标分解已读取' : '目标分解有错误，未保存'}：${result.targets} 项`, ...result.problems.map((p) => `  ${p.sheet}!${p.cell}：${p.message}`)].join('\n'));
        return result.ok ? 0 : 1;
      }
      if (values.remove) {
        const input = { plan, seq: need(values.seq, '--seq'), region: need(values.region, '--region') };
        const { removed } = await withHandlers((h) => h['targets.remove'](input));
        print({ removed }, () => `已删除${removed.regionName}（${removed.region}）第${removed.seq}项“${removed.name}”的目标：${removed.target}`);
        return 0;
      }
      if (values.target !== undefined) {
        const input = { plan, seq: need(values.seq, '--seq'), region: need(values.region, '--region'), target: values.target, setBy: need(values.by, '--by') };
        const t = await withHandlers((h) => h['targets.set'](input));
        print(t, () => `${t.regionName}（${t.region}）第${t.seq}项“${t.name}”目标：${t.target}`);
        return 0;
      }
      const list = await withHandlers((h) => h['targets.list']({ plan }));
      print(list, () => list.map((t) => `${t.region}\t${t.regionName}\t${t.seq}\t${t.name}\t${t.target}`).join('\n') || '（尚未设置下级地区目标）');
      return 0;
    },
  },
  serve: {
    usage: 'pwb serve [--port 8321]                             浏览器模式：在本机打开工作台界面 / browser mode on 127.0.0.1',
    run: async ({ values, err }) => {
      const port = values.port === undefined ? 8321 : needInt(values.port, '--port');
      const dbFile = values.db ?? defaultDbFile();
      const db = openDb(dbFile, { createFolder: values.db === undefined });
      const workDir = path.join(path.dirname(path.resolve(dbFile)), 'browser-mode');
      const { server, url } = await startServer({
        handlers: createHandlers(db, { workDir, importWorker: forkLauncher() }),
        staticDir: path.join(resourcesRoot(), 'dist', 'renderer'),
        workDir,
        port,
      });
      err(
        [
          `规划监测评估工作台已在本机运行。请在浏览器中打开下面的地址（含本次启动的访问口令，仅本机可访问，勿发给他人）：`,
          `  ${url}`,
          `按 Ctrl+C 退出（上传的文件随之删除）。 / Open the address above (it holds this start's token); Ctrl+C stops the server.`,
        ].join('\n'),
      );
      // Ctrl+C: stop serving, which deletes this start's uploads, then exit.
      return new Promise<number>((resolve) => {
        const stop = () => {
          server.close(() => {
            db.close();
            resolve(0);
          });
          server.closeAllConnections();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    },
  },
  demo: {
    usage: 'pwb demo --out DIR [--json]                         用示例数据演示 / run the demo on the sample data',
    run: async ({ values, print }) => {
      const result = await runDemo(need(values.out, '--out'));
      print(result, () =>
        [
          `演示数据库：${result.database}`,
          ...result.plans.map((p) => `导入本单位规划 ${p.file}：${p.title}（${p.id}，${p.rows} 项指标）`),
          ...result.imports.map((i) => `导入示例数据 ${i.file}：${i.observations} 个数值（批次 ${i.batch}）`),
          ...result.outputs.map((o) => `${o.file}  ${Object.entries(o.summary).map(([s, n]) => `${s}${n}`).join(' ')}`),
          ...result.reports.map((f) => `报告 ${f}`),
        ].join('\n'),
      );
      return 0;
    },
  },
};
