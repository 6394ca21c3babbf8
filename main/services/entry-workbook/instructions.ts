/**
 * The 填报说明 sheet that opens every data-entry workbook: what to fill, units, blanks, grey cells, data years,
 * sorting and renaming, and how to import. Text only; no line starts with a year, so no import layout mistakes it
 * for a table header.
 */
import { localDateTime } from '../../../shared/text/time';
import type ExcelJS from 'exceljs';
import type { Plan } from '../../../shared/types';
import { wrappedHeight } from './data-sheet';
import { INSTRUCTIONS_MARKER } from './markers';
import type { EntryRows } from './rows';
import type { EntryPeriods } from './data-sheet';

const TEXT_WIDTH = 80;

export interface InstructionsInput {
  plan: Plan;
  rows: EntryRows;
  sheets: { name: string; regionName: string; regionCode: string }[];
  generatedAt: string;
  periods?: EntryPeriods;
}

const paragraphs = ({ plan, rows, sheets, generatedAt, periods }: InstructionsInput): { text: string; bold?: boolean }[] => {
  const B = plan.baseYear;
  const lookBack = rows.firstYear < B;
  const doc = plan.docNumber ? `，${plan.docNumber}` : '';
  return [
    { text: `本工作簿由“规划监测评估工作台”生成，用于填报《${plan.title}》（${plan.issuer}${doc}）监测评估所需的统计数据。` },
    { text: `生成时间：${localDateTime(generatedAt)}。规划编号：${plan.id}。` },
    { text: `包含的数据表：${sheets.map((s) => `“${s.name}”（${s.regionName}，${s.regionCode}）`).join('、')}。` },
    { text: '一、填什么', bold: true },
    { text: '每个地区一张数据表。每行是一个统计项或直接填报的指标，“说明”列写明它用于规划指标表的哪一项（序号和名称）。由公式计算的指标（如各类覆盖率、比例）不必填写，工作台会用本表的数据计算。' },
    {
      text: periods
        ? `请按${periods.kind === 'monthly' ? '月份' : '季度'}逐列填写白色单元格：${periods.year}年${periods.kind === 'monthly' ? '1月至12月，每月' : '第一至第四季度，每季'}一列，可以每${periods.kind === 'monthly' ? '月' : '季'}填好后导入一次。`
        : `请按年份逐列填写白色单元格：${rows.firstYear}年至${rows.lastYear}年，每年一列。`,
    },
    { text: '二、单位', bold: true },
    { text: '按“单位”列的单位填写，只填数字，不要带单位或文字。百分比填百分数本身（55.5% 填 55.5），千分比填千分数本身（1.6‰ 填 1.6）。金额、人数等按“单位”列换算后再填；如果数值带了单位（如“1.2万”），导入时会按单位换算并在结果中注明。' },
    { text: '三、不知道的数据', bold: true },
    { text: '不知道或尚未统计的数据请留空，不要填 0、“—”或“无”。0 表示确实为零。留空的单元格导入时不产生数据，评估时显示为“缺数”。' },
    { text: '四、灰色单元格', bold: true },
    { text: '灰色单元格（序号、名称、单位、说明，以及本行不需要的年份）已锁定，请勿修改。工作表保护没有设置密码，只为防止误改。' },
    { text: periods ? '五、数据时期' : '五、数据年份', bold: true },
    {
      text: periods
        ? `时点数（户数、人数、床位数、标准等，“说明”列写“填${periods.kind === 'monthly' ? '月' : '季'}末数”）填该${periods.kind === 'monthly' ? '月' : '季'}末的数，${periods.kind === 'monthly' ? '12月' : '第四季度'}末的数即为全年数；时期数（支出、人次等，“说明”列写“填${periods.kind === 'monthly' ? '当月' : '本季'}数”）填该${periods.kind === 'monthly' ? '月' : '季'}本身的数，不要填累计数，${periods.kind === 'monthly' ? '12个月' : '四个季度'}都填齐后工作台相加得出全年数。` :
        `“某年”列填写该年度的数值：时点数填年末数（12月31日），累计数填全年累计数。基期为${B}年，目标年为${plan.targetYear}年。` +
        (lookBack
          ? `个别统计项需要比基期更早的数值（如“上年度居民人均消费支出”及其增速），这些行的${rows.firstYear}年单元格为白色，其余行为灰色。`
          : ''),
    },
    { text: '六、排序和改名', bold: true },
    { text: '可以对数据行排序、筛选，也可以重命名工作表：每行和每张表都带有隐藏的代码（隐藏的 A 列），导入时按代码对应，不受排序和改名影响。请不要删除 A 列，也不要插入新行填写其他指标（新行没有代码，导入时会报错）。' },
    { text: '排序时请使用表头的筛选按钮或选中整行，不要只选中部分列排序。如 Excel 提示工作表受保护而不能排序，可在“审阅”选项卡点击“撤消工作表保护”（无需密码）后再排序。' },
    { text: '七、导入', bold: true },
    { text: '填好并保存后，在工作台中选择“导入数据”，选择本文件，先点“试导入”核对将写入的数值，再点“确认导入”。导入会逐个单元格报告问题，有错误时不保存任何数据，改正后重新导入即可。' },
    { text: '同一地区、统计项和年份已有数值时，导入会用本表的数值替换，并在导入记录中保留被替换的原值。' },
  ];
};

/** Fills `ws` (the first sheet) with the instructions; protected without a password. */
export const fillInstructions = async (ws: ExcelJS.Worksheet, input: InstructionsInput): Promise<void> => {
  ws.getColumn(1).hidden = true;
  ws.getColumn(1).width = 4;
  ws.getColumn(2).width = TEXT_WIDTH;
  ws.getCell(1, 1).value = INSTRUCTIONS_MARKER;
  const title = ws.getCell(1, 2);
  title.value = '填报说明';
  title.font = { bold: true, size: 16 };
  paragraphs(input).forEach((p, i) => {
    const cell = ws.getCell(i + 3, 2);
    cell.value = p.text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (p.bold) cell.font = { bold: true, size: 12 };
    ws.getRow(i + 3).height = p.bold ? 22 : wrappedHeight(p.text, TEXT_WIDTH);
  });
  ws.views = [{ showGridLines: false }];
  ws.pageSetup = { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
};
