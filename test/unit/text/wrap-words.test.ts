/**
 * Names in lines broken between words (issue 13: chart labels were cut inside words, "…和重度残/疾人").
 */
import { describe, expect, it } from 'vitest';
import { wrapWords } from '../../../shared/text/wrap-words';

const NAMES = [
  '有集中供养意愿的特困人员集中供养率',
  '困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率',
  '农村公益性公墓（骨灰堂）乡镇覆盖率',
  '乡镇（街道）范围具备综合功能的养老服务机构覆盖率',
  '志愿服务站点在社区综合服务设施中的覆盖率',
  '农村低保标准占城市最低生活保障标准比率',
  '每千名老年人拥有养老床位数',
];

describe('wrapWords', () => {
  it.each(NAMES)('keeps every character of %s, in lines no longer than asked', (name) => {
    for (const max of [6, 8, 12, 15]) {
      const lines = wrapWords(name, max, 10);
      expect(lines.join('')).toBe(name);
      for (const l of lines) expect([...l].length).toBeLessThanOrEqual(max);
    }
  });

  it('breaks between words: 供养, 特困, 覆盖率, 站点 and a bracketed part stay whole', () => {
    for (const name of NAMES) {
      for (const max of [6, 8, 12, 15]) {
        const breaks = wrapWords(name, max, 10).slice(0, -1).map((l, i, all) => all.slice(0, i + 1).join('').length);
        for (const at of breaks) {
          const around = name.slice(at - 1, at + 1);
          expect(['供养', '特困', '覆盖', '盖率', '站点', '比率', '床位'], `${name} at ${max}: …${around}…`).not.toContain(around);
          // Never inside brackets, never before a closing one.
          expect(name.slice(0, at).split('（').length - name.slice(0, at).split('）').length, `${name} at ${max}`).toBe(0);
        }
      }
    }
    expect(wrapWords('有集中供养意愿的特困人员集中供养率', 15)).toEqual(['有集中供养意愿的特困人员集中', '供养率']);
    expect(wrapWords('农村公益性公墓（骨灰堂）乡镇覆盖率', 8)).toEqual(['农村公益性公墓', '（骨灰堂）乡镇', '覆盖率']);
  });

  it('keeps the indicator names’ own words whole even where ICU cuts them (城市低|保, 探访帮|扶)', () => {
    for (const name of ['居家特殊困难、失能老年人探访帮扶率', '全省城市低保标准低限', '城乡公益性安葬（放）设施火葬区县级覆盖率', '三四级智力和精神残疾人护理补贴覆盖率']) {
      for (const max of [4, 5, 6, 7, 8, 9, 10]) {
        const lines = wrapWords(name, max, 10);
        for (let i = 1; i < lines.length; i += 1) {
          const around = `${lines[i - 1]!.slice(-1)}${lines[i]!.slice(0, 1)}`;
          expect(['帮扶', '低保', '低限', '县级', '残疾', '疾人', '火葬', '葬区', '失能'], `${name} at ${max}`).not.toContain(around);
        }
      }
    }
  });

  it('ends a name longer than the lines allowed after a whole word, with …', () => {
    const lines = wrapWords('困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率', 6, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect('困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率'.startsWith(lines.join('').replace('…', ''))).toBe(true);
  });

  it('cuts only a word longer than a line (a long number)', () => {
    expect(wrapWords('编号1234567890123', 6, 5)).toEqual(['编号', '123456', '789012', '3']);
  });
});
