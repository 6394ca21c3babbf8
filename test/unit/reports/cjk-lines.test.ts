/**
 * Justified Chinese body text (issue 13, typesetting): a line that a number does not fit at the end of is tightened by
 * squeezing punctuation to half width instead of spreading its characters apart, and a paragraph never ends on one
 * character alone ("标。"). Measured with the bundled body font, as the PDF is set.
 */
import { describe, expect, it } from 'vitest';
import { linesOf, setParagraph, wordInlines, type Inline, type Measure } from '../../../main/reports/cjk-lines';
import { CANDIDATES, measurer } from '../../../main/reports/fonts';

const MM = 72 / 25.4;
const SIZE = 16;
// The body of an A4 page set to GB/T 9704: 210 mm less the 28 mm and 26 mm margins.
const BOX = { width: (210 - 28 - 26) * MM, indent: SIZE * 2, em: SIZE };
const bundledSerif = CANDIDATES.fang.regular.at(-1)!;
const measure: Measure = measurer(bundledSerif, SIZE)!;

const textOf = (set: Inline[] | string): string => (typeof set === 'string' ? set : set.map((p) => (typeof p === 'string' ? p : p.text)).join(''));
const slackOf = (lines: string[], i: number): number => BOX.width - (i === 0 ? BOX.indent : 0) - measure(lines[i]!);
const inkOf = (line: string): number => [...line].filter((ch) => !'，。、；：！？）】」』”’》'.includes(ch)).length;

// Sentences of the 楚雄州 reports that were set loose or ended on one character before this module.
const LOOSE = '农村公益性公墓（骨灰堂）乡镇覆盖率2025年达到100%，比上年提高1个百分点，与2020年持平，完成约束性目标。';
const LONE = '养老机构护理型床位占比2025年达到50.2%，比上年提高4个百分点，较2020年（30%）提高20.2个百分点，距规划目标还差4.8个百分点，完成规划目标的80.8%，未完成规划目标。';

describe('setParagraph', () => {
  it('is measured with a font that has half-width punctuation (halt)', () => {
    expect(measure('，', ['halt'])).toBeCloseTo(measure('，') / 2, 5);
  });

  it('takes "100%，" into a line that would otherwise be spread by three characters’ width', () => {
    const plain = linesOf(LOOSE, measure, BOX);
    expect(plain[0]).toBe('农村公益性公墓（骨灰堂）乡镇覆盖率2025年达到');
    expect(slackOf(plain, 0)).toBeGreaterThan(2 * SIZE);
    const set = setParagraph(LOOSE, measure, BOX);
    expect(textOf(set)).toBe(LOOSE);
    const lines = linesOf(set, measure, BOX);
    expect(lines[0]).toBe('农村公益性公墓（骨灰堂）乡镇覆盖率2025年达到100%，');
    // The squeezed marks are inlines of their own with the font's half-width forms.
    expect(set).toContainEqual({ text: '，', fontFeatures: ['halt'] });
  });

  it('never ends a paragraph on one character', () => {
    const plain = linesOf(LONE, measure, BOX);
    expect(inkOf(plain.at(-1)!)).toBe(1);
    const set = setParagraph(LONE, measure, BOX);
    expect(textOf(set)).toBe(LONE);
    const lines = linesOf(set, measure, BOX);
    expect(inkOf(lines.at(-1)!)).toBeGreaterThanOrEqual(2);
  });

  it('takes the word before down when nothing can be squeezed', () => {
    const text = `${'养老服务'.repeat(9)}${'床位'.repeat(8)}标`;
    const plain = linesOf(text, measure, BOX);
    expect(plain.at(-1)).toBe('标');
    const set = setParagraph(text, measure, BOX);
    expect(textOf(set)).toBe(text);
    const lines = linesOf(set, measure, BOX);
    expect(lines.length).toBe(plain.length);
    for (const l of lines) expect(inkOf(l)).toBeGreaterThanOrEqual(2);
  });

  it('leaves text alone that sets well, has its own line breaks, or is set in a font without half widths', () => {
    expect(setParagraph('社区日间照料机构覆盖率暂无2025年数据。', measure, BOX)).toBe('社区日间照料机构覆盖率暂无2025年数据。');
    expect(setParagraph(`${LOOSE}\n${LOOSE}`, measure, BOX)).toBe(`${LOOSE}\n${LOOSE}`);
    const noHalt: Measure = (t) => measure(t);
    const set = setParagraph(LOOSE, noHalt, BOX);
    expect(textOf(set)).toBe(LOOSE);
    expect(JSON.stringify(set)).not.toContain('halt');
  });
});

describe('wordInlines', () => {
  it('keeps words, numbers with their units and brackets’ edges whole in a narrow cell', () => {
    const set = wordInlines('城市每人每月720元（全省城市低保标准低限730元）；农村每人每月560元');
    expect(textOf(set)).toBe('城市每人每月720元（全省城市低保标准低限730元）；农村每人每月560元');
    const whole = (set as Inline[]).filter((p): p is { text: string; noWrap: true } => typeof p !== 'string' && p.noWrap === true).map((p) => p.text);
    for (const w of ['低保', '低限', '730元）；', '（全省', '720元']) expect(whole).toContain(w);
  });

  it('sets each line of a cell with lines of its own (城市…\n农村…)', () => {
    const set = wordInlines('城市-1.4百分点\n农村-0.3百分点') as Inline[];
    expect(set).toContain('\n');
    expect(textOf(set)).toBe('城市-1.4百分点\n农村-0.3百分点');
  });
});
