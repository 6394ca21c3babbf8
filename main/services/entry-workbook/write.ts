/**
 * `writeEntryWorkbook`: the data-entry workbook for one plan and region (and optionally its child regions): the
 * 填报说明 sheet, one data sheet per region, and the very-hidden `_pwb` sheet saying which plan it came from.
 * Checks its input first and writes through a temporary file, so a failure leaves nothing behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../lazy-modules';
import { UserError } from '../../../shared/errors';
import { normaliseRegionCode } from '../../../shared/text/region-code';
import type { Plan, Region } from '../../../shared/types';
import { planTemplateVersion } from '../../db/queries/plans';
import { childRegions } from '../../db/queries/regions';
import type { ReadDb } from '../../db/types';
import { catalogOf, isWithinTree, regionTreeOf } from '../context';
import { requirePlan } from '../evaluate';
import { fillDataSheet, type EntryPeriods } from './data-sheet';
import { fillInstructions } from './instructions';
import { INSTRUCTIONS_SHEET, META_SHEET, sheetNameFor, type EntryMeta } from './markers';
import { entryRows } from './rows';

export interface EntryWorkbookInput {
  plan: string;
  region: string;
  subregions?: boolean;
  out: string;
  /** A monthly or quarterly workbook for one year (the 民政统计 月报/季报 cycle) instead of a column per year. */
  period?: 'monthly' | 'quarterly';
  year?: number;
}

export interface EntryWorkbookResult {
  file: string;
  /** Data sheets written (one per region), not counting 填报说明 and the hidden `_pwb`. */
  sheets: number;
  /** Series rows on each data sheet (every data sheet has the same rows). */
  rows: number;
}

const regionFor = (db: ReadDb, plan: Plan, text: string): Region => {
  const code = normaliseRegionCode(text) ?? text;
  const region = regionTreeOf(db).regions.get(code);
  if (!region) throw new UserError('unknown-region', `未知行政区划代码“${text}”。 / Unknown region code "${text}".`);
  if (!isWithinTree(db, code, plan.regionCode)) {
    const planRegion = regionTreeOf(db).regions.get(plan.regionCode)?.name ?? plan.regionCode;
    throw new UserError(
      'unknown-region',
      `${region.name}（${code}）不在规划范围${planRegion}之内。 / Region ${code} is not within the plan's region ${plan.regionCode}.`,
    );
  }
  return region;
};

const writeAtomically = async (wb: ExcelJS.Workbook, out: string): Promise<void> => {
  const dir = path.dirname(out);
  const tmp = path.join(dir, `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    await wb.xlsx.writeFile(tmp);
    fs.renameSync(tmp, out);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(
      'bad-input',
      `无法写入 ${out}（${(error as Error).message}）。如该文件已在 Excel 或 WPS 中打开，请先关闭。 / Cannot write ${out}; close it if it is open in Excel.`,
    );
  }
};

export const writeEntryWorkbook = async (db: ReadDb, input: EntryWorkbookInput): Promise<EntryWorkbookResult> => {
  if (!/\.xlsx$/i.test(input.out)) {
    throw new UserError('bad-input', `输出文件应以 .xlsx 结尾：${input.out} / The output file must end in .xlsx.`);
  }
  const plan = requirePlan(db, input.plan);
  const region = regionFor(db, plan, input.region);
  const regions = input.subregions ? [region, ...childRegions(db, region.code)] : [region];
  const rows = entryRows(catalogOf(db), plan);
  let periods: EntryPeriods | undefined;
  if (input.period === undefined && input.year !== undefined) {
    throw new UserError('bad-input', '按年填报的工作簿包含规划期各年，--year 只与 --period monthly 或 quarterly 一起使用。 / --year goes with --period monthly|quarterly.');
  }
  if (input.period !== undefined) {
    const year = input.year;
    // From the earliest year the plan's formulas read (上年度 figures) to the target year.
    if (year === undefined) throw new UserError('bad-year', '月度或季度填报表只含一年，请用 --year 指明年份。 / A monthly or quarterly workbook needs --year.');
    if (!Number.isInteger(year) || year < rows.firstYear || year > plan.targetYear) {
      throw new UserError('bad-year', `${year}年不在本规划需要填报的年份内（${rows.firstYear}至${plan.targetYear}年）。 / ${year} is outside the years this plan needs (${rows.firstYear}–${plan.targetYear}).`);
    }
    periods = { kind: input.period, year };
  }
  const generatedAt = new Date().toISOString();

  const wb = new (exceljs().Workbook)();
  wb.creator = '规划监测评估工作台';
  wb.title = `${plan.title}监测数据填报表`;
  wb.created = new Date(generatedAt);
  const instructions = wb.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FF4472C4' } } });
  const sheets: { name: string; region: Region }[] = [];
  for (const r of regions) {
    const name = sheetNameFor(r.name, r.code, [INSTRUCTIONS_SHEET, META_SHEET, ...sheets.map((s) => s.name)]);
    sheets.push({ name, region: r });
  }
  let perSheet = 0;
  for (const s of sheets) perSheet = await fillDataSheet(wb.addWorksheet(s.name), { plan, region: s.region, rows, ...(periods ? { periods } : {}) });
  await fillInstructions(instructions, {
    plan,
    rows,
    ...(periods ? { periods } : {}),
    sheets: sheets.map((s) => ({ name: s.name, regionName: s.region.name, regionCode: s.region.code })),
    generatedAt,
  });

  const meta: EntryMeta = {
    format: 'pwb-entry',
    version: 1,
    plan: plan.id,
    planTemplateVersion: planTemplateVersion(db, plan.id),
    planTitle: plan.title,
    generatedAt,
    regions: sheets.map((s) => ({ code: s.region.code, name: s.region.name, sheet: s.name })),
    years: periods ? [periods.year, periods.year] : [rows.firstYear, rows.lastYear],
    ...(periods ? { period: periods.kind } : {}),
    series: rows.series.map((s) => s.code),
  };
  const metaSheet = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  metaSheet.getCell('A1').value = JSON.stringify(meta);

  const file = path.resolve(input.out);
  await writeAtomically(wb, file);
  return { file, sheets: sheets.length, rows: perSheet };
};
