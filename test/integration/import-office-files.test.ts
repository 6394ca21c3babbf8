/**
 * Workbooks written by another office suite (LibreOffice, as .xlsx and as old .xls; built by
 * scripts/make-office-fixtures.ts and committed), and the guards on hostile archives (zip bombs, damaged zips).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors';
import { runImport } from '../../main/services/import/run';
import { checkZip } from '../../main/services/import/zip-guard';
import { freshDb, sha256 } from '../helpers/files';

const fixture = (name: string) => path.resolve('test/fixtures/office', name);
const stored = (db: ReturnType<typeof freshDb>['db'], region: string, series: string, year: number) =>
  db.prepare<[string, string, number], { value: number }>('SELECT value FROM observation WHERE region_code = ? AND series_code = ? AND year = ?').get(region, series, year)?.value ?? null;

describe('files saved by LibreOffice', () => {
  it.each(['long-libreoffice.xlsx', 'long-libreoffice.xls'])('imports the long layout of %s with units converted and formula results read', async (name) => {
    const { db } = freshDb();
    const r = await runImport(db, { file: fixture(name) });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.observations).toBe(16);
    expect(stored(db, '532300', 'nursing_beds', 2023)).toBe(4410);
    expect(stored(db, '532300', 'social_org_staff', 2020)).toBe(1210); // 0.121 万人
    expect(stored(db, '532300', 'community_facilities', 2020)).toBe(1000); // =500+500, cached by LibreOffice
  });

  it.each(['wide-libreoffice.xlsx', 'wide-libreoffice.xls'])('imports the wide layout of %s: merged headers, townships of 双柏县 and the 合计 row', async (name) => {
    const { db } = freshDb();
    const r = await runImport(db, { file: fixture(name) });
    expect(r.ok).toBe(true);
    expect(r.sheets[0]).toMatchObject({ layout: 'wide', region: '532322', observations: 18 });
    expect(stored(db, '532322101', 'elderly_beds', 2023)).toBe(100); // 妥甸镇
    expect(stored(db, '532322203', 'nursing_beds', 2023)).toBe(37); // 独田乡, the eighth row: 30 + 7
    expect(stored(db, '532322', 'elderly_beds', 2023)).toBe(100 * 8 + 28); // the SUM total, the county's own value
    expect(r.problems).toEqual([]); // the total equals the sum of its parts: no warning
  });
});

describe('hostile and damaged archives', () => {
  const zipWith = (name: string, content: Buffer): Buffer => {
    // A one-entry zip (deflated), enough for the guard to read its central directory.
    const data = zlib.deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(0, 42);
    const centralStart = local.length + nameBytes.length + data.length;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + nameBytes.length, 12);
    eocd.writeUInt32LE(centralStart, 16);
    return Buffer.concat([local, nameBytes, data, central, nameBytes, eocd]);
  };

  it('stops inflating a zip bomb at the limit instead of filling memory', () => {
    const bomb = zipWith('xl/worksheets/sheet1.xml', Buffer.alloc(64 * 2 ** 20)); // 64 MiB of zeros, ~64 KiB packed
    const result = checkZip(bomb, { maxTotalBytes: 16 * 2 ** 20, maxEntries: 10 });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('refuses a zip bomb named .xlsx with a message naming the file, and stores nothing', async () => {
    const { db, dir, file } = freshDb();
    db.close();
    const before = sha256(file);
    const bomb = path.join(dir, '炸弹.xlsx');
    fs.writeFileSync(bomb, zipWith('xl/worksheets/sheet1.xml', Buffer.alloc(24 * 2 ** 20)));
    const { openDb } = await import('../../main/db/open');
    const again = openDb(file);
    const error = await runImport(again, { file: bomb, zipLimits: { maxTotalBytes: 16 * 2 ** 20, maxEntries: 10 } }).catch((e: unknown) => e);
    again.close();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/炸弹\.xlsx.*压缩炸弹/);
    expect(sha256(file)).toBe(before);
  });

  it('refuses a zip without an Excel workbook inside (a renamed .docx)', async () => {
    const { db, dir } = freshDb();
    const docx = path.join(dir, 'report.xlsx');
    fs.writeFileSync(docx, zipWith('word/document.xml', Buffer.from('<w:document/>')));
    const error = await runImport(db, { file: docx }).catch((e: unknown) => e);
    expect((error as UserError).message).toMatch(/没有 Excel 工作簿/);
  });
});
