/**
 * The indicator engine's resolver on a catalogue of its own: a formula over stored items, memoised; a cycle of
 * formulas is a bug reported with the series, region and year, and the resolver stays usable after it.
 */
import { describe, expect, it } from 'vitest';
import { BugError } from '../../../shared/errors';
import type { Series } from '../../../shared/types';
import { SeriesCatalog, StoredValues, ValueResolver, type RegionNode, type LoadedValues } from '../../../main/services/values';

const series = (code: string, formula: string | null = null, unit = '个'): Series => ({
  code,
  kind: formula ? 'indicator' : 'item',
  name: code,
  unit,
  aggregation: 'sum',
  weightCode: null,
  isAbsolute: true,
  isGrowthRate: false,
  inherits: false,
  direction: null,
  formula,
  note: null,
});

const tree = new Map<string, RegionNode>([['r', { code: 'r', parent: null, children: [] }]]);

describe('the value resolver', () => {
  it('computes a formula over stored items once, and reports a cycle of formulas as a bug naming where', () => {
    let loads = 0;
    // Region 0 of those asked for; slots of series a (index 0) and b (index 1) in 2023 of the span 2020–2025.
    const rows: LoadedValues = { slots: [0 * 6 + 3, 1 * 6 + 3], values: [30, 12] };
    const catalog = new SeriesCatalog([series('a'), series('b'), series('s', 'a + b'), series('x', 'y + 1'), series('y', 'x + 1')]);
    const resolver = new ValueResolver(catalog, tree, new StoredValues(() => (loads++, rows), 2020, 2025, ['a', 'b']));
    expect(resolver.get('s', 'r', 2023)).toEqual({ value: 42, source: 'formula' });
    expect(resolver.get('s', 'r', 2023)).toEqual({ value: 42, source: 'formula' });
    expect(loads).toBe(1);
    expect(resolver.get('s', 'r', 2022)).toBeNull();
    expect(() => resolver.get('x', 'r', 2023)).toThrow(BugError);
    expect(() => resolver.get('x', 'r', 2023)).toThrow(/formula cycle at x\|r\|2023/);
    expect(resolver.get('s', 'r', 2023)?.value).toBe(42);
  });
});
