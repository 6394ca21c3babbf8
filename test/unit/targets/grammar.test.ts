import { describe, expect, it } from 'vitest';
import { parseTarget, printTarget, targetUnitText, targetValue, type Target } from '../../../shared/targets/grammar';

/** The 2025 target column of each plan's main indicator table, in row order. */
const guizhouTargets = ['26至36', '35至45', '31.2', '16.8', '55', '60', '100', '100', '100', '80', '100', '10', '80'];
const guizhouPdfTargets = ['26至 36'];
const chuxiongTargets = [
  '不低于居民上年度人均消费支出增速', '75%', '≥1.3倍', '100%', '＞30平方米', '1450人', '1.8‰', '80%', '15%', '100%', '50%',
  '100%', '100%', '100%', '60%', '≥55%', '60%', '100%', '100%', '90%', '100%',
];
const chengdeTargets = ['75', '100', '50', '100', '100', '600', '≥55', '60', '>30', '1', '0.6', '80', '100', '100'];
const dazhouTargets = [
  '不低于全省标准低限', '≥75', '100', '≥55', '≥60', '100', '100', '20', '3.1', '100', '≥30', '0.8', '30', '100', '100', '50',
  '100', '330',
];

/** Baselines and the stated annual growth column: not targets, but a cell the same parser may be handed. */
const chuxiongBaselines = ['-', '60%', '1.3倍', '95%', '-', '1200人', '1.5‰', '-', '10.10%', '-', '-', '-', '100%', '100%', '70%', '-'];
const chuxiongGrowth = ['-', '4.56%', '-', '1.00%', '-', '4%', '3.70%', '-', '8.20%', '6%'];
const dazhouBaselines = ['—', '70', '100', '30', '—', '—', '—', '17', '2.9', '—', '—', '0.5', '21', '—', '—', '—', '—', '310'];
const chuxiongCompletion = [
  '93', '98.67', '6.1', '78', '100', '28.2', '15', '24.87', '65.8', '34.4', '74', '115', '41', '52', '26.8', '92', '99',
  '7.6', '7', '26.4', '277', '28.2', '100', '71.8', '22', '70', '48', '80', '100', '20', '5', '5.5', '10', '0.6', '1.5',
  '150', '7.2', '10.1', '40.3',
];

const planCells = [
  ...guizhouTargets, ...guizhouPdfTargets, ...chuxiongTargets, ...chengdeTargets, ...dazhouTargets,
  ...chuxiongBaselines, ...chuxiongGrowth, ...dazhouBaselines, ...chuxiongCompletion,
];

const plainNumbers = [...new Set([...guizhouTargets, ...chengdeTargets, ...dazhouTargets, ...chuxiongCompletion])].filter(
  (s) => /^\d+(\.\d+)?$/.test(s),
);

describe('printTarget(parseTarget(s)) on every cell of the plans', () => {
  it.each([...new Set(planCells)])('prints %j back exactly as written', (text) => {
    expect(printTarget(parseTarget(text))).toBe(text);
  });
});

describe('parseTarget on plain numbers in the plans', () => {
  it.each(plainNumbers)('reads %j as a level target without a unit', (text) => {
    const t = parseTarget(text);
    expect(t).toMatchObject({ kind: 'level', word: '', quantity: { value: Number(text), numberText: text, unitText: '' } });
  });
});

describe('parseTarget on the Guizhou table', () => {
  it('reads 26至36 as a range from 26 to 36', () => {
    expect(parseTarget('26至36')).toEqual({
      kind: 'range',
      text: '26至36',
      lead: '',
      trail: '',
      joiner: '至',
      low: { value: 26, text: '26', numberText: '26', unitText: '', decimals: 0, significantDecimals: 0 },
      high: { value: 36, text: '36', numberText: '36', unitText: '', decimals: 0, significantDecimals: 0 },
    });
  });

  it('reads 35至45 as a range from 35 to 45', () => {
    expect(parseTarget('35至45')).toMatchObject({ kind: 'range', low: { value: 35 }, high: { value: 45 } });
  });

  it('reads the PDF copy "26至 36" as the same range, keeping the space in the high bound', () => {
    expect(parseTarget('26至 36')).toMatchObject({ kind: 'range', joiner: '至', low: { value: 26, text: '26' }, high: { value: 36, text: ' 36' } });
  });

  it('reads 31.2 with one printed decimal', () => {
    expect(parseTarget('31.2')).toMatchObject({ kind: 'level', quantity: { value: 31.2, decimals: 1, significantDecimals: 1 } });
  });
});

describe('parseTarget on the Chuxiong table', () => {
  it('reads 不低于居民上年度人均消费支出增速 as at least another series', () => {
    expect(parseTarget('不低于居民上年度人均消费支出增速')).toEqual({
      kind: 'relative',
      text: '不低于居民上年度人均消费支出增速',
      lead: '',
      trail: '',
      op: '>=',
      opText: '不低于',
      gap: '',
      refText: '居民上年度人均消费支出增速',
    });
  });

  it('reads ≥1.3倍 as at least 1.3 with the unit 倍', () => {
    expect(parseTarget('≥1.3倍')).toEqual({
      kind: 'compare',
      text: '≥1.3倍',
      lead: '',
      trail: '',
      op: '>=',
      prefix: '≥',
      suffix: '',
      quantity: { value: 1.3, text: '1.3倍', numberText: '1.3', unitText: '倍', decimals: 1, significantDecimals: 1 },
    });
  });

  it('reads ＞30平方米 with a full-width sign as more than 30 square metres', () => {
    expect(parseTarget('＞30平方米')).toMatchObject({ kind: 'compare', op: '>', prefix: '＞', quantity: { value: 30, unitText: '平方米' } });
  });

  it('reads ≥55% as at least 55 percent', () => {
    expect(parseTarget('≥55%')).toMatchObject({ kind: 'compare', op: '>=', quantity: { value: 55, unitText: '%' } });
  });

  it.each([
    ['75%', 75, '%'],
    ['100%', 100, '%'],
    ['1450人', 1450, '人'],
    ['1.8‰', 1.8, '‰'],
    ['80%', 80, '%'],
    ['15%', 15, '%'],
    ['50%', 50, '%'],
    ['60%', 60, '%'],
    ['90%', 90, '%'],
  ])('reads %j as a level target of %d with unit %j', (text, value, unitText) => {
    expect(parseTarget(text)).toMatchObject({ kind: 'level', word: '', quantity: { value, unitText, text } });
  });
});

describe('parseTarget on the Chengde and Dazhou tables', () => {
  it('reads the ASCII >30 of Chengde as more than 30', () => {
    expect(parseTarget('>30')).toMatchObject({ kind: 'compare', op: '>', prefix: '>', quantity: { value: 30, unitText: '' } });
  });

  it.each([
    ['≥55', 55],
    ['≥75', 75],
    ['≥60', 60],
    ['≥30', 30],
  ])('reads %j as at least %d', (text, value) => {
    expect(parseTarget(text)).toMatchObject({ kind: 'compare', op: '>=', prefix: '≥', suffix: '', quantity: { value } });
  });

  it('reads 不低于全省标准低限 as at least an outside reference', () => {
    expect(parseTarget('不低于全省标准低限')).toMatchObject({ kind: 'relative', op: '>=', opText: '不低于', refText: '全省标准低限' });
  });
});

describe('parseTarget on level words', () => {
  it.each([
    ['保持100%', '保持', 100],
    ['达到80%', '达到', 80],
    ['達到80%', '達到', 80],
    ['保持在100%', '保持在', 100],
  ])('reads %j as a level target with the word %j', (text, word, value) => {
    expect(parseTarget(text)).toMatchObject({ kind: 'level', word, quantity: { value } });
  });

  it('keeps a space after the word in the quantity text', () => {
    expect(parseTarget('达到 80%')).toMatchObject({ kind: 'level', word: '达到', quantity: { text: ' 80%', value: 80 } });
  });
});

describe('parseTarget on comparison glyphs and words', () => {
  it.each([
    ['≥55', '>=', '≥'],
    ['>=55', '>=', '>='],
    ['≧55', '>=', '≧'],
    ['＞＝55', '>=', '＞＝'],
    ['>30', '>', '>'],
    ['＞30', '>', '＞'],
    ['≤5', '<=', '≤'],
    ['<=5', '<=', '<='],
    ['≦5', '<=', '≦'],
    ['<5', '<', '<'],
    ['＜5', '<', '＜'],
    ['不低于55%', '>=', '不低于'],
    ['不少于30', '>=', '不少于'],
    ['不高于5%', '<=', '不高于'],
    ['不超过5%', '<=', '不超过'],
    ['高于30', '>', '高于'],
    ['超过30', '>', '超过'],
    ['低于5', '<', '低于'],
    ['不低於55%', '>=', '不低於'],
  ])('reads %j as op %j written with the prefix %j', (text, op, prefix) => {
    expect(parseTarget(text)).toMatchObject({ kind: 'compare', op, prefix, suffix: '' });
  });

  it.each([
    ['30以上', '>=', '', '以上', 30],
    ['30人以上', '>=', '', '以上', 30],
    ['30及以上', '>=', '', '及以上', 30],
    ['5以下', '<=', '', '以下', 5],
    ['5%以内', '<=', '', '以内', 5],
    ['控制在5%以内', '<=', '控制在', '以内', 5],
    ['控制在5‰以下', '<=', '控制在', '以下', 5],
  ])('reads %j as op %j with prefix %j and suffix %j', (text, op, prefix, suffix, value) => {
    expect(parseTarget(text)).toMatchObject({ kind: 'compare', op, prefix, suffix, quantity: { value } });
  });

  it('keeps the unit of 30人以上 on the quantity', () => {
    expect(targetUnitText(parseTarget('30人以上'))).toBe('人');
  });

  it('keeps spaces between the sign and the number in the quantity text', () => {
    expect(parseTarget('≥ 55 %')).toMatchObject({ kind: 'compare', prefix: '≥', quantity: { text: ' 55 %', value: 55, unitText: '%' } });
  });

  it.each([
    ['不高于居民人均消费支出', '<=', '不高于', '居民人均消费支出'],
    ['不超过全省平均水平', '<=', '不超过', '全省平均水平'],
    ['高于全国平均水平', '>', '高于', '全国平均水平'],
    ['低于上年', '<', '低于', '上年'],
    ['≥城市低保标准', '>=', '≥', '城市低保标准'],
    ['不低于当地城乡低保标准的1.3倍', '>=', '不低于', '当地城乡低保标准的1.3倍'],
  ])('reads %j as a relative target with op %j', (text, op, opText, refText) => {
    expect(parseTarget(text)).toMatchObject({ kind: 'relative', op, opText, refText, gap: '' });
  });

  it('keeps a space between the comparison words and the reference as a gap', () => {
    expect(parseTarget('不低于 全省标准低限')).toMatchObject({ kind: 'relative', gap: ' ', refText: '全省标准低限' });
  });
});

describe('parseTarget on ranges', () => {
  it.each([
    ['26-36', '-'],
    ['26～36', '～'],
    ['26~36', '~'],
    ['26—36', '—'],
    ['26－36', '－'],
    ['26到36', '到'],
  ])('reads %j as a range joined by %j', (text, joiner) => {
    expect(parseTarget(text)).toMatchObject({ kind: 'range', joiner, low: { value: 26 }, high: { value: 36 } });
  });

  it('reads a unit after the high bound only', () => {
    const t = parseTarget('26至36%');
    expect(t).toMatchObject({ kind: 'range', low: { unitText: '' }, high: { unitText: '%' } });
    expect(targetUnitText(t)).toBe('%');
  });

  it('reads a unit after both bounds', () => {
    const t = parseTarget('26%至36%');
    expect(t).toMatchObject({ kind: 'range', low: { value: 26, unitText: '%' }, high: { value: 36, unitText: '%' } });
    expect(targetUnitText(t)).toBe('%');
  });

  it('reads spaces on both sides of the joiner into the bounds', () => {
    expect(parseTarget('26 - 36')).toMatchObject({ kind: 'range', joiner: '-', low: { text: '26 ' }, high: { text: ' 36' } });
  });

  it('reads a negative low bound', () => {
    expect(parseTarget('-5-5')).toMatchObject({ kind: 'range', low: { value: -5, numberText: '-5' }, joiner: '-', high: { value: 5 } });
  });

  it('reads decimals of both bounds as printed', () => {
    expect(parseTarget('1.50至2.0')).toMatchObject({
      low: { decimals: 2, significantDecimals: 1 },
      high: { decimals: 1, significantDecimals: 0 },
    });
  });

  it('leaves a range whose bounds have different units as text', () => {
    expect(parseTarget('26%至36人')).toEqual({ kind: 'text', text: '26%至36人' });
  });

  it('leaves a range written high to low as text', () => {
    expect(parseTarget('36至26')).toEqual({ kind: 'text', text: '36至26' });
  });
});

describe('parseTarget on cumulative targets', () => {
  it('reads [4.5] as a five-year cumulative 4.5', () => {
    expect(parseTarget('[4.5]')).toEqual({
      kind: 'cumulative',
      text: '[4.5]',
      lead: '',
      trail: '',
      open: '[',
      close: ']',
      quantity: { value: 4.5, text: '4.5', numberText: '4.5', unitText: '', decimals: 1, significantDecimals: 1 },
    });
  });

  it('reads full-width brackets ［4.5］', () => {
    expect(parseTarget('［4.5］')).toMatchObject({ kind: 'cumulative', open: '［', close: '］', quantity: { value: 4.5 } });
  });

  it('reads a unit inside the brackets', () => {
    expect(parseTarget('[13.5%]')).toMatchObject({ kind: 'cumulative', quantity: { value: 13.5, unitText: '%' } });
  });

  it.each(['[]', '[-]', '[≥5]', '[4.5'])('leaves %j as text', (text) => {
    expect(parseTarget(text)).toEqual({ kind: 'text', text });
  });
});

describe('parseTarget on full-width characters', () => {
  it('reads full-width digits for the value but keeps them for printing', () => {
    const t = parseTarget('≥５５％');
    expect(t).toMatchObject({ kind: 'compare', op: '>=', quantity: { value: 55, numberText: '５５', unitText: '％' } });
    expect(printTarget(t)).toBe('≥５５％');
  });

  it('reads a full-width decimal point in a range', () => {
    expect(parseTarget('２６．５至３６')).toMatchObject({ kind: 'range', low: { value: 26.5, decimals: 1 }, high: { value: 36 } });
  });
});

describe('parseTarget on text it cannot read', () => {
  it.each(['-', '—', '－', '', '   ', '基本实现全覆盖', '不低于', '≥', '约30', '30左右', '不低于55%以上', '26至', '至36', '5-', '≥≥5', '1.2.3'])(
    'keeps %j verbatim as a text target',
    (text) => {
      expect(parseTarget(text)).toEqual({ kind: 'text', text });
    },
  );
});

describe('printTarget keeps whatever was written', () => {
  const tricky = [
    ' 55 ', '\t≥55%\n', '≥ 55', '26 至 36', '26至36 ', '　100%　', '不低于  全省标准低限 ', ' [ 4.5 ] ', '控制在 5% 以内',
    '保持 100%', '１,２００人', '+5', '－3', '30 以上', '[4.5］', '26%至 36%', '≧ 1.3 倍',
  ];

  it.each(tricky)('prints %j back exactly', (text) => {
    expect(printTarget(parseTarget(text))).toBe(text);
  });

  it.each(tricky)('reads %j as something other than text', (text) => {
    expect(parseTarget(text).kind).not.toBe('text');
  });

  it('keeps leading and trailing whitespace outside the parts', () => {
    expect(parseTarget(' ≥55 ')).toMatchObject({ lead: ' ', trail: ' ', prefix: '≥', quantity: { text: '55' } });
  });

  it('prints from the parts, not from the text field', () => {
    const t = parseTarget('≥55%');
    if (t.kind !== 'compare') throw new Error('expected a compare target');
    expect(printTarget({ ...t, prefix: '＞', op: '>' })).toBe('＞55%');
  });
});

describe('targetValue and targetUnitText', () => {
  const values: Array<[string, number | null]> = [
    ['55', 55],
    ['1450人', 1450],
    ['≥1.3倍', 1.3],
    ['＞30平方米', 30],
    ['［4.5］', 4.5],
    ['26至36', null],
    ['不低于全省标准低限', null],
    ['基本实现全覆盖', null],
    ['-', null],
  ];
  const units: Array<[string, string]> = [
    ['55', ''],
    ['1450人', '人'],
    ['≥1.3倍', '倍'],
    ['＞30平方米', '平方米'],
    ['［4.5％］', '％'],
    ['26至36', ''],
    ['不低于全省标准低限', ''],
    ['基本实现全覆盖', ''],
    ['-', ''],
  ];

  it.each(values)('gives %j the value %j', (text, value) => {
    expect(targetValue(parseTarget(text))).toBe(value);
  });

  it.each(units)('gives %j the unit %j', (text, unit) => {
    expect(targetUnitText(parseTarget(text))).toBe(unit);
  });

  it('gives a range with a unit on the low bound only that unit', () => {
    expect(targetUnitText(parseTarget('26%至36'))).toBe('%');
  });
});

describe('parseTarget never throws', () => {
  const odd = ['%', '‰', '倍', '[', ']', '［］', '至', '-至-', '≥-', '1e5', 'NaN', 'Infinity', '∞', '9'.repeat(400), '０', '—5', '5—'];

  it.each(odd)('returns a target for %j that prints back', (text) => {
    const t: Target = parseTarget(text);
    expect(printTarget(t)).toBe(text);
  });
});
