/**
 * `import.run`: reads every sheet of a workbook, collects observations and problems, and then stores all or
 * nothing in one transaction as an import batch (file name, hash, time, counts; the values it replaced are kept
 * for undo). A dry run is the same code without the write.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { noteWriter } from '../../db/writer-note';
import { audit, lockCovering, lockMessage } from '../locks';
import { IMPORT_VALUES_SHOWN, type ImportChange, type ImportConversion, type ImportResultDto, type ImportValue } from '../../../shared/api';
import type { Problem } from '../../../shared/errors';
import { UserError } from '../../../shared/errors';
import { localDateTime } from '../../../shared/text/time';
import type { Region } from '../../../shared/types';
import { existingValues, prepareObservationWriter, regionsWithValues } from '../../db/queries/observations';
import type { WriteDb } from '../../db/types';
import { catalogOf, regionTreeOf } from '../context';
import type { Layout } from './layout';
import { longLayout } from './long-layout';
import { wideLayout } from './wide-layout';
import { flatLayout } from './flat-layout';
import { entryLayout, isEntryAuxSheet } from '../entry-workbook/read';
import { findRegion, seriesMatcher } from './match';
import type { ParsedObservation, ParsedSheet } from './types';
import { readWorkbookFile } from './workbook';
import { deriveAnnual } from './periods';
import { checkRules, outOfRange } from './validate';
import { ValueIndex } from './value-index';
import { existingPeriodValues, preparePeriodWriter } from '../../db/queries/period-observations';
import type { ZipLimits } from './zip-guard';
import { checkProfile, loadProfile, regionFinder, skeletonFrom, withProfileNames } from './profile';

export interface ImportInput {
  file: string;
  dryRun?: boolean;
  region?: string;
  sheet?: string;
  /** Limits on the uncompressed archive (tests lower them; transports cannot set them). */
  zipLimits?: ZipLimits;
  /** Rows read so far, for a progress bar. */
  onProgress?: (rows: number) => void;
  /** Read with exceljs's whole-workbook reader, the reference the tests compare the import's own reader with. */
  exceljsReader?: boolean;
  /** An import profile (JSON) for labels, regions, years and units the sheets do not settle. */
  profile?: string;
  /** Write a profile skeleton listing every label that did not match, with candidates, to this file. */
  saveProfile?: string;
}

export type { ImportChange, ImportConversion } from '../../../shared/api';
export type ImportResult = ImportResultDto;

const conversionsOf = (observations: ParsedObservation[], unitOf: (code: string) => string): ImportConversion[] => {
  const map = new Map<string, ImportConversion>();
  for (const o of observations) {
    if (o.factor === 1 || o.sourceUnit === null) continue;
    const key = `${o.sheet}|${o.seriesCode}|${o.sourceUnit}`;
    const c = map.get(key) ?? { sheet: o.sheet, series: o.seriesCode, from: o.sourceUnit, to: unitOf(o.seriesCode), factor: o.factor, values: 0 };
    c.values++;
    map.set(key, c);
  }
  return [...map.values()];
};

const now = (): string => new Date().toISOString();

/** The layouts in the order they are tried: the most specific first. */
const LAYOUTS: Layout[] = [entryLayout, flatLayout, wideLayout, longLayout];

const detectLayout = (ws: ExcelJS.Worksheet): { layout: Layout; header: unknown } | null => {
  for (const l of LAYOUTS) {
    const header = l.detect(ws);
    if (header !== null) return { layout: l, header };
  }
  return null;
};

/**
 * A series' unit by code. Made outside readAndParse: a closure made there and returned would hold on to everything its
 * closures share, the sheets as read among them.
 */
const unitsOf =
  (catalog: ReturnType<typeof catalogOf>) =>
  (code: string): string =>
    catalog.get(code).unit;

/**
 * The workbook read and each sheet parsed. A function of its own so that the sheets as read (two million cells of the
 * yardstick: some 40 MB) are garbage once they are parsed, before the values are checked, compared and stored.
 */
const readAndParse = async (db: WriteDb, input: ImportInput, fileName: string) => {
  let regionOption: Region | null = null;
  if (input.region !== undefined) {
    const r = findRegion(db, input.region);
    if (!r || 'ambiguous' in r) {
      throw new UserError('unknown-region', `未知或不唯一的地区“${input.region}”。 / Unknown or ambiguous region "${input.region}".`);
    }
    regionOption = r;
  }
  const { sheets: allSheets, bytes, reader, note } = await readWorkbookFile(input.file, input.zipLimits, {
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.exceljsReader ? { exceljsReader: true } : {}),
  });
  const hash = crypto.createHash('sha256').update(bytes).digest('hex');
  const profile = input.profile === undefined ? null : loadProfile(input.profile);
  if (profile && input.profile) checkProfile(db, profile, input.profile);
  const matcher = withProfileNames(db, seriesMatcher(db), profile);
  const find = regionFinder(db, profile);
  const catalog = catalogOf(db);
  const unitOf = unitsOf(catalog);

  const problems: Problem[] = note ? [{ severity: 'warning', sheet: '', cell: '', message: note }] : [];
  const sheets: ParsedSheet[] = [];
  const worksheets = input.sheet === undefined ? allSheets : allSheets.filter((w) => w.name === input.sheet);
  if (input.sheet !== undefined && worksheets.length === 0) {
    throw new UserError(
      'sheet-not-found',
      `${fileName} 中没有名为“${input.sheet}”的工作表（现有：${allSheets.map((w) => w.name).join('、')}）。 / No sheet "${input.sheet}" in ${fileName}.`,
    );
  }
  // In one read transaction: each lookup outside one would start its own (about 10 µs in WAL mode; a sheet of
  // townships looks up thousands of names).
  db.transaction(() => {
    for (const ws of worksheets) {
      if (isEntryAuxSheet(ws)) {
        // The data-entry workbook's 填报说明 and its hidden metadata sheet hold no figures.
        sheets.push({ sheet: ws.name, layout: 'skipped', region: null, observations: [], problems: [] });
        continue;
      }
      if (ws.state !== 'visible') {
        problems.push({ severity: 'warning', sheet: ws.name, cell: '', message: '工作表已隐藏，未读取 / hidden sheet, not read' });
        sheets.push({ sheet: ws.name, layout: 'skipped', region: null, observations: [], problems: [] });
        continue;
      }
      const found = detectLayout(ws);
      if (!found) {
        if (ws.rowCount > 0) {
          problems.push({
            severity: input.sheet !== undefined ? 'error' : 'warning',
            sheet: ws.name,
            cell: 'A1',
            message: '未找到表头行（纵表：以“2020年”等年份为列；横表：以“地区/乡镇”为首列；清单：地区代码、指标、年份、数值各一列），本表未读取 / no header row found (years as columns, regions as rows, or one value per row); sheet not read',
          });
        }
        sheets.push({ sheet: ws.name, layout: 'skipped', region: null, observations: [], problems: [] });
        continue;
      }
      const sheetProfile = profile?.sheets[ws.name];
      let sheetRegion = regionOption;
      if (sheetProfile?.region) {
        const r = find(sheetProfile.region);
        if (!r || 'ambiguous' in r) throw new UserError('bad-input', `导入方案中工作表“${ws.name}”的地区“${sheetProfile.region}”未知。 / Unknown region in the profile for sheet ${ws.name}.`);
        sheetRegion = r;
      }
      const parsed = found.layout.parse(
        {
          db,
          ws,
          matcher,
          regionOption: sheetRegion,
          unitOf,
          findRegion: find,
          sheetYear: sheetProfile?.year ?? null,
          profileUnit: (code) => sheetProfile?.units?.[code] ?? null,
        },
        found.header,
      );
      problems.push(...parsed.problems);
      sheets.push(parsed);
    }
  })();
  return { sheets, problems, hash, reader, profile, unitOf };
};

export const runImport = async (db: WriteDb, input: ImportInput): Promise<ImportResult> => {
  const dryRun = input.dryRun ?? false;
  const fileName = path.basename(input.file);
  const { sheets, problems, hash, reader, profile, unitOf } = await readAndParse(db, input, fileName);
  const catalog = catalogOf(db);
  const read = sheets.flatMap((s) => s.observations);
  // A month's or a quarter's figures are kept as read; the year's values they give are derived by DESIGN.md's rule.
  const periodValues = dedupePeriods(read.filter((o) => o.period !== undefined), problems);
  const derived = deriveAnnual(db, periodValues, (code) => catalog.get(code));
  problems.push(...derived.notes);
  const observations = dedupe([...read.filter((o) => o.period === undefined), ...derived.annual], problems);
  problems.push(...outOfRange(read, (code) => catalog.get(code)), ...checkRules(db, observations, periodValues));
  if (observations.length === 0 && periodValues.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({ severity: 'error', sheet: '', cell: '', message: `${fileName} 中没有可导入的数值 / nothing to import in ${fileName}` });
  }
  const { regions } = regionTreeOf(db);
  const valueOf = (o: ParsedObservation, status: ImportValue['status']): ImportValue => {
    const series = catalog.get(o.seriesCode);
    return {
      sheet: o.sheet,
      cell: o.cell,
      region: o.regionCode,
      regionName: regions.get(o.regionCode)?.name ?? '',
      series: o.seriesCode,
      seriesName: series.name,
      year: o.year,
      value: o.value,
      unit: series.unit,
      status,
      period: o.period ?? String(o.year),
      periodKind: o.periodKind ?? null,
      ...(o.derivedFrom ? { derivedFrom: o.derivedFrom } : {}),
    };
  };
  /**
   * The file and its values against what is stored: the duplicate-file warning, each value new, replaced or the same,
   * and the locks it would break. Done when the file is read (for the preview) and again inside the write
   * transaction, so that two imports of one file at once are told apart by what the first one stored.
   */
  const compare = () => {
    const found: Problem[] = [];
    const previous = db.prepare<[string], { id: number; imported_at: string }>(
      "SELECT id, imported_at FROM import_batch WHERE file_hash = ? AND status = 'active' ORDER BY id DESC",
    ).get(hash);
    if (previous) {
      found.push({
        severity: 'warning',
        sheet: '',
        cell: '',
        message: `同一文件已于 ${localDateTime(previous.imported_at)} 导入（批次 ${previous.id}） / the same file was imported before as batch ${previous.id}`,
      });
    }
    const changes: ImportChange[] = [];
    const values: ImportValue[] = [];
    let unchanged = 0;
    const existing = existingValues(db);
    const locked = lockCovering(db);
    const existingPeriod = existingPeriodValues(db);
    const unchangedPeriods = new Set<ParsedObservation>();
    for (const o of periodValues) {
      const old = existingPeriod(o.regionCode, o.seriesCode, o.period!, o.periodKind!);
      const status = !old ? 'new' : old.value === o.value ? 'same' : 'changed';
      if (status === 'same') {
        unchangedPeriods.add(o);
        unchanged++;
      }
      const lock = status === 'same' ? null : locked(o.regionCode, o.year);
      if (lock) found.push({ severity: 'error', sheet: o.sheet, cell: o.cell, message: lockMessage(lock, regions.get(o.regionCode)?.name ?? o.regionCode) });
      if (values.length < IMPORT_VALUES_SHOWN) values.push(valueOf(o, status));
    }
    const unchangedDerived = new Set<ParsedObservation>();
    const withValues = regionsWithValues(db, observations.map((o) => o.regionCode));
    for (const o of observations) {
      const old = withValues.has(o.regionCode) ? existing(o.regionCode, o.seriesCode, o.year) : undefined;
      const status = !old ? 'new' : old.value === o.value ? 'same' : 'changed';
      // A year's value derived again to the same figure stays with the batch that stored it (its undo stays possible).
      if (status === 'same' && o.derivedFrom) unchangedDerived.add(o);
      const lock = status === 'same' ? null : locked(o.regionCode, o.year);
      if (lock) found.push({ severity: 'error', sheet: o.sheet, cell: o.cell, message: lockMessage(lock, regions.get(o.regionCode)?.name ?? o.regionCode) });
      if (status === 'same') unchanged++;
      if (old && status === 'changed') changes.push({ region: o.regionCode, series: o.seriesCode, year: o.year, old: old.value, new: o.value, sheet: o.sheet, cell: o.cell });
      if (values.length < IMPORT_VALUES_SHOWN) values.push(valueOf(o, status));
    }
    return { found, changes, values, unchanged, unchangedDerived, unchangedPeriods, withValues };
  };
  // Each lookup outside a transaction would start a read transaction of its own (about 10 µs in WAL mode, 8× the
  // lookup): the preview reads one snapshot.
  const read_ = db.transaction(compare).deferred();
  problems.push(...read_.found);
  const { changes, values, unchanged } = read_;
  const ok = !problems.some((p) => p.severity === 'error');
  if (input.saveProfile) {
    const unknown = sheets.flatMap((s) => s.unknownLabels ?? []);
    fs.writeFileSync(input.saveProfile, JSON.stringify(skeletonFrom(unknown, profile), null, 2) + '\n');
  }
  const result: ImportResult = {
    ok,
    dryRun,
    file: input.file,
    batch: null,
    // What is stored, or would be: nothing when there is an error (a month's figures and the year's values both count).
    observations: ok ? observations.length + periodValues.length : 0,
    replaced: changes.length,
    unchanged,
    sheets: sheets.map((s) => ({
      name: s.sheet,
      layout: s.layout,
      region: s.region,
      ...(s.region ? { regionName: regions.get(s.region)?.name ?? '' } : {}),
      observations: s.observations.length,
      ...(s.period ? { period: s.period } : {}),
    })),
    changes,
    problems: capProblems(problems),
    reader,
    conversions: conversionsOf(observations, unitOf),
    values,
    valuesTotal: observations.length + periodValues.length,
  };
  if (!ok || dryRun) return result;
  const layouts = [...new Set(sheets.map((s) => s.layout).filter((l) => l !== 'skipped'))].join('+');
  // Compared again and stored in one write transaction (taken at once: another import waits, or is waited for).
  const done = noteWriter(db.name, `导入 ${fileName}`);
  let stored: { now: ReturnType<typeof compare>; batch: number | null };
  // A sheet of 50 items × 10 years inserts at 500 places of the (series, year) index at once: SQLite's default 2 MB
  // page cache then rereads pages all the time (a long workbook stored 0.7× as fast with 16 MB; issue 14). The cache
  // only fills as pages are read, and is given back after.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${STORE_CACHE_KIB}`);
  try {
    stored = db
      .transaction(() => {
        const now = compare();
        if (now.found.some((p) => p.severity === 'error')) return { now, batch: null };
        const batch = storeBatch(
          db,
          fileName,
          hash,
          layouts || 'long',
          observations.filter((o) => !now.unchangedDerived.has(o)),
          periodValues.filter((o) => !now.unchangedPeriods.has(o)),
          now.changes.length,
          now.withValues,
          sheets.filter((s) => s.layout !== 'skipped').map((s) => s.sheet),
        );
        // One entry in the audit log; the batch lists every value it stored and what each replaced (history, undo).
        audit(db, { by: '导入', action: 'import', subject: fileName, old: now.changes.length > 0 ? `替换 ${now.changes.length} 个数值` : null, new: `${observations.length + periodValues.length} 个数值`, batch });
        return { now, batch };
      })
      .immediate();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    done();
  }
  const { now } = stored;
  const others = problems.filter((p) => !read_.found.includes(p));
  Object.assign(result, {
    ok: stored.batch !== null,
    batch: stored.batch,
    observations: stored.batch !== null ? result.observations : 0,
    replaced: now.changes.length,
    unchanged: now.unchanged,
    changes: now.changes,
    values: now.values,
    problems: capProblems([...others, ...now.found]),
  });
  return result;
};

/** The same region, series and year twice in one workbook is an error naming both cells. */
const dedupe = (observations: ParsedObservation[], problems: Problem[]): ParsedObservation[] => {
  // Each value kept by its place in `kept` (the workbook's order), found by region, series and year.
  const seen = new ValueIndex<number>();
  const kept: ParsedObservation[] = [];
  for (const o of observations) {
    const at = seen.get(o.regionCode, o.seriesCode, o.year);
    const first = at === undefined ? undefined : kept[at]!;
    if (first && (first.derivedFrom || o.derivedFrom)) {
      // A year's figure on a year's sheet and the same year made from a month's sheet: one value when they agree.
      const [given, made] = first.derivedFrom ? [o, first] : [first, o];
      if (given.value !== made.value) {
        problems.push({
          severity: 'error',
          sheet: given.sheet,
          cell: given.cell,
          message: `${o.year}年的全年数在“${given.sheet}”!${given.cell} 为${given.value}，由${made.derivedFrom}得出的为${made.value}，两者不一致 / the year's figure ${given.value} differs from ${made.value} derived from the months`,
        });
      }
      kept[at!] = given;
      continue;
    }
    if (first) {
      problems.push({
        severity: 'error',
        sheet: o.sheet,
        cell: o.cell,
        message: `${o.year}年的同一数值已在“${first.sheet}”!${first.cell} 给出 / the same value for ${o.year} is already given at ${first.sheet}!${first.cell}`,
      });
      continue;
    }
    seen.set(o.regionCode, o.seriesCode, o.year, kept.length);
    kept.push(o);
  }
  return kept;
};

/** The same region, item, period and kind twice in one workbook is an error naming both cells. */
const dedupePeriods = (observations: ParsedObservation[], problems: Problem[]): ParsedObservation[] => {
  const seen = new Map<string, ParsedObservation>();
  for (const o of observations) {
    const key = `${o.regionCode}|${o.seriesCode}|${o.period}|${o.periodKind}`;
    const first = seen.get(key);
    if (first) {
      problems.push({ severity: 'error', sheet: o.sheet, cell: o.cell, message: `${o.period}的${o.periodKind}数已在“${first.sheet}”!${first.cell} 给出 / the same ${o.period} figure is already given at ${first.sheet}!${first.cell}` });
      continue;
    }
    seen.set(key, o);
  }
  return [...seen.values()];
};

/** A hostile or badly mismatched file can produce a problem per cell: keep the first ones and count the rest. */
const MAX_PROBLEMS = 500;
/** No message echoes a hostile text whole: past this length it is cut (the layouts quote long names by their head). */
const MAX_MESSAGE = 600;
const shortMessage = (p: Problem): Problem =>
  p.message.length <= MAX_MESSAGE ? p : { ...p, message: `${p.message.slice(0, 300)}…（消息过长，已截断 / message cut）` };
const capProblems = (all: Problem[]): Problem[] => {
  const problems = all.slice(0, MAX_PROBLEMS + 1).map(shortMessage);
  return all.length <= MAX_PROBLEMS
    ? problems
    : [
        ...problems.slice(0, MAX_PROBLEMS),
        { severity: 'error', sheet: '', cell: '', message: `另有 ${all.length - MAX_PROBLEMS} 个问题未列出 / ${all.length - MAX_PROBLEMS} more problems not listed` },
      ];
};

/** `withValues`: the regions that had stored values when compared in this transaction (the others' values are new). */
/** The page cache while a batch is stored, as SQLite's cache_size (negative: KiB). */
const STORE_CACHE_KIB = -16_384;

const byKey = (a: ParsedObservation, b: ParsedObservation): number =>
  a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : a.seriesCode < b.seriesCode ? -1 : a.seriesCode > b.seriesCode ? 1 : a.year - b.year;

const storeBatch = (
  db: WriteDb,
  fileName: string,
  hash: string,
  layout: string,
  observations: ParsedObservation[],
  periodValues: ParsedObservation[],
  replaced: number,
  withValues: ReadonlySet<string>,
  /** The sheets read, in the workbook's order (导入记录 lists the batch's values in it). */
  sheetNames: readonly string[],
): number =>
  db.transaction(() => {
    const at = now();
    const batch = Number(
      db
        .prepare(
          'INSERT INTO import_batch (file_name, file_hash, imported_at, layout, observation_count, replaced_count, sheets) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        // Every value the batch writes: a year's, a month's or a quarter's (as 导入记录 lists them).
        .run(fileName, hash, at, layout, observations.length + periodValues.length, replaced, JSON.stringify(sheetNames)).lastInsertRowid,
    );
    const write = prepareObservationWriter(db);
    // Stored in the table's key order (region, series, year): a wide sheet's year-by-year rows otherwise land all
    // over the B-tree, about four times the cost per value (issue 14). A sheet already in that order sorts in one pass.
    const ordered = [...observations].sort(byKey);
    for (const o of ordered) {
      const record = { regionCode: o.regionCode, seriesCode: o.seriesCode, year: o.year, value: o.value, batchId: batch, sheet: o.sheet, cell: o.cell, enteredBy: null, enteredAt: at, derivedFrom: o.derivedFrom ?? null };
      write(record, !withValues.has(o.regionCode));
    }
    const sources = db.prepare('INSERT OR IGNORE INTO derived_source (batch_id, source_batch_id) VALUES (?, ?)');
    for (const o of observations) for (const source of o.sourceBatches ?? []) sources.run(batch, source);
    const writePeriod = preparePeriodWriter(db);
    for (const o of periodValues) writePeriod({ regionCode: o.regionCode, seriesCode: o.seriesCode, year: o.year, period: o.period!, kind: o.periodKind!, value: o.value, batchId: batch, sheet: o.sheet, cell: o.cell });
    return batch;
  })();
