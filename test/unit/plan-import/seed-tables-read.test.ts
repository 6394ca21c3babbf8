/**
 * The plan-table reader on the seed plans' own text (shared/seeds/*.txt, outside the repository) against the built-in
 * templates row by row, on a made-up 15th-FYP county table pasted as tab-separated rows and as one cell per line,
 * and on bad tables that must give an error naming the row and column.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { draftPlan } from '../../../shared/plan-import/draft';
import { readTextSource } from '../../../shared/plan-import/text-source';
import type { DraftRow, DraftTable, PlanDraft, SourceDocument } from '../../../shared/plan-import/types';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const SEEDS = process.env.PWB_SEEDS ?? path.resolve(root, '../shared/seeds');
const haveSeeds = fs.existsSync(SEEDS);

const FIELDS = ['seq', 'name', 'unit', 'baseline', 'target', 'growth', 'attribute', 'final'] as const;
type Field = (typeof FIELDS)[number];
type TemplateRow = Partial<Record<Field, string>>;
interface TemplateTable {
  kind: 'main' | 'completion';
  baseYear: number;
  targetYear: number;
  columns: string[];
  rows: TemplateRow[];
}

const template = (id: string): { tables: TemplateTable[] } =>
  JSON.parse(fs.readFileSync(path.join(root, 'templates/plans', `${id}.json`), 'utf8')) as { tables: TemplateTable[] };

const readSeed = (prefix: string): { text: string; file: string } => {
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith(`${prefix}_`));
  if (name === undefined) throw new Error(`seed ${prefix} not found in ${SEEDS}`);
  return { text: fs.readFileSync(path.join(SEEDS, name), 'utf8'), file: name };
};

/** The fields the template has, with the draft's value ('' where absent) for each. */
const compared = (expected: TemplateRow, actual: DraftRow | undefined): { expected: TemplateRow; actual: TemplateRow } => {
  const keys = FIELDS.filter((f) => f in expected);
  return {
    expected: Object.fromEntries(keys.map((k) => [k, expected[k]])),
    actual: Object.fromEntries(keys.map((k) => [k, actual?.[k] ?? ''])),
  };
};

const SEED_PLANS = [
  { prefix: '001', id: 'chuxiong', format: 'cell-lines' },
  { prefix: '002', id: 'chengde', format: 'cell-lines' },
  { prefix: '003', id: 'dazhou', format: 'cell-lines' },
  { prefix: '004', id: 'guizhou', format: 'pdf-text' },
] as const;

describe.skipIf(!haveSeeds)(`seed plans read as the built-in templates print them (seeds in ${SEEDS})`, () => {
  for (const { prefix, id, format } of SEED_PLANS) {
    describe(`${prefix} → templates/plans/${id}.json`, () => {
      const { text, file } = haveSeeds ? readSeed(prefix) : { text: '', file: '' };
      const doc = readTextSource(text, file);
      const draft = draftPlan(doc, {});

      it(`detects the ${format} form`, () => {
        expect(doc.format).toBe(format);
      });

      it('finds no error in the printed tables', () => {
        expect(draft.problems.filter((p) => p.severity === 'error')).toEqual([]);
      });

      for (const expectedTable of template(id).tables) {
        it(`reads the ${expectedTable.kind} table's columns and years as built in`, () => {
          const table = draft.tables.find((t) => t.kind === expectedTable.kind);
          expect(table?.columns).toEqual(expectedTable.columns);
          expect([table?.baseYear, table?.targetYear]).toEqual([expectedTable.baseYear, expectedTable.targetYear]);
        });

        it(`reads every row of the ${expectedTable.kind} table exactly as built in, in order`, () => {
          const table = draft.tables.find((t) => t.kind === expectedTable.kind) as DraftTable;
          expect(table.rows).toHaveLength(expectedTable.rows.length);
          expectedTable.rows.forEach((row, i) => {
            const { expected, actual } = compared(row, table.rows[i]);
            expect(actual, `row ${i + 1}`).toEqual(expected);
          });
        });
      }

      it('puts the main table first and a completion table after it', () => {
        expect(draft.tables.map((t) => t.kind)).toEqual(template(id).tables.map((t) => t.kind));
      });
    });
  }

  it('reads the Guizhou title, issuer sentence and document number from the PDF copy', () => {
    const { text, file } = readSeed('004');
    const draft = draftPlan(readTextSource(text, file), {});
    expect(draft.title).toBe('贵州省“十四五”民政事业发展规划');
    expect(draft.docNumber).toBe('黔民发〔2021〕10号');
    expect(draft.scheduleText).toContain('年度监测分析、中期评估和总结评估');
  });

  it('reads the traditional web copy 000 with the seqs, units (萬人 as printed), targets and attributes of the PDF copy 004', () => {
    const pick = (prefix: string): string[][] => {
      const { text, file } = readSeed(prefix);
      const main = draftPlan(readTextSource(text, file), {}).tables[0];
      return (main?.rows ?? []).map((r) => [r.seq, r.unit.replace('萬', '万'), r.target ?? '', r.attribute === '约束性' ? 'B' : 'Y']);
    };
    expect(pick('000')).toEqual(pick('004'));
  });

  it('reads the same table from a Windows copy with CRLF line ends', () => {
    const { text, file } = readSeed('001');
    const lf = draftPlan(readTextSource(text, file), {});
    const crlf = draftPlan(readTextSource(text.replace(/\n/gu, '\r\n'), file), {});
    expect(crlf.tables).toEqual(lf.tables);
  });
});

/** A made-up county table of the 15th plan: headings, 其中, a 城市/农村 row, cumulative and qualitative targets. */
const HEADER = ['序号', '指标名称', '单位', '2025年基期值', '2030年目标值', '年均增长', '属性'];
const COUNTY: string[][] = [
  ['一、社会救助'],
  ['1', '城乡低保标准', '元/人·月', '城市650\n农村450', '城市800\n农村600', '4%', '预期性'],
  ['2', '特困人员救助供养人数', '人', '1200', '1300', '—', '预期性'],
  ['', '其中：农村特困人员集中供养人数', '人', '300', '400', '—', '预期性'],
  ['3', '临时救助人次', '人次', '—', '[1200]', '—', '预期性'],
  ['4', '困难群众救助政策落实', '', '—', '保持稳定', '—', '约束性'],
  ['二、养老服务'],
  ['5', '养老机构护理型床位占比', '%', '55', '≥60', '—', '约束性'],
  ['6', '社区养老服务设施覆盖率', '%', '90', '全覆盖', '—', '预期性'],
  ['7', '新增养老床位', '张', '—', '〔5000〕', '—', '预期性'],
  ['8', '基本养老服务体系', '', '—', '基本实现', '—', '预期性'],
  ['9', '老年助餐服务人次', '', '—', '累计1200人次', '—', '预期性'],
];
const PREAMBLE = ['双柏县民政事业发展“十五五”规划', '双柏县民政局', '', '表1：“十五五”时期双柏县民政事业主要发展指标'];
const CLOSING = ['', '建立规划实施年度监测制度，2028年开展中期评估，2030年开展总结评估。'];

const asTabText = (): string =>
  [...PREAMBLE, HEADER.join('\t'), ...COUNTY.map((r) => (r.length === 1 ? r[0]! : r.map((c) => c.replace(/\n/gu, ' ')).join('\t'))), ...CLOSING].join('\n');

/** One cell per line as a PDF viewer copies: a tab before each cell, wrapped lines without it, empty cells dropped. */
const asCellLines = (): string => {
  const cell = (c: string): string[] => (c === '' ? [] : c.split('\n').map((l, i) => (i === 0 ? `\t${l}` : l)));
  const header = ['\t序号', '\t指标名称', '\t单位', '\t2025年', '基期值', '\t2030年', '目标值', '\t年均增长', '\t属性', ''];
  const rows = COUNTY.flatMap((r) => [...r.flatMap(cell), '']);
  return [...PREAMBLE, ...header, ...rows, ...CLOSING].join('\n');
};

const expectCountyDraft = (draft: PlanDraft): void => {
  expect(draft.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect([draft.baseYear, draft.targetYear]).toEqual([2025, 2030]);
  expect(draft.title).toBe('双柏县民政事业发展“十五五”规划');
  expect(draft.issuer).toBe('双柏县民政局');
  expect(draft.scheduleText).toBe('建立规划实施年度监测制度，2028年开展中期评估，2030年开展总结评估。');
  const [main] = draft.tables;
  expect(main?.caption).toBe('表1：“十五五”时期双柏县民政事业主要发展指标');
  expect(main?.roles).toEqual(['seq', 'name', 'unit', 'baseline', 'target', 'growth', 'attribute']);
  const rows = main?.rows ?? [];
  expect(rows.map((r) => [r.seq, r.name, r.unit, r.target, r.category])).toEqual([
    ['1', '城乡低保标准', '元/人·月', '城市800 农村600', '一、社会救助'],
    ['2', '特困人员救助供养人数', '人', '1300', '一、社会救助'],
    ['', '其中：农村特困人员集中供养人数', '人', '400', '一、社会救助'],
    ['3', '临时救助人次', '人次', '[1200]', '一、社会救助'],
    ['4', '困难群众救助政策落实', '', '保持稳定', '一、社会救助'],
    ['5', '养老机构护理型床位占比', '%', '≥60', '二、养老服务'],
    ['6', '社区养老服务设施覆盖率', '%', '全覆盖', '二、养老服务'],
    ['7', '新增养老床位', '张', '〔5000〕', '二、养老服务'],
    ['8', '基本养老服务体系', '', '基本实现', '二、养老服务'],
    ['9', '老年助餐服务人次', '人次', '累计1200人次', '二、养老服务'],
  ]);
  expect(rows[0]?.parts).toEqual([
    { label: '城市', baseline: '650', target: '800' },
    { label: '农村', baseline: '450', target: '600' },
  ]);
  expect(rows[0]?.baseline).toBe('城市650 农村450');
  expect(rows[2]?.parentSeq).toBe('2');
  expect(rows[1]?.parentSeq).toBeUndefined();
  expect(rows.map((r) => r.attribute)).toEqual(['预期性', '预期性', '预期性', '预期性', '约束性', '约束性', '预期性', '预期性', '预期性', '预期性']);
  expect(rows[4]?.growth).toBe('—');
};

describe('a 15th-FYP county table', () => {
  it('reads pasted tab-separated rows as Word/WPS copy them', () => {
    const doc = readTextSource(asTabText(), 'county.txt');
    expect(doc.format).toBe('tab-text');
    expectCountyDraft(draftPlan(doc, {}));
  });

  it('reads the same table copied one cell per line', () => {
    const doc = readTextSource(asCellLines(), 'county.txt');
    expect(doc.format).toBe('cell-lines');
    expectCountyDraft(draftPlan(doc, {}));
  });

  it('keeps the period given in the options over the header years', () => {
    const draft = draftPlan(readTextSource(asTabText(), 'county.txt'), { baseYear: 2024, targetYear: 2030 });
    expect([draft.baseYear, draft.targetYear]).toEqual([2024, 2030]);
  });

  it('numbers a table without a 序号 column in printed order', () => {
    const text = ['指标名称\t2030年目标值\t属性', '养老床位数\t1200张\t预期性', '社工人数\t300人\t预期性'].join('\n');
    const draft = draftPlan(readTextSource(text, 'x.txt'), { title: '某县“十五五”民政规划' });
    expect(draft.tables[0]?.rows.map((r) => [r.seq, r.unit])).toEqual([['1', '张'], ['2', '人']]);
    expect([draft.baseYear, draft.targetYear]).toEqual([2025, 2030]);
  });
});

const errorsOf = (draft: PlanDraft): { row: number; column: number }[] =>
  draft.problems.filter((p) => p.severity === 'error').map(({ row, column }) => ({ row, column }));

describe('bad tables give an error naming the row and column', () => {
  it('says a table without a target column is not an indicator table', () => {
    const text = ['序号\t指标名称\t单位\t2020年实际值\t属性', '1\t养老床位数\t张\t1200\t预期性'].join('\n');
    const draft = draftPlan(readTextSource(text, 'x.txt'), {});
    expect(errorsOf(draft)).toEqual([{ row: 1, column: 0 }]);
    expect(draft.problems[0]?.message).toMatch(/目标值.* \/ .*target column/u);
  });

  it('says which row has a baseline but no name', () => {
    const text = ['序号\t指标名称\t2020年基期值\t2025年目标值\t属性', '1\t养老床位数\t1000\t1200\t预期性', '2\t\t300\t400\t预期性'].join('\n');
    expect(errorsOf(draftPlan(readTextSource(text, 'x.txt'), {}))).toEqual([{ row: 3, column: 2 }]);
  });

  it('says which header year contradicts the title', () => {
    const text = ['某县民政事业发展“十四五”规划', '', '序号\t指标名称\t2020年基期值\t2030年目标值\t属性', '1\t养老床位数\t1000\t1200\t预期性'].join('\n');
    const draft = draftPlan(readTextSource(text, 'x.txt'), {});
    expect(errorsOf(draft)).toEqual([{ row: 1, column: 4 }]);
    expect(draft.problems[0]?.message).toContain('2030年目标值');
  });

  it('says where a second table was pasted into the first', () => {
    const doc: SourceDocument = {
      file: 'x.xlsx',
      format: 'xlsx',
      paragraphs: [],
      tables: [
        {
          caption: null,
          rows: [
            ['序号', '指标名称', '2020年基期值', '2025年目标值', '属性'],
            ['1', '养老床位数', '1000', '1200', '预期性'],
            ['主要指标', '2015年实际值', '2020年完成值', '增长比例%', ''],
            ['低保对象审核认定准确率（%）', '93', '98.67', '6.1', ''],
          ],
          lines: [1, 2, 3, 4],
        },
      ],
    };
    const draft = draftPlan(doc, {});
    expect(errorsOf(draft)).toEqual([{ row: 3, column: 1 }]);
    expect(draft.tables.map((t) => [t.kind, t.rows.length])).toEqual([['main', 1], ['completion', 1]]);
  });

  it('reads a table repeated on the next page with the same header as one table', () => {
    const text = ['序号\t指标名称\t2025年目标值\t属性', '1\t甲\t1\t预期性', '', '- 2 -', '序号\t指标名称\t2025年目标值\t属性', '2\t乙\t2\t预期性'].join('\n');
    const draft = draftPlan(readTextSource(text, 'x.txt'), {});
    expect(draft.tables.map((t) => t.rows.map((r) => r.seq))).toEqual([['1', '2']]);
  });

  it('warns of a seq printed twice', () => {
    const text = ['序号\t指标名称\t2025年目标值\t属性', '1\t甲\t1\t预期性', '1\t乙\t2\t预期性'].join('\n');
    const draft = draftPlan(readTextSource(text, 'x.txt'), {});
    expect(draft.problems.map(({ severity, row, column }) => ({ severity, row, column }))).toEqual([{ severity: 'warning', row: 3, column: 1 }]);
  });

  it('says a text without any table has none', () => {
    const draft = draftPlan(readTextSource('只有一段文字。', 'x.txt'), {});
    expect(errorsOf(draft)).toEqual([{ row: 0, column: 0 }]);
  });
});
