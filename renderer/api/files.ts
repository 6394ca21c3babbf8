/**
 * Files in and out, the same for every page whatever the transport. The desktop app chooses and saves through the
 * system's dialogs (files.pickOpen / files.pickSave; the services accept only those paths) and then opens or shows
 * the file (files.show); browser mode uploads what the page picked and writes into the exports folder, offered by
 * a download link. Pages call pickFile/readablePath and saveFile, and never ask which transport they run on.
 */
import type { Api } from '../../shared/api';
import { call, exportsDir, uploadFile } from './client';

export type FilePurpose = Api['files.pickOpen']['input']['purpose'];

/** True in the desktop app (the Electron preload bridge is there), false in browser mode. */
export const isDesktop = (): boolean => window.workbench !== undefined;

/** A file the user chose: a path from the system's dialog (desktop app), or a File the page will upload (browser). */
export type ChosenFile = { name: string; path: string } | { name: string; upload: File };

/** What each kind of file may be, for the browser's file input (the desktop dialog has the same filters). */
export const ACCEPT: Record<FilePurpose, string> = {
  workbook: '.xlsx,.xls',
  plan: '.txt,.xlsx,.xls,.docx,.json',
  profile: '.json',
  template: '.yml,.yaml',
  backup: '.sqlite',
};

/** Desktop app: the system's open dialog; null when the user cancelled. */
export const pickFile = async (purpose: FilePurpose): Promise<ChosenFile | null> => {
  const r = await call('files.pickOpen', { purpose });
  return r.path === null ? null : { path: r.path, name: r.name ?? baseName(r.path) };
};

/** Browser mode: the file of an <input type=file>. */
export const chosenUpload = (file: File | null | undefined): ChosenFile | null => (file ? { name: file.name, upload: file } : null);

const uploads = new WeakMap<File, string>();

/**
 * The path the services read for a chosen file: the picked path itself, or (browser mode) the upload of the file,
 * sent once per choice. The server deletes an upload once an import stored it; choosing the file again uploads it anew.
 */
export const readablePath = async (chosen: ChosenFile): Promise<string> => {
  if ('path' in chosen) return chosen.path;
  const known = uploads.get(chosen.upload);
  if (known !== undefined) return known;
  const path = await uploadFile(chosen.upload);
  uploads.set(chosen.upload, path);
  return path;
};

/** A file the app wrote: its name, and its full path (what 打开文件 and 在文件夹中显示 open). */
export interface SavedFile {
  name: string;
  path: string;
}

export const baseName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

/**
 * Where an output goes: in the desktop app the place chosen in the save dialog (null when cancelled); in browser mode
 * the file name in the exports folder.
 */
export const saveTarget = async (suggestedName: string): Promise<string | null> => {
  if (isDesktop()) return (await call('files.pickSave', { suggestedName })).path;
  return `${await exportsDir()}/${suggestedName}`;
};

/**
 * Asks where to save `suggestedName`, writes it with `write` (given the path for the service's `out`), and returns
 * the service's answer with the file written; null when the user cancelled the save dialog.
 */
export const saveFile = async <T extends { file: string }>(suggestedName: string, write: (out: string) => Promise<T>): Promise<{ result: T; saved: SavedFile } | null> => {
  const out = await saveTarget(suggestedName);
  if (out === null) return null;
  const result = await write(out);
  return { result, saved: { name: baseName(result.file), path: result.file } };
};

/** Desktop app: open the file in its program (打开文件) or show it in its folder (在文件夹中显示). */
export const showFile = async (file: SavedFile, how: 'open' | 'folder'): Promise<void> => {
  await call('files.show', { path: file.path, how });
};

/** Characters a file name cannot hold on Windows, replaced in suggested names (a plan title may hold “/”). */
export const fileNameOf = (name: string): string => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
