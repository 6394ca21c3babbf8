/**
 * Browser mode's files: a page may only read workbooks it uploaded (kept in this start's folder under
 * workDir/uploads, at most MAX_UPLOADS, deleted once an import stored them and when the server stops) and only write
 * into workDir/exports, by file name. `confineHandlers` wraps the services so no path is ever taken from a request.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../../shared/api';
import { UserError } from '../../shared/errors';

export const MAX_UPLOADS = 20;

export interface UploadStore {
  /** This start's folder: workDir/uploads/run-<pid>-<random>. */
  readonly dir: string;
  /** A new, not yet kept path for an upload named `name` (reduced to a safe file name). */
  reserve(name: string): string;
  /** Keeps a written upload; past the cap the oldest is deleted. */
  keep(file: string): void;
  /** The kept upload `file` names, or a UserError naming `field`. */
  resolve(file: string, field: string): string;
  /** Deletes an upload (and its folder); a file still open elsewhere is left to `clear`. */
  remove(file: string): void;
  /** Deletes every upload of this start. */
  clear(): void;
}

/** A file name from a browser or a request, reduced to one safe name segment (no folders, no device names). */
export const safeFileName = (name: string, fallback: string): string => {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[:*?"<>|\u0000-\u001f\u007f]/g, '_').trim();
  if (base === '' || /^\.+$/.test(base)) return fallback;
  const ext = path.extname(base).slice(0, 16);
  const stem = base.slice(0, base.length - path.extname(base).length).slice(0, 120);
  const safe = `${stem}${ext}`;
  return /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(safe) ? `_${safe}` : safe;
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const inside = (dir: string, file: string): boolean => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

export const createUploadStore = (uploadsRoot: string, maxFiles = MAX_UPLOADS): UploadStore => {
  fs.mkdirSync(uploadsRoot, { recursive: true });
  // Leftovers of starts that ended without stopping (a killed process), and of older versions.
  for (const entry of fs.readdirSync(uploadsRoot)) {
    const run = /^run-(\d+)-/.exec(entry);
    if (run && isAlive(Number(run[1]))) continue;
    fs.rmSync(path.join(uploadsRoot, entry), { recursive: true, force: true });
  }
  const dir = fs.mkdtempSync(path.join(uploadsRoot, `run-${process.pid}-`));
  const kept: string[] = [];
  const removed = new Set<string>();
  const drop = (file: string) => {
    const at = kept.indexOf(file);
    if (at >= 0) kept.splice(at, 1);
    removed.add(file);
    try {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    } catch {
      // Windows keeps a file that is being read; clear() removes it when the server stops.
    }
  };
  return {
    dir,
    reserve: (name) => path.join(fs.mkdtempSync(path.join(dir, 'u-')), safeFileName(name, 'upload.xlsx')),
    keep: (file) => {
      kept.push(file);
      while (kept.length > maxFiles) drop(kept[0]!);
    },
    resolve: (file, field) => {
      const wanted = path.resolve(file);
      if (kept.includes(wanted) && inside(dir, wanted) && fs.existsSync(wanted) && fs.lstatSync(wanted).isFile()) return wanted;
      if (removed.has(wanted)) {
        throw new UserError(
          'file-not-found',
          `上传的文件已删除（导入完成后，或上传超过 ${maxFiles} 个时最早的会被删除）：请重新选择文件。 / The uploaded file was deleted after its import or as one of the oldest; choose the file again.`,
          { field },
        );
      }
      throw new UserError(
        'bad-input',
        `浏览器模式只能读取本页上传的文件（${field}），不能读取电脑上的其他路径：请在页面上选择文件。 / In browser mode "${field}" must be a file uploaded through this page, not a path on this computer.`,
        { field },
      );
    },
    remove: (file) => drop(path.resolve(file)),
    clear: () => {
      kept.length = 0;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Where an output named by a request is written: its file name only, inside the exports folder. */
export const exportPath = (exportsDir: string, out: string, field: string): string => {
  const name = safeFileName(out, '');
  if (name === '') {
    throw new UserError('bad-input', `输出文件名（${field}）为空或无效，请给出文件名。 / The output file name (${field}) is empty or invalid.`, { field });
  }
  const file = path.join(exportsDir, name);
  const existing = fs.lstatSync(file, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) {
    throw new UserError('bad-input', `导出文件夹中的“${name}”不是普通文件，不能写入。 / "${name}" in the exports folder is not a plain file.`, { field });
  }
  return file;
};

/** Operations whose file fields `confineHandlers` checks; any other operation sent with such a field is refused. */
const CONFINED = new Set(['import.run', 'import.start', 'plans.import', 'targets.import', 'reports.write', 'reports.issue', 'reports.reprint', 'template.write', 'export.evaluation', 'export.observations', 'export.league', 'plans.export', 'database.backup', 'database.restore']);
const PATH_FIELDS = ['file', 'out', 'profile', 'saveProfile', 'template', 'path', 'dir', 'folder'];

/** A safety net for operations added later: a path field on an operation this file does not confine is refused. */
export const assertConfined = (name: string, input: unknown): void => {
  if (CONFINED.has(name) || typeof input !== 'object' || input === null) return;
  const field = PATH_FIELDS.find((f) => f in input);
  if (field !== undefined) {
    throw new UserError('bad-input', `浏览器模式不接受操作 ${name} 的路径参数（${field}）。 / Browser mode does not accept the path field "${field}" of ${name}.`, { field });
  }
};

/**
 * The services as browser mode may use them: inputs that name a file to read (file, profile, template) must be
 * uploads of this start; outputs (out, saveProfile) become file names in the exports folder. An upload is deleted
 * once an import stored it (a failed or dry run keeps it, so the page can check again or retry).
 */
export const confineHandlers = (handlers: Handlers, uploads: UploadStore, exportsDir: string): Handlers => {
  const read = (file: string, field: string) => uploads.resolve(file, field);
  const readOpt = (file: string | undefined, field: string) => (file === undefined ? undefined : read(file, field));
  const write = (out: string, field: string) => exportPath(exportsDir, out, field);
  /** Running stored imports: job id → the upload to delete when it has been stored. */
  const storing = new Map<string, string>();
  const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return {
    ...handlers,
    'import.run': async (input) => {
      const file = read(input.file, 'file');
      const result = await handlers['import.run'](
        defined({
          ...input,
          file,
          profile: readOpt(input.profile, 'profile'),
          saveProfile: input.saveProfile === undefined ? undefined : write(input.saveProfile, 'saveProfile'),
        }),
      );
      if (result.ok && !result.dryRun) uploads.remove(file);
      return result;
    },
    'import.start': async (input) => {
      const file = read(input.file, 'file');
      const started = await handlers['import.start'](
        defined({ ...input, file, profile: readOpt(input.profile, 'profile'), saveProfile: input.saveProfile === undefined ? undefined : write(input.saveProfile, 'saveProfile') }),
      );
      if (!input.dryRun) storing.set(started.job, file);
      return started;
    },
    'jobs.status': async (input) => {
      const status = await handlers['jobs.status'](input);
      const file = storing.get(input.job);
      if (file !== undefined && status.state !== 'running') {
        storing.delete(input.job);
        if (status.state === 'done' && status.result?.ok && !status.result.dryRun) uploads.remove(file);
      }
      return status;
    },
    'plans.import': async (input) => {
      const file = readOpt(input.file, 'file');
      const result = await handlers['plans.import'](defined({ ...input, file }));
      if (file !== undefined && result.ok && !result.dryRun) uploads.remove(file);
      return result;
    },
    'targets.import': async (input) => {
      const file = read(input.file, 'file');
      const result = await handlers['targets.import']({ ...input, file });
      if (result.ok && !input.dryRun) uploads.remove(file);
      return result;
    },
    'reports.write': async (input) => handlers['reports.write'](defined({ ...input, out: write(input.out, 'out'), template: readOpt(input.template, 'template') })),
    'reports.issue': async (input) => handlers['reports.issue'](defined({ ...input, out: write(input.out, 'out'), template: readOpt(input.template, 'template') })),
    'reports.reprint': async (input) => handlers['reports.reprint']({ ...input, out: write(input.out, 'out') }),
    'template.write': async (input) => handlers['template.write']({ ...input, out: write(input.out, 'out') }),
    'export.evaluation': async (input) => handlers['export.evaluation']({ ...input, out: write(input.out, 'out') }),
    'export.observations': async (input) => handlers['export.observations']({ ...input, out: write(input.out, 'out') }),
    'export.league': async (input) => handlers['export.league']({ ...input, out: write(input.out, 'out') }),
    'plans.export': async (input) => handlers['plans.export']({ ...input, out: write(input.out, 'out') }),
    'database.backup': async (input) => handlers['database.backup']({ ...input, out: write(input.out, 'out') }),
    'database.restore': async (input) => handlers['database.restore']({ file: read(input.file, 'file') }),
  };
};
