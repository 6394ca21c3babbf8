/**
 * Region codes as offices write them: 6 digits (province, prefecture, county), 9 digits (township), or the 12-digit
 * statistical form with trailing zeros (532322000000 = 532322; 532322101000 = 532322101). Full-width digits folded.
 */
export const normaliseRegionCode = (text: string): string | null => {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (!/^\d{6}(\d{3})?(\d{3})?$/.test(t)) return null;
  let code = t;
  // The last three digits of the 12-digit form name a village (村/居委会); the tree stops at townships.
  if (code.length === 12) {
    if (!code.endsWith('000')) return null;
    code = code.endsWith('000000') ? code.slice(0, 6) : code.slice(0, 9);
  }
  if (code.length === 9 && code.endsWith('000')) code = code.slice(0, 6);
  return code;
};
