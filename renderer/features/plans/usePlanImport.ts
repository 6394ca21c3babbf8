/**
 * Reads a bureau's plan (pasted text or a file) with `plans.import`: a dry run first, then the real save. Remembers
 * which version of the inputs the last dry run read, so the page saves only what was checked; returns state only.
 */
import { useCallback, useRef, useState } from 'react';
import type { PlanImportInput, PlanImportResultDto, PlanRowChoice } from '../../../shared/api';
import { call } from '../../api/client';
import { readablePath, type ChosenFile } from '../../api/files';

export interface PlanImportFields {
  text: string;
  file: ChosenFile | null;
  region: string;
  id: string;
  title: string;
  baseYear: string;
  targetYear: string;
  by: string;
  replace: boolean;
}

export const EMPTY_FIELDS: PlanImportFields = { text: '', file: null, region: '', id: '', title: '', baseYear: '', targetYear: '', by: '', replace: false };

const year = (s: string): number | undefined => (/^\d{4}$/.test(s.trim()) ? Number(s.trim()) : undefined);

/** Why the fields cannot be read yet, or null. */
export const fieldsProblem = (f: PlanImportFields): string | null => {
  if (!f.file && f.text.trim() === '') return '请先粘贴指标表或选择文件';
  if ((f.baseYear.trim() && year(f.baseYear) === undefined) || (f.targetYear.trim() && year(f.targetYear) === undefined)) return '基期年、目标年应为四位年份';
  return null;
};

const inputOf = (f: PlanImportFields, file: string | undefined, choices: PlanRowChoice[], dryRun: boolean): PlanImportInput => {
  const opt = (key: keyof PlanImportInput, v: string | number | undefined) => (v === undefined || v === '' ? {} : { [key]: typeof v === 'string' ? v.trim() : v });
  return {
    ...(file ? { file } : { text: f.text }),
    ...opt('region', f.region),
    ...opt('id', f.id),
    ...opt('title', f.title),
    ...opt('baseYear', year(f.baseYear)),
    ...opt('targetYear', year(f.targetYear)),
    ...opt('by', f.by),
    ...(f.replace ? { replace: true } : {}),
    ...(choices.length > 0 ? { choices } : {}),
    dryRun,
  };
};

export const usePlanImport = () => {
  const [result, setResult] = useState<PlanImportResultDto | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  /** The version of the inputs the shown result was read from. */
  const [readVersion, setReadVersion] = useState(-1);
  const latest = useRef(0);

  const run = useCallback(async (fields: PlanImportFields, choices: PlanRowChoice[], dryRun: boolean, version: number) => {
    const request = ++latest.current;
    setBusy(true);
    setError(null);
    try {
      const file = fields.file ? await readablePath(fields.file) : undefined;
      const r = await call('plans.import', inputOf(fields, file, choices, dryRun));
      if (request !== latest.current) return null;
      setResult(r);
      setReadVersion(version);
      return r;
    } catch (e) {
      if (request === latest.current) {
        setError(e as Error);
        setResult(null);
      }
      return null;
    } finally {
      if (request === latest.current) setBusy(false);
    }
  }, []);

  /** Forgets the result: after the inputs change, nothing is saved until they are read again. */
  const reset = useCallback(() => {
    latest.current++;
    setResult(null);
    setError(null);
    setBusy(false);
  }, []);

  return { result, error, busy, readVersion, run, reset };
};
