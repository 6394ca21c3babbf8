/** Data several tests share, stored through the services as a clerk would type it. */
import path from 'node:path';
import type { Handlers } from '../../shared/api';

/**
 * 养老机构护理型床位占比 (楚雄州 row 16): 40% in 2020 in 楚雄市, 禄丰市 and 双柏县; in 2023 楚雄市 55%, 禄丰市 and 双柏县
 * 50% — 楚雄市 ranks first, the other two tie second.
 */
export const seedNursingShares = async (handlers: Handlers): Promise<void> => {
  const set = async (region: string, year: number, nursing: number) => {
    await handlers['observations.set']({ region, series: '护理型床位数', year, value: nursing, enteredBy: '张三' });
    await handlers['observations.set']({ region, series: '养老机构床位总数', year, value: 100, enteredBy: '张三' });
  };
  for (const region of ['532301', '532302', '532322']) await set(region, 2020, 40);
  await set('532301', 2023, 55);
  await set('532302', 2023, 50);
  await set('532322', 2023, 50);
};

/** The 楚雄州 sample workbook (samples/), imported as a clerk would. */
export const importChuxiongSample = async (handlers: Handlers): Promise<void> => {
  const r = await handlers['import.run']({ file: path.resolve('samples/chuxiong-示例数据.xlsx') });
  if (!r.ok) throw new Error(`the sample import failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
};

/**
 * A bureau's plan of 楚雄州 whose table has two 其中 rows without a 序号: rows that share table and 序号 (''), told
 * apart only by their place.
 */
export const TWINS_PLAN_TEXT = [
  '双柏县测试规划',
  '双柏县民政局',
  '表1 主要指标',
  '序号\t指标名称\t单位\t2020年基期值\t2025年目标值\t属性',
  '1\t养老机构床位总数\t张\t1350\t1600\t预期性',
  '\t其中：护理型床位占比\t%\t52\t≥55\t约束性',
  '2\t农村最低生活保障标准\t元/人·月\t300\t500\t预期性',
  '\t其中：城市最低生活保障标准\t元/人·月\t500\t800\t预期性',
  '',
].join('\n');
