/**
 * Matching what a sheet says against the store: item and indicator names (after normalisation, against names and
 * aliases) and regions (by 6-, 9- or 12-digit code, or by name). What does not match is reported with the closest
 * candidates; nothing is guessed.
 */
import { nameKey, splitNameUnit } from '../../../shared/text/normalize';
import { normaliseRegionCode } from '../../../shared/text/region-code';
import type { Region, Series } from '../../../shared/types';
import { allAliases } from '../../db/queries/series';
import type { Statement } from 'better-sqlite3';
import type { ReadDb } from '../../db/types';
import { catalogOf, regionTreeOf } from '../context';
import { CAPS } from './caps';

const bigrams = (s: string): Map<string, number> => {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
};

/** Dice coefficient over character bigrams: 1 for equal texts, 0 for nothing in common. */
export const similarity = (a: string, b: string): number => {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  for (const [k, n] of x) shared += Math.min(n, y.get(k) ?? 0);
  const total = Math.max(1, a.length - 1) + Math.max(1, b.length - 1);
  return (2 * shared) / total;
};

export interface SeriesMatcher {
  match(text: string): { series: Series; unit: string | null } | { candidates: string[]; unit: string | null } | null;
}

export const seriesMatcher = (db: ReadDb): SeriesMatcher => {
  const catalog = catalogOf(db);
  const byKey = new Map<string, Set<string>>();
  const names: { key: string; alias: string }[] = [];
  for (const a of allAliases(db)) {
    if (!byKey.has(a.key)) byKey.set(a.key, new Set());
    byKey.get(a.key)!.add(a.code);
    names.push({ key: a.key, alias: a.alias });
  }
  const memo = new Map<string, ReturnType<SeriesMatcher['match']>>();
  const match = (text: string): ReturnType<SeriesMatcher['match']> => {
      // A name past the cap is matched against nothing (the layouts report it with its first characters only).
      if (text.length > CAPS.nameChars) return { candidates: [], unit: null };
      const { unit } = splitNameUnit(text);
      const key = nameKey(text);
      if (key === '') return null;
      const found = byKey.get(key);
      // An indicator a plan import made from an item of the same name (formula: that item) is that item's figure:
      // a sheet's value is the item's.
      const codes = found && found.size > 1 ? new Set([...found].filter((c) => !found.has(catalog.get(c).formula ?? ''))) : found;
      if (codes && codes.size === 1) return { series: catalog.get([...codes][0]!), unit };
      if (codes && codes.size > 1) return { candidates: [...codes].map((c) => catalog.get(c).name), unit };
      const scored = names
        .map((n) => ({ alias: n.alias, score: similarity(key, n.key) }))
        .filter((n) => n.score >= 0.35)
        .sort((p, q) => q.score - p.score);
      const candidates = [...new Set(scored.map((s) => s.alias))].slice(0, 3);
      return { candidates, unit };
  };
  return {
    // The same few labels repeat on every row of a large sheet: match each text once per import.
    match(text) {
      if (!memo.has(text)) memo.set(text, match(text));
      return memo.get(text)!;
    },
  };
};

const aliasStatements = new WeakMap<ReadDb, Statement<[string], { region_code: string }>>();
const aliasLookup = (db: ReadDb): Statement<[string], { region_code: string }> => {
  let stmt = aliasStatements.get(db);
  if (!stmt) aliasStatements.set(db, (stmt = db.prepare<[string], { region_code: string }>('SELECT region_code FROM region_alias WHERE alias = ?')));
  return stmt;
};

/** A region by code (6 or 9 digits, or the 12-digit statistical form) or by name/alias; null if unknown. */
export const findRegion = (db: ReadDb, text: string): Region | { ambiguous: Region[] } | null => {
  const { regions } = regionTreeOf(db);
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const code = normaliseRegionCode(t);
  if (code) return regions.get(code) ?? null;
  const key = nameKey(t);
  const found = aliasLookup(db)
    .all(key)
    .map((r) => regions.get(r.region_code)!)
    .filter(Boolean);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) return { ambiguous: found };
  return null;
};
