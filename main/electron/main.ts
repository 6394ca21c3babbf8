/**
 * The Electron main process: one window with the renderer, one database in the user's data folder, and one IPC
 * channel ('api') that hands every call to the service layer through `dispatch`. No logic lives here.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { toWire } from '../../shared/errors';
import { defaultDbFile, userDataDir } from '../data-dir';
import { openDb } from '../db/open';
import { createHandlers, dispatch } from '../services/handlers';

if (app.isPackaged) process.env.PWB_RESOURCES = process.resourcesPath;
app.setPath('userData', userDataDir());

const createWindow = (): BrowserWindow => {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: '规划监测评估工作台',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  });
  void window.loadFile(path.join(__dirname, '..', 'renderer', 'index.html'));
  return window;
};

app.whenReady().then(
  () => {
    const db = openDb(defaultDbFile(), { createFolder: true });
    const handlers = createHandlers(db);
    ipcMain.handle('api', async (_event, name: unknown, input: unknown) => {
      try {
        return { ok: true, value: await dispatch(handlers, name, input) };
      } catch (error) {
        return { ok: false, error: toWire(error) };
      }
    });
    app.on('window-all-closed', () => {
      db.close();
      app.quit();
    });
    createWindow();
  },
  (error: unknown) => {
    dialog.showErrorBox('规划监测评估工作台无法启动', String(error));
    app.quit();
  },
);
