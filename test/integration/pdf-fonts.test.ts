/**
 * Issue 14 (reports in half a second): a font's tables are decoded once per process and shared by every PDF after.
 * What a PDF's text layer says (copy, search, pdftotext) must still be the document's own: a glyph drawn for two
 * characters (the bundled serif draws ⋯ and … alike) reads back as the character this document printed, whatever an
 * earlier document in the same process printed with it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfBytes } from '../../main/reports/pdf';
import { GBT9704_PORTRAIT, type ReportDocument } from '../../shared/reports/document';
import { tempDir } from '../helpers/files';

const page = { ...GBT9704_PORTRAIT, pageNumbers: false };
const doc = (text: string): ReportDocument => ({ title: '核对', page, blocks: [{ kind: 'paragraph', text }] });
const AT = new Date('2026-01-01T00:00:00Z');

const textOf = async (d: ReportDocument): Promise<{ text: string; bytes: Buffer }> => {
  const file = path.join(tempDir(), 'r.pdf');
  const { buffer } = await pdfBytes(d, AT);
  fs.writeFileSync(file, buffer);
  return { text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), bytes: buffer };
};

describe('fonts shared between the PDFs of one process', () => {
  it('reads back each document’s own characters, and makes the same bytes as the first document of a process would', async () => {
    const alone = await textOf(doc('第一段……完成。'));
    const first = await textOf(doc('前一份报告⋯完成。'));
    expect(first.text).toContain('前一份报告⋯完成。');
    const after = await textOf(doc('第一段……完成。'));
    expect(after.text).toContain('第一段……完成。');
    expect(after.bytes.equals(alone.bytes)).toBe(true);
  });

  it('makes two PDFs asked for at once as it makes them one after the other', async () => {
    const a = doc('第一段……完成。');
    const b: ReportDocument = { ...doc('另一份：〈附件〉①'), title: '另一份' };
    const [both1, both2] = await Promise.all([pdfBytes(a, AT), pdfBytes(b, AT)]);
    expect(both1.buffer.equals((await pdfBytes(a, AT)).buffer)).toBe(true);
    expect(both2.buffer.equals((await pdfBytes(b, AT)).buffer)).toBe(true);
  });
});
