/**
 * The three people the app is for, each through their whole task in the browser, at 1024×768 and at 1366×768
 * (issue 10, item 4). Screenshots of each step go to test-output/roles-*.png.
 * - the clerk: a bad workbook → its problems by cell → the corrected workbook → import → undo;
 * - the bureau: the mid-term evaluation → its own paragraph → the report previewed, saved as PDF and as Word;
 * - the leader: 领导一览 → the rows behind, binding first → the one-page summary previewed, printed and saved.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api';
import { longSheet, tempDir, writeWorkbook } from '../helpers/files';
import { importChuxiongSample } from '../helpers/seeds';
import { SHOTS, useWorkbench } from './browser-mode';
import { chooseRegion, EvaluationView, ImportView, openedDialog, WorkbenchPage } from './pages';

let services: Handlers;
const bench = useWorkbench({
  viewport: { width: 1024, height: 768 },
  seed: async (h) => {
    services = h;
    await importChuxiongSample(h);
  },
});
const PLAN = '楚雄州民政事业发展“十四五”规划';
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
];

const pagesOf = (file: string): number => Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const download = async (page: Page, name: string | RegExp, to: string): Promise<string> => {
  const link = page.getByRole('link', { name });
  await link.waitFor({ timeout: 30_000 });
  fs.writeFileSync(to, await (await page.request.get(new URL((await link.getAttribute('href'))!, bench.url).toString())).body());
  return to;
};
const shot = (page: Page, name: string, width: number) => page.screenshot({ path: path.join(SHOTS, `roles-${name}-${width}.png`) });

/** What 打印 prints: the button is pressed (window.print stubbed to note the page's print mode), then printed to PDF. */
const printed = async (page: Page, button: string): Promise<string> => {
  await page.evaluate(() => {
    (window as unknown as { printedAs: string | null }).printedAs = null;
    window.print = () => ((window as unknown as { printedAs: string | null }).printedAs = document.body.dataset.print ?? '');
  });
  await page.getByRole('button', { name: button }).click();
  await expect(page.evaluate(() => (window as unknown as { printedAs: string | null }).printedAs)).resolves.toBe('preview');
  const file = path.join(tempDir(), 'printed.pdf');
  await page.evaluate(() => (document.body.dataset.print = 'preview'));
  await page.emulateMedia({ media: 'print' });
  fs.writeFileSync(file, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => delete document.body.dataset.print);
  return file;
};

describe('the clerk', () => {
  for (const size of SIZES) {
    it(`finds the bad cells, imports the corrected workbook and undoes it, at ${size.width}×${size.height}`, async () => {
      const page = bench.page;
      await page.setViewportSize(size);
      const app = new WorkbenchPage(page);
      await app.open(bench.url);
      await app.goTo('导入数据');
      const dir = tempDir();
      const bad = await writeWorkbook(path.join(dir, '11月报表.xlsx'), [{ name: '月报', rows: longSheet('地区：双柏县', [2024], [['养老机构床位总数', '张', '三十'], ['不存在的指标', '个', 5]]) }]);
      const view = new ImportView(page);
      await view.check(bad);
      const problems = page.getByRole('table', { name: '问题' });
      await problems.getByRole('cell', { name: 'C3', exact: true }).waitFor();
      await problems.getByRole('cell', { name: 'A4', exact: true }).waitFor();
      await expect(page.locator('.import-steps .ant-steps-item-error').innerText()).resolves.toContain('试导入');
      await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
      await shot(page, 'clerk-problems', size.width);

      // The corrected sheet does not say whose figures it holds: the clerk chooses 双柏县 in the region tree.
      const fixed = await writeWorkbook(path.join(dir, '11月报表（改）.xlsx'), [{ name: '月报', rows: longSheet(null, [2024], [['养老机构床位总数', '张', 30 + size.width]]) }]);
      await page.getByLabel('范围').selectOption({ label: '楚雄彝族自治州' });
      await chooseRegion(page, '双柏县', page, '地区（表中未写明时）');
      await view.check(fixed);
      await page.getByText('工作表“月报”：双柏县，1 个数值').waitFor();
      await page.getByText('试导入（未写入）：将写入 1 个数值').waitFor();
      await view.confirm();
      const batch = Number(/已导入，批次 (\d+)/.exec(await page.getByText(/已导入，批次 \d+/).innerText())![1]);
      await expect(page.locator('.import-steps .ant-steps-item-finish').count()).resolves.toBe(3);
      await shot(page, 'clerk-imported', size.width);

      await page.getByRole('button', { name: /到“导入记录”/ }).click();
      await page.locator('nav[aria-label="功能"] button[aria-current="page"]', { hasText: '导入记录' }).waitFor();
      const row = page.getByRole('row', { name: new RegExp(`^${batch}\\b`) });
      // The batch's values under its row: where each was read, what it is, the sample's value it replaced, and that it is still the one stored.
      await row.getByRole('button', { name: '查看数值' }).click();
      const values = page.locator('.batch-values');
      await values.getByRole('cell', { name: '月报!C2', exact: true }).waitFor();
      await expect(values.getByRole('row').filter({ hasText: '月报!C2' }).innerText()).resolves.toMatch(/月报!C2\s+双柏县\s+养老机构床位总数\s+2024年\s+\d+\s+张\s+\d+\s+现存/);
      await shot(page, 'clerk-batch-values', size.width);
      await row.getByRole('button', { name: '撤销' }).click();
      const ask = await openedDialog(page, `撤销第 ${batch} 批？`);
      await ask.getByRole('button', { name: '撤销', exact: true }).click();
      await page.getByText(`已撤销第 ${batch} 批：删除 1 个数值`, { exact: false }).waitFor();
      await page.getByText('该批已撤销：它写入的数值已删除，被它替换的原值已恢复。').waitFor();
      await shot(page, 'clerk-undone', size.width);
    }, 90_000);
  }
});

describe('the bureau', () => {
  for (const size of SIZES) {
    it(`writes its paragraph into the mid-term report, previewed and saved as PDF and Word, at ${size.width}×${size.height}`, async () => {
      const page = bench.page;
      await page.setViewportSize(size);
      const app = new WorkbenchPage(page);
      await app.open(bench.url);
      await app.goTo('评估');
      await new EvaluationView(page).choose({ plan: PLAN, year: '2023年' });
      await page.getByRole('heading', { name: /楚雄彝族自治州 · 2023年中期评估/ }).waitFor();
      const words = `加快护理型床位改造，${size.width}。`;
      const paragraphs = page.locator('details', { hasText: '本单位填写的报告段落' });
      // (Open already when a paragraph is stored.)
      if ((await paragraphs.getAttribute('open')) === null) await page.getByText(/本单位填写的报告段落/).click();
      await page.getByLabel('段落名称').selectOption('measures');
      await page.getByLabel('段落内容').fill(words);
      // Not lost unsaved: another paragraph and back, then a reload, and the typed text is still in the box.
      await page.getByText('尚未保存', { exact: false }).waitFor();
      await page.getByLabel('段落名称').selectOption('tasks');
      await expect(page.getByLabel('段落内容').inputValue()).resolves.toBe('');
      await page.getByLabel('段落名称').selectOption('measures');
      await expect(page.getByLabel('段落内容').inputValue()).resolves.toBe(words);
      await page.reload();
      await page.getByRole('heading', { name: /楚雄彝族自治州 · 2023年中期评估/ }).waitFor();
      if ((await paragraphs.getAttribute('open')) === null) await page.getByText(/本单位填写的报告段落/).click();
      await page.getByLabel('段落名称').selectOption('measures');
      await expect.poll(() => page.getByLabel('段落内容').inputValue()).toBe(words);
      await page.locator('details').getByLabel('填写人').fill('张三');
      await page.getByRole('button', { name: '保存段落' }).click();
      // Saved, and says when.
      await page.getByText(/^已于 \d{1,2}:\d{2}:\d{2} 保存/).waitFor();
      await page.getByText(/已填 1 段/).waitFor();
      await expect(page.getByText('尚未保存', { exact: false }).count()).resolves.toBe(0);
      await shot(page, 'bureau-paragraph', size.width);

      await app.goTo('报告');
      const form = page.getByRole('region', { name: '报告' });
      await form.getByLabel('数据年份').selectOption({ label: '2023年' });
      await form.getByRole('button', { name: '预览' }).click();
      const preview = page.getByRole('document', { name: '中期评估报告预览' });
      await preview.getByText(/共 \d+ 页/).waitFor({ timeout: 30_000 });
      await shot(page, 'bureau-preview', size.width);
      await form.getByRole('button', { name: '保存 PDF' }).click();
      const pdf = await download(page, '楚雄彝族自治州2023年中期评估报告.pdf', path.join(tempDir(), 'r.pdf'));
      expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(words);
      expect(await preview.getByText(`共 ${pagesOf(pdf)} 页`).count()).toBe(1);
      await form.getByRole('button', { name: '保存 Word' }).click();
      const docx = await download(page, '楚雄彝族自治州2023年中期评估报告.docx', path.join(tempDir(), 'r.docx'));
      const xml = strFromU8(unzipSync(fs.readFileSync(docx))['word/document.xml']!);
      expect(xml.replace(/<[^>]+>/g, '')).toContain(words);
    }, 90_000);
  }
});

describe('the leader', () => {
  for (const size of SIZES) {
    it(`sees the rows behind, binding first, and previews, prints and saves the one-page summary, at ${size.width}×${size.height}`, async () => {
      const page = bench.page;
      await page.setViewportSize(size);
      const app = new WorkbenchPage(page);
      await app.open(bench.url);
      await app.goTo('领导一览');
      await page.getByRole('heading', { name: /楚雄彝族自治州 · 2025年总结评估/ }).waitFor();
      const rows = (await services['evaluation.run']({ plan: 'chuxiong', year: 2025 })).rows;
      const binding = rows.filter((r) => r.attribute === '约束性' && ['滞后', '倒退', '未实现', '未完成', '不符合要求', '偏离'].includes(r.status));
      expect(binding.length).toBeGreaterThan(0);
      const attention = page.getByRole('table', { name: '需要关注的指标' });
      await expect(attention.locator('tbody tr').first().innerText()).resolves.toContain(binding[0]!.name);
      await shot(page, 'leader-overview', size.width);

      await page.getByRole('button', { name: '预览摘要' }).click();
      const preview = page.getByRole('document', { name: '评估摘要预览' });
      await preview.getByText('共 1 页').waitFor({ timeout: 30_000 });
      await preview.getByRole('img', { name: '第 1 页' }).waitFor();
      await preview.scrollIntoViewIfNeeded();
      await shot(page, 'leader-summary', size.width);
      const paper = await printed(page, '打印摘要');
      // The summary alone: one sheet, none of the page's cards, table or chart.
      expect(pagesOf(paper)).toBe(1);
      expect(execFileSync('pdftotext', [paper, '-'], { encoding: 'utf8' })).not.toMatch(/需要关注的指标|已实现或快于进度/);

      await page.getByRole('button', { name: '生成一页摘要（PDF，可打印）' }).click();
      const saved = await download(page, '楚雄彝族自治州2025年评估摘要.pdf', path.join(tempDir(), 's.pdf'));
      expect(pagesOf(saved)).toBe(1);
    }, 90_000);
  }
});
