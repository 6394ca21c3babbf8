/**
 * The plan's own particulars read from the paragraphs around its tables: title (《…规划》 or a line ending in 规划),
 * issuer, document number (黔民发〔2021〕10号) and the sentences that set monitoring and evaluation.
 */

export interface DocMeta {
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  scheduleText: string | null;
}

const TOP = 12;

/** A heading line, not a sentence. */
const isHeadingLine = (text: string): boolean => text.length <= 50 && !/[，,。；;：:]/u.test(text);

const titleOf = (paragraphs: readonly string[]): string | null => {
  const top = paragraphs.slice(0, TOP);
  const line = top.find((p) => isHeadingLine(p) && /规划$/u.test(p));
  if (line !== undefined) return line;
  for (const p of paragraphs.filter((q, i) => i < 3 || /印发/u.test(q))) {
    const m = /《([^《》]*规划)》/u.exec(p);
    if (m) return m[1]!;
  }
  return null;
};

const ISSUER_END = /(局|厅|委员会|人民政府|办公室)$/u;

const issuerOf = (paragraphs: readonly string[]): string | null => {
  const line = paragraphs.slice(0, TOP).find((p) => isHeadingLine(p) && ISSUER_END.test(p) && p.length <= 30);
  if (line !== undefined) return line;
  for (const p of paragraphs) {
    const about = /^(.{2,40}?)关于印发/u.exec(p);
    if (about) return about[1]!.trim();
    const printed = /^(\S{2,30}?(?:局|厅|委员会|人民政府|办公室))[\s\u3000]+\d{4}\s*年.{0,12}印发$/u.exec(p);
    if (printed) return printed[1]!.replace(/(局|厅)办公室$/u, '$1');
  }
  return null;
};

const DOC_NUMBER = /([\u4e00-\u9fa5]{1,10})[\s\u3000]*([〔［\[(（]\s*(?:19|20)\d\d\s*[〕］\])）]\s*\d{1,4}\s*号)/u;

/** 黔民发〔2021〕10号, spaces of the copy removed; the prefix starts after a preceding 通知/》/的 run-in. */
const docNumberOf = (paragraphs: readonly string[]): string | null => {
  for (const p of paragraphs.filter((q, i) => i < TOP || /印发/u.test(q))) {
    const m = DOC_NUMBER.exec(p);
    if (!m) continue;
    const prefix = m[1]!.replace(/^.*[知》的：:]/u, '');
    if (prefix !== '') return (prefix + m[2]!).replace(/[\s\u3000]+/gu, '');
  }
  return null;
};

const SCHEDULE = /(年度|中期|终期|总结)[^。；]{0,8}(评估|监测)/u;

const scheduleOf = (paragraphs: readonly string[]): string | null => {
  const found: string[] = [];
  for (const p of paragraphs) {
    for (const sentence of p.match(/[^。]+。?/gu) ?? []) {
      const s = sentence.trim();
      if (SCHEDULE.test(s) && !found.includes(s)) found.push(s);
    }
  }
  return found.length > 0 ? found.join('') : null;
};

/** Reads title, issuer, document number and schedule sentences; each null when the text does not print it. */
export const readDocMeta = (paragraphs: readonly string[]): DocMeta => ({
  title: titleOf(paragraphs),
  issuer: issuerOf(paragraphs),
  docNumber: docNumberOf(paragraphs),
  scheduleText: scheduleOf(paragraphs),
});
