/**
 * 报告 (issue 10): the report shown in the page before it is saved — every page of the PDF the services write for the
 * same choices, drawn by pdf.js — then printed (the window prints those pages and nothing else) and saved as PDF and
 * Word. At 1024×768 and 1366×768; screenshots go to test-output/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/hardening';
import { tempDir } from '../helpers/files';
import { importChuxiongSample } from '../helpers/seeds';
import { SHOTS, useWorkbench } from './browser-mode';
import { WorkbenchPage } from './pages';

let services: Handlers;
const bench = useWorkbench({
  viewport: { width: 1024, height: 768 },
  seed: async (h) => {
    services = h;
    await importChuxiongSample(h);
  },
});

const pagesOf = (file: string): number => Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

describe('报告', () => {
  for (const size of [
    { width: 1024, height: 768 },
    { width: 1366, height: 768 },
  ]) {
    it(`previews the mid-term report page by page, prints those pages and saves PDF and Word, at ${size.width}×${size.height}`, async () => {
      const page = bench.page;
      await page.setViewportSize(size);
      // Served with the desktop window's Content-Security-Policy (app://): pdf.js and its worker must run under it.
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
      });
      await page.route('**/*', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CONTENT_SECURITY_POLICY } });
      });
      const app = new WorkbenchPage(page);
      await app.open(bench.url);
      await app.goTo('报告');
      const form = page.getByRole('region', { name: '报告' });
      await form.getByLabel('规划').selectOption({ label: '楚雄州民政事业发展“十四五”规划' });
      await form.getByLabel('数据年份').selectOption({ label: '2023年' });
      await expect(form.getByLabel('报告类型').inputValue()).resolves.toBe('midterm');
      await form.getByLabel('成文日期').fill('2024-03-01');
      await expect(form.getByRole('button', { name: '打印' }).isDisabled()).resolves.toBe(true);

      // What the services write for the same choices, counted by poppler.
      const reference = path.join(tempDir(), 'reference.pdf');
      await services['reports.write']({ plan: 'chuxiong', year: 2023, kind: 'midterm', date: '2024-03-01', out: reference });
      const pages = pagesOf(reference);
      expect(pages).toBeGreaterThan(5);

      await form.getByRole('button', { name: '预览' }).click();
      const preview = page.getByRole('document', { name: '中期评估报告预览' });
      await preview.getByText(`共 ${pages} 页`).waitFor({ timeout: 30_000 });
      await expect.poll(() => preview.getByRole('img', { name: /^第 \d+ 页$/ }).count(), { timeout: 30_000 }).toBe(pages);
      // The first page is drawn: dark ink on white, not an empty canvas.
      const inked = await preview.getByRole('img', { name: '第 1 页' }).evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
        return dark / (c.width * c.height);
      });
      expect(inked).toBeGreaterThan(0.005);
      await page.screenshot({ path: path.join(SHOTS, `report-preview-${size.width}.png`) });

      // Printing the window: the report's pages, one printed page each, without the sections or the controls.
      await expect(form.getByRole('button', { name: '打印' }).isEnabled()).resolves.toBe(true);
      const printed = path.join(tempDir(), 'printed.pdf');
      await page.emulateMedia({ media: 'print' });
      fs.writeFileSync(printed, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
      await page.emulateMedia({ media: 'screen' });
      expect(pagesOf(printed)).toBe(pages);
      expect(execFileSync('pdftotext', [printed, '-'], { encoding: 'utf8' })).not.toMatch(/预览|保存 PDF|导入数据/);

      // Saved as PDF and as Word, under the region's name.
      await form.getByRole('button', { name: '保存 PDF' }).click();
      const pdfLink = page.getByRole('link', { name: '楚雄彝族自治州2023年中期评估报告.pdf' });
      await pdfLink.waitFor({ timeout: 30_000 });
      const saved = path.join(tempDir(), 'saved.pdf');
      fs.writeFileSync(saved, await (await page.request.get(new URL((await pdfLink.getAttribute('href'))!, bench.url).toString())).body());
      expect(pagesOf(saved)).toBe(pages);
      expect(execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' })).toContain('2024年3月1日');
      await form.getByRole('button', { name: '保存 Word' }).click();
      const docx = page.getByRole('link', { name: '楚雄彝族自治州2023年中期评估报告.docx' });
      await docx.waitFor({ timeout: 30_000 });
      const word = await (await page.request.get(new URL((await docx.getAttribute('href'))!, bench.url).toString())).body();
      expect(word.subarray(0, 2).toString()).toBe('PK');

      // Another year: the preview is of the old choice, and says so; nothing to print until previewed again.
      await form.getByLabel('数据年份').selectOption({ label: '2022年' });
      await page.getByText('所选已改变，请重新预览。').waitFor();
      await expect(form.getByRole('button', { name: '打印' }).isDisabled()).resolves.toBe(true);
      expect(refused).toEqual([]);
      await page.unroute('**/*');
    }, 90_000);
  }
});
