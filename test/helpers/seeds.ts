/** Data several tests share, stored through the services as a clerk would type it. */
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
