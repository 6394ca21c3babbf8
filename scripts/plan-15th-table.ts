/**
 * The made-up 15th Five-Year Plan of 双柏县's civil-affairs bureau that the plan fixtures are built from: one module
 * so that scripts/make-plan-fixtures.ts writes it and the tests read the expected rows, texts and caption from here.
 */

export const PLAN_15TH_TITLE = '双柏县民政事业发展“十五五”规划';
export const PLAN_15TH_ISSUER = '双柏县民政局';
export const PLAN_15TH_DOC_NUMBER = '双民发〔2026〕3号';
export const PLAN_15TH_INTRO = '为推动全县民政事业高质量发展，根据《双柏县国民经济和社会发展第十五个五年规划纲要》，制定本规划。';
export const PLAN_15TH_SCHEDULE =
  '县民政局负责组织规划实施情况的监测评估，开展年度监测，2028年开展中期评估，2030年开展总结评估。';
export const PLAN_15TH_CAPTION = '表1 “十五五”时期双柏县民政事业发展主要指标';
export const PLAN_15TH_NOTE = '注：[ ]和〔 〕内为五年累计数。';

export const PLAN_15TH_HEADER = ['序号', '指标名称', '单位', '2025年基期值', '2030年目标值', '年均增长', '属性'];

/**
 * A cell of the table: text as printed, or a number with the number format a spreadsheet would give it (so the
 * .xlsx holds numbers; `text` is what Excel shows and every reader must return).
 */
export type PlanCell = string | { value: number; numFmt: string; text: string };

const n = (value: number): PlanCell => ({ value, numFmt: 'General', text: String(value) });
const pct = (value: number): PlanCell => ({ value, numFmt: '0.0%', text: `${(value * 100).toFixed(1)}%` });

/** A group heading (一、社会救助): one cell spanning the whole row. */
export type PlanRow = { heading: string } | { cells: PlanCell[] };

export const PLAN_15TH_ROWS: PlanRow[] = [
  { heading: '一、社会救助' },
  { cells: [n(1), '城市低保标准', '元/人·月', n(780), n(950), pct(0.04), '约束性'] },
  { cells: [n(2), '特困人员基本生活标准', '元/人·年', '城市9800，农村7600', '城市11700，农村9100', '—', '约束性'] },
  { cells: [n(3), '临时救助人次', '人次', '—', '[1200]', '—', '预期性'] },
  { cells: [n(4), '困难群众救助帮扶覆盖率', '%', n(95), '全覆盖', '—', '约束性'] },
  { heading: '二、养老服务' },
  { cells: [n(5), '养老机构床位总数', '张', n(1350), n(1600), pct(0.035), '预期性'] },
  { cells: ['', '其中：护理型床位占比', '%', n(52), '≥55', '—', '约束性'] },
  { cells: [n(6), '老年人能力评估人数', '人次', '—', '〔5000〕', '—', '预期性'] },
  { cells: [n(7), '县级区域养老服务中心建设', '—', '—', '基本实现', '—', '预期性'] },
  { heading: '三、社会事务' },
  { cells: [n(8), '社会组织每万人占有数量（个）', '', n(6.2), n(7), pct(0.025), '预期性'] },
  { cells: [n(9), '婚姻登记合格率', '%', n(100), '保持稳定', '—', '约束性'] },
  { cells: [n(10), '节地生态安葬人数', '人', '—', '累计1200', '—', '预期性'] },
  { cells: [n(11), '孤儿基本生活保障标准', '元/人·月', n(1500), n(1800), pct(0.037), '约束性'] },
];

export const cellText = (cell: PlanCell): string => (typeof cell === 'string' ? cell : cell.text);

/** Every row as a reader returns it from a sheet or a Word table: a heading is its text then '' cells. */
export const PLAN_15TH_TEXT_ROWS: string[][] = PLAN_15TH_ROWS.map((row) =>
  'heading' in row ? [row.heading, ...PLAN_15TH_HEADER.slice(1).map(() => '')] : row.cells.map(cellText),
);

/** The table with its header, as every reader returns it (header first). */
export const PLAN_15TH_TABLE: string[][] = [PLAN_15TH_HEADER, ...PLAN_15TH_TEXT_ROWS];

/**
 * The plan as a clerk pastes it from Word or WPS into a text file: title, issuer, 文号, caption, tab-separated rows
 * (a merged heading row copies as its text alone), then the schedule sentence. CRLF line ends, as Notepad saves.
 */
export const PLAN_15TH_PASTED_LINES: string[] = [
  PLAN_15TH_TITLE,
  PLAN_15TH_ISSUER,
  PLAN_15TH_DOC_NUMBER,
  PLAN_15TH_CAPTION,
  PLAN_15TH_HEADER.join('\t'),
  ...PLAN_15TH_ROWS.map((row) => ('heading' in row ? row.heading : row.cells.map(cellText).join('\t'))),
  PLAN_15TH_NOTE,
  PLAN_15TH_SCHEDULE,
];

export const PLAN_15TH_PASTED_TEXT = `${PLAN_15TH_PASTED_LINES.join('\r\n')}\r\n`;
