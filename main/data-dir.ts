/**
 * Where the app keeps its database by default: the user's data folder, the same for the app and `pwb`.
 * PWB_DB overrides the file (tests, scripts).
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'PlanWorkbench';

export const userDataDir = (): string => {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
};

export const defaultDbFile = (): string => process.env.PWB_DB ?? path.join(userDataDir(), 'workbench.sqlite');
