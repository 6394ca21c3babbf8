/**
 * The `pwb` command line: parses arguments, calls the same handlers as the app, prints Chinese text or `--json`.
 * A UserError prints its message and exits 1; anything else is a bug: printed with its stack, exit 2.
 */
import { parseArgs } from 'node:util';
import { UserError } from '../../shared/errors';
import type { EvaluationKind } from '../../shared/types';
import { defaultDbFile } from '../data-dir';
import { openDb } from '../db/open';
import { runDemo } from '../services/demo';
import { createHandlers } from '../services/handlers';
import { formatEvaluation, formatImport, formatPlans } from './format';
import type { ImportResultDto } from '../../shared/api';

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
});

const USAGE = `用法 / usage: pwb <命令> [选项]
  pwb plans [--json]                                   列出规划 / list plans
  pwb evaluate --plan ID [--region CODE] --year Y [--kind annual|midterm|final] [--json]
  pwb import FILE.xlsx [--dry-run] [--region CODE] [--sheet NAME] [--json]
  pwb demo --out DIR [--json]                          用示例数据演示 / run the demo on the sample data
通用选项 / common: --db FILE (默认 / default: ${defaultDbFile()})`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: CliIo = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') };

const KINDS = ['annual', 'midterm', 'final'] as const;

const need = (value: string | undefined, flag: string): string => {
  if (value === undefined || value === '') throw new UserError('bad-input', `缺少选项 ${flag}。 / Missing option ${flag}.\n${USAGE}`);
  return value;
};

export const runCli = async (argv: string[], io: CliIo = defaultIo): Promise<number> => {
  let args: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        plan: { type: 'string' },
        region: { type: 'string' },
        year: { type: 'string' },
        kind: { type: 'string' },
        out: { type: 'string' },
        sheet: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  try {
    args = parse();
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = args;
  const [command, ...rest] = positionals;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!command) {
    io.err(USAGE);
    return 1;
  }
  const print = (data: unknown, human: () => string) => io.out(values.json ? JSON.stringify(data, null, 2) : human());
  /** Opens the database only once the command line is known to be right: a usage error writes nothing. */
  const withHandlers = async <T>(fn: (handlers: ReturnType<typeof createHandlers>) => Promise<T>): Promise<T> => {
    const db = openDb(values.db ?? defaultDbFile());
    try {
      return await fn(createHandlers(db));
    } finally {
      db.close();
    }
  };
  try {
    switch (command) {
      case 'demo': {
        const result = await runDemo(need(values.out, '--out'));
        print(result, () =>
          [
            `演示数据库：${result.database}`,
            ...result.imports.map((i) => `导入示例数据 ${i.file}：${i.observations} 个数值（批次 ${i.batch}）`),
            ...result.outputs.map((o) => `${o.file}  ${Object.entries(o.summary).map(([s, n]) => `${s}${n}`).join(' ')}`),
          ].join('\n'),
        );
        return 0;
      }
      case 'plans': {
        const plans = await withHandlers((h) => h['plans.list']());
        print(plans, () => formatPlans(plans));
        return 0;
      }
      case 'evaluate': {
        const plan = need(values.plan, '--plan');
        const yearText = need(values.year, '--year');
        const year = Number(yearText);
        if (!Number.isInteger(year)) throw new UserError('bad-year', `年份“${yearText}”无效。 / Invalid year "${yearText}".`);
        const kind = values.kind;
        if (kind !== undefined && !(KINDS as readonly string[]).includes(kind)) {
          throw new UserError('bad-input', `--kind 应为 annual、midterm 或 final，收到“${kind}”。 / --kind must be annual, midterm or final.`);
        }
        const result = await withHandlers((h) =>
          h['evaluation.run']({
            plan,
            year,
            ...(values.region !== undefined ? { region: values.region } : {}),
            ...(kind !== undefined ? { kind: kind as EvaluationKind } : {}),
          }),
        );
        print(result, () => formatEvaluation(result));
        return 0;
      }
      case 'import': {
        const file = need(rest[0], 'FILE.xlsx');
        let result: ImportResultDto;
        try {
          result = await withHandlers((h) =>
            h['import.run']({
              file,
              dryRun: values['dry-run'],
              ...(values.region !== undefined ? { region: values.region } : {}),
              ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
            }),
          );
        } catch (error) {
          if (!(error instanceof UserError) || !values.json) throw error;
          // The import contract: a file that cannot be read is a problem of the import, in the same shape.
          result = failedImport(file, values['dry-run'], error.message);
        }
        print(result, () => formatImport(result));
        if (!result.ok) {
          io.err(result.problems.find((p) => p.severity === 'error')?.message ?? '导入失败 / import failed');
          io.err('导入失败：有错误，未写入任何数据。 / Import failed: nothing was stored.');
          return 1;
        }
        return 0;
      }
      default:
        io.err(`未知命令“${command}”。 / Unknown command "${command}".\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    if (error instanceof UserError) {
      if (values.json) io.out(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }, null, 2));
      io.err(error.message);
      return 1;
    }
    io.err(`内部错误，请报告 / internal error, please report:\n${(error as Error).stack ?? String(error)}`);
    return 2;
  }
};
