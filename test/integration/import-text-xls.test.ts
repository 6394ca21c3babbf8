/**
 * The .xls files provincial systems export that are not Excel files: an HTML table saved as .xls (Excel opens it)
 * and Excel 2003 XML (SpreadsheetML). Both are read like any sheet, with a note saying what the file really is;
 * the same HTML named .xlsx is refused with a hint.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import { freshDb, tempDir } from '../helpers/files';

const html = `<html><head><meta charset="utf-8"></head><body>
<table><tr><td colspan="3">双柏县民政统计（2023年）</td></tr>
<tr><td>地区：双柏县</td></tr>
<tr><td>指标名称</td><td>单位</td><td>2023年</td></tr>
<tr><td>养老机构床位总数</td><td>张</td><td>1,350</td></tr>
<tr><td>护理型床位数</td><td>张</td><td>702</td></tr></table></body></html>`;

const spreadsheetMl = `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="2023年"><Table>
  <Row><Cell><Data ss:Type="String">地区：双柏县</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">指标名称</Data></Cell><Cell><Data ss:Type="String">单位</Data></Cell><Cell><Data ss:Type="String">2023年</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">养老机构床位总数</Data></Cell><Cell><Data ss:Type="String">张</Data></Cell><Cell><Data ss:Type="Number">1350</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>`;

describe('an .xls that is really a web page or Excel 2003 XML', () => {
  it('reads an HTML table saved as .xls, saying what the file is', async () => {
    const h = createHandlers(freshDb().db);
    const file = path.join(tempDir(), '民政统计.xls');
    fs.writeFileSync(file, html);
    const r = await h['import.run']({ file });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.problems.some((p) => p.severity === 'warning' && p.message.includes('网页表格'))).toBe(true);
    expect(await h['observations.source']({ region: '532322', series: '养老机构床位总数', year: 2023 })).toMatchObject({ value: 1350 });
    expect(await h['observations.source']({ region: '532322', series: '护理型床位数', year: 2023 })).toMatchObject({ value: 702 });
  });

  it('reads SpreadsheetML 2003 saved as .xls', async () => {
    const h = createHandlers(freshDb().db);
    const file = path.join(tempDir(), '报表2003.xls');
    fs.writeFileSync(file, spreadsheetMl);
    const r = await h['import.run']({ file });
    expect(r.ok).toBe(true);
    expect(r.problems.some((p) => p.message.includes('SpreadsheetML'))).toBe(true);
    expect(await h['observations.source']({ region: '532322', series: '养老机构床位总数', year: 2023 })).toMatchObject({ value: 1350 });
  });

  it('still refuses the same HTML named .xlsx, with a hint to save it as .xlsx', async () => {
    const h = createHandlers(freshDb().db);
    const file = path.join(tempDir(), '民政统计.xlsx');
    fs.writeFileSync(file, html);
    await expect(h['import.run']({ file })).rejects.toThrow(/HTML/);
  });
});
