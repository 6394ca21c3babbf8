/**
 * The faces an official document needs — 小标宋 for the title, 仿宋 for the body, 黑体 for 一、 headings, 楷体 for
 * （一） headings — taken from the system when found (a government PC has SimSun, FangSong, SimHei, KaiTi and often
 * 方正小标宋) and otherwise from the open fonts bundled with the package (Noto Serif SC, Noto Sans SC). pdfmake has no
 * per-glyph fallback, so a face is used only if it has a glyph for every character it will print; otherwise the
 * next candidate is tried. Nothing is fetched at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fontkitModule } from '../lazy-modules';

export type Face = 'title' | 'fang' | 'hei' | 'kai' | 'song';

export interface FontChoice {
  /** File path, and the face name inside a .ttc collection. */
  file: string;
  postscript?: string;
  label: string;
  source: 'system' | 'bundled';
}

const require = createRequire(import.meta.url);
const bundled = (pkg: string, file: string): string => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const BUNDLED_SERIF: FontChoice = { file: bundled('@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'), label: 'Noto Serif SC', source: 'bundled' };
const BUNDLED_SERIF_BOLD: FontChoice = { file: bundled('@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'), label: 'Noto Serif SC Bold', source: 'bundled' };
const BUNDLED_SANS: FontChoice = { file: bundled('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf'), label: 'Noto Sans SC', source: 'bundled' };
const BUNDLED_SANS_BOLD: FontChoice = { file: bundled('@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'), label: 'Noto Sans SC Bold', source: 'bundled' };

const WINDOWS_FONTS = path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts');
const win = (file: string, label: string, postscript?: string): FontChoice => ({ file: path.join(WINDOWS_FONTS, file), label, source: 'system', ...(postscript ? { postscript } : {}) });

/** Candidates per face, best first: the faces a government office uses, then the bundled open fonts. */
export const CANDIDATES: Record<Face, { regular: FontChoice[]; bold: FontChoice[] }> = {
  title: { regular: [win('FZXBSJW.TTF', '方正小标宋简体'), win('simhei.ttf', '黑体'), BUNDLED_SERIF_BOLD], bold: [BUNDLED_SERIF_BOLD] },
  fang: { regular: [win('simfang.ttf', '仿宋'), win('simsun.ttc', '宋体', 'SimSun'), BUNDLED_SERIF], bold: [win('simhei.ttf', '黑体'), BUNDLED_SERIF_BOLD] },
  song: { regular: [win('simsun.ttc', '宋体', 'SimSun'), BUNDLED_SERIF], bold: [BUNDLED_SERIF_BOLD] },
  hei: { regular: [win('simhei.ttf', '黑体'), BUNDLED_SANS], bold: [win('simhei.ttf', '黑体'), BUNDLED_SANS_BOLD] },
  kai: { regular: [win('simkai.ttf', '楷体'), BUNDLED_SERIF], bold: [win('simkai.ttf', '楷体'), BUNDLED_SERIF_BOLD] },
};

type OpenFont = { hasGlyphForCodePoint(cp: number): boolean; ascent: number; descent: number; lineGap: number; unitsPerEm: number };
/** Each font file read once: the measuring font, and its bytes, which pdfmake embeds from memory. */
const opened = new Map<string, { font: OpenFont; bytes: Buffer } | null>();

const load = (choice: FontChoice): { font: OpenFont; bytes: Buffer } | null => {
  const key = `${choice.file}#${choice.postscript ?? ''}`;
  if (!opened.has(key)) {
    let entry: { font: OpenFont; bytes: Buffer } | null = null;
    if (fs.existsSync(choice.file)) {
      try {
        const bytes = fs.readFileSync(choice.file);
        entry = { font: fontkitModule().create(bytes, choice.postscript) as unknown as OpenFont, bytes };
      } catch {
        entry = null;
      }
    }
    opened.set(key, entry);
  }
  return opened.get(key)!;
};

const open = (choice: FontChoice): OpenFont | null => load(choice)?.font ?? null;

/**
 * A font's bytes for pdfmake, read once per process: a report embeds four faces from files of 10–15 MB each, which
 * pdfmake would otherwise read from disk for every family and every layout pass.
 */
export const fontBytes = (choice: FontChoice): Buffer | null => load(choice)?.bytes ?? null;

/** The characters of `text` that `choice` cannot print (whitespace ignored). */
export const missingGlyphs = (choice: FontChoice, text: string): string[] => {
  const font = open(choice);
  if (!font) return [...new Set(text)];
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (/\s/.test(ch)) continue;
    if (!font.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
};

/** The first candidate that exists and prints every character; the last one (bundled) otherwise. */
export const chooseFont = (candidates: FontChoice[], text: string): FontChoice => {
  for (const c of candidates) if (open(c) && missingGlyphs(c, text).length === 0) return c;
  return candidates[candidates.length - 1]!;
};

/**
 * Widths in points of texts in a face at a size, measured as pdfkit measures them (fontkit's layout with the features
 * given), remembered per text; null when the font cannot be opened.
 */
export const measurer = (choice: FontChoice, size: number): ((text: string, features?: string[]) => number) | null => {
  const font = open(choice) as (OpenFont & { layout(text: string, features?: string[]): { advanceWidth: number } }) | null;
  if (!font) return null;
  const known = new Map<string, number>();
  return (text, features) => {
    const key = features ? `${features.join(',')}\u0000${text}` : text;
    let w = known.get(key);
    if (w === undefined) {
      w = (font.layout(text, features).advanceWidth / font.unitsPerEm) * size;
      known.set(key, w);
    }
    return w;
  };
};

/** The line height of a face at a size, in points, as pdfmake computes it (ascent − descent + gap). */
export const lineHeightOf = (choice: FontChoice, size: number): number => {
  const f = open(choice);
  if (!f) return size * 1.45;
  return ((f.ascent - f.descent + f.lineGap) / f.unitsPerEm) * size;
};

export type FontSet = Record<Face, { normal: FontChoice; bold: FontChoice }>;

/** Chooses every face for the text each will print. */
export const chooseFonts = (textByFace: Record<Face, string>): FontSet => {
  const out = {} as FontSet;
  for (const face of Object.keys(CANDIDATES) as Face[]) {
    out[face] = { normal: chooseFont(CANDIDATES[face].regular, textByFace[face]), bold: chooseFont(CANDIDATES[face].bold, textByFace[face]) };
  }
  return out;
};

/** The bundled sans face that charts are drawn in when rendered to a picture (resvg, for Word's fallback image). */
export const chartFontFile = (): string => BUNDLED_SANS.file;
