/**
 * The evaluated indicator table exported as .xlsx and read back with exceljs as a clerk's Excel would read it: the
 * plan's rows and texts as printed, numbers as numbers with formats, statuses in words, symbols and fills, print
 * setup, and text that looks like a formula kept as text.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WriteDb } from '../../main/db/types';
import { evaluatePlan, requirePlan } from '../../main/services/evaluate';
import { EVALUATION_SHEET, HEADER_ROW, writeEvaluationXlsx } from '../../main/services/export/evaluation-xlsx';
import { numberFormatForUnit } from '../../main/services/export/xlsx-cells';
import { runImport } from '../../main/services/import/run';
import type { EvaluatedRow, EvaluationResult } from '../../shared/evaluation/result';
import type { Plan } from '../../shared/types';
import { freshDb } from '../helpers/files';

const SAMPLE = path.resolve('samples/chuxiong-示例数据.xlsx');
const TEMPLATE = JSON.parse(fs.readFileSync(path.resolve('templates/plans/chuxiong.json'), 'utf8')) as {
  tables: { kind: string; columns: string[]; rows: { seq: string; name: string; target: string }[] }[];
};
const printedRows = TEMPLATE.tables.find((t) => t.kind === 'main')!.rows;

const readSheet = async (file: string): Promise<ExcelJS.Worksheet> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0]!;
};
const rowTexts = (ws: ExcelJS.Worksheet, r: number): unknown[] => (ws.getRow(r).values as unknown[]).slice(1);
const columnOf = (ws: ExcelJS.Worksheet, header: string): number => rowTexts(ws, HEADER_ROW).indexOf(header) + 1;
/** The sheet row holding the plan row with this 序号 (the 序号 column is the first). */
const rowOfSeq = (ws: ExcelJS.Worksheet, seq: string): ExcelJS.Row => {
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === seq) return ws.getRow(r);
  throw new Error(`no row ${seq}`);
};

let db: WriteDb;
let dir: string;
let result: EvaluationResult;
let plan: Plan;
let ws: ExcelJS.Worksheet;

beforeAll(async () => {
  ({ db, dir } = freshDb());
  const imported = await runImport(db, { file: SAMPLE });
  expect(imported.ok).toBe(true);
  result = evaluatePlan(db, { plan: 'chuxiong', region: '532300', year: 2023 });
  plan = requirePlan(db, 'chuxiong');
  const out = path.join(dir, '指标完成情况表.xlsx');
  await writeEvaluationXlsx(result, out, { plan });
  ws = await readSheet(out);
});

describe('the exported indicator table of 楚雄州 2023 (mid-term)', () => {
  it('is one sheet named 指标完成情况表 whose title names the plan, the region, the year and the kind', () => {
    expect(ws.name).toBe(EVALUATION_SHEET);
    const title = String(ws.getCell('A1').value);
    expect(title).toContain('楚雄州民政事业发展“十四五”规划');
    expect(title).toContain('楚雄彝族自治州2023年中期评估');
    expect(String(ws.getCell('A2').value)).toMatch(/^地区：楚雄彝族自治州（532300）　时序进度60%（2023年为规划实施第3年）；规划确定的21项主要指标中，5项已提前实现、2项快于预期、3项基本符合预期、3项进度滞后（其中约束性指标1项）、2项较基期倒退、3项未实现（其中约束性指标2项）、1项符合要求、2项缺少数据。$/u);
  });

  it('heads the plan columns in the plan order (stated growth included) followed by the evaluation columns', () => {
    expect(rowTexts(ws, HEADER_ROW)).toEqual([
      '序号', '指标名称', '单位', '基期值(2020年)', '2025年目标值', '规划年均增速', '属性',
      '2023年值', '完成目标进度', '时序进度', '评价', '需要年均增速', '实际年均增速', '增速判断', '备注',
    ]);
  });

  it('has every plan row, in order, with the name and the target exactly as the plan prints them', () => {
    const rows = printedRows.map((p) => rowOfSeq(ws, p.seq));
    expect(rows.map((r) => r.number)).toEqual(printedRows.map((_, i) => HEADER_ROW + 1 + i));
    expect(rows.map((r) => [r.getCell(columnOf(ws, '指标名称')).value, r.getCell(columnOf(ws, '2025年目标值')).value])).toEqual(
      printedRows.map((p) => [p.name, p.target]),
    );
    expect(rowOfSeq(ws, '2').getCell(columnOf(ws, '规划年均增速')).value).toBe('4.56%');
  });

  it('writes numbers as numbers with a number format by unit: % 0.0, ‰ 0.00, counts #,##0, progress 0.0%', () => {
    const cell = (seq: string, header: string) => rowOfSeq(ws, seq).getCell(columnOf(ws, header));
    const numbers = [
      ['2', '2023年值', 70, '0.0'],
      ['2', '基期值(2020年)', 60, '0.0'],
      ['7', '基期值(2020年)', 1.5, '0.00'],
      ['6', '2023年值', 1180, '#,##0'],
      ['3', '2023年值', 1.3, '0.00'],
      ['2', '完成目标进度', 0.666666666667, '0.0%'],
      ['2', '时序进度', 0.6, '0.0%'],
      ['2', '需要年均增速', 0.0456395525913, '0.00%'],
    ] as const;
    for (const [seq, header, value, numFmt] of numbers) {
      expect([seq, header, cell(seq, header).type, cell(seq, header).value, cell(seq, header).numFmt]).toEqual([seq, header, ExcelJS.ValueType.Number, value, numFmt]);
    }
    expect(cell('7', '2023年值').value).toBe('—'); // 缺数: no value is written as “—”, never 0
    expect(cell('10', '基期值(2020年)').value).toBe('—');
  });

  it('writes each status as symbol and word with a fill, 超额 words only where they belong', () => {
    const status = (seq: string) => rowOfSeq(ws, seq).getCell(columnOf(ws, '评价'));
    const seen = ['3', '5', '2', '4', '6', '12', '1', '7'].map((seq) => [status(seq).value, (status(seq).fill as ExcelJS.FillPattern).fgColor?.argb]);
    expect(seen).toEqual([
      ['● 提前实现', 'FFC6EFCE'],
      ['◎ 快于预期', 'FFDDEFD3'],
      ['○ 基本符合预期', 'FFEEF6E8'],
      ['▲ 滞后', 'FFFFEB9C'],
      ['▼ 倒退', 'FFFFC7CE'],
      ['× 未实现', 'FFFFC7CE'],
      ['● 符合要求', 'FFC6EFCE'],
      ['— 缺数', 'FFEDEDED'],
    ]);
  });

  it('marks binding rows in bold and notes baselines taken from the data and printed baselines that differ', () => {
    const name = (seq: string) => rowOfSeq(ws, seq).getCell(columnOf(ws, '指标名称'));
    expect([name('12').font?.bold, name('13').font?.bold, name('2').font?.bold ?? false]).toEqual([true, true, false]);
    expect(rowOfSeq(ws, '12').getCell(columnOf(ws, '属性')).value).toBe('约束性');
    const remarks = (seq: string) => String(rowOfSeq(ws, seq).getCell(columnOf(ws, '备注')).value);
    expect(remarks('5')).toContain('基期值取自2020年数据');
    expect(rowOfSeq(ws, '5').getCell(columnOf(ws, '基期值(2020年)')).font?.italic).toBe(true);
    expect(remarks('6')).toContain('规划基期值1200人与2020年数据1210不一致');
    expect(remarks('1')).toMatch(/^由统计项按公式计算；城市[\d.]+，城镇居民上年度人均消费支出增速[\d.]+，符合；农村/u);
  });

  it('freezes the header and sets up A4 landscape printing, fitted to width, the header repeated on each page', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.4, right: 0.4, top: 0.6, bottom: 0.6 });
    expect(ws.headerFooter.oddFooter).toContain('&P');
  });

  it('follows the printed column order and adds 单位 after the name when printed headers are given', async () => {
    const out = path.join(dir, 'printed.xlsx');
    await writeEvaluationXlsx(result, out, { plan, printedColumns: ['序号', '指标名称', '2025年目标值', '2020年实际值', '指标属性'] });
    expect(rowTexts(await readSheet(out), HEADER_ROW).slice(0, 6)).toEqual(['序号', '指标名称', '单位', '2025年目标值', '基期值(2020年)', '属性']);
  });

  it('leaves out the stated-growth column when no plan is given', async () => {
    const out = path.join(dir, 'no-plan.xlsx');
    await writeEvaluationXlsx(result, out);
    expect(rowTexts(await readSheet(out), HEADER_ROW).slice(0, 7)).toEqual(['序号', '指标名称', '单位', '基期值(2020年)', '2025年目标值', '属性', '2023年值']);
  });
});

describe('text that looks like a formula', () => {
  it('reads back as a string, never a formula: a name, target, unit and note beginning with = + - @', async () => {
    const { dir: d } = freshDb();
    const row: EvaluatedRow = {
      ...result.rows[1]!,
      seq: '=1+1',
      name: '=HYPERLINK("http://example.com","点击")',
      target: '-5',
      unit: '@人',
      note: '+SUM(A1:A9)',
      warnings: ['=cmd|\' /C calc\'!A0'],
    };
    const hostile: EvaluationResult = { ...result, planTitle: '=规划', rows: [row], summary: { [row.status]: 1 } };
    const out = path.join(d, 'formula.xlsx');
    await writeEvaluationXlsx(hostile, out);
    const back = await readSheet(out);
    const r = back.getRow(HEADER_ROW + 1);
    const cells = [1, 2, 3, columnOf(back, '2025年目标值'), columnOf(back, '备注')].map((c) => r.getCell(c));
    expect(cells.map((c) => [c.type, typeof c.value, c.formula])).toEqual(cells.map(() => [ExcelJS.ValueType.String, 'string', undefined]));
    expect(cells.map((c) => c.value)).toEqual(['=1+1', '=HYPERLINK("http://example.com","点击")', '@人', '-5', "由统计项按公式计算；+SUM(A1:A9)；按现有增速测算2025年可达77.58；=cmd|' /C calc'!A0"]);
    expect(back.getCell('A1').type).toBe(ExcelJS.ValueType.String);
  });
});

describe('number formats by unit', () => {
  it('uses 0.0 for %, 0.00 for ‰ and 倍, #,##0.00 for money, #,##0 for counts and 0.0 for other ratios', () => {
    const formats = ['%', '‰', '倍', '元/人·月', '万元', '人', '张', '万人', '平方米', '个/万人', '平方米/百户', '不是单位'].map(numberFormatForUnit);
    expect(formats).toEqual(['0.0', '0.00', '0.00', '#,##0.00', '#,##0.00', '#,##0', '#,##0', '#,##0.00', '#,##0', '0.0', '0.0', 'General']);
  });
});
