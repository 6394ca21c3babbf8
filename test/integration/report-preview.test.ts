/**
 * reports.preview (报告's preview in the page): the PDF writeReport writes for the same choices, as base64, with
 * nothing written to disk; a bad date is refused as writeReport refuses it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WriteDb } from '../../main/db/types';
import { createHandlers } from '../../main/services/handlers';
import { runImport } from '../../main/services/import/run';
import { freshDb, tempDir } from '../helpers/files';

let db: WriteDb;
const text = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  ({ db } = freshDb());
  expect((await runImport(db, { file: path.resolve('samples/chuxiong-示例数据.xlsx') })).ok).toBe(true);
}, 60_000);

describe('reports.preview', () => {
  it('is the PDF the report writes for the same choices, page for page and word for word, and writes no file', async () => {
    const workDir = tempDir();
    const handlers = createHandlers(db, { workDir });
    const input = { plan: 'chuxiong', year: 2023, kind: 'midterm' as const, region: '532322', date: '2024年3月1日', checks: true };
    const preview = await handlers['reports.preview'](input);
    expect(fs.readdirSync(workDir)).toEqual([]);
    const dir = tempDir();
    const shown = path.join(dir, 'preview.pdf');
    fs.writeFileSync(shown, Buffer.from(preview.pdf, 'base64'));
    expect(preview.bytes).toBe(fs.statSync(shown).size);
    expect(preview.date).toBe('2024年3月1日');
    const written = path.join(dir, 'written.pdf');
    await handlers['reports.write']({ ...input, out: written });
    expect(text(shown)).toBe(text(written));
    expect(text(shown)).toContain('双柏县');
    expect(text(shown)).toContain('2024年3月1日');
    // The internal annex was asked for, and is there.
    expect(text(shown)).toMatch(/数据核验/);
  });

  it('refuses a date that does not exist, in words', async () => {
    await expect(createHandlers(db)['reports.preview']({ plan: 'chuxiong', year: 2023, kind: 'midterm', date: '2024-02-30' })).rejects.toThrow(/报告日期/);
  });
});
