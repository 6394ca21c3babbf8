/**
 * Writes the plan fixtures into test/fixtures/plans/ from scripts/plan-15th-table.ts: the same made-up 15th-FYP
 * county plan as .xlsx (exceljs, merged heading cells), .docx (docx, gridSpan heading rows) and pasted text (UTF-8
 * and GB18030). Run with `npm run fixtures:plans`; the files are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import iconv from 'iconv-lite';
import {
  cellText,
  PLAN_15TH_CAPTION,
  PLAN_15TH_DOC_NUMBER,
  PLAN_15TH_HEADER,
  PLAN_15TH_INTRO,
  PLAN_15TH_ISSUER,
  PLAN_15TH_NOTE,
  PLAN_15TH_PASTED_TEXT,
  PLAN_15TH_ROWS,
  PLAN_15TH_SCHEDULE,
  PLAN_15TH_TITLE,
} from './plan-15th-table';

const out = path.resolve('test/fixtures/plans');
const width = PLAN_15TH_HEADER.length;

/** Sheet: title (row 1) and caption (row 2) merged across, header on row 3, then the rows; a note after a blank row. */
const writeXlsx = async (file: string): Promise<void> => {
  const wb = new ExcelJS.Workbook();
  wb.creator = PLAN_15TH_ISSUER;
  // A fixed date keeps the file byte-stable between runs.
  wb.created = new Date(Date.UTC(2026, 0, 15));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('主要指标');
  const last = String.fromCharCode(64 + width);
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').value = PLAN_15TH_TITLE;
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = PLAN_15TH_CAPTION;
  ws.getRow(3).values = PLAN_15TH_HEADER;
  let r = 4;
  for (const row of PLAN_15TH_ROWS) {
    if ('heading' in row) {
      ws.mergeCells(`A${r}:${last}${r}`);
      ws.getCell(`A${r}`).value = row.heading;
    } else {
      row.cells.forEach((cell, c) => {
        const target = ws.getCell(r, c + 1);
        if (typeof cell === 'string') {
          if (cell !== '') target.value = cell;
        } else {
          target.value = cell.value;
          if (cell.numFmt !== 'General') target.numFmt = cell.numFmt;
        }
      });
    }
    r++;
  }
  ws.getCell(`A${r + 1}`).value = PLAN_15TH_NOTE;
  ws.columns.forEach((col, i) => (col.width = i === 1 ? 30 : 14));
  await wb.xlsx.writeFile(file);
};

const cell = (text: string, columnSpan = 1): TableCell =>
  new TableCell({ children: [new Paragraph(text)], ...(columnSpan > 1 ? { columnSpan } : {}) });

/** Word: title, issuer, 文号, a body sentence, the caption, the table, the note and the schedule sentence. */
const writeDocx = async (file: string): Promise<void> => {
  const rows = [
    new TableRow({ children: PLAN_15TH_HEADER.map((h) => cell(h)), tableHeader: true }),
    ...PLAN_15TH_ROWS.map((row) =>
      'heading' in row ? new TableRow({ children: [cell(row.heading, width)] }) : new TableRow({ children: row.cells.map((c) => cell(cellText(c))) }),
    ),
  ];
  const doc = new Document({
    creator: PLAN_15TH_ISSUER,
    title: PLAN_15TH_TITLE,
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: PLAN_15TH_TITLE, bold: true, size: 44 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(PLAN_15TH_ISSUER)] }),
          // 文号 typed in two runs, as Word splits text when it is edited: readers must join w:t.
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('双民发〔2026〕'), new TextRun('3号')] }),
          new Paragraph(''),
          new Paragraph(PLAN_15TH_INTRO),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: PLAN_15TH_CAPTION, bold: true })] }),
          new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
          new Paragraph(PLAN_15TH_NOTE),
          new Paragraph(PLAN_15TH_SCHEDULE),
        ],
      },
    ],
  });
  fs.writeFileSync(file, await Packer.toBuffer(doc));
};

if (PLAN_15TH_DOC_NUMBER !== '双民发〔2026〕3号') throw new Error('the 文号 runs above no longer match PLAN_15TH_DOC_NUMBER');
fs.mkdirSync(out, { recursive: true });
const written = [
  path.join(out, 'plan-15th.xlsx'),
  path.join(out, 'plan-15th.docx'),
  path.join(out, 'plan-15th.txt'),
  path.join(out, 'plan-15th-gb18030.txt'),
];
await writeXlsx(written[0]!);
await writeDocx(written[1]!);
fs.writeFileSync(written[2]!, PLAN_15TH_PASTED_TEXT, 'utf8');
fs.writeFileSync(written[3]!, iconv.encode(PLAN_15TH_PASTED_TEXT, 'gb18030'));
for (const file of written) console.log(`wrote ${path.relative(process.cwd(), file)}`);
