/**
 * The report narrative: numbers in prose, the progress sentence of each indicator type (REPORTS.md §7), the
 * scoreboard (§6), the binding and lagging paragraphs (§8), the problems and the plan checks, pinned word for word.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../../../main/catalog/paths';
import { evaluatePlan } from '../../../main/services/evaluate';
import { runImport } from '../../../main/services/import/run';
import type { EvaluatedRow, EvaluationResult } from '../../../shared/evaluation/result';
import {
  bindingOverview,
  bindingSummary,
  formatValue,
  indicatorSentence,
  laggingSummary,
  planCheckSentences,
  problemsFromEvaluation,
  progressHighlights,
  progressOpening,
  scoreboard,
  shortProblems,
  verdictSentence,
} from '../../../shared/reports/narrative';
import { timeWords } from '../../../shared/reports/sentences';
import { freshDb } from '../../helpers/files';

/** A row with the defaults of a rate indicator in a 2023 mid-term evaluation; `extra` sets what the test is about. */
const row = (extra: Partial<EvaluatedRow>): EvaluatedRow => ({
  table: 1,
  seq: '1',
  name: '指标',
  printedName: '指标',
  unit: '%',
  valueUnit: '%',
  attribute: '预期性',
  indicator: 'x',
  baseline: null,
  baselineSource: null,
  target: '',
  targetValue: null,
  targetSource: 'plan',
  value: null,
  completion: null,
  timeProgress: 0.6,
  status: '缺数',
  exceeded: false,
  requiredCagr: null,
  actualCagr: null,
  projection: null,
  paceRatio: null,
  paceClass: '无法评估',
  change: null,
  source: null,
  aggregated: false,
  parts: [],
  note: null,
  warnings: [],
  ...extra,
});

/** An evaluation of `rows` in `year` (mid-term for 2023, final for 2025, annual otherwise). */
const result = (rows: EvaluatedRow[], year = 2023): EvaluationResult => ({
  plan: 'test',
  planTitle: '测试规划',
  region: '532300',
  regionName: '楚雄彝族自治州',
  year,
  kind: year === 2025 ? 'final' : year === 2023 ? 'midterm' : 'annual',
  baseYear: 2020,
  targetYear: 2025,
  timeProgress: (year - 2020) / 5,
  rows: rows.map((r) => ({ ...r, timeProgress: (year - 2020) / 5 })),
  summary: {},
  warnings: [],
});

const say = (r: EvaluatedRow, year = 2023, previous?: number | null): string =>
  indicatorSentence(r, result([r], year), previous === undefined ? {} : { previous });

/** The 楚雄州 2023 mid-term evaluation as `pwb demo` writes it (chuxiong-532300-2023-midterm.json), growth fields trimmed. */
const CHUXIONG_2023: EvaluatedRow[] = [
  row({ seq: "1", name: "城乡低保标准年度增速", unit: "", target: "不低于居民上年度人均消费支出增速", value: 8.57142857143, status: "符合要求", parts: [{label: "城市", value: 8.57142857143, reference: 4.16666666667, referenceName: "城镇居民上年度人均消费支出增速", holds: true}, {label: "农村", value: 10.8333333333, reference: 4.6511627907, referenceName: "农村居民上年度人均消费支出增速", holds: true}] }),
  row({ seq: "2", name: "农村低保标准占城市最低生活保障标准比率", baseline: 60, baselineSource: "plan", target: "75%", targetValue: 75, value: 70, completion: 0.666666666667, status: "基本符合预期", actualCagr: 0.0527265996094, projection: 77.5763305468, change: {amount: 10, unit: "百分点"} }),
  row({ seq: "3", name: "特困人员基本生活标准与城市最低生活保障标准比率", unit: "倍", valueUnit: "倍", baseline: 1.3, baselineSource: "plan", target: "≥1.3倍", targetValue: 1.3, value: 1.3, status: "提前实现", actualCagr: 0, projection: 1.3, change: {amount: 0, unit: "%"} }),
  row({ seq: "4", name: "困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率", baseline: 95, baselineSource: "plan", target: "100%", targetValue: 100, value: 96, completion: 0.2, status: "滞后", actualCagr: 0.00349653194496, projection: 96.6725078041, change: {amount: 1, unit: "百分点"} }),
  row({ seq: "5", name: "每百户居民拥有的城乡社区综合服务设施面积", unit: "平方米", valueUnit: "平方米/百户", baseline: 25, baselineSource: "data", target: "＞30平方米", targetValue: 30, value: 29, completion: 0.8, status: "快于预期", actualCagr: 0.0507175744986, projection: 32.0162152194, change: {amount: 16, unit: "%"} }),
  row({ seq: "6", name: "社会组织专职工作人员数量", unit: "人", valueUnit: "人", baseline: 1200, baselineSource: "plan", target: "1450人", targetValue: 1450, value: 1180, completion: -0.08, status: "倒退", actualCagr: -0.00558670874734, projection: 1166.85219671, change: {amount: -1.66666666667, unit: "%"}, warnings: ["规划基期值1200人与2020年数据1210不一致 / printed baseline differs from 2020 data"] }),
  row({ seq: "7", name: "社会工作专业人才占全州人口比例", unit: "‰", valueUnit: "‰", baseline: 1.5, baselineSource: "plan", target: "1.8‰", targetValue: 1.8 }),
  row({ seq: "8", name: "志愿服务站点在社区综合服务设施中的覆盖率", baseline: 50, baselineSource: "data", target: "80%", targetValue: 80, value: 62, completion: 0.4, status: "滞后", actualCagr: 0.074337070989, projection: 71.5604088103, change: {amount: 12, unit: "百分点"} }),
  row({ seq: "9", name: "注册志愿者占居民人口比例", baseline: 10.1, baselineSource: "plan", target: "15%", targetValue: 15, value: 13.5, completion: 0.69387755102, status: "基本符合预期", actualCagr: 0.101549788858, projection: 16.381061154, change: {amount: 3.4, unit: "百分点"} }),
  row({ seq: "10", name: "婚姻登记“跨省通办”实施率", target: "100%", targetValue: 100, value: 100, status: "提前实现" }),
  row({ seq: "11", name: "乡镇（街道）未成年人保护工作站覆盖率", baseline: 0, baselineSource: "data", target: "50%", targetValue: 50, value: 38.8349514563, completion: 0.776699029126, status: "快于预期", change: {amount: 38.8349514563, unit: "百分点"} }),
  row({ seq: "12", name: "查明身份信息流浪乞讨受助人员接送返回率", attribute: "约束性", baseline: 100, baselineSource: "data", target: "100%", targetValue: 100, value: 98.5, status: "未实现", actualCagr: -0.00502521043985, projection: 97.5125209382, change: {amount: -1.5, unit: "百分点"} }),
  row({ seq: "13", name: "殡仪馆县级行政区域覆盖率", attribute: "约束性", baseline: 100, baselineSource: "plan", target: "100%", targetValue: 100, value: 100, status: "提前实现", actualCagr: 0, projection: 100, change: {amount: 0, unit: "百分点"} }),
  row({ seq: "14", name: "农村公益性公墓（骨灰堂）乡镇覆盖率", attribute: "约束性", baseline: 100, baselineSource: "plan", target: "100%", targetValue: 100, value: 99.0291262136, status: "未实现", actualCagr: -0.00324677610105, projection: 98.387119334, change: {amount: -0.970873786408, unit: "百分点"} }),
  row({ seq: "15", name: "节地生态安葬率", baseline: 70, baselineSource: "plan", target: "60%", targetValue: 60, value: 72, completion: -0.2, status: "提前实现", actualCagr: 0.00943451944398, projection: 73.3649795312, change: {amount: 2, unit: "百分点"} }),
  row({ seq: "16", name: "养老机构护理型床位占比", attribute: "约束性", baseline: 30, baselineSource: "data", target: "≥55%", targetValue: 55, value: 42, completion: 0.48, status: "滞后", actualCagr: 0.118688942081, projection: 52.5615278637, change: {amount: 12, unit: "百分点"} }),
  row({ seq: "17", name: "乡镇（街道）范围具备综合功能的养老服务机构覆盖率", baseline: 20.3883495146, baselineSource: "data", target: "60%", targetValue: 60, value: 44.6601941748, completion: 0.612745098039, status: "基本符合预期", actualCagr: 0.298711976824, projection: 75.3262414974, change: {amount: 24.2718446602, unit: "百分点"} }),
  row({ seq: "18", name: "有集中供养意愿的特困人员集中供养率", baseline: 90, baselineSource: "data", target: "100%", targetValue: 100, value: 85, completion: -0.5, status: "倒退", actualCagr: -0.0188724471861, projection: 81.8219583657, change: {amount: -5, unit: "百分点"} }),
  row({ seq: "19", name: "县级失能照护机构覆盖率", target: "100%", targetValue: 100, value: 70, status: "未实现" }),
  row({ seq: "20", name: "社区日间照料机构覆盖率", baseline: 60, baselineSource: "data", target: "90%", targetValue: 90 }),
  row({ seq: "21", name: "未成年人保护热线开通率", target: "100%", targetValue: 100, value: 100, status: "提前实现" }),
];
const chuxiong = (): EvaluationResult => result(CHUXIONG_2023);

describe('numbers in prose', () => {
  it('writes rates, counts, areas and multiples as Chinese prose writes them, without thousands separators', () => {
    expect([
      formatValue(55, '%', '%'),
      formatValue(1.8, '‰', '‰'),
      formatValue(1450, '人', '人'),
      formatValue(123456, '人', '人'),
      formatValue(31.2, '平方米/百户', '平方米'),
      formatValue(1.3, '倍', '倍'),
      formatValue(38.8349514563, '%', '%'),
      formatValue(55.0, '%', ''),
    ]).toEqual(['55%', '1.8‰', '1450人', '123456人', '31.2平方米', '1.3倍', '38.8%', '55%']);
  });

  it('uses 万人 only where the plan prints 万人', () => {
    expect([formatValue(12000, '人', '万人'), formatValue(12000, '人', '人'), formatValue(15.5, '万人', '万人')]).toEqual(['1.2万人', '12000人', '15.5万人']);
  });

  it('writes a per-person money standard as 每人每月 / 每人每年', () => {
    expect([formatValue(720, '元/人·月', ''), formatValue(9360.5, '元/人·年', '元/人·年')]).toEqual(['每人每月720元', '每人每年9360.5元']);
  });
});

describe('the progress sentence of a rate or share', () => {
  const nursing = (extra: Partial<EvaluatedRow> = {}) =>
    row({ name: '养老机构护理型床位占比', attribute: '约束性', baseline: 30, baselineSource: 'plan', target: '≥55%', targetValue: 55, value: 45, completion: 0.6, status: '基本符合预期', change: { amount: 15, unit: '百分点' }, ...extra });

  it('says points, the gap to the 2025 target, ρ and the time progress (b = 30, v = 45, t = 55 at mid-term)', () => {
    expect(say(nursing())).toBe('养老机构护理型床位占比2023年达到45%，较2020年提高15个百分点，距2025年目标还差10个百分点，完成规划目标的60%，与时序进度持平。');
  });

  it('adds the trend at the current pace when a CAGR and projection exist', () => {
    expect(say(nursing({ actualCagr: 0.144714242553, projection: 58.9666813697 }))).toBe(
      '养老机构护理型床位占比2023年达到45%，较2020年提高15个百分点，距2025年目标还差10个百分点，完成规划目标的60%，与时序进度持平；按2020年以来年均增长14.5%的速度测算，预计2025年可达59%，能够完成规划目标。',
    );
  });

  it('names the 2020 value when the baseline comes from the data, and says a lag in points below time progress', () => {
    expect(say(nursing({ baseline: 30, baselineSource: 'data', value: 42, completion: 0.48, status: '滞后', actualCagr: 0.118688942081, projection: 52.5615278637 }))).toBe(
      '养老机构护理型床位占比2023年达到42%，较2020年（30%）提高12个百分点，距2025年目标还差13个百分点，完成规划目标的48%，低于时序进度12个百分点，进度滞后；按2020年以来年均增长11.9%的速度测算，预计2025年可达52.6%，难以完成规划目标。',
    );
  });

  it('quotes a name with a 、 of its own in a list of names, so that two read as two', () => {
    const rows = chuxiong().rows.map((r) => (r.seq === '16' ? { ...r, name: '困难残疾人生活补贴、重度残疾人护理补贴覆盖率' } : r));
    expect(bindingOverview({ ...chuxiong(), rows })).toContain('“困难残疾人生活补贴、重度残疾人护理补贴覆盖率”');
  });

  it('gives a verdict that counts the binding rows behind and says 总体 once', () => {
    const v = verdictSentence(chuxiong());
    expect(v).toMatch(/^总体看，规划实施进度不平衡，有\d+项指标进度滞后或尚未达到目标（其中约束性指标3项），需加快推进。$/u);
    expect(v.split('总体').length).toBe(2);
    const onTrack = chuxiong().rows.map((r) => ({ ...r, status: '基本符合预期' as const }));
    expect(verdictSentence({ ...chuxiong(), rows: onTrack })).toBe('总体看，规划主要指标进展顺利，实现了“时间过半、任务过半”。');
    expect(verdictSentence({ ...chuxiong(), kind: 'annual', year: 2024, rows: onTrack })).toBe('总体看，规划主要指标进展顺利，均达到时序进度要求。');
  });

  it('says 略高于 only for a difference under 5 points, and 高于 otherwise', () => {
    expect(say(row({ name: '注册志愿者占居民人口比例', baseline: 10.1, baselineSource: 'plan', target: '15%', targetValue: 15, value: 13.5, completion: 0.69387755102, status: '基本符合预期' }))).toBe(
      '注册志愿者占居民人口比例2023年达到13.5%，较2020年提高3.4个百分点，距2025年目标还差1.5个百分点，完成规划目标的69.4%，高于时序进度9.4个百分点。',
    );
    expect(timeWords('基本符合预期', 63, 60)).toBe('略高于时序进度3个百分点');
    expect(timeWords('基本符合预期', 50, 60)).toBe('低于时序进度10个百分点');
    expect(timeWords('基本符合预期', 57.5, 60)).toBe('略低于时序进度2.5个百分点');
    expect(say(row({ name: '乡镇（街道）未成年人保护工作站覆盖率', baseline: 0, baselineSource: 'data', target: '50%', targetValue: 50, value: 38.8349514563, completion: 0.776699029126, status: '快于预期' }))).toBe(
      '乡镇（街道）未成年人保护工作站覆盖率2023年达到38.8%，较2020年（0%）提高38.8个百分点，距2025年目标还差11.2个百分点，完成规划目标的77.6%，高于时序进度17.6个百分点。', // 38.8 of 50 as printed
    );
  });

  it('says by how much a target met ahead of time is exceeded', () => {
    expect(say(row({ name: '农村低保标准占城市低保标准比例', baseline: 70, baselineSource: 'plan', target: '≥75', targetValue: 75, value: 77.7777777778, completion: 1.5556, status: '提前实现' }))).toBe(
      '农村低保标准占城市低保标准比例2023年达到77.8%，较2020年提高7.8个百分点，超过2025年目标2.8个百分点，已提前实现规划目标。',
    );
  });

  it('says 倒退 in points with the gap and the trend, never as a negative completion', () => {
    expect(say(row({ name: '有集中供养意愿的特困人员集中供养率', baseline: 90, baselineSource: 'data', target: '100%', targetValue: 100, value: 85, completion: -0.5, status: '倒退', actualCagr: -0.0188724471861, projection: 81.8219583657 }))).toBe(
      '有集中供养意愿的特困人员集中供养率2023年为85%，较2020年（90%）下降5个百分点，距2025年目标还差15个百分点，较基期倒退；按2020年以来年均下降1.9%的速度测算，预计2025年为81.8%，难以完成规划目标。',
    );
  });

  it('writes ‰ rates in 千分点', () => {
    expect(say(row({ name: '社会工作专业人才占全州人口比例', unit: '‰', valueUnit: '‰', baseline: 1.5, baselineSource: 'plan', target: '1.8‰', targetValue: 1.8, value: 1.68, completion: 0.6, status: '基本符合预期' }))).toBe(
      '社会工作专业人才占全州人口比例2023年达到1.68‰，较2020年提高0.18个千分点，距2025年目标还差0.12个千分点，完成规划目标的60%，与时序进度持平。',
    );
  });

  it('shows one more decimal where rounding would print a value equal to an unmet target', () => {
    expect(say(row({ name: '覆盖率', baseline: 90, baselineSource: 'plan', target: '100%', targetValue: 100, value: 99.96, completion: 0.996, status: '快于预期' }))).toBe(
      '覆盖率2023年达到99.96%，较2020年提高9.96个百分点，距2025年目标还差0.04个百分点，完成规划目标的99.6%，高于时序进度39.6个百分点。',
    );
  });

  it('never writes a change of a rate as 提高x% (points only) in any demo sentence; only the trend speed is relative', () => {
    const rates = chuxiong().rows.filter((r) => r.valueUnit === '%' && r.parts.length === 0);
    for (const r of rates) {
      const [change = '', trend = ''] = indicatorSentence(r, chuxiong()).split('；');
      expect(change).not.toMatch(/(提高|下降|增加|减少|还差|超过)[\d.]+%/u);
      if (trend !== '') expect(trend).toMatch(/^按2020年以来年均(增长|下降)[\d.]+%的速度测算/u);
    }
  });

  it('says the change from last year in an annual report when last year’s value is given', () => {
    expect(say(row({ name: '养老机构护理型床位占比', baseline: 30, baselineSource: 'plan', target: '≥55%', targetValue: 55, value: 40, completion: 0.4, status: '基本符合预期' }), 2022, 37)).toBe(
      '养老机构护理型床位占比2022年达到40%，比上年提高3个百分点，较2020年提高10个百分点，距2025年目标还差15个百分点，完成规划目标的40%，与时序进度持平。',
    );
  });
});

describe('the progress sentence of a count or amount', () => {
  it('says the increase, the relative growth and ρ, in the plan’s unit', () => {
    expect(say(row({ name: '每百户居民拥有的城乡社区综合服务设施面积', unit: '平方米', valueUnit: '平方米/百户', baseline: 25, baselineSource: 'data', target: '＞30平方米', targetValue: 30, value: 29, completion: 0.8, status: '快于预期', change: { amount: 16, unit: '%' } }))).toBe(
      '每百户居民拥有的城乡社区综合服务设施面积2023年达到29平方米，较2020年（25平方米）增加4平方米、增长16%，完成规划目标的80%，高于时序进度20个百分点。',
    );
  });

  it('says a decrease with 减少 and 下降 and the trend', () => {
    expect(say(row({ name: '社会组织专职工作人员数量', unit: '人', valueUnit: '人', baseline: 1200, baselineSource: 'plan', target: '1450人', targetValue: 1450, value: 1180, completion: -0.08, status: '倒退', actualCagr: -0.00558670874734, projection: 1166.85219671, change: { amount: -1.66666666667, unit: '%' } }))).toBe(
      '社会组织专职工作人员数量2023年为1180人，较2020年减少20人、下降1.7%，距2025年目标还差270人，较基期倒退；按2020年以来年均下降0.6%的速度测算，预计2025年为1166人，难以完成规划目标。',
    );
  });

  it('keeps 万人 as the plan prints it', () => {
    expect(say(row({ name: '社会工作专业人才总量', unit: '万人', valueUnit: '万人', baseline: 0.5, baselineSource: 'plan', target: '0.8', targetValue: 0.8, value: 0.72, completion: 0.733333333333, status: '快于预期', change: { amount: 44, unit: '%' } }))).toBe(
      '社会工作专业人才总量2023年达到0.72万人，较2020年增加0.22万人、增长44%，完成规划目标的73.3%，高于时序进度13.3个百分点。',
    );
  });

  it('says by how much a count target met ahead of time is exceeded', () => {
    expect(say(row({ name: '福利彩票销售网点数量', unit: '个', valueUnit: '个', baseline: 310, baselineSource: 'plan', target: '330', targetValue: 330, value: 335, completion: 1.25, status: '提前实现', change: { amount: 8.06451612903, unit: '%' } }))).toBe(
      '福利彩票销售网点数量2023年达到335个，较2020年增加25个、增长8.1%，超过2025年目标5个，已提前实现规划目标。',
    );
  });

  it('writes a money standard as 提高到每人每月… with its growth and the gap in 元', () => {
    expect(say(row({ name: '城市低保标准', unit: '元/人·月', valueUnit: '元/人·月', baseline: 600, baselineSource: 'plan', target: '800', targetValue: 800, value: 720, completion: 0.6, status: '基本符合预期', change: { amount: 20, unit: '%' } }))).toBe(
      '城市低保标准2023年提高到每人每月720元，较2020年增长20%，距2025年目标还差80元，完成规划目标的60%，与时序进度持平。',
    );
  });

  it('writes a cumulative task as 累计完成 and its share of the task', () => {
    expect(say(row({ name: '特殊困难老年人家庭适老化改造', unit: '户', valueUnit: '户', target: '[5000]', targetValue: 5000, value: 3200, completion: 0.64, status: '基本符合预期' }))).toBe(
      '特殊困难老年人家庭适老化改造2023年累计完成3200户，为目标任务的64%，略高于时序进度4个百分点。',
    );
  });

  it('says a multiple that did not move as 与2020年持平', () => {
    expect(say(row({ name: '特困人员基本生活标准与城市最低生活保障标准比率', unit: '倍', valueUnit: '倍', baseline: 1.3, baselineSource: 'plan', target: '≥1.3倍', targetValue: 1.3, value: 1.3, status: '提前实现', change: { amount: 0, unit: '%' } }))).toBe(
      '特困人员基本生活标准与城市最低生活保障标准比率2023年为1.3倍，与2020年持平，已提前实现规划目标。',
    );
  });
});

describe('range, relative and coverage targets', () => {
  const urbanShare = (value: number, status: EvaluatedRow['status']) =>
    row({ name: '农村最低生活保障标准占当地农村上年度居民人均消费支出的比例', baseline: 45.8181818182, baselineSource: 'data', target: '35至45', value, status });

  it('says a value inside the range is 处于规划区间内', () => {
    expect(say(urbanShare(40, '提前实现'))).toBe('农村最低生活保障标准占当地农村上年度居民人均消费支出的比例2023年为40%，较2020年（45.8%）下降5.8个百分点，处于规划区间（35%至45%）内。');
  });

  it('says the distance beyond the bound of a range', () => {
    expect(say(urbanShare(53.3333333333, '偏离'))).toBe(
      '农村最低生活保障标准占当地农村上年度居民人均消费支出的比例2023年为53.3%，较2020年（45.8%）提高7.5个百分点，高于规划区间（35%至45%）上限8.3个百分点，偏离规划区间。',
    );
    expect(say(urbanShare(32, '偏离'))).toContain('低于规划区间（35%至45%）下限3个百分点，偏离规划区间。');
  });

  it('names the reference of each part of a relative target', () => {
    expect(say(CHUXIONG_2023[0]!)).toBe(
      '城乡低保标准年度增速2023年城市为8.6%、农村为10.8%，分别不低于城镇居民上年度人均消费支出增速（4.2%）、农村居民上年度人均消费支出增速（4.7%），符合要求。',
    );
  });

  it('says which part falls short of its reference, and by how much', () => {
    const dibao = row({
      name: '城乡低保标准', unit: '', valueUnit: '元/人·月', attribute: '约束性', baseline: 448, baselineSource: 'data', target: '不低于全省标准低限', value: 560, status: '不符合要求',
      parts: [
        { label: '城市', value: 720, reference: 730, referenceName: '全省城市低保标准低限', holds: false },
        { label: '农村', value: 560, reference: 550, referenceName: '全省农村低保标准低限', holds: true },
      ],
    });
    expect(say(dibao)).toBe('城乡低保标准2023年城市为每人每月720元、农村为每人每月560元，其中城市低于全省城市低保标准低限（730元）10元，农村不低于全省农村低保标准低限（550元），不符合要求。');
  });

  it('says the reference data are missing instead of judging', () => {
    const growth = row({ ...CHUXIONG_2023[0]!, status: '缺数', parts: CHUXIONG_2023[0]!.parts.map((p) => ({ ...p, reference: null, holds: null })) });
    expect(say(growth)).toBe('城乡低保标准年度增速2023年城市为8.6%、农村为10.8%，暂无城镇居民上年度人均消费支出增速、农村居民上年度人均消费支出增速数据，无法判断是否符合要求。');
  });

  it('says a binding 100% coverage is kept, or how far it is below', () => {
    const [kept, below] = [CHUXIONG_2023[12]!, CHUXIONG_2023[11]!];
    expect(say(kept)).toBe('殡仪馆县级行政区域覆盖率2023年保持100%，约束性指标持续达标。');
    expect(say(below)).toBe('查明身份信息流浪乞讨受助人员接送返回率2023年为98.5%，较2020年（100%）下降1.5个百分点，尚未达到100%的约束性目标。');
  });

  it('computes a change from the printed figures, so that a reader can check it: 24.27% → 38.83% reads 24.3 → 38.8, 14.5 points', () => {
    const station = row({ name: '乡镇（街道）未成年人保护工作站覆盖率', baseline: 0, baselineSource: 'data', target: '50%', targetValue: 50, value: 38.83, completion: 0.7766, status: '快于预期' });
    expect(say(station, 2023, 24.27)).toMatch(/^乡镇（街道）未成年人保护工作站覆盖率2023年达到38.8%，比上年提高14.5个百分点，/);
  });

  it('says “与上年及2020年持平” once, not “与上年持平，与2020年持平”', () => {
    expect(say(CHUXIONG_2023[2]!, 2023, 1.3)).toMatch(/^特困人员基本生活标准与城市最低生活保障标准比率2023年为1\.3倍，与上年及2020年持平，/);
  });

  it('says 达到, not 保持, for a binding 100% coverage that was below it last year, and 保持 when last year was at it too', () => {
    const kept = CHUXIONG_2023[12]!;
    expect(say(kept, 2023, 90)).toBe('殡仪馆县级行政区域覆盖率2023年达到100%，比上年提高10个百分点，与2020年持平，约束性指标已达标。');
    expect(say(kept, 2023, 100)).toBe('殡仪馆县级行政区域覆盖率2023年保持100%，与上年持平，约束性指标持续达标。');
  });

  it('says a relative target without parts against the requirement as written', () => {
    expect(say(row({ name: '城市低保标准', unit: '元/人·月', valueUnit: '元/人·月', target: '不低于全省标准低限', value: 730, status: '符合要求' }))).toBe(
      '城市低保标准2023年为每人每月730元，规划要求不低于全省标准低限，符合要求。',
    );
  });

  it('leaves a text target to a judgement by hand', () => {
    expect(say(row({ name: '村（居）务监督委员会建设', unit: '%', valueUnit: '%', target: '全面建立', value: 80, status: '需判断' }))).toBe(
      '村（居）务监督委员会建设2023年为80%，规划目标为“全面建立”，待本单位评价。',
    );
  });

  it('says 暂无…年数据 for a missing value and never guesses', () => {
    expect(say(CHUXIONG_2023[6]!)).toBe('社会工作专业人才占全州人口比例暂无2023年数据。');
  });

  it('says the gap but no progress without a baseline', () => {
    expect(say(CHUXIONG_2023[18]!)).toBe('县级失能照护机构覆盖率2023年为70%，距2025年目标还差30个百分点，尚未达到规划目标（缺少2020年基期值，不测算完成进度）。');
  });

  it('names the printed baseline when the table’s note says the base year’s data differs (1200 printed, 1210 stored)', () => {
    // The plan printed 1200 while the 2020 data is 1210 (the table's note says so): the change is from the printed 1200.
    expect(
      say(row({ name: '社会组织专职工作人员数量', unit: '人', valueUnit: '人', baseline: 1200, baselineSource: 'plan', target: '1450人', targetValue: 1450, value: 1130, completion: -0.28, status: '倒退', change: { amount: -5.83333333333, unit: '%' }, warnings: ['规划基期值1200人与2020年数据1210不一致 / printed baseline differs from 2020 data'] })),
    ).toMatch(/^社会组织专职工作人员数量2023年为1130人，较2020年规划基期值（1200人）减少70人、下降5\.8%，/u);
  });

  it('says a sub-region without a target of its own is not evaluated', () => {
    expect(say(row({ name: '社会组织专职工作人员数量', unit: '人', valueUnit: '人', baseline: 80, baselineSource: 'data', target: '1450人', targetValue: 1450, value: 85, status: '不适用', change: { amount: 6.25, unit: '%' } }))).toBe(
      '社会组织专职工作人员数量2023年为85人，较2020年（80人）增加5人、增长6.3%；本级无对应目标，不作评价。',
    );
  });

  it('never adds a trend to a growth-rate series', () => {
    const growth = row({ name: '城乡低保标准年度增速', baseline: 5, baselineSource: 'plan', target: '≥8%', targetValue: 8, value: 6, completion: 1 / 3, status: '滞后', actualCagr: 0.06, projection: 6.7 });
    expect(say(growth)).not.toContain('按2020年以来');
  });
});

describe('the final evaluation (2025)', () => {
  const nursing = (extra: Partial<EvaluatedRow>) =>
    row({ name: '养老机构护理型床位占比', baseline: 30, baselineSource: 'plan', target: '≥55%', targetValue: 55, value: 58, completion: 1.12, status: '完成', exceeded: true, ...extra });

  it('says 超目标 and 超额完成 for an expected indicator, only 完成 for a binding one', () => {
    expect(say(nursing({}), 2025)).toBe('养老机构护理型床位占比2025年达到58%，较2020年提高28个百分点，超目标3个百分点，超额完成规划目标。');
    expect(say(nursing({ attribute: '约束性' }), 2025)).toBe('养老机构护理型床位占比2025年达到58%，较2020年提高28个百分点，完成规划目标。');
  });

  it('says the gap and ρ of an indicator not completed', () => {
    expect(say(row({ name: '社会组织专职工作人员数量', unit: '人', valueUnit: '人', baseline: 1200, baselineSource: 'plan', target: '1450人', targetValue: 1450, value: 1400, completion: 0.8, status: '未完成', change: { amount: 16.6666666667, unit: '%' } }), 2025)).toBe(
      '社会组织专职工作人员数量2025年达到1400人，较2020年增加200人、增长16.7%，距规划目标还差50人，完成规划目标的80%，未完成规划目标。',
    );
  });

  it('says a binding 100% coverage below 100% is 未完成', () => {
    expect(say({ ...CHUXIONG_2023[11]!, status: '未完成' }, 2025)).toBe('查明身份信息流浪乞讨受助人员接送返回率2025年为98.5%，较2020年（100%）下降1.5个百分点，未达到100%的约束性目标，未完成。');
  });

  it('counts 完成 with 超额完成 and 未完成 with binding ones in the scoreboard', () => {
    const rows = [
      row({ status: '完成', exceeded: true }),
      row({ status: '完成', exceeded: true }),
      row({ status: '完成', exceeded: true, attribute: '约束性' }),
      row({ status: '完成' }),
      row({ status: '未完成', attribute: '约束性' }),
      row({ status: '未完成' }),
      row({ status: '缺数' }),
    ];
    expect(scoreboard(result(rows, 2025))).toBe('规划确定的7项主要指标中，4项完成（其中超额完成2项），2项未完成（其中约束性指标1项）；另有1项暂无统计数据。');
  });
});

describe('the scoreboard sentence', () => {
  it('leaves out empty classes', () => {
    const rows = [row({ status: '提前实现' }), row({ status: '提前实现' }), row({ status: '基本符合预期' }), row({ status: '滞后' })];
    expect(scoreboard(result(rows))).toBe('规划确定的4项主要指标中，2项已提前实现、1项基本符合预期，1项进度滞后。');
  });

  it('counts 倒退 apart from 滞后, each bracket after the class it counts, and words the other classes in a following clause', () => {
    expect(scoreboard(chuxiong())).toBe(
      '规划确定的21项主要指标中，5项已提前实现、2项快于预期、3项基本符合预期，3项进度滞后（其中约束性指标1项），2项较基期倒退；另有1项符合要求，3项尚未达到目标值（其中约束性指标2项），2项暂无统计数据。',
    );
  });

  it('still reads when only the other classes occur', () => {
    const rows = [row({ status: '缺数' }), row({ status: '不适用' }), row({ status: '需判断' }), row({ status: '偏离', attribute: '约束性' })];
    expect(scoreboard(result(rows))).toBe('规划确定的4项主要指标中，1项偏离规划区间（其中约束性指标1项），1项为定性指标、待本单位评价，1项暂无统计数据，1项无本级目标、不作评价。');
  });

  it('opens an annual report with the year of the plan and the time progress', () => {
    expect([progressOpening(result([], 2022)), progressOpening(result([], 2025))]).toEqual(['2022年是“十四五”规划实施的第二年，时序进度为40%。', '2025年是“十四五”规划实施的收官之年。']);
  });
});

describe('binding and lagging paragraphs', () => {
  it('gives one sentence per binding row, unmet ones first', () => {
    expect(bindingSummary(chuxiong())).toEqual([
      '查明身份信息流浪乞讨受助人员接送返回率2023年为98.5%，较2020年（100%）下降1.5个百分点，尚未达到100%的约束性目标。',
      '农村公益性公墓（骨灰堂）乡镇覆盖率2023年为99%，较2020年下降1个百分点，尚未达到100%的约束性目标。',
      '养老机构护理型床位占比2023年为42%，距约束性目标（≥55%）还差13个百分点，完成规划目标的48%，低于时序进度12个百分点，进度滞后。',
      '殡仪馆县级行政区域覆盖率2023年保持100%，约束性指标持续达标。',
    ]);
  });

  it('sums up the binding indicators in one clause for the leader’s page', () => {
    expect(bindingOverview(chuxiong())).toBe(
      '4项约束性指标中，1项已达标，3项尚未达标（查明身份信息流浪乞讨受助人员接送返回率、农村公益性公墓（骨灰堂）乡镇覆盖率、养老机构护理型床位占比）。',
    );
    expect(bindingOverview(result([CHUXIONG_2023[12]!]))).toBe('1项约束性指标全部达标。');
  });

  it('lists lagging rows with value and gap, binding ones first and marked', () => {
    const lines = laggingSummary(chuxiong());
    expect(lines).toHaveLength(8);
    expect(lines.slice(0, 3).every((l) => l.startsWith('约束性指标'))).toBe(true);
    expect(lines[2]).toBe(
      '约束性指标养老机构护理型床位占比2023年为42%，距2025年目标（≥55%）还差13个百分点，完成规划目标的48%，低于时序进度12个百分点，进度滞后；按2020年以来年均增长11.9%的速度测算，预计2025年可达52.6%，难以完成规划目标。',
    );
    expect(lines[3]).toBe(
      '困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率2023年为96%，距2025年目标（100%）还差4个百分点，完成规划目标的20%，低于时序进度40个百分点，进度滞后；按2020年以来年均增长0.3%的速度测算，预计2025年可达96.6%，难以完成规划目标。',
    );
  });

  it('adds the unit to a target printed without one', () => {
    const r = row({ name: '城乡公益性安葬（放）设施火葬区县级覆盖率', baseline: 57.1, baselineSource: 'data', target: '100', targetValue: 100, value: 71.4, completion: 0.333333333333, status: '滞后' });
    expect(laggingSummary(result([r]))).toEqual(['城乡公益性安葬（放）设施火葬区县级覆盖率2023年为71.4%，距2025年目标（100%）还差28.6个百分点，完成规划目标的33.3%，低于时序进度26.7个百分点，进度滞后。']);
  });
});

describe('problems', () => {
  it('numbers the problems: binding first, then 倒退, 滞后, unmet, and the data gaps', () => {
    expect(problemsFromEvaluation(chuxiong())).toEqual([
      '1.约束性指标尚未全部达标。查明身份信息流浪乞讨受助人员接送返回率为98.5%，未达到100%的约束性目标；农村公益性公墓（骨灰堂）乡镇覆盖率为99%，未达到100%的约束性目标；养老机构护理型床位占比为42%，完成规划目标的48%，低于时序进度12个百分点。',
      '2.部分指标较基期倒退。社会组织专职工作人员数量为1180人，较2020年规划基期值（1200人）减少20人、下降1.7%；有集中供养意愿的特困人员集中供养率为85%，较2020年（90%）下降5个百分点。',
      '3.部分预期性指标进度滞后。困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率为96%，完成规划目标的20%，低于时序进度40个百分点；志愿服务站点在社区综合服务设施中的覆盖率为62%，完成规划目标的40%，低于时序进度20个百分点。',
      '4.部分指标尚未达到规划要求。县级失能照护机构覆盖率为70%，距目标还差30个百分点。',
      '5.有2项指标暂无统计数据（社会工作专业人才占全州人口比例、社区日间照料机构覆盖率），监测统计基础有待加强。',
    ]);
  });

  it('keeps the leader’s problems within 40 characters, binding first', () => {
    const items = shortProblems(chuxiong(), 3);
    expect(items).toEqual([
      '约束性指标养老机构护理型床位占比42%，低于时序进度12个百分点。',
      '查明身份信息流浪乞讨受助人员接送返回率98.5%，未达100%约束性目标。',
      '农村公益性公墓（骨灰堂）乡镇覆盖率99%，未达100%约束性目标。',
    ]);
    // 40 characters and the full stop.
    for (const text of shortProblems(chuxiong(), 20)) expect([...text].length).toBeLessThanOrEqual(41);
  });

  it('shortens a long name rather than exceed 40 characters', () => {
    const r = row({ name: '困难残疾人生活补贴、重度残疾人护理补贴、三四级智力和精神残疾人护理补贴覆盖率', attribute: '约束性', baseline: 97, baselineSource: 'data', target: '100%', targetValue: 100, value: 98, completion: 1 / 3, status: '滞后' });
    expect(shortProblems(result([r]), 3)).toEqual(['困难残疾人生活补贴等覆盖率98%，未达100%约束性目标。']);
  });

  it('ends with the data gap', () => {
    expect(shortProblems(result([row({ status: '缺数' }), row({ status: '缺数' })]), 3)).toEqual(['有2项指标暂无统计数据。']);
  });
});

describe('plan checks in the report', () => {
  it('drops the English half and names the indicator first', () => {
    expect(
      planCheckSentences([
        {
          seq: '15',
          message: '表2：“十四五”时期楚雄州民政事业主要发展指标 第15行“节地生态安葬率”：目标值60%低于基期值70%，而该指标以提高为方向；按指标方向评价，请核实目标值。 / The target 60% lies on the wrong side of the baseline 70% for an indicator meant to rise.',
        },
        { seq: '6', message: '6 社会组织专职工作人员数量：规划基期值1200人与2020年数据1210不一致 / printed baseline differs from 2020 data' },
      ]),
    ).toEqual([
      '“节地生态安葬率”（规划表2第15行）：目标值60%低于基期值70%，而该指标以提高为方向；按指标方向评价，需核实目标值。',
      '“社会组织专职工作人员数量”（第6项指标）：规划基期值1200人与2020年数据1210不一致。',
    ]);
  });
});

describe('the 楚雄州 2023 mid-term evaluation', () => {
  it('gives every indicator one sentence that names it and ends in 。', () => {
    const r = chuxiong();
    for (const x of r.rows) {
      const s = indicatorSentence(x, r);
      expect(s.startsWith(x.name)).toBe(true);
      expect(s).toMatch(/。$/u);
      expect(s).not.toMatch(/NaN|undefined|null|Infinity|-\d/u);
    }
  });

  it('words the evaluation computed from the bundled sample workbook exactly as the saved demo JSON above', async () => {
    const { db } = freshDb();
    try {
      const imported = await runImport(db, { file: path.join(samplesDir(), 'chuxiong-示例数据.xlsx') });
      expect(imported.ok).toBe(true);
      const live = evaluatePlan(db, { plan: 'chuxiong', year: 2023 });
      expect(live.rows.map((r) => indicatorSentence(r, live))).toEqual(CHUXIONG_2023.map((r) => indicatorSentence(r, chuxiong())));
      expect([scoreboard(live), ...bindingSummary(live), ...problemsFromEvaluation(live)]).toEqual([
        scoreboard(chuxiong()),
        ...bindingSummary(chuxiong()),
        ...problemsFromEvaluation(chuxiong()),
      ]);
    } finally {
      db.close();
    }
  });
});

describe('the leader’s 主要进展', () => {
  it('names the three rows furthest ahead, each with its base-year and current figures, and leaves out a target the baseline met', () => {
    const items = progressHighlights(result(CHUXIONG_2023));
    expect(items).toHaveLength(3);
    for (const t of items) expect(t).toMatch(/^.+由2020年的.+(提高|降低)到2023年的.+。$/u);
    expect(items.join('')).not.toContain('节地生态安葬率');
  });
});
