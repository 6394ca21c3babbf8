/**
 * Writes the image of a new database (schema and built-ins) into dist/, named for the schema version and the
 * built-ins' fingerprint: run by scripts/build.mjs, so that a new database file is one write instead of ~90,000
 * inserts. Older images in dist/ are removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildNewDatabaseImage, newDatabaseImageFile } from '../main/db/open';

const file = newDatabaseImageFile();
const dir = path.dirname(file);
// Written under another name and renamed: a program that opens a new database meanwhile (the tests build while
// others run) reads the old image or the new one, never half of one.
const tmp = `${file}.${process.pid}.tmp`;
fs.writeFileSync(tmp, buildNewDatabaseImage());
fs.renameSync(tmp, file);
for (const old of fs.readdirSync(dir)) if (/^new-database-.*\.sqlite$/.test(old) && old !== path.basename(file)) fs.rmSync(path.join(dir, old), { force: true });
console.log(`build: ${path.relative(process.cwd(), file)} written`);
