/**
 * Issued reports (签发): issuing a report keeps the document as sent, the inputs it was made from and its SHA-256.
 * Printing it again renders those inputs (not today's data) at the issue time, so the bytes are the same after any
 * later correction; the app shows what has changed since, row by row, so the bureau knows whether to issue anew.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { UserError } from '../../shared/errors';
import type { EvaluatedRow, EvaluationResult } from '../../shared/evaluation/result';
import type { IssuedChangeDto, IssuedReportDto } from '../../shared/api';
import { appVersion } from '../catalog/paths';
import type { ReadDb, WriteDb } from '../db/types';
import { parseReportTemplate } from '../reports/template';
import { writeFileAtomic } from '../reports/write-file';
import { regionTreeOf } from './context';
import { requirePlan } from './evaluate';
import { audit, lockYear } from './locks';
import { BLANK_DATE, renderReport, reportFormat, reportInputs, type ReportInput, type ReportInputs } from './reports';

const KIND_NAMES: Record<string, string> = { annual: '年度监测报告', midterm: '中期评估报告', final: '总结评估报告', summary: '评估摘要', table: '指标完成情况表' };

/** The version of the stored inputs' shape; a later app reads older ones or says it cannot. */
const INPUTS_VERSION = 1;

type IssuedRow = {
  id: number;
  plan_id: string;
  region_code: string;
  year: number;
  kind: string;
  format: 'pdf' | 'docx';
  doc_number: string | null;
  issued_by: string;
  issued_at: string;
  app_version: string;
  sha256: string;
  bytes: number;
};

const sha256 = (data: Uint8Array): string => crypto.createHash('sha256').update(data).digest('hex');

/** Today as the report's date line: issuing is the act of signing, so it is dated the day it is done unless told. */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
};

const dtoOf = (db: ReadDb, r: IssuedRow): IssuedReportDto => ({
  id: r.id,
  plan: r.plan_id,
  planTitle: requirePlan(db, r.plan_id).title,
  region: r.region_code,
  regionName: regionTreeOf(db).regions.get(r.region_code)?.name ?? r.region_code,
  year: r.year,
  kind: r.kind as IssuedReportDto['kind'],
  kindName: KIND_NAMES[r.kind] ?? r.kind,
  format: r.format,
  docNumber: r.doc_number,
  by: r.issued_by,
  at: r.issued_at,
  appVersion: r.app_version,
  sha256: r.sha256,
  bytes: r.bytes,
});

const SELECT = 'SELECT id, plan_id, region_code, year, kind, format, doc_number, issued_by, issued_at, app_version, sha256, length(document) AS bytes FROM issued_report';

const requireIssued = (db: ReadDb, id: number): IssuedRow => {
  const row = db.prepare<[number], IssuedRow>(`${SELECT} WHERE id = ?`).get(id);
  if (!row) throw new UserError('bad-input', `没有编号为 ${id} 的已签发报告（pwb issued 列出全部）。 / No issued report ${id}.`);
  return row;
};

const storedInputs = (db: ReadDb, id: number): ReportInputs => {
  const { inputs } = db.prepare<[number], { inputs: string }>('SELECT inputs FROM issued_report WHERE id = ?').get(id)!;
  const parsed = JSON.parse(inputs) as { version: number; inputs: ReportInputs };
  if (parsed.version !== INPUTS_VERSION) {
    throw new UserError('bad-input', `第 ${id} 份已签发报告由另一版本保存（格式 ${parsed.version}），本版本不能重新生成；可用 pwb reprint 取出原文件。 / Stored inputs of another version.`);
  }
  return parsed.inputs;
};

/**
 * Issues a report: builds it, keeps it with its inputs and hash in one transaction (with the audit entry, and the
 * year's lock when asked), then writes the file. The stored inputs are what was rendered: the document is rendered
 * from their JSON, so that printing it again from the same JSON gives the same bytes.
 */
export const issueReport = async (
  db: WriteDb,
  input: Omit<ReportInput, 'planChecks'> & { by: string; docNumber?: string; lock?: boolean },
): Promise<IssuedReportDto & { file: string; date: string; locked: boolean }> => {
  const by = input.by.trim();
  if (by === '') throw new UserError('bad-input', '签发须注明签发人（--by）。 / Say who issues the report (--by).');
  const docNumber = input.docNumber?.trim() || null;
  if (docNumber !== null && docNumber.length > 100) throw new UserError('bad-input', '文号过长（至多100字）。 / The document number is too long.');
  const format = reportFormat(input.out);
  const json = JSON.stringify({ version: INPUTS_VERSION, inputs: reportInputs(db, { ...input, date: input.date ?? today() }) });
  const inputs = (JSON.parse(json) as { inputs: ReportInputs }).inputs;
  // Whole seconds: the PDF and the Word file keep no finer time, and the stored time renders the same file again.
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const buffer = await renderReport(inputs, format, at);
  const hash = sha256(buffer);
  const { result } = inputs;
  // The file first (whole, or not at all), then the record: a report is never kept as issued without its file.
  writeFileAtomic(input.out, buffer);
  const store = db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO issued_report (plan_id, region_code, year, kind, format, doc_number, issued_by, issued_at, app_version, inputs, document, sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(result.plan, result.region, result.year, inputs.kind, format, docNumber, by, at.toISOString(), appVersion(), json, buffer, hash);
    const newId = Number(info.lastInsertRowid);
    audit(db, { by, action: 'issue', subject: `${result.plan} ${result.region} ${result.year} ${inputs.kind}`, new: `#${newId} ${hash}`, why: docNumber });
    if (input.lock) lockYear(db, { region: result.region, year: result.year, by, reason: `${KIND_NAMES[inputs.kind] ?? inputs.kind}已签发（第 ${newId} 份）` });
    return newId;
  });
  let id: number;
  try {
    id = store();
  } catch (error) {
    fs.rmSync(input.out, { force: true });
    throw error;
  }
  return { ...dtoOf(db, requireIssued(db, id)), file: input.out, date: inputs.date, locked: input.lock === true };
};

export const listIssued = (db: ReadDb, input: { plan?: string } = {}): (IssuedReportDto & { changes: number })[] => {
  const rows =
    input.plan === undefined
      ? db.prepare<[], IssuedRow>(`${SELECT} ORDER BY id`).all()
      : db.prepare<[string], IssuedRow>(`${SELECT} WHERE plan_id = ? ORDER BY id`).all(requirePlan(db, input.plan).id);
  return rows.map((r) => ({ ...dtoOf(db, r), changes: changesSince(db, r.id).length }));
};

/**
 * Prints an issued report again: renders its stored inputs at its issue time and checks the result against the stored
 * hash. The file written is always the document as issued; `reproduced` says whether this version of the app, from
 * the inputs alone, made the same bytes (false only after an update changed how reports are set).
 */
export const reprintIssued = async (db: ReadDb, input: { id: number; out: string }): Promise<IssuedReportDto & { file: string; reproduced: boolean }> => {
  const row = requireIssued(db, input.id);
  if (reportFormat(input.out) !== row.format) {
    throw new UserError('bad-input', `第 ${row.id} 份报告签发为 ${row.format === 'pdf' ? 'PDF' : 'Word'} 文件，请以 .${row.format} 结尾。 / Issued as .${row.format}.`);
  }
  const { document } = db.prepare<[number], { document: Buffer }>('SELECT document FROM issued_report WHERE id = ?').get(row.id)!;
  let reproduced = false;
  try {
    reproduced = sha256(await renderReport(storedInputs(db, row.id), row.format, new Date(row.issued_at))) === row.sha256;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
  }
  if (sha256(document) !== row.sha256) throw new UserError('db-corrupt', `第 ${row.id} 份已签发报告的存档与其摘要不符，数据库可能已损坏。 / The stored document does not match its hash.`);
  writeFileAtomic(input.out, document);
  return { ...dtoOf(db, row), file: input.out, reproduced };
};

const shown = (v: number | null, unit: string): string | null => (v === null ? null : `${Number(v.toFixed(6))}${unit}`);
const clip = (text: string | undefined): string | null => (text === undefined ? null : text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** The printed fields of a row besides its value, target and status, with the words the list uses. */
const ROW_FIELDS: { label: string; of: (r: EvaluatedRow) => string }[] = [
  { label: '名称', of: (r) => r.name },
  { label: '属性', of: (r) => r.attribute ?? '' },
  { label: '单位', of: (r) => r.unit },
  { label: '基期值', of: (r) => (r.baseline === null ? '' : String(r.baseline)) },
  { label: '备注', of: (r) => r.note ?? '' },
  { label: '判断', of: (r) => (r.judgement ? `${r.judgement.result}：${r.judgement.note}（${r.judgement.by}）` : '') },
  { label: '目标来源', of: (r) => (r.adjustment ? `${r.adjustment.doc}（${r.adjustment.fromYear}年起）` : (r.targetSource ?? '')) },
];

/** What differs between an evaluation as issued and as it is now, row by row (by 序号): removed, added, changed. */
const rowChanges = (issued: EvaluationResult, now: EvaluationResult): IssuedChangeDto[] => {
  const current = new Map(now.rows.map((r) => [r.seq, r]));
  const before = new Set(issued.rows.map((r) => r.seq));
  const out: IssuedChangeDto[] = [];
  for (const was of issued.rows) {
    const is = current.get(was.seq);
    const at = { year: issued.year, seq: was.seq, name: was.name };
    if (!is) {
      out.push({ ...at, what: 'row', issued: was.name, now: null });
      continue;
    }
    if (was.value !== is.value && !(was.value !== null && is.value !== null && Math.abs(was.value - is.value) < 1e-9)) {
      out.push({ ...at, what: 'value', issued: shown(was.value, was.valueUnit), now: shown(is.value, is.valueUnit) });
    }
    if (was.target !== is.target) out.push({ ...at, what: 'target', issued: was.target, now: is.target });
    if (was.status !== is.status) out.push({ ...at, what: 'status', issued: was.status, now: is.status });
    for (const f of ROW_FIELDS) {
      if (f.of(was) !== f.of(is)) out.push({ ...at, name: `${was.name}（${f.label}）`, what: 'row', issued: clip(f.of(was)) || '—', now: clip(f.of(is)) || '—' });
    }
  }
  for (const is of now.rows) if (!before.has(is.seq)) out.push({ year: now.year, seq: is.seq, name: is.name, what: 'row', issued: null, now: is.name });
  return out;
};

/** The bureau's paragraphs by key → the heading they print under (存在的主要问题), from the template as issued. */
const paragraphLabels = (template: ReportInputs['template']): Map<string, string> => {
  const labels = new Map<string, string>();
  let heading = '';
  for (const b of parseReportTemplate(template.source, template.name).blocks) {
    if ('heading' in b && typeof b.heading === 'string') heading = b.heading;
    if ('bureau' in b) labels.set(b.bureau.key, (b.bureau.heading ?? heading).replace(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/u, '') || b.bureau.key);
  }
  return labels;
};

/** Only what the template prints: the paragraphs it has a place for. */
const printedInputs = (inputs: ReportInputs, keys: ReadonlySet<string>): ReportInputs => ({ ...inputs, paragraphs: inputs.paragraphs.filter(([k]) => keys.has(k)) });

/**
 * What has changed since a report was issued, against today's data built as the report would be built now (same
 * template text, date and kind): each year's rows (value, target in force, status, the printed fields; rows removed or
 * added), the paragraphs the template prints, the sub-regions' figures, statuses and ranks of its league table, and
 * the template file. Anything else the report is made of that differs (the plan's title, its checks) is one line, so
 * that "no change" is never said of a report that would print differently.
 */
export const changesSince = (db: ReadDb, id: number): IssuedChangeDto[] => {
  const row = requireIssued(db, id);
  const issued = storedInputs(db, row.id);
  const { result } = issued;
  const now = reportInputs(db, {
    plan: result.plan,
    region: result.region,
    year: result.year,
    kind: issued.kind,
    templateText: issued.template,
    ...(issued.date === BLANK_DATE ? {} : { date: issued.date }),
    ...(issued.planChecks !== undefined ? { planChecks: issued.planChecks } : {}),
  });
  const changes: IssuedChangeDto[] = [];
  const nowByYear = new Map([...now.earlier, now.result].map((r) => [r.year, r]));
  for (const was of [...issued.earlier, result]) {
    const is = nowByYear.get(was.year);
    if (is) changes.push(...rowChanges(was, is));
  }
  const labels = paragraphLabels(issued.template);
  const printed = new Set(labels.keys());
  const before = new Map(issued.paragraphs);
  const after = new Map(now.paragraphs);
  for (const key of printed) {
    if (before.get(key) !== after.get(key)) changes.push({ what: 'paragraph', year: result.year, seq: null, name: labels.get(key) ?? key, issued: clip(before.get(key)), now: clip(after.get(key)) });
  }
  if (issued.league || now.league) {
    const regions = new Map((now.league?.regions ?? []).map((r) => [r.region, new Map(r.rows.map((x) => [x.seq, x]))]));
    const cell = (x: { value: number | null; status: string; rank: number | null } | undefined): string | null =>
      x === undefined ? null : `${shown(x.value, '') ?? '—'} ${x.status}${x.rank === null ? '' : ` 第${x.rank}`}`;
    for (const r of issued.league?.regions ?? []) {
      for (const x of r.rows) {
        const is = regions.get(r.region)?.get(x.seq);
        if (cell(x) !== cell(is)) changes.push({ what: 'league', year: result.year, seq: x.seq, name: r.name, issued: cell(x), now: cell(is) });
      }
    }
  }
  // A template file still where it was, changed since (the built-in ones change with an update of the app).
  try {
    if (fs.readFileSync(issued.template.name, 'utf8') !== issued.template.source) changes.push({ what: 'template', year: null, seq: null, name: issued.template.name, issued: null, now: null });
  } catch {
    // The template file is gone: the stored text is what the report was made from; nothing to compare with.
  }
  if (changes.length === 0 && JSON.stringify(printedInputs(issued, printed)) !== JSON.stringify(printedInputs(now, printed))) {
    changes.push({ what: 'other', year: null, seq: null, name: '报告所用的其他数据（规划名称、规划核对等）', issued: null, now: null });
  }
  return changes;
};

export const issuedDetail = (db: ReadDb, id: number): IssuedReportDto & { changes: IssuedChangeDto[] } => ({ ...dtoOf(db, requireIssued(db, id)), changes: changesSince(db, id) });
