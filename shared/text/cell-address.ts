/** Spreadsheet column letters and numbers (A = 1, Z = 26, AA = 27), for the import, the plan files and the page. */

/** Upper-case column letters as their number; the caller bounds their length. */
export const columnNumber = (letters: string): number => {
  let col = 0;
  for (let i = 0; i < letters.length; i++) col = col * 26 + letters.charCodeAt(i) - 64;
  return col;
};

/** A column's number (1 and up) as its letters. */
export const columnName = (col: number): string => {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};
