/**
 * Statistical forms as county offices keep them, built for the tests: the December 城市低保 form with a three-row
 * merged header, a unit row, a column-number row with gaps, 合计 first, 当月 and 累计 columns.
 */
import type ExcelJS from 'exceljs';
import type { CellInput } from './files';

export const TOWNS = ['妥甸镇', '大庄镇', '法脿镇', '鄂嘉镇', '大麦地镇'];

/** Per township: 户数, 人数, 女性, 老年人, 成年人, 未成年人, 残疾人, 当月支出, 当月低保金, 累计支出, 累计低保金, 人均补助, 标准, 非农人口. */
export const TOWN_ROWS: number[][] = [
  [120, 210, 98, 60, 110, 40, 22, 13.5, 12.1, 158.2, 141.6, 642, 780, 9100],
  [85, 150, 70, 41, 80, 29, 15, 9.6, 8.7, 112.4, 101.9, 640, 780, 6400],
  [64, 118, 55, 33, 62, 23, 11, 7.6, 6.8, 88.9, 80.2, 644, 780, 5200],
  [52, 96, 44, 27, 50, 19, 9, 6.2, 5.5, 72.1, 64.8, 646, 780, 4300],
  [47, 88, 40, 24, 46, 18, 8, 5.7, 5.1, 66.3, 59.6, 648, 780, 3900],
];
export const total = (i: number): number => Number(TOWN_ROWS.reduce((s, r) => s + r[i]!, 0).toPrecision(12));

/** The December 城市低保 form: title with 1-12月, 填报单位 and 单位 line, three header rows, unit row, column numbers. */
export const dibaoForm = (slip = false): { rows: CellInput[][]; setup: (ws: ExcelJS.Worksheet) => void } => {
  const rows: CellInput[][] = [
    ['城市最低生活保障情况（2023年1-12月）'],
    ['填报单位：双柏县民政局      单位：户、人、万元'],
    ['序号', '地区', '低保户数', '低保人数', '低保对象类别', null, null, null, null, '资金支出', null, null, null, '当月人均补助额', '低保标准', '非农人口总数'],
    [null, null, null, null, '女性', '老年人', '成年人', '未成年人', '残疾人', '当月', null, '累计', null],
    [null, null, null, null, null, null, null, null, null, '合计', '其中：低保金', '合计', '其中：低保金'],
    [null, null, '户', '人', '人', '人', '人', '人', '人', '万元', '万元', '万元', '万元', '元/人·月', '元/人·月', '人'],
    ['甲', '乙', 1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
    [null, '合计', ...Array.from({ length: 14 }, (_, i) => (i === 11 ? 644 : i === 12 ? 780 : total(i)))],
    ...TOWNS.map((t, k) => [k + 1, t, ...TOWN_ROWS[k]!.map((v, i) => (slip && k === 2 && i === 7 ? v * 1e4 : v))]),
  ];
  return {
    rows,
    setup: (ws) => {
      ws.mergeCells('A1:P1');
      ws.mergeCells('A2:P2');
      for (const c of ['A', 'B', 'C', 'D', 'N', 'O', 'P']) ws.mergeCells(`${c}3:${c}5`);
      ws.mergeCells('E3:I3');
      ws.mergeCells('J3:M3');
      for (const c of ['E', 'F', 'G', 'H', 'I']) ws.mergeCells(`${c}4:${c}5`);
      ws.mergeCells('J4:K4');
      ws.mergeCells('L4:M4');
    },
  };
};

