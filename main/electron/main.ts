/**
 * The Electron main process: one window with the renderer served from app:// under a strict CSP, one database in
 * the user's data folder, and one IPC channel ('api') that hands every call to the service layer through
 * `dispatch`, accepted only from the app's own frame. Files are chosen in the system's dialogs here; the services
 * accept only those paths (picked-files.ts). No other logic lives here.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, shell, utilityProcess, type MenuItemConstructorOptions } from 'electron';
import { workerExecArgv, type WorkerLauncher } from '../services/job-process';
import type { Handlers } from '../../shared/api';
import { toWire } from '../../shared/errors';
import { defaultDbFile, userDataDir } from '../data-dir';
import { openDb } from '../db/open';
import { createHandlers, dispatch } from '../services/handlers';
import { APP_ORIGIN, hardenContents, isOwnFrame, serveAppRequest } from './hardening';
import { confineToPicked, PickedFiles } from './picked-files';

if (app.isPackaged) process.env.PWB_RESOURCES = process.resourcesPath;
app.setPath('userData', userDataDir());

// One window per PC user: a second start focuses the running one.
if (!app.requestSingleInstanceLock()) app.quit();

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const FILTERS: Record<'workbook' | 'plan' | 'profile' | 'template' | 'backup', Electron.FileFilter[]> = {
  workbook: [{ name: 'Excel 工作簿', extensions: ['xlsx', 'xls'] }],
  plan: [{ name: '规划指标表', extensions: ['txt', 'xlsx', 'xls', 'docx', 'json'] }],
  profile: [{ name: '导入方案', extensions: ['json'] }],
  template: [{ name: '报告模板', extensions: ['yml', 'yaml'] }],
  backup: [{ name: '工作台备份', extensions: ['sqlite'] }],
};

let mainWindow: BrowserWindow | null = null;

const createWindow = (): BrowserWindow => {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: '规划监测评估工作台',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  });
  hardenContents(window.webContents);
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
};

/** The dialogs and the file manager, for the one window; what the user picks is remembered for the services. */
const desktopFiles = (picked: PickedFiles): Pick<Handlers, 'files.pickOpen' | 'files.pickSave' | 'files.show'> => ({
  'files.pickOpen': async ({ purpose }) => {
    const r = await dialog.showOpenDialog(mainWindow!, { title: '选择文件', properties: ['openFile'], filters: FILTERS[purpose] });
    const file = r.canceled ? undefined : r.filePaths[0];
    if (!file) return { path: null, name: null };
    picked.pickedForReading(file);
    return { path: file, name: path.basename(file) };
  },
  'files.pickSave': async ({ suggestedName }) => {
    const r = await dialog.showSaveDialog(mainWindow!, { title: '保存', defaultPath: path.basename(suggestedName) });
    if (r.canceled || !r.filePath) return { path: null };
    picked.pickedForWriting(r.filePath);
    return { path: r.filePath };
  },
  'files.show': async ({ path: file, how }) => {
    // Only what the user saved (or picked) may be opened: the same check as for writing.
    const full = picked.write(file, 'path');
    if (how === 'folder') shell.showItemInFolder(full);
    else await shell.openPath(full);
    return { ok: true };
  },
});

const menu = (dataDir: string): MenuItemConstructorOptions[] => [
  {
    label: '文件',
    submenu: [
      { label: '打印当前页…', accelerator: 'CmdOrCtrl+P', click: () => mainWindow?.webContents.print() },
      { type: 'separator' },
      { label: '退出', role: 'quit' },
    ],
  },
  {
    label: '编辑',
    submenu: [
      { label: '撤销', role: 'undo' },
      { label: '重做', role: 'redo' },
      { type: 'separator' },
      { label: '剪切', role: 'cut' },
      { label: '复制', role: 'copy' },
      { label: '粘贴', role: 'paste' },
      { label: '全选', role: 'selectAll' },
    ],
  },
  {
    label: '视图',
    submenu: [
      { label: '实际大小', role: 'resetZoom' },
      { label: '放大', role: 'zoomIn' },
      { label: '缩小', role: 'zoomOut' },
      { type: 'separator' },
      { label: '全屏', role: 'togglefullscreen' },
    ],
  },
  {
    label: '帮助',
    submenu: [
      {
        label: '关于规划监测评估工作台',
        click: () =>
          void dialog.showMessageBox(mainWindow!, {
            type: 'info',
            title: '关于',
            message: `规划监测评估工作台 ${app.getVersion()}`,
            detail: `数据文件夹：${dataDir}\n离线运行，数据只保存在本机。`,
          }),
      },
    ],
  },
];

/** Long imports in Electron's utilityProcess: a parser that dies takes only its own process. */
const utilityLauncher: WorkerLauncher = (request, onMessage, onExit) => {
  const child = utilityProcess.fork(path.join(__dirname, '..', 'worker.cjs'), [], { serviceName: '规划监测评估工作台导入', stdio: 'ignore', execArgv: workerExecArgv() });
  child.on('message', (m) => onMessage(m as Parameters<typeof onMessage>[0]));
  child.on('exit', (code) => onExit(code));
  child.postMessage(request);
  return { kill: () => void child.kill() };
};

app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

app.whenReady().then(
  () => {
    const rendererDir = path.join(__dirname, '..', 'renderer');
    protocol.handle('app', (request) => {
      const r = serveAppRequest(rendererDir, request.url);
      return new Response(typeof r.body === 'string' ? r.body : new Uint8Array(r.body), { status: r.status, headers: r.headers });
    });
    const db = openDb(defaultDbFile(), { createFolder: true });
    const picked = new PickedFiles(userDataDir());
    const handlers: Handlers = { ...confineToPicked(createHandlers(db, { importWorker: utilityLauncher }), picked), ...desktopFiles(picked) };
    ipcMain.handle('api', async (event, name: unknown, input: unknown) => {
      if (!isOwnFrame(event.senderFrame?.url)) return { ok: false, error: { name: 'UserError', code: 'bad-input', message: '拒绝来自其他页面的请求。 / Refused: not the app’s own page.' } };
      try {
        return { ok: true, value: await dispatch(handlers, name, input) };
      } catch (error) {
        return { ok: false, error: toWire(error) };
      }
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(menu(userDataDir())));
    app.on('window-all-closed', () => {
      db.close();
      app.quit();
    });
    mainWindow = createWindow();
  },
  (error: unknown) => {
    dialog.showErrorBox('规划监测评估工作台无法启动', String(error));
    app.quit();
  },
);
