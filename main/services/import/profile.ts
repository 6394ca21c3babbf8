/**
 * Reading, applying and writing import profiles (shared/schemas/import-profile.ts). A profile's names and regions
 * are consulted before the catalogue; a skeleton listing every label that did not match, with its closest
 * candidates, can be written by a dry run for the clerk to complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/errors';
import { emptyProfile, ImportProfileSchema, type ImportProfile } from '../../../shared/schemas/import-profile';
import { describeSchemaError } from '../../../shared/schemas/templates';
import { nameKey } from '../../../shared/text/normalize';
import type { Region } from '../../../shared/types';
import type { ReadDb } from '../../db/types';
import { catalogOf } from '../context';
import { findRegion, type SeriesMatcher } from './match';

export const loadProfile = (file: string): ImportProfile => {
  const name = path.basename(file);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError('bad-input', `导入方案 ${name} 无法读取：${(error as Error).message} / Cannot read import profile ${name}.`);
  }
  const parsed = ImportProfileSchema.safeParse(data);
  if (!parsed.success) throw new UserError('bad-input', `导入方案 ${name} 有误：${describeSchemaError(parsed.error)} / Import profile ${name} is invalid.`);
  return parsed.data;
};

/** Checks that every decided name and region in the profile exists, naming the entry that does not. */
export const checkProfile = (db: ReadDb, profile: ImportProfile, file: string): void => {
  const catalog = catalogOf(db);
  for (const [label, target] of Object.entries(profile.names)) {
    if (target === '') continue;
    if (!catalog.byCode.has(target) && ![...catalog.byCode.values()].some((s) => s.name === target)) {
      throw new UserError('bad-input', `导入方案 ${path.basename(file)} 中“${label}”对应的“${target}”不是已知的指标或统计项。 / Profile maps "${label}" to unknown "${target}".`);
    }
  }
  for (const [label, code] of Object.entries(profile.regions)) {
    const r = findRegion(db, code);
    if (!r || 'ambiguous' in r) throw new UserError('bad-input', `导入方案中“${label}”对应的地区“${code}”未知。 / Profile maps "${label}" to unknown region "${code}".`);
  }
};

/** A matcher that consults the profile's names first (as written, then normalised), then the catalogue. */
export const withProfileNames = (db: ReadDb, base: SeriesMatcher, profile: ImportProfile | null): SeriesMatcher => {
  if (!profile) return base;
  const catalog = catalogOf(db);
  const byKey = new Map<string, string>();
  for (const [label, target] of Object.entries(profile.names)) {
    if (target === '') continue;
    const code = catalog.byCode.has(target) ? target : [...catalog.byCode.values()].find((s) => s.name === target)!.code;
    byKey.set(label.trim(), code);
    byKey.set(nameKey(label), code);
  }
  return {
    match(text) {
      const code = byKey.get(text.trim()) ?? byKey.get(nameKey(text));
      if (code) return { series: catalog.get(code), unit: base.match(text)?.unit ?? null };
      return base.match(text);
    },
  };
};

export const regionFinder = (db: ReadDb, profile: ImportProfile | null) => {
  const mapped = new Map(Object.entries(profile?.regions ?? {}).flatMap(([label, code]) => [[label.trim(), code], [nameKey(label), code]]));
  const memo = new Map<string, Region | { ambiguous: Region[] } | null>();
  return (text: string): Region | { ambiguous: Region[] } | null => {
    if (!memo.has(text)) {
      const code = mapped.get(text.trim()) ?? mapped.get(nameKey(text));
      memo.set(text, findRegion(db, code ?? text));
    }
    return memo.get(text)!;
  };
};

/** A skeleton profile from a run's problems: every unknown label with its candidates, for the clerk to fill in. */
export const skeletonFrom = (
  unknown: { label: string; candidates: string[] }[],
  base: ImportProfile | null,
): ImportProfile => {
  const profile = base ? structuredClone(base) : emptyProfile();
  profile.note = '把 names 中空着的项填上指标或统计项的代码或名称（可从 candidates 中选），再用 pwb import 文件 --profile 本文件 导入。';
  profile.candidates = { ...(profile.candidates ?? {}) };
  for (const u of unknown) {
    if (!(u.label in profile.names)) profile.names[u.label] = '';
    profile.candidates[u.label] = u.candidates;
  }
  return profile;
};
