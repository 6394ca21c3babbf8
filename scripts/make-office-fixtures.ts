/**
 * Builds the fixtures written by another office suite: workbooks made here with exceljs are opened and saved by
 * LibreOffice (headless) as .xlsx and as old .xls, into test/fixtures/office/. Run once with
 * `npm run fixtures:office` on a machine with LibreOffice (`apt-get install libreoffice-calc-nogui`); the files are
 * committed so that CI does not need LibreOffice.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

const out = path.resolve('test/fixtures/office');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pwb-office-'));

const longBook = async (file: string) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('楚雄州');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = '楚雄州民政主要指标（测试用）';
  ws.getCell('A2').value = '地区：楚雄州';
  ws.getRow(3).values = ['指标名称', '单位', '2020年', '2021年', '2022年', '2023年'];
  ws.getRow(4).values = ['养老机构床位总数', '张', 10000, 10200, 10300, 10500];
  ws.getRow(5).values = ['养老机构护理型床位数', '张', 3000, 3400, 3900, 4410];
  ws.getRow(6).values = ['社会组织专职工作人员数量（万人）', '', 0.121, 0.123, 0.12, 0.118];
  // A formula LibreOffice computes and saves with its result: 城乡社区综合服务设施数 = 500 + 500.
  ws.getRow(7).values = ['城乡社区综合服务设施数', '个', { formula: '500+500' }, 1000, 1000, 1000];
  ws.getRow(8).values = ['注：测试数据。'];
  await wb.xlsx.writeFile(file);
};

const wideBook = async (file: string) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2023年');
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = '双柏县各乡镇养老床位（2023年）';
  ws.getCell('A2').value = '填报单位：双柏县民政局';
  ws.getCell('A3').value = '乡镇';
  ws.mergeCells('A3:A4');
  ws.getCell('B3').value = '养老机构';
  ws.mergeCells('B3:C3');
  ws.getCell('B4').value = '床位总数（张）';
  ws.getCell('C4').value = '护理型床位数（张）';
  const towns = ['妥甸镇', '大庄镇', '法脿镇', '鄂嘉镇', '大麦地镇', '安龙堡乡', '爱尼山乡', '独田乡'];
  ws.getRow(5).values = ['合计', { formula: 'SUM(B6:B13)' }, { formula: 'SUM(C6:C13)' }];
  towns.forEach((t, i) => (ws.getRow(6 + i).values = [t, 100 + i, 30 + i]));
  await wb.xlsx.writeFile(file);
};

const convert = (source: string, format: 'xlsx' | 'xls', name: string) => {
  const dir = fs.mkdtempSync(path.join(work, format));
  const filter = format === 'xls' ? 'xls:MS Excel 97' : 'xlsx:Calc MS Excel 2007 XML';
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', filter, '--outdir', dir, source], { stdio: 'inherit' });
  const produced = path.join(dir, path.basename(source).replace(/\.xlsx$/, `.${format}`));
  fs.copyFileSync(produced, path.join(out, name));
  console.log(`wrote ${path.join(out, name)}`);
};

await longBook(path.join(work, 'long.xlsx'));
await wideBook(path.join(work, 'wide.xlsx'));
fs.mkdirSync(out, { recursive: true });
convert(path.join(work, 'long.xlsx'), 'xlsx', 'long-libreoffice.xlsx');
convert(path.join(work, 'long.xlsx'), 'xls', 'long-libreoffice.xls');
convert(path.join(work, 'wide.xlsx'), 'xlsx', 'wide-libreoffice.xlsx');
convert(path.join(work, 'wide.xlsx'), 'xls', 'wide-libreoffice.xls');
fs.rmSync(work, { recursive: true, force: true });
