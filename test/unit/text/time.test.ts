/** Stored UTC times shown on the office PC's clock (China Standard Time, UTC+8, no daylight saving). */
import { afterEach, describe, expect, it } from 'vitest';
import { localDateTime } from '../../../shared/text/time';

const before = process.env.TZ;
afterEach(() => {
  if (before === undefined) delete process.env.TZ;
  else process.env.TZ = before;
});

describe('localDateTime', () => {
  it('shows 14:22 UTC as 22:22 in Beijing, and a time after 16:00 UTC on the next day', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(localDateTime('2026-11-28T14:22:05.000Z')).toBe('2026-11-28 22:22');
    expect(localDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
  });

  it('keeps text that is not a time as it is', () => {
    expect(localDateTime('昨天')).toBe('昨天');
  });
});
