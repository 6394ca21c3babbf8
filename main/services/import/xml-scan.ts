/**
 * A streamed, bounded pass over one XML part of a workbook, fed in chunks as the part is inflated and never held
 * whole. It refuses what no spreadsheet program writes (a DOCTYPE, hence entity expansion and external entities),
 * nesting past CAPS.xmlDepth, a tag past CAPS.tagBytes and a run of text past a cell's limit, and hands each tag
 * and text run to a handler (sheet-scan.ts) that knows what a worksheet or the shared strings mean.
 */
import { CAPS, CapExceeded, fmt, type CapWhere } from './caps';

/**
 * A start tag as it lies in the chunk: bytes [from, to) of buf, '<' to '>'. One object per scan, reused for every tag:
 * a handler reads it during open() and keeps nothing of it (two million cells make no string or closure each).
 */
export class Tag {
  buf: Buffer = Buffer.alloc(0);
  from = 0;
  to = 0;
  /** The tag's text as latin1 (attributes are ASCII). */
  text(): string {
    return this.buf.toString('latin1', this.from, this.to);
  }
}

export interface TagHandler {
  /** A start tag (`empty` when it closes itself). */
  open(name: string, tag: Tag, empty: boolean): void;
  close(name: string): void;
  /** A run of text (or part of one: runs split across chunks come in pieces): bytes [from, to) of buf. */
  text(buf: Buffer, from: number, to: number): void;
  /** Where the scan is now, for a message (the sheet and the last cell seen). */
  where(): CapWhere;
}

const LT = 0x3c;
const GT = 0x3e;
/** A text run longer than this many bytes holds more than CAPS.cellChars characters, whatever its entities. */
export const TEXT_RUN_BYTES = CAPS.cellChars * 8;

const isNameEnd = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x2f || b === GT;

const shortNames = new Map<number, string>();

/** The one-letter names (c, v, f, t, r …) by their byte. */
const ONE_LETTER: (string | undefined)[] = Array.from({ length: 128 }, (_, b) => (/[A-Za-z]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : undefined));

/** The local name of the tag starting at buf[at] (after '<' or '</'), without a namespace prefix (x:c → c). */
const nameAt = (buf: Buffer, at: number, end: number): string => {
  let e = at;
  let s = at;
  for (; e < end; e++) {
    const b = buf[e]!;
    if (isNameEnd(b)) break;
    if (b === 0x3a) s = e + 1;
  }
  const length = e - s;
  if (length === 1) {
    // c, v, f, t: the names of nearly every tag of a sheet, as constants.
    const name = ONE_LETTER[buf[s]!];
    if (name !== undefined) return name;
  }
  if (length > 24) return '';
  if (length <= 3) {
    // si, is, row and the like, read without making a string each time.
    const key = (length << 24) | (buf[s]! << 16) | ((length > 1 ? buf[s + 1]! : 0) << 8) | (length > 2 ? buf[s + 2]! : 0);
    let name = shortNames.get(key);
    if (name === undefined) shortNames.set(key, (name = buf.toString('latin1', s, e)));
    return name;
  }
  return buf.toString('latin1', s, e);
};

/**
 * Where the byte `b` is next, from `from`; −1 if nowhere. A loop, not Buffer.indexOf: the distances are a few
 * dozen bytes (a tag, a cell's value), where the call into C++ costs more than the search.
 */
const next = (buf: Buffer, b: number, from: number, n: number): number => {
  for (let i = from; i < n; i++) if (buf[i] === b) return i;
  return -1;
};

export class XmlScan {
  private carry: Buffer | null = null;
  private readonly tag = new Tag();
  private depth = 0;
  private run = 0;

  /** `runCap`: the longest run of text allowed (null for the shared strings, whose handler counts each string). */
  constructor(
    private readonly handler: TagHandler,
    private readonly runCap: number | null = TEXT_RUN_BYTES,
  ) {}

  private fail(cap: ConstructorParameters<typeof CapExceeded>[0], zh: string, en: string): never {
    throw new CapExceeded(cap, zh, en, this.handler.where());
  }

  private textRun(buf: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.handler.text(buf, from, to);
    this.run += to - from;
    if (this.runCap !== null && this.run > this.runCap) {
      this.fail('cellChars', `一段文字超过 ${fmt(CAPS.cellChars)} 个字符（Excel 单元格的上限），可能是压缩炸弹。`, `a run of text longer than ${fmt(CAPS.cellChars)} characters (Excel's limit for a cell); possibly a zip bomb.`);
    }
  }

  feed(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let i = 0;
    const n = buf.length;
    while (i < n) {
      const lt = next(buf, LT, i, n);
      if (lt < 0) {
        this.textRun(buf, i, n);
        return;
      }
      this.textRun(buf, i, lt);
      if (lt + 1 >= n) return this.keep(buf, lt);
      const kind = buf[lt + 1]!;
      let end: number;
      if (kind === 0x21 /* ! */) {
        if (lt + 9 > n) return this.keep(buf, lt);
        const head = buf.toString('latin1', lt, lt + 9);
        if (head.startsWith('<!--')) {
          const close = buf.indexOf('-->', lt + 4, 'latin1');
          if (close < 0) return this.keep(buf, lt);
          i = close + 3;
          continue;
        }
        if (head === '<![CDATA[') {
          const close = buf.indexOf(']]>', lt + 9, 'latin1');
          if (close < 0) return this.keep(buf, lt);
          this.textRun(buf, lt + 9, close);
          i = close + 3;
          continue;
        }
        this.fail('dtd', `含有 XML 文档类型声明（<!DOCTYPE 或 <!ENTITY，可用于实体膨胀或读取本机文件），Excel/WPS 不会写入。`, 'holds an XML DOCTYPE or ENTITY declaration (entity expansion, external entities), which Excel never writes.');
      }
      end = next(buf, GT, lt + 1, n);
      if (end < 0) return this.keep(buf, lt);
      this.run = 0;
      if (kind === 0x3f /* ? */) {
        i = end + 1;
        continue;
      }
      if (kind === 0x2f /* / */) {
        this.depth--;
        this.handler.close(nameAt(buf, lt + 2, end));
      } else {
        const empty = buf[end - 1] === 0x2f;
        if (!empty && ++this.depth > CAPS.xmlDepth) {
          this.fail('xmlDepth', `XML 嵌套超过 ${CAPS.xmlDepth} 层。`, `XML nested deeper than ${CAPS.xmlDepth} levels.`);
        }
        const name = nameAt(buf, lt + 1, end);
        if (name !== '') {
          const tag = this.tag;
          tag.buf = buf;
          tag.from = lt;
          tag.to = end + 1;
          this.handler.open(name, tag, empty);
        }
      }
      i = end + 1;
    }
  }

  /** Keeps an unfinished tag for the next chunk: a tag (or comment) longer than CAPS.tagBytes is refused. */
  private keep(buf: Buffer, from: number): void {
    if (buf.length - from > CAPS.tagBytes) {
      this.fail('tagBytes', `一个 XML 标记超过 1 MiB。`, 'an XML tag longer than 1 MiB.');
    }
    this.carry = Buffer.from(buf.subarray(from));
  }

  end(): void {
    if (this.carry && this.carry.length > 0) this.carry = null; // an unfinished tag at the end: the readers will say it is damaged
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;

const fromCode = (code: number): string => (code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD');

/** XML text with its character references resolved (DOCTYPEs are refused before, so only the five named ones). */
export const decodeXmlText = (s: string): string =>
  s.indexOf('&') < 0 ? s : s.replace(ENTITY, (_, dec?: string, hex?: string, name?: string) => (dec ? fromCode(Number(dec)) : hex ? fromCode(parseInt(hex, 16)) : NAMED[name!]!));

const attrPatterns = new Map<string, RegExp>();

/** Where the values of a cell tag's r, t and s lie in its bytes ([from, to); from −1: absent). */
export interface CellRanges {
  rFrom: number;
  rTo: number;
  tFrom: number;
  tTo: number;
  sFrom: number;
  sTo: number;
}

/** One attribute of a start tag as nextAttribute finds it: its local name [local, nameEnd) and value [valueFrom, valueTo). */
interface AttributeAt {
  local: number;
  nameEnd: number;
  valueFrom: number;
  valueTo: number;
}

/** nextAttribute's answers besides a position: the tag has no more attributes, or is written in a way it does not follow. */
const TAG_END = -1;
const UNREADABLE = -2;

/** Reused by cellRanges and rowRanges, which keep nothing of it. */
const attribute: AttributeAt = { local: 0, nameEnd: 0, valueFrom: 0, valueTo: 0 };

/**
 * From byte i of a start tag (after its name or an attribute), the next attribute into `at`, and where to go on from;
 * TAG_END at the end of the tag, UNREADABLE for a blank around '=' or an unquoted value (read from the text then).
 */
const nextAttribute = (buf: Buffer, i: number, to: number, at: AttributeAt): number => {
  while (i < to && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
  if (i >= to || buf[i] === 0x2f || buf[i] === GT) return TAG_END;
  let local = i;
  const start = i;
  while (i < to && buf[i] !== 0x3d && !isNameEnd(buf[i]!)) {
    if (buf[i] === 0x3a) local = i + 1;
    i++;
  }
  const quote = buf[i + 1];
  if (buf[i] !== 0x3d || (quote !== 0x22 && quote !== 0x27) || i === start) return UNREADABLE;
  const end = buf.indexOf(quote, i + 2);
  if (end < 0 || end >= to) return UNREADABLE;
  at.local = local;
  at.nameEnd = i;
  at.valueFrom = i + 2;
  at.valueTo = end;
  return end + 1;
};

/** Where a start tag's attributes begin: after its name. */
const afterName = (buf: Buffer, from: number, to: number): number => {
  let i = from + 1;
  while (i < to && !isNameEnd(buf[i]!)) i++;
  return i;
};

/**
 * Finds r, t and s in a <c> tag's bytes without making a string; false when the tag is written in a way this loop
 * does not follow (a blank around '=', an unquoted value), which cellAttrs then reads from the tag's text.
 */
export const cellRanges = (buf: Buffer, from: number, to: number, out: CellRanges): boolean => {
  out.rFrom = out.tFrom = out.sFrom = -1;
  const at = attribute;
  for (let i = afterName(buf, from, to); ; ) {
    i = nextAttribute(buf, i, to, at);
    if (i < 0) return i === TAG_END;
    if (at.nameEnd - at.local !== 1) continue;
    const c = buf[at.local];
    if (c === 0x72 && out.rFrom < 0) {
      out.rFrom = at.valueFrom;
      out.rTo = at.valueTo;
    } else if (c === 0x74 && out.tFrom < 0) {
      out.tFrom = at.valueFrom;
      out.tTo = at.valueTo;
    } else if (c === 0x73 && out.sFrom < 0) {
      out.sFrom = at.valueFrom;
      out.sTo = at.valueTo;
    }
  }
};

/** Where the values of a row tag's r and hidden lie in its bytes ([from, to); from −1: absent). */
export interface RowRanges {
  rFrom: number;
  rTo: number;
  hiddenFrom: number;
  hiddenTo: number;
}

const HIDDEN = [0x68, 0x69, 0x64, 0x64, 0x65, 0x6e]; // hidden

/** r and hidden of a <row> tag from its bytes, as cellRanges reads a cell's; false when the tag is written otherwise. */
export const rowRanges = (buf: Buffer, from: number, to: number, out: RowRanges): boolean => {
  out.rFrom = out.hiddenFrom = -1;
  const at = attribute;
  for (let i = afterName(buf, from, to); ; ) {
    i = nextAttribute(buf, i, to, at);
    if (i < 0) return i === TAG_END;
    const length = at.nameEnd - at.local;
    if (length === 1 && buf[at.local] === 0x72 && out.rFrom < 0) {
      out.rFrom = at.valueFrom;
      out.rTo = at.valueTo;
    } else if (length === 6 && out.hiddenFrom < 0 && HIDDEN.every((b, k) => buf[at.local + k] === b)) {
      out.hiddenFrom = at.valueFrom;
      out.hiddenTo = at.valueTo;
    }
  }
};

/** The attributes of a cell's start tag that the import reads. */
export interface CellAttrs {
  r: string | null;
  t: string | null;
  s: string | null;
}

/** r, t and s of a <c> tag from its text: for a tag cellRanges does not follow (a blank around '=', say). */
export const cellAttrs = (tag: string, out: CellAttrs): CellAttrs => {
  out.r = attr(tag, 'r');
  out.t = attr(tag, 't');
  out.s = attr(tag, 's');
  return out;
};

/** An attribute's value in a tag's text (`r="A1"`), or null. */
export const attr = (tag: string, name: string): string | null => {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? (m[1] ?? m[2] ?? '') : null;
};
