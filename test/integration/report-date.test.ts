/**
 * The date on a report is the one the bureau sets (--date, or in the app); without one the date line is left
 * blank for the bureau to fill in, never silently today. `pwb report --json` prints {file, bytes, date}.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pwbRun as pwb } from '../helpers/cli';
import { tempDir } from '../helpers/files';

const pdfText = (file: string): string => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });


describe('the date of a report', () => {
  const dir = tempDir();
  const db = path.join(dir, 'w.sqlite');

  it('is left blank (　　年　　月　　日) without --date, and --json says date: null', async () => {
    const out = path.join(dir, 'no-date.pdf');
    const run = await pwb(['report', '--plan', 'chuxiong', '--year', '2023', '--kind', 'summary', '--out', out, '--json', '--db', db]);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.out);
    expect(r).toMatchObject({ file: out, date: null });
    expect(r.bytes).toBeGreaterThan(1000);
    const today = new Date();
    const text = pdfText(out);
    expect(text).not.toContain(`${today.getFullYear()}年${today.getMonth() + 1}月${today.getDate()}日`);
    expect(text.replace(/\s/g, '')).toContain('楚雄州民政局年月日');
  });

  it('is the bureau’s date, written 2024-03-01 or 2024年3月1日, and a date that does not exist is refused', async () => {
    const out = path.join(dir, 'dated.pdf');
    const run = await pwb(['report', '--plan', 'chuxiong', '--year', '2023', '--kind', 'summary', '--out', out, '--date', '2024-03-01', '--json', '--db', db]);
    expect(JSON.parse(run.out)).toMatchObject({ date: '2024年3月1日' });
    expect(pdfText(out).replace(/\s/g, '')).toContain('2024年3月1日');
    const bad = await pwb(['report', '--plan', 'chuxiong', '--year', '2023', '--kind', 'summary', '--out', out, '--date', '2024-02-30', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/报告日期/);
  });
});
