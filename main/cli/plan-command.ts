/**
 * `pwb plan import|export|adjust|judge|remove|changes`: plans made by the bureau (DESIGN.md "Plans made by the
 * bureau"). Options are checked before the database is opened; every subcommand calls the plans.* handlers.
 */
import type { PlanImportResultDto } from '../../shared/api';
import { UserError } from '../../shared/errors';
import { need, needInt } from './args';
import type { Command, CommandContext } from './commands-types';

const optionalInt = (text: string | undefined, flag: string): number | undefined => (text === undefined ? undefined : needInt(text, flag));

const formatPlanImport = (r: PlanImportResultDto): string => {
  const lines: string[] = [];
  if (r.plan) {
    lines.push(`${r.ok ? (r.dryRun ? '试导入（未写入）' : '已导入规划') : '规划有错误，未写入'}：${r.plan.title}`);
    lines.push(`  编号 ${r.plan.id}  地区 ${r.plan.regionName}（${r.plan.region}）  规划期 ${r.plan.baseYear}—${r.plan.targetYear}  指标 ${r.plan.indicators} 项  来源 ${r.format}`);
  } else {
    lines.push('规划有错误，未写入。 / The plan was not stored.');
  }
  for (const row of r.rows) {
    const match = row.match === 'existing' ? `对应指标 ${row.indicator}` : `新指标 ${row.indicator}${row.candidates ? `（相近：${row.candidates.join('、')}）` : ''}`;
    lines.push(`  ${row.seq}\t${row.name}\t${row.unit}\t${row.baseline}\t${row.target}\t${row.attribute ?? ''}\t${match}`);
  }
  for (const p of r.problems) lines.push(`  ${p.severity === 'error' ? '错误' : '提示'}${p.row > 0 ? `（第${p.row}行${p.column > 0 ? `第${p.column}列` : ''}）` : ''}：${p.message}`);
  for (const w of r.warnings) lines.push(`  规划核对 第${w.seq}项：${w.message}`);
  return lines.join('\n');
};

const RESULTS = { met: '达到', unmet: '未达到', unknown: '无法判断' } as const;
const FIELDS = ['target', 'baseline', 'name', 'unit', 'growth', 'attribute', 'seq', 'category'] as const;

/** The row a command means: --row N (its place in the table, counted from 1) or --seq S (its printed 序号). */
const rowPosition = async (ctx: CommandContext, plan: string): Promise<number> => {
  const { values, withHandlers } = ctx;
  if (values.row !== undefined) return needInt(values.row, '--row');
  const seq = need(values.seq, '--seq 或 --row');
  const shown = await withHandlers((h) => h['plans.show']({ id: plan }));
  const row = shown.tables.find((t) => t.kind === 'main')?.rows.find((r) => r.seq === seq.trim());
  if (!row) throw new UserError('bad-input', `规划“${plan}”没有序号为“${seq}”的指标；没有序号的行请用 --row。 / No row with 序号 ${seq}; use --row.`);
  return row.position;
};
const why = (values: CommandContext['values']) => (values.note !== undefined ? { why: values.note } : {});

const SUBCOMMANDS: Record<string, (ctx: CommandContext) => Promise<number>> = {
  import: async ({ values, rest, withHandlers, print, err }) => {
    const file = need(rest[1], 'FILE');
    const input = {
      file,
      ...(values.region !== undefined ? { region: values.region } : {}),
      ...(values.id !== undefined ? { id: values.id } : {}),
      ...(values.title !== undefined ? { title: values.title } : {}),
      ...(values['base-year'] !== undefined ? { baseYear: optionalInt(values['base-year'], '--base-year')! } : {}),
      ...(values['target-year'] !== undefined ? { targetYear: optionalInt(values['target-year'], '--target-year')! } : {}),
      ...(values.by !== undefined ? { by: values.by } : {}),
      replace: values.replace,
      dryRun: values['dry-run'],
    };
    let result: PlanImportResultDto;
    try {
      result = await withHandlers((h) => h['plans.import'](input));
    } catch (error) {
      if (!(error instanceof UserError) || !values.json) throw error;
      result = { ok: false, dryRun: values['dry-run'], plan: null, rows: [], tables: [], problems: [{ severity: 'error', row: 0, column: 0, message: error.message }], warnings: [], format: '' };
    }
    print(result, () => formatPlanImport(result));
    if (result.ok) return 0;
    err(result.problems.find((p) => p.severity === 'error')?.message ?? '规划导入失败 / plan import failed');
    err('规划导入失败：有错误，未写入任何内容。 / Plan import failed: nothing was stored.');
    return 1;
  },
  export: async ({ values, withHandlers, print }) => {
    const input = { plan: need(values.plan, '--plan'), out: need(values.out, '--out') };
    const r = await withHandlers((h) => h['plans.export'](input));
    print(r, () => `已导出规划包：${r.file}（${r.rows} 行）。可在另一台电脑用 pwb plan import 导入。`);
    return 0;
  },
  adjust: async ({ values, withHandlers, print }) => {
    const input = {
      plan: need(values.plan, '--plan'),
      seq: need(values.seq, '--seq'),
      target: need(values.target, '--target'),
      fromYear: needInt(values['from-year'], '--from-year'),
      doc: need(values.doc, '--doc'),
      by: need(values.by, '--by'),
    };
    const r = await withHandlers((h) => h['plans.adjust'](input));
    print(r, () => `已记录规划调整：第${r.seq}项“${r.name}”自${r.fromYear}年起目标由“${r.printedTarget}”调整为“${r.target}”（${r.doc}）。`);
    return 0;
  },
  judge: async ({ values, withHandlers, print }) => {
    const result = need(values.result, '--result');
    if (!(result in RESULTS)) throw new UserError('bad-input', `--result 应为 met（达到）、unmet（未达到）或 unknown（无法判断），收到“${result}”。 / --result must be met, unmet or unknown.`);
    const input = {
      plan: need(values.plan, '--plan'),
      seq: need(values.seq, '--seq'),
      year: needInt(values.year, '--year'),
      result: result as keyof typeof RESULTS,
      note: need(values.note, '--note'),
      by: need(values.by, '--by'),
      ...(values.region !== undefined ? { region: values.region } : {}),
    };
    const r = await withHandlers((h) => h['plans.judge'](input));
    print(r, () => `已记录判断：${r.region} ${r.year}年 第${r.seq}项“${r.name}”：${RESULTS[r.result]}（${r.note}，${r.by}）。`);
    return 0;
  },
  remove: async ({ values, withHandlers, print }) => {
    const plan = need(values.plan, '--plan');
    if (!values.yes) throw new UserError('bad-input', `删除规划“${plan}”将一并删除其目标分解、调整、判断和报告段落（已导入的数值保留）；确认请加 --yes。 / Add --yes to remove the plan.`);
    const r = await withHandlers((h) => h['plans.remove']({ plan }));
    print(r, () => `已删除规划：${r.title}（${r.plan}）。已导入的数值仍保留。`);
    return 0;
  },
  edit: async (ctx) => {
    const { values, withHandlers, print } = ctx;
    const plan = need(values.plan, '--plan');
    const field = need(values.field, '--field');
    if (!(FIELDS as readonly string[]).includes(field)) throw new UserError('bad-input', `--field 应为 ${FIELDS.join('、')} 之一。 / Unknown field.`);
    const value = values.value ?? '';
    const by = need(values.by, '--by');
    const position = await rowPosition(ctx, plan);
    const r = await withHandlers((h) => h['plans.editRow']({ plan, position, field: field as (typeof FIELDS)[number], value, by, ...why(values) }));
    print(r, () => `已修改第${r.position}行（序号${r.seq}）的${r.field}：“${r.old}” → “${r.value}”。`);
    return 0;
  },
  'add-row': async ({ values, withHandlers, print }) => {
    const attribute = values.attribute;
    if (attribute !== undefined && attribute !== '预期性' && attribute !== '约束性') throw new UserError('bad-input', '--attribute 应为 预期性 或 约束性。 / --attribute is 预期性 or 约束性.');
    const input = {
      plan: need(values.plan, '--plan'),
      after: needInt(values.after, '--after'),
      seq: values.seq ?? '',
      name: need(values.name, '--name'),
      unit: values.unit ?? '',
      target: need(values.target, '--target'),
      by: need(values.by, '--by'),
      ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
      ...(values.growth !== undefined ? { growth: values.growth } : {}),
      ...(attribute !== undefined ? { attribute: attribute as '预期性' | '约束性' } : {}),
      ...why(values),
    };
    const r = await withHandlers((h) => h['plans.addRow'](input));
    print(r, () => `已在第${r.position}行加入“${input.name}”（${r.match === 'existing' ? '对应已有指标' : '新指标'} ${r.indicator}）。`);
    return 0;
  },
  'remove-row': async (ctx) => {
    const { values, withHandlers, print } = ctx;
    const plan = need(values.plan, '--plan');
    const by = need(values.by, '--by');
    const position = await rowPosition(ctx, plan);
    const r = await withHandlers((h) => h['plans.removeRow']({ plan, position, by, ...why(values) }));
    print(r, () => `已删除第${r.position}行“${r.name}”。`);
    return 0;
  },
  'move-row': async (ctx) => {
    const { values, withHandlers, print } = ctx;
    const plan = need(values.plan, '--plan');
    const to = needInt(values.to, '--to');
    const by = need(values.by, '--by');
    const position = await rowPosition(ctx, plan);
    const r = await withHandlers((h) => h['plans.moveRow']({ plan, position, to, by, ...why(values) }));
    print(r, () => `已将第${r.from}行移到第${r.to}行。`);
    return 0;
  },
  changes: async ({ values, withHandlers, print }) => {
    const plan = need(values.plan, '--plan');
    const list = await withHandlers((h) => h['plans.changes']({ plan }));
    print(list, () => list.map((c) => `${c.at}\t${c.by}\t${c.action}\t${c.seq ?? ''}\t${c.field ?? ''}\t${c.old ?? ''} → ${c.new ?? ''}\t${c.why ?? ''}`).join('\n') || '（无修改记录）');
    return 0;
  },
};

export const planCommand: Command = {
  usage:
    'pwb plan import FILE [--region CODE] [--id ID] [--title T] [--base-year B] [--target-year T] [--replace] [--dry-run] | export --plan ID --out F.json | adjust --plan ID --seq N --target T --from-year Y --doc TEXT --by NAME | judge --plan ID [--region CODE] --seq N --year Y --result met|unmet|unknown --note TEXT --by NAME | edit --plan ID --seq N|--row N --field target|baseline|name|unit|growth|attribute|seq|category --value V --by NAME [--note WHY] | add-row --plan ID --after N --seq S --name T --unit U --target T [--baseline B] [--attribute 约束性] --by NAME | remove-row --plan ID --seq N|--row N --by NAME | move-row --plan ID --seq N|--row N --to M --by NAME | remove --plan ID --yes | changes --plan ID   本单位规划 / plans made by the bureau',
  run: async (ctx) => {
    const sub = ctx.rest[0];
    const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
    if (!run) throw new UserError('bad-input', `pwb plan 后应为 ${Object.keys(SUBCOMMANDS).join('、')} 之一，收到“${sub ?? ''}”。 / Unknown plan subcommand.`);
    return run(ctx);
  },
};
