/**
 * The import's reader takes a cell's number straight from its bytes when it is written plainly; it must give exactly
 * the double parseFloat gives for every text, plain or not (those it leaves to parseFloat).
 */
import { describe, expect, it } from 'vitest';
import { plainNumber } from '../../../main/services/import/sheet-values';
import { attr, cellAttrs, cellRanges, rowRanges } from '../../../main/services/import/xml-scan';

const read = (text: string): number => {
  const buf = Buffer.from(`<v>${text}</v>`, 'latin1');
  const n = plainNumber(buf, 3, 3 + text.length);
  return Number.isNaN(n) ? parseFloat(text) : n;
};

/** A small deterministic generator (no Math.random: a failure can be replayed). */
const generator = (seed: number) => () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

describe('a number read from the bytes of <v>', () => {
  it.each([
    '0', '-0', '12', '-12.5', '0.1', '0.30000000000000004', '.5', '5.', '1e5', '1E+05', '3E-2', '123456789012345', '1234567890123456',
    '9007199254740993', '0.000001', '1e-22', '1e-23', '1e22', '1e23', '4.35', '2.675', '100.0000000000000000', '-', '', ' 12', '12 ',
    '1e', '1e+', 'e5', '--1', '1.2.3', 'Infinity', 'NaN', '0x1A', '1e400', '6.02214076E23', '0000000000000000012.5',
  ])('reads %j as parseFloat does', (text) => {
    expect(Object.is(read(text), parseFloat(text))).toBe(true);
  });

  it('reads 100,000 random decimals exactly as parseFloat does', () => {
    const next = generator(20261207);
    for (let k = 0; k < 100_000; k++) {
      const digits = 1 + Math.floor(next() * 17);
      let text = next() < 0.3 ? '-' : '';
      for (let d = 0; d < digits; d++) text += String(Math.floor(next() * 10));
      const dot = Math.floor(next() * (digits + 1));
      if (next() < 0.7) text = `${text.slice(0, text.length - dot)}.${text.slice(text.length - dot)}`;
      if (next() < 0.2) text += `E${next() < 0.5 ? '-' : ''}${Math.floor(next() * 30)}`;
      if (!Object.is(read(text), parseFloat(text))) expect.fail(`${text}: ${read(text)} ≠ ${parseFloat(text)}`);
    }
  });
});

describe("a cell tag's r, t and s in one pass", () => {
  it.each([
    '<c r="A1" t="s" s="3">',
    "<c r='B2' t='inlineStr'>",
    '<x:c x:r="C3" s="1"/>',
    '<c  r = "D4"  t = "n" >',
    '<c s="2" r="E5">',
    '<c>',
    '<c\tr="F6"\nt="str"\r s="0"/>',
    '<c r="G7" foo="a>b" t="e">',
  ])('reads %j as the regular expressions do, from its text and (when it can) from its bytes', (tag) => {
    const expected = { r: attr(tag, 'r'), t: attr(tag, 't'), s: attr(tag, 's') };
    expect(cellAttrs(tag, { r: null, t: null, s: null })).toEqual(expected);
    const buf = Buffer.from(`xx${tag}yy`, 'latin1');
    const at = { rFrom: -1, rTo: -1, tFrom: -1, tTo: -1, sFrom: -1, sTo: -1 };
    if (cellRanges(buf, 2, 2 + tag.length, at)) {
      const text = (from: number, to: number) => (from < 0 ? null : buf.toString('latin1', from, to));
      expect({ r: text(at.rFrom, at.rTo), t: text(at.tFrom, at.tTo), s: text(at.sFrom, at.sTo) }).toEqual(expected);
    } else {
      expect(tag).toMatch(/\s=|=\s/); // only a blank around '=' is left to the text
    }
  });
});

describe("a row tag's r and hidden in one pass", () => {
  it.each([
    '<row r="12" hidden="1" spans="1:3">',
    "<row hidden='true' r='7'>",
    '<x:row x:r="5" x:hidden="0">',
    '<row spans="1:10" customHeight="1" ht="20">',
    '<row r="3" ishidden="1" hiddenx="1">',
    '<row\tr="9"\nhidden="1"/>',
    '<row  r = "4" >',
    '<row r="8" note="r=&quot;2&quot; hidden=&quot;1&quot;">',
  ])('reads %j as the regular expressions do, from its text and (when it can) from its bytes', (tag) => {
    const expected = { r: attr(tag, 'r'), hidden: attr(tag, 'hidden') };
    const buf = Buffer.from(`xx${tag}yy`, 'latin1');
    const at = { rFrom: -1, rTo: -1, hiddenFrom: -1, hiddenTo: -1 };
    if (rowRanges(buf, 2, 2 + tag.length, at)) {
      const text = (from: number, to: number) => (from < 0 ? null : buf.toString('latin1', from, to));
      expect({ r: text(at.rFrom, at.rTo), hidden: text(at.hiddenFrom, at.hiddenTo) }).toEqual(expected);
    } else {
      expect(tag).toMatch(/\s=|=\s/);
    }
  });
});
