/**
 * Every row of every indicator table in the four seed plans, transcribed by hand from shared/seeds/*.txt (not from
 * templates/plans/*.json), compared with what a fresh database holds: seq, printed name, unit, baseline, target,
 * stated growth and attribute exactly as printed; every main-table target prints back as written and is not 'text'.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getPlan } from '../../main/db/queries/plans';
import type { WriteDb } from '../../main/db/types';
import { parseTarget, printTarget } from '../../shared/targets/grammar';
import type { Plan, PlanRow, PlanTable } from '../../shared/types';
import { freshDb } from '../helpers/files';

type Attr = '预期性' | '约束性';
const Y = '预期性' as const;
const B = '约束性' as const;

/** One printed row: [seq, name, unit, baseline text, baseline value, target text, stated growth text, attribute]. */
type MainRow = [string, string, string, string, number | null, string, string, Attr];

/** 004 (simplified, PDF line wraps joined); row 1's target "26至36" as in the web copy 000. No baseline, no growth. */
const GUIZHOU: MainRow[] = [
  ['1', '城市最低生活保障标准占当地城镇上年度居民人均消费支出的比例', '%', '', null, '26至36', '', Y],
  ['2', '农村最低生活保障标准占当地农村上年度居民人均消费支出的比例', '%', '', null, '35至45', '', Y],
  ['3', '每百户居民拥有的城乡社区综合服务设施建筑面积', '平方米', '', null, '31.2', '', Y],
  ['4', '社会组织专职工作人员数量', '万人', '', null, '16.8', '', Y],
  ['5', '养老机构护理型床位占比', '%', '', null, '55', '', B],
  ['6', '乡镇（街道）范围具备综合功能的养老服务机构覆盖率', '%', '', null, '60', '', Y],
  ['7', '查明身份信息流浪乞讨受助人员接送返回率', '%', '', null, '100', '', B],
  ['8', '县域城乡公益性安葬（放）设施覆盖率', '%', '', null, '100', '', Y],
  ['9', '婚姻登记“跨省通办”率', '%', '', null, '100', '', Y],
  ['10', '市、县未成年人保护设施覆盖率', '%', '', null, '80', '', Y],
  ['11', '乡镇（街道）未成年人保护工作站覆盖率', '%', '', null, '100', '', Y],
  ['12', '社会工作专业人才数', '万人', '', null, '10', '', Y],
  ['13', '志愿服务站点在社区综合服务设施中的覆盖率', '%', '', null, '80', '', Y],
];

/** 001 表2: no unit column; the unit is the one inside the value cells ('' for row 1). "-" as printed. */
const CHUXIONG: MainRow[] = [
  ['1', '城乡低保标准年度增速', '', '-', null, '不低于居民上年度人均消费支出增速', '-', Y],
  ['2', '农村低保标准占城市最低生活保障标准比率', '%', '60%', 60, '75%', '4.56%', Y],
  ['3', '特困人员基本生活标准与城市最低生活保障标准比率', '倍', '1.3倍', 1.3, '≥1.3倍', '-', Y],
  ['4', '困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率', '%', '95%', 95, '100%', '1.00%', Y],
  ['5', '每百户居民拥有的城乡社区综合服务设施面积', '平方米', '-', null, '＞30平方米', '-', Y],
  ['6', '社会组织专职工作人员数量', '人', '1200人', 1200, '1450人', '4%', Y],
  ['7', '社会工作专业人才占全州人口比例', '‰', '1.5‰', 1.5, '1.8‰', '3.70%', Y],
  ['8', '志愿服务站点在社区综合服务设施中的覆盖率', '%', '-', null, '80%', '-', Y],
  ['9', '注册志愿者占居民人口比例', '%', '10.10%', 10.1, '15%', '8.20%', Y],
  ['10', '婚姻登记“跨省通办”实施率', '%', '-', null, '100%', '-', Y],
  ['11', '乡镇（街道）未成年人保护工作站覆盖率', '%', '-', null, '50%', '-', Y],
  ['12', '查明身份信息流浪乞讨受助人员接送返回率', '%', '-', null, '100%', '-', B],
  ['13', '殡仪馆县级行政区域覆盖率', '%', '100%', 100, '100%', '-', B],
  ['14', '农村公益性公墓（骨灰堂）乡镇覆盖率', '%', '100%', 100, '100%', '-', B],
  ['15', '节地生态安葬率', '%', '70%', 70, '60%', '6%', Y],
  ['16', '养老机构护理型床位占比', '%', '-', null, '≥55%', '-', B],
  ['17', '乡镇（街道）范围具备综合功能的养老服务机构覆盖率', '%', '-', null, '60%', '-', Y],
  ['18', '有集中供养意愿的特困人员集中供养率', '%', '-', null, '100%', '-', Y],
  ['19', '县级失能照护机构覆盖率', '%', '-', null, '100%', '-', Y],
  ['20', '社区日间照料机构覆盖率', '%', '-', null, '90%', '-', Y],
  ['21', '未成年人保护热线开通率', '%', '-', null, '100%', '-', Y],
];

/** 001 表1 (2015 actual, 2020 final, 增长比例%): no 序号 column, so seq is the printed order; no attribute. */
type CompletionRow = [string, string, string, string, number, string, string];
const CHUXIONG_COMPLETION: CompletionRow[] = [
  ['1', '低保对象审核认定准确率（%）', '%', '93', 93, '98.67', '6.1'],
  ['2', '农村敬老院法人登记率（%）', '%', '78', 78, '100', '28.2'],
  ['3', '低保人均补助水平年均增长率（%）', '%', '15', 15, '24.87', '65.8'],
  ['4', '养老服务设施（站点）城市社区覆盖率（%）', '%', '34.4', 34.4, '74', '115'],
  ['5', '养老服务设施（站点）农村社区覆盖率（%）', '%', '41', 41, '52', '26.8'],
  ['6', '养老服务设施（站点）乡镇覆盖率（%）', '%', '92', 92, '99', '7.6'],
  ['7', '护理型床位数占养老机构床位总数比例（%）', '%', '7', 7, '26.4', '277'],
  ['8', '平均火化率（%）', '%', '28.2', 28.2, '100', '71.8'],
  ['9', '节地生态安葬率（%）', '%', '22', 22, '70', '48'],
  ['10', '殡仪馆县级区域覆盖率（%）', '%', '80', 80, '100', '20'],
  ['11', '每万人拥有社会组织数量（个）', '个', '5', 5, '5.5', '10'],
  ['12', '社会工作专业人才占全州人口比例(‰)', '‰', '0.6', 0.6, '1.5', '150'],
  ['13', '注册志愿者占居民人口比例（%）', '%', '7.2', 7.2, '10.1', '40.3'],
];

/** 002: target-only table; half-width brackets and ">30" as printed; row 6 prints no unit. */
const CHENGDE: MainRow[] = [
  ['1', '农村低保标准占城市低保标准比例', '%', '', null, '75', '', Y],
  ['2', '查明身份信息流浪乞讨受助人员接送返回率', '%', '', null, '100', '', B],
  ['3', '乡镇(街道)未成年人保护工作站覆盖率', '%', '', null, '50', '', Y],
  ['4', '困难残疾人生活补贴覆盖率', '%', '', null, '100', '', B],
  ['5', '重度残疾人护理补贴覆盖率', '%', '', null, '100', '', B],
  ['6', '福利彩票销售网点数', '', '', null, '600', '', Y],
  ['7', '养老机构护理型床位占比', '%', '', null, '≥55', '', B],
  ['8', '乡镇(街道)范围具备综合功能的养老服务机构覆盖率', '%', '', null, '60', '', Y],
  ['9', '每百户居民拥有的城乡社区综合服务设施面积', '平方米', '', null, '>30', '', Y],
  ['10', '社会组织专职工作人员数量', '万人', '', null, '1', '', Y],
  ['11', '社会工作专业人才总量', '万人', '', null, '0.6', '', Y],
  ['12', '志愿服务站点在社区综合服务设施中的覆盖率', '%', '', null, '80', '', Y],
  ['13', '婚姻登记“跨省通办”实施率', '%', '', null, '100', '', Y],
  ['14', '县级公益性安葬(放)设施覆盖率', '%', '', null, '100', '', B],
];

/** 003: one table over two pages; the name carries the unit in brackets; "—" (U+2014) for no baseline; no growth. */
const DAZHOU: MainRow[] = [
  ['1', '城乡低保标准', '', '—', null, '不低于全省标准低限', '', B],
  ['2', '农村低保标准占城市低保标准比例（%）', '%', '70', 70, '≥75', '', Y],
  ['3', '查明身份信息流浪乞讨受助人员接送返回率（%）', '%', '100', 100, '100', '', B],
  ['4', '养老机构护理型床位比例（%）', '%', '30', 30, '≥55', '', B],
  ['5', '乡镇（街道）范围具备综合功能的养老服务机构覆盖率（%）', '%', '—', null, '≥60', '', Y],
  ['6', '居家特殊困难、失能老年人探访帮扶率（%）', '%', '—', null, '100', '', Y],
  ['7', '城乡公益性安葬（放）设施火葬区县级覆盖率（%）', '%', '—', null, '100', '', Y],
  ['8', '环保节能火化炉数量（个）；', '个', '17', 17, '20', '', Y],
  ['9', '社会组织每万人占有数量（个）', '个', '2.9', 2.9, '3.1', '', Y],
  ['10', '社会组织孵化园（基地）市、县级覆盖率（%）', '%', '—', null, '100', '', Y],
  ['11', '每百户居民拥有社区综合服务设施面积（平方米）', '平方米', '—', null, '≥30', '', Y],
  ['12', '社会工作专业人才总量（万人）', '万人', '0.5', 0.5, '0.8', '', Y],
  ['13', '社会工作服务机构数总量（个）', '个', '21', 21, '30', '', Y],
  ['14', '志愿服务站点在社区综合服务设施中的覆盖率（%）', '%', '—', null, '100', '', Y],
  ['15', '县级未成年人救助保护机构覆盖率（%）', '%', '—', null, '100', '', Y],
  ['16', '乡镇（街道）未成年人保护工作站覆盖率（%）', '%', '—', null, '50', '', Y],
  ['17', '困难残疾人生活补贴、重度残疾人护理补贴、三四级智力和精神残疾人护理补贴覆盖率（%）', '%', '—', null, '100', '', B],
  ['18', '福利彩票销售网点数量（个）', '个', '310', 310, '330', '', Y],
];

const MAIN_TABLES: [string, MainRow[]][] = [
  ['guizhou', GUIZHOU],
  ['chuxiong', CHUXIONG],
  ['chengde', CHENGDE],
  ['dazhou', DAZHOU],
];

/** What a reader of the printed table sees in a row, in the product's terms. */
const printedMain = (r: PlanRow) => ({
  seq: r.seq,
  printedName: r.printedName,
  unitText: r.unitText,
  baselineText: r.baselineText,
  baseline: r.baseline,
  targetText: r.targetText,
  statedGrowthText: r.statedGrowthText,
  attribute: r.attribute,
});
const expectedMain = ([seq, printedName, unitText, baselineText, baseline, targetText, statedGrowthText, attribute]: MainRow) => ({
  seq, printedName, unitText, baselineText, baseline, targetText, statedGrowthText, attribute,
});

let db: WriteDb;
const plans = new Map<string, Plan>();
const mainTable = (id: string): PlanTable => plans.get(id)!.tables.find((t) => t.kind === 'main')!;

beforeAll(() => {
  db = freshDb().db;
  for (const [id] of MAIN_TABLES) {
    const plan = getPlan(db, id);
    if (plan) plans.set(id, plan);
  }
});

describe('the plans installed into a new database', () => {
  it.each(MAIN_TABLES)('installs the %s plan', (id) => {
    expect(plans.has(id)).toBe(true);
  });

  it.each([
    ['guizhou', [['main', 1, 13]]],
    ['chuxiong', [['main', 1, 21], ['completion', 2, 13]]],
    ['chengde', [['main', 1, 14]]],
    ['dazhou', [['main', 1, 18]]],
  ] as const)('gives %s exactly the tables of the seed, with their row counts', (id, tables) => {
    expect(plans.get(id)!.tables.map((t) => [t.kind, t.tableNo, t.rows.length])).toEqual(tables);
  });

  it('keeps Dazhou\'s evaluation schedule: mid-term in 2023, final in 2025', () => {
    const { schedule } = plans.get('dazhou')!;
    expect([schedule.midterm, schedule.final]).toEqual([2023, 2025]);
  });

  it.each([
    ['guizhou', '520000'],
    ['chuxiong', '532300'],
    ['chengde', '130800'],
    ['dazhou', '511700'],
  ])('places the %s plan on region %s for 2021–2025 from base year 2020', (id, region) => {
    const p = plans.get(id)!;
    expect([p.regionCode, p.baseYear, p.targetYear]).toEqual([region, 2020, 2025]);
  });

  // 000: 印發日期 2021年8月18日, 004: 黔民发〔2021〕10 号; 001: 2022年6月; 002: 2022-01-10; 003: 2022年4月21日印发.
  it.each([
    ['guizhou', '2021-08-18', '黔民发〔2021〕10号'],
    ['chuxiong', '2022-06', null],
    ['chengde', '2022-01-10', null],
    ['dazhou', '2022-04-21', null],
  ])('dates the %s plan %s with its document number as the seed prints them', (id, issuedOn, docNumber) => {
    const p = plans.get(id)!;
    expect([p.issuedOn, p.docNumber]).toEqual([issuedOn, docNumber]);
  });
});

describe.each(MAIN_TABLES)('the %s main indicator table', (id, rows) => {
  it.each(rows.map((r) => [r[0], r] as const))('holds row %s exactly as the seed prints it', (seq, row) => {
    const stored = mainTable(id).rows.find((r) => r.seq === seq);
    expect(stored && printedMain(stored)).toEqual(expectedMain(row));
  });

  it('keeps the rows in printed order', () => {
    expect(mainTable(id).rows.map((r) => r.seq)).toEqual(rows.map((r) => r[0]));
  });

  it('has no final values in a main table', () => {
    expect(mainTable(id).rows.filter((r) => r.finalText !== null).map((r) => r.seq)).toEqual([]);
  });

  it.each(rows.map((r) => [r[0], r[5]] as const))('prints row %s\'s target %j back exactly as written', (seq, target) => {
    const stored = mainTable(id).rows.find((r) => r.seq === seq)!;
    expect(printTarget(parseTarget(stored.targetText))).toBe(target);
  });

  it('reads every target in a form it can evaluate (none is left as text)', () => {
    const asText = mainTable(id).rows.filter((r) => parseTarget(r.targetText).kind === 'text');
    expect(asText.map((r) => `${r.seq} ${r.targetText}`)).toEqual([]);
  });
});

describe('the Chuxiong 13th-FYP completion table (表1)', () => {
  const completion = (): PlanTable => plans.get('chuxiong')!.tables.find((t) => t.kind === 'completion')!;

  it('is table 2 and runs from 2015 to 2020', () => {
    const t = completion();
    expect([t.tableNo, t.baseYear, t.targetYear]).toEqual([2, 2015, 2020]);
  });

  it.each(CHUXIONG_COMPLETION.map((r) => [r[0], r] as const))('holds row %s with its 2015, 2020 and 增长比例 values as printed', (seq, row) => {
    const [, printedName, unitText, baselineText, baseline, finalText, statedGrowthText] = row;
    const stored = completion().rows.find((r) => r.seq === seq);
    expect(
      stored && {
        printedName: stored.printedName,
        unitText: stored.unitText,
        baselineText: stored.baselineText,
        baseline: stored.baseline,
        finalText: stored.finalText,
        statedGrowthText: stored.statedGrowthText,
        targetText: stored.targetText,
        attribute: stored.attribute,
      },
    ).toEqual({ printedName, unitText, baselineText, baseline, finalText, statedGrowthText, targetText: '', attribute: null });
  });

  it('keeps the rows in printed order', () => {
    expect(completion().rows.map((r) => r.printedName)).toEqual(CHUXIONG_COMPLETION.map((r) => r[1]));
  });
});
