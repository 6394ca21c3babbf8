/**
 * `npm run reliability` in its quick form: a few hostile files, an import killed at four moments, two imports of one
 * file at once and a writer against a held lock, every older schema version, a backup taken while another process
 * writes and restored elsewhere. Every line must say that every try behaved as it must.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatReliability, runReliability } from '../../bench/reliability';

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
}, 120_000);

describe('the reliability table (quick)', () => {
  it('has every try of every check behave as it must', async () => {
    const rows = await runReliability({ quick: true });
    const table = formatReliability(rows);
    expect(rows.map((r) => r.check)).toHaveLength(5);
    for (const r of rows) expect([r.check, r.ok], table).toEqual([r.check, r.tries]);
    expect(rows.every((r) => r.tries > 0)).toBe(true);
  }, 300_000);
});
