/** Writes a file whole or not at all: to FILE.part, then renamed, so that a reader never sees half a report. */
import fs from 'node:fs';

export const writeFileAtomic = (out: string, data: Uint8Array): void => {
  const tmp = `${out}.part`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, out);
};
