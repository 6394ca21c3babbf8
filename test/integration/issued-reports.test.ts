/**
 * Issued reports (签发): the document is kept with its inputs and hash; printing it again after later corrections (a
 * value typed over, a paragraph added, a plan adjustment) gives the same bytes, while a new report shows the
 * corrections; the changes since issue are listed row by row; an issued plan cannot be removed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import { runImport } from '../../main/services/import/run';
import type { WriteDb } from '../../main/db/types';
import { freshDb, sha256, tempDir } from '../helpers/files';
import { pwb } from '../helpers/cli';

let db: WriteDb;
let file: string;
let dir: string;

const pdfText = (f: string): string => execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

beforeAll(async () => {
  ({ db, file, dir } = freshDb());
  const r = await runImport(db, { file: path.resolve('samples/chuxiong-示例数据.xlsx') });
  expect(r.ok).toBe(true);
}, 60_000);

describe('issuing a report (签发)', () => {
  it('prints the issued PDF again byte for byte after later corrections, and lists what changed since', async () => {
    const h = createHandlers(db);
    const out = path.join(dir, 'issued.pdf');
    const issued = await h['reports.issue']({ plan: 'chuxiong', year: 2023, kind: 'midterm', out, by: '李明', docNumber: '楚民发〔2024〕3号', date: '2024-03-01' });
    expect(issued).toMatchObject({ id: 1, region: '532300', year: 2023, kind: 'midterm', format: 'pdf', by: '李明', docNumber: '楚民发〔2024〕3号', date: '2024年3月1日', locked: false });
    expect(issued.sha256).toBe(sha256(out));
    expect((await h['reports.issuedDetail']({ id: 1 })).changes).toEqual([]);
    const before = pdfText(out);
    expect(before).toContain('困难残疾人生活补贴和重度残疾人护理补贴目标群体覆盖率');

    // Later corrections: a 2023 value typed over, the bureau's paragraph, a plan adjustment of row 15.
    const row4 = (await h['evaluation.run']({ plan: 'chuxiong', year: 2023 })).rows.find((r) => r.seq === '4')!;
    await h['observations.set']({ region: '532300', series: row4.indicator, year: 2023, value: 99.4, enteredBy: '王芳' });
    await h['reports.setParagraph']({ plan: 'chuxiong', year: 2023, kind: 'midterm', key: 'problems', text: '一是护理型床位改造进度偏慢。', by: '王芳' });
    await h['plans.adjust']({ plan: 'chuxiong', seq: '15', target: '75%', fromYear: 2023, doc: '楚民发〔2023〕9号', by: '王芳' });

    const again = path.join(dir, 'again.pdf');
    const reprint = await h['reports.reprint']({ id: 1, out: again });
    expect(reprint.reproduced).toBe(true);
    expect(sha256(again)).toBe(issued.sha256);
    expect(fs.readFileSync(again).equals(fs.readFileSync(out))).toBe(true);

    // A report written today carries the corrections; the issued one does not.
    const fresh = path.join(dir, 'today.pdf');
    await h['reports.write']({ plan: 'chuxiong', year: 2023, kind: 'midterm', out: fresh, date: '2024-03-01' });
    expect(pdfText(fresh)).toContain('一是护理型床位改造进度偏慢。');
    expect(pdfText(again)).not.toContain('一是护理型床位改造进度偏慢。');
    expect(pdfText(fresh)).toContain('99.4');

    const detail = await h['reports.issuedDetail']({ id: 1 });
    const shown = (d: (typeof detail.changes)[number]) => [d.what, d.year, d.seq, d.issued, d.now];
    expect(detail.changes.map(shown)).toEqual(
      expect.arrayContaining([
        ['value', 2023, '4', `${row4.value}%`, '99.4%'],
        ['target', 2023, '15', '60%', '75%'],
        ['status', 2023, '4', row4.status, '快于预期'],
        ['paragraph', 2023, null, null, '一是护理型床位改造进度偏慢。'],
      ]),
    );
    expect(detail.changes.find((c) => c.what === 'paragraph')!.name).toBe('存在的主要问题');
    // Earlier years are untouched by a 2023 correction; the list counts the same changes.
    expect(detail.changes.filter((c) => c.year !== 2023)).toEqual([]);
    expect((await h['reports.issued']({ plan: 'chuxiong' }))[0]!.changes).toBe(detail.changes.length);

    // The issue is in the audit log; a plan with an issued report is not removed.
    expect((await h['audit.list']()).some((e) => e.action === 'issue' && e.by === '李明' && e.new === `#1 ${issued.sha256}`)).toBe(true);
    await expect(h['plans.remove']({ plan: 'chuxiong' })).rejects.toThrow(/已有 1 份签发的报告/);
  }, 60_000);

  it('issues a Word report whose reprint is byte-identical, and locks the year when asked', async () => {
    const h = createHandlers(db);
    const out = path.join(dir, 'issued.docx');
    const issued = await h['reports.issue']({ plan: 'chuxiong', year: 2022, kind: 'annual', out, by: '李明', lock: true });
    // Without --date an issued report is dated the day it is issued.
    const d = new Date();
    expect(issued.date).toBe(`${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`);
    expect(issued.locked).toBe(true);
    expect((await h['locks.list']()).map((l) => [l.region, l.year])).toContainEqual(['532300', 2022]);
    const again = path.join(dir, 'again.docx');
    // Written twice, a Word file differs by its times; the issued one is stamped with its issue time.
    await h['reports.reprint']({ id: issued.id, out: again });
    expect(sha256(again)).toBe(issued.sha256);
    await expect(h['reports.reprint']({ id: issued.id, out: path.join(dir, 'x.pdf') })).rejects.toThrow(/Word/);
    await expect(h['reports.reprint']({ id: 99, out: path.join(dir, 'x.docx') })).rejects.toThrow(/没有编号为 99/);
  }, 60_000);

  it('keeps the issued document when the stored inputs would render differently, and says so', async () => {
    const h = createHandlers(db);
    const out = path.join(dir, 'kept.pdf');
    const issued = await h['reports.issue']({ plan: 'chuxiong', year: 2023, kind: 'summary', out, by: '李明', date: '2024-03-01' });
    // As an update of the app might: the stored inputs no longer make the same bytes.
    db.prepare("UPDATE issued_report SET inputs = replace(inputs, '2024年3月1日', '2024年3月2日') WHERE id = ?").run(issued.id);
    const again = path.join(dir, 'kept-again.pdf');
    const r = await h['reports.reprint']({ id: issued.id, out: again });
    expect(r.reproduced).toBe(false);
    expect(sha256(again)).toBe(issued.sha256);
  }, 60_000);
});

describe('what has changed since issue', () => {
  it('lists a sub-region’s new target in the league table, never a paragraph the template does not print, and refuses a missing folder', async () => {
    const { db: own, dir: ownDir } = freshDb();
    expect((await runImport(own, { file: path.resolve('samples/chuxiong-示例数据.xlsx') })).ok).toBe(true);
    const h = createHandlers(own);
    const midterm = await h['reports.issue']({ plan: 'chuxiong', year: 2023, kind: 'midterm', out: path.join(ownDir, 'm.pdf'), by: '李明', date: '2024-03-01' });
    const summary = await h['reports.issue']({ plan: 'chuxiong', year: 2023, kind: 'summary', out: path.join(ownDir, 's.pdf'), by: '李明', date: '2024-03-01' });
    // A county's own target changes its standing in the prefecture's league table (status and rank), not a value.
    expect((await h['reports.issuedDetail']({ id: midterm.id })).changes).toEqual([]);
    await h['targets.set']({ plan: 'chuxiong', seq: '6', region: '532322', target: '100人', setBy: '张三' });
    // 双柏县's figure is the same; its status and rank in the league table are new.
    expect((await h['reports.issuedDetail']({ id: midterm.id })).changes).toEqual([
      { what: 'league', year: 2023, seq: '6', name: '双柏县', issued: expect.stringMatching(/ 不适用$/), now: expect.stringMatching(/ 滞后 第1$/) },
    ]);
    // The summary prints no bureau paragraph: a paragraph of the mid-term evaluation is no change of it.
    await h['reports.setParagraph']({ plan: 'chuxiong', year: 2023, kind: 'midterm', key: 'problems', text: '一是……', by: '王芳' });
    expect((await h['reports.issuedDetail']({ id: summary.id })).changes.filter((c) => c.what === 'paragraph')).toEqual([]);
    expect((await h['reports.issuedDetail']({ id: midterm.id })).changes.filter((c) => c.what === 'paragraph')).toHaveLength(1);
    // A folder that does not exist: refused before anything is built or kept.
    const count = (await h['reports.issued']({})).length;
    await expect(h['reports.issue']({ plan: 'chuxiong', year: 2023, kind: 'annual', out: path.join(ownDir, 'no', 'x.pdf'), by: '李明', lock: true })).rejects.toThrow(/报告所在文件夹不存在/);
    expect((await h['reports.issued']({})).length).toBe(count);
    expect(await h['locks.list']()).toEqual([]);
  }, 90_000);
});

describe('pwb issue, issued and reprint', () => {
  it('issue, list the changes after a correction, and reprint the same bytes', async () => {
    const cliDir = tempDir();
    const dbFile = path.join(cliDir, 'w.sqlite');
    db.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(file, dbFile);
    const out = path.join(cliDir, 'r.pdf');
    const issued = await pwb(['issue', '--plan', 'chuxiong', '--year', '2023', '--kind', 'annual', '--out', out, '--by', '李明', '--date', '2024-02-01', '--json'], dbFile);
    expect(issued.code).toBe(0);
    const { id, sha256: hash } = JSON.parse(issued.out) as { id: number; sha256: string };
    expect(hash).toBe(sha256(out));
    expect((await pwb(['set', '--region', '532300', '--item', 'disability_two_subsidies_coverage', '--year', '2023', '--value', '91.5', '--by', '王芳'], dbFile)).code).toBe(0);
    const list = await pwb(['issued'], dbFile);
    expect(list.out).toMatch(new RegExp(`${id}\\t.*2023年年度监测报告\\t李明\\tpdf\\t签发后有 \\d+ 处变化`));
    const detail = await pwb(['issued', String(id)], dbFile);
    expect(detail.out).toMatch(/签发后有 \d+ 处变化/);
    const again = path.join(cliDir, 'again.pdf');
    const reprint = await pwb(['reprint', String(id), '--out', again], dbFile);
    expect(reprint.out).toContain('与签发时逐字节相同');
    expect(sha256(again)).toBe(hash);
    expect((await pwb(['issue', '--plan', 'chuxiong', '--year', '2023', '--kind', 'annual', '--out', out], dbFile)).err).toContain('--by');
  }, 90_000);
});
