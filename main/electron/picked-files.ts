/**
 * The desktop app's files: the renderer never chooses a path on disk. It asks the main process for a dialog
 * (files.pickOpen / files.pickSave); the paths the user picked since the app started are the only ones the services
 * then accept for reading and writing, besides the app's own data folder. Pure Node: tested without Electron.
 */
import path from 'node:path';
import type { Handlers } from '../../shared/api';
import { UserError } from '../../shared/errors';

export class PickedFiles {
  private readonly reads = new Set<string>();
  private readonly writes = new Set<string>();
  constructor(private readonly dataDir: string) {}

  pickedForReading(file: string): void {
    this.reads.add(path.resolve(file));
  }

  pickedForWriting(file: string): void {
    this.writes.add(path.resolve(file));
  }

  private inDataDir(file: string): boolean {
    const rel = path.relative(path.resolve(this.dataDir), path.resolve(file));
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  /** A path the user picked to open (or one inside the app's data folder); else a UserError naming the field. */
  read(file: string, field: string): string {
    const full = path.resolve(file);
    if (this.reads.has(full) || this.inDataDir(full)) return full;
    throw new UserError('bad-input', `未经“选择文件”对话框选定的文件不能读取（${field}）。 / Only a file picked in the dialog can be read (${field}).`, { field });
  }

  /** A path the user picked to save to (or one inside the app's data folder). */
  write(file: string, field: string): string {
    const full = path.resolve(file);
    if (this.writes.has(full) || this.inDataDir(full)) return full;
    throw new UserError('bad-input', `未经“保存”对话框选定的位置不能写入（${field}）。 / Only a place picked in the save dialog can be written (${field}).`, { field });
  }
}

const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The services as the desktop window may use them: every path field checked against what the user picked. */
export const confineToPicked = (handlers: Handlers, picked: PickedFiles): Handlers => {
  const readOpt = (file: string | undefined, field: string) => (file === undefined ? undefined : picked.read(file, field));
  return {
    ...handlers,
    'import.run': async (input) =>
      handlers['import.run'](
        defined({
          ...input,
          file: picked.read(input.file, 'file'),
          profile: readOpt(input.profile, 'profile'),
          saveProfile: input.saveProfile === undefined ? undefined : picked.write(input.saveProfile, 'saveProfile'),
        }),
      ),
    'import.start': async (input) =>
      handlers['import.start'](
        defined({
          ...input,
          file: picked.read(input.file, 'file'),
          profile: readOpt(input.profile, 'profile'),
          saveProfile: input.saveProfile === undefined ? undefined : picked.write(input.saveProfile, 'saveProfile'),
        }),
      ),
    'plans.import': async (input) => handlers['plans.import'](defined({ ...input, file: readOpt(input.file, 'file') })),
    'targets.import': async (input) => handlers['targets.import']({ ...input, file: picked.read(input.file, 'file') }),
    'reports.write': async (input) => handlers['reports.write'](defined({ ...input, out: picked.write(input.out, 'out'), template: readOpt(input.template, 'template') })),
    'reports.issue': async (input) => handlers['reports.issue'](defined({ ...input, out: picked.write(input.out, 'out'), template: readOpt(input.template, 'template') })),
    'reports.reprint': async (input) => handlers['reports.reprint']({ ...input, out: picked.write(input.out, 'out') }),
    'template.write': async (input) => handlers['template.write']({ ...input, out: picked.write(input.out, 'out') }),
    'export.evaluation': async (input) => handlers['export.evaluation']({ ...input, out: picked.write(input.out, 'out') }),
    'export.observations': async (input) => handlers['export.observations']({ ...input, out: picked.write(input.out, 'out') }),
    'export.league': async (input) => handlers['export.league']({ ...input, out: picked.write(input.out, 'out') }),
    'plans.export': async (input) => handlers['plans.export']({ ...input, out: picked.write(input.out, 'out') }),
    'database.backup': async (input) => handlers['database.backup']({ ...input, out: picked.write(input.out, 'out') }),
    'database.restore': async (input) => handlers['database.restore']({ file: picked.read(input.file, 'file') }),
  };
};
