/** Page objects for the browser-mode tests: what a clerk clicks and reads, by role and visible text. */
import type { Locator, Page } from 'playwright-core';

/** Types a code or name into the region field `label` and takes the first region offered (`option`), as a clerk does. */
const pickRegion = async (page: Page, option: string, text: string, within: Page | Locator, label: string) => {
  const box = within.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(text);
  await page.locator(option, { hasText: text }).first().waitFor();
  await box.press('Enter');
};

/** 地区 (RegionPicker): a region of the plan's tree. */
export const chooseRegion = (page: Page, text: string, within: Page | Locator = page, label = '地区') => pickRegion(page, '.ant-select-tree-treenode', text, within, label);

/** 地区 of the whole country (RegionSearch): a region the service finds by name or the start of its code. */
export const searchRegion = (page: Page, text: string, within: Page | Locator = page, label = '地区') => pickRegion(page, '.ant-select-item-option', text, within, label);

/**
 * An antd confirm dialog once it has finished opening: its zoom moves the buttons for a moment, and a click computed
 * while they move (a loaded machine draws few frames) can land beside the button.
 */
export const openedDialog = async (page: Page, name: string): Promise<Locator> => {
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.ant-modal[class*="-appear"], .ant-modal[class*="-enter"]').length === 0);
  return dialog;
};

export class WorkbenchPage {
  constructor(readonly page: Page) {}
  async open(url: string) {
    await this.page.goto(url);
    await this.page.getByRole('heading', { name: '规划监测评估工作台' }).waitFor();
  }
  async goTo(section: '领导一览' | '规划' | '评估' | '报告' | '下级地区对比' | '数据' | '目标分解' | '导入数据' | '导入记录') {
    const button = this.page.getByRole('navigation', { name: '功能' }).getByRole('button', { name: section, exact: true });
    await button.click();
    // The section is shown (its script, fetched on first opening, has arrived).
    await this.page.locator('nav[aria-label="功能"] button[aria-current="page"]', { hasText: section }).waitFor();
    await this.page.getByText('正在打开…').waitFor({ state: 'detached' });
  }
}

export class EvaluationView {
  constructor(readonly page: Page) {}
  async choose(options: { plan?: string; year?: string; region?: string }) {
    if (options.plan) await this.page.getByLabel('规划').selectOption({ label: options.plan });
    if (options.year) await this.page.getByLabel('数据年份').selectOption({ label: options.year });
    if (options.region !== undefined) await this.chooseRegion(options.region);
  }
  async chooseRegion(text: string) {
    await chooseRegion(this.page, text);
  }
  /** The region shown as chosen ('' when the plan's own). */
  /** The region the picker shows once its tree has come. */
  async regionShown(): Promise<string> {
    await this.page.locator('label.region-picker:not([data-loading])').waitFor();
    const item = this.page.locator('label.region-picker .ant-select-content-has-value');
    return (await item.count()) > 0 ? ((await item.first().getAttribute('title')) ?? '') : '';
  }
  /** The indicator table (antd's Table: its header and body are tables of their own inside this box). */
  table() {
    return this.page.locator('.ant-table-wrapper.indicators');
  }
  /** The plan rows shown (not antd's measuring row, not an opened row's detail). */
  rows() {
    return this.table().locator('tbody tr.ant-table-row');
  }
  /** Keeps only the rows whose column `column` is `value`. */
  async filter(column: string, value: string) {
    await this.table().locator('thead th', { hasText: column }).locator('.ant-table-filter-trigger').click();
    const menu = this.page.locator('.ant-table-filter-dropdown:visible');
    await menu.getByRole('menuitem', { name: value }).click();
    await menu.getByRole('button', { name: '确定' }).click();
    await menu.waitFor({ state: 'hidden' });
  }
  /** Shows every row again for `column`. */
  async resetFilter(column: string) {
    await this.table().locator('thead th', { hasText: column }).locator('.ant-table-filter-trigger').click();
    const menu = this.page.locator('.ant-table-filter-dropdown:visible');
    await menu.getByRole('button', { name: '重置' }).click();
    if (await menu.isVisible()) await menu.getByRole('button', { name: '确定' }).click();
    await menu.waitFor({ state: 'hidden' });
  }
}

export class ImportView {
  constructor(readonly page: Page) {}
  async check(file: string) {
    await this.page.getByLabel('选择文件').setInputFiles(file);
    await this.page.getByRole('button', { name: '试导入' }).click();
    await this.page.getByText(/试导入（未写入）|发现 \d+ 个错误/).waitFor();
  }
  async confirm() {
    await this.page.getByRole('button', { name: '确认导入' }).click();
    await this.page.getByText(/已导入，批次/).waitFor();
  }
}

export class TargetsView {
  constructor(readonly page: Page) {}
  private form(title: string) {
    return this.page.locator('.card', { has: this.page.getByRole('heading', { name: title }) });
  }
  async set(options: { region: string; row: string; target: string; by: string }) {
    const form = this.form('设置一项目标');
    await chooseRegion(this.page, options.region, form);
    await form.getByLabel('指标').selectOption({ label: options.row });
    await form.getByLabel('目标值').fill(options.target);
    await form.getByLabel('设定人').fill(options.by);
    await form.getByRole('button', { name: '保存' }).click();
    await this.page.getByText(/^已保存：/).waitFor();
  }
  async checkSheet(file: string, by: string) {
    const form = this.form('从表格读入');
    await form.getByLabel('选择文件').setInputFiles(file);
    await form.getByLabel('设定人').fill(by);
    await form.getByRole('button', { name: '检查' }).click();
    await this.page.getByText(/检查通过|发现 \d+ 个错误/).waitFor();
  }
  list() {
    return this.page.getByRole('table', { name: '下级地区目标' });
  }
}

export class PlansView {
  constructor(readonly page: Page) {}
  form() {
    return this.page.getByRole('region', { name: '导入本单位规划' });
  }
  async openImport() {
    await this.page.getByRole('button', { name: '导入本单位规划' }).click();
    await this.form().waitFor();
  }
  /** The plan's own region, found in the whole country's. */
  async chooseRegion(text: string) {
    await searchRegion(this.page, text, this.form());
  }
  async tryRead(text: string) {
    await this.page.getByLabel('粘贴指标表（从 Word/WPS/PDF 复制）').fill(text);
    await this.form().getByRole('button', { name: '试读' }).click();
    await this.page.getByText(/试读（未保存）|试读发现 \d+ 个错误/).waitFor();
  }
  async save() {
    await this.form().getByRole('button', { name: '保存规划' }).click();
    await this.page.getByText(/^已保存规划“/).waitFor();
  }
  readRows() {
    return this.page.getByRole('table', { name: '读到的指标表' }).locator('tbody tr');
  }
  plan(title: string) {
    return this.page.getByRole('article', { name: title });
  }
  /** Opens the plan's tools unless they are open already (the button then says 收起管理). */
  async manage(title: string) {
    const card = this.plan(title);
    if ((await card.getByRole('button', { name: '收起管理', exact: true }).count()) === 0) await card.getByRole('button', { name: '管理', exact: true }).click();
    await card.getByRole('region', { name: '规划管理' }).waitFor();
  }
  editTable() {
    return this.page.getByRole('table', { name: '编辑指标表' });
  }
  /** The rows of 编辑指标表 (without the confirmation or refusal shown under a row). */
  editRows() {
    return this.editTable().locator('tbody tr:not(.row-note)');
  }
  /** The row of 编辑指标表 at a position (1 = first), found by its 修改 button. */
  editRow(position: number) {
    return this.editTable().locator('tbody tr', { has: this.page.getByRole('button', { name: `修改第${position}行`, exact: true }) });
  }
  /** The position of the row printed with a 序号. */
  async positionOf(seq: string) {
    const row = this.editRows().filter({ has: this.page.locator('td:nth-child(2)', { hasText: new RegExp(`^${seq}$`) }) });
    return Number(await row.locator('td').first().textContent());
  }
  async signAs(by: string, why = '') {
    await this.page.getByLabel('经办人（必填）').fill(by);
    await this.page.getByLabel('修改原因').fill(why);
  }
  /** 修改 on a row, a new text in the cells named by their column (目标值, 单位 …), then 保存. */
  async editCells(position: number, cells: Record<string, string>) {
    await this.page.getByRole('button', { name: `修改第${position}行`, exact: true }).click();
    for (const [column, value] of Object.entries(cells)) await this.page.getByLabel(`第${position}行${column}`, { exact: true }).fill(value);
    await this.editTable().getByRole('button', { name: '保存', exact: true }).click();
  }
  async addRow(options: { after: string; seq: string; name: string; unit: string; baseline: string; target: string; attribute: '预期性' | '约束性' }) {
    const form = this.page.getByRole('form', { name: '新增一行' });
    await form.getByLabel('插入位置').selectOption({ label: options.after });
    const cells = { 序号: options.seq, 指标名称: options.name, 单位: options.unit, 基期值: options.baseline, 目标值: options.target };
    for (const [label, value] of Object.entries(cells)) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByLabel('属性').selectOption(options.attribute);
    await form.getByRole('button', { name: '新增一行' }).click();
  }
  async adjust(options: { seq: string; target: string; fromYear: string; doc: string; by: string }) {
    const form = this.page.getByRole('form', { name: '规划调整' });
    await form.getByLabel('序号').selectOption(options.seq);
    await form.getByLabel('调整后目标').fill(options.target);
    await form.getByLabel('起始年份').fill(options.fromYear);
    await form.getByLabel('依据文件').fill(options.doc);
    await form.getByLabel('经办人').fill(options.by);
    await form.getByRole('button', { name: '保存调整' }).click();
    await this.page.getByText(/^已调整第/).waitFor();
  }
  async judge(options: { year: string; seq: string; result: '达到' | '未达到' | '无法判断'; note: string; by: string }) {
    const form = this.page.getByRole('form', { name: '定性指标判断' });
    await form.getByLabel('年份').selectOption({ label: options.year });
    await form.getByLabel('序号').locator(`option[value="${options.seq}"]`).waitFor({ state: 'attached' });
    await form.getByLabel('序号').selectOption(options.seq);
    await form.getByLabel('判断结果').selectOption({ label: options.result });
    await form.getByLabel('说明').fill(options.note);
    await form.getByLabel('经办人').fill(options.by);
    await form.getByRole('button', { name: '保存判断' }).click();
    await this.page.getByText(/^已保存：\d{4}年第/).waitFor();
  }
}

export class LeagueView {
  constructor(readonly page: Page) {}
  async choose(options: { plan?: string; year?: string; region?: string }) {
    const form = this.page.getByRole('region', { name: '下级地区对比' });
    if (options.plan) await form.getByLabel('规划').selectOption({ label: options.plan });
    if (options.year) await form.getByLabel('数据年份').selectOption({ label: options.year });
    if (options.region !== undefined) await chooseRegion(this.page, options.region, form, '上级地区');
  }
  table() {
    return this.page.getByRole('table', { name: '下级地区对比' });
  }
  /** The regions as listed, top to bottom. */
  regions() {
    return this.table().locator('tbody th').allTextContents();
  }
  private async columnOf(seq: string) {
    const seqs = await this.table().locator('thead th').evaluateAll((ths) => ths.map((th) => th.querySelector('.seq')?.textContent ?? ''));
    return seqs.indexOf(seq);
  }
  /** The cell of a region on the plan row with this 序号. */
  async cell(region: string, seq: string) {
    const row = this.table().locator('tbody tr', { has: this.page.getByRole('rowheader', { name: region, exact: true }) });
    return row.locator('th, td').nth(await this.columnOf(seq));
  }
  header(seq: string) {
    return this.table().locator('thead th', { has: this.page.locator('.seq', { hasText: new RegExp(`^${seq}$`) }) });
  }
  async sortBy(seq: string) {
    await this.header(seq).getByRole('button').click();
  }
  async openRegion(name: string) {
    await this.table().getByRole('button', { name, exact: true }).click();
  }
}

export class LocksView {
  constructor(readonly page: Page) {}
  private section() {
    return this.page.getByRole('region', { name: '锁定年度' });
  }
  /** `scope`: the plan region whose tree holds the region (asked when the plans are of several regions). */
  async lock(options: { scope?: string; region: string; year: string; by: string; reason: string }) {
    const form = this.page.getByRole('form', { name: '锁定一个年度' });
    if (options.scope) await form.getByLabel('范围').selectOption({ label: options.scope });
    await chooseRegion(this.page, options.region, form);
    await form.getByLabel('年份').fill(options.year);
    await form.getByLabel('经办人').fill(options.by);
    await form.getByLabel('原因').fill(options.reason);
    await form.getByRole('button', { name: '锁定' }).click();
    await this.section().getByText(/^已锁定/).waitFor();
  }
  locks() {
    return this.page.getByRole('table', { name: '已锁定年度' });
  }
  audit() {
    return this.page.getByRole('table', { name: '操作日志' });
  }
  /** 解锁 on a lock, then the reason in the in-page confirmation, then 确认解锁. */
  async unlock(regionName: string, year: string, reason: string) {
    await this.page.getByRole('button', { name: `解锁${regionName}${year}年`, exact: true }).click();
    const confirm = this.page.getByRole('group', { name: `解锁${regionName}${year}年前确认` });
    await confirm.getByLabel('解锁原因（必填）').fill(reason);
    await confirm.getByRole('button', { name: '确认解锁' }).click();
  }
}

/** 新建统计项 beside a new indicator's formula in the plan import preview. */
export class NewItemView {
  constructor(
    readonly page: Page,
    readonly row: string,
  ) {}
  form() {
    return this.page.getByRole('group', { name: `${this.row}新建统计项` });
  }
  formula() {
    return this.page.getByLabel(`${this.row}公式`);
  }
  async open() {
    await this.page.getByRole('table', { name: '读到的指标表' }).getByRole('button', { name: '新建统计项' }).first().click();
  }
  async create(options: { name: string; unit: string; sum: '是' | '否'; nature: '时点数' | '时期数'; by: string }) {
    const form = this.form();
    await form.getByLabel('名称').fill(options.name);
    await form.getByLabel('单位').fill(options.unit);
    await form.getByLabel('下级相加').selectOption({ label: options.sum });
    await form.getByLabel('性质').selectOption({ label: options.nature });
    await form.getByLabel('经办人').fill(options.by);
    await form.getByRole('button', { name: '新建', exact: true }).click();
  }
}
