/**
 * The packaging configuration, checked as data: installers cannot be built here, so the test makes sure the
 * files the app needs at run time are in the package and the native module is unpacked from the asar.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(fs.readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it('packages the bundled main process that package.json names as main', () => {
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files).toContain('dist/**/*');
  });

  it('ships the templates and the sample workbooks as resources beside the asar', () => {
    const resources = config.extraResources as { from: string; to: string }[];
    expect(resources).toEqual(expect.arrayContaining([{ from: 'templates', to: 'templates' }, { from: 'samples', to: 'samples' }]));
    for (const r of resources) expect(fs.existsSync(r.from)).toBe(true);
  });

  it('unpacks better-sqlite3 and resvg so their native modules can load', () => {
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.asarUnpack).toContain('**/node_modules/@resvg/**');
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(pkg.dependencies['@resvg/resvg-js']).toBeDefined();
  });

  it('builds a Windows installer in Chinese that lets the user choose the folder', () => {
    const win = config.win as { target: { target: string }[] };
    expect(win.target.map((t) => t.target)).toContain('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, language: '2052' });
  });

  it('flips Electron’s fuses: no running as Node, no NODE_OPTIONS or --inspect, encrypted cookies, the app only from a checked asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('offers a per-user Chinese installer with shortcuts, a portable build, and deb and AppImage for x64 and arm64', () => {
    expect(config.nsis).toMatchObject({ perMachine: false, installerLanguages: ['zh_CN'], createDesktopShortcut: true, createStartMenuShortcut: true });
    const win = config.win as { target: { target: string; arch: string[] }[] };
    expect(win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    const linux = config.linux as { target: { target: string; arch: string[] }[] };
    expect(linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
  });

  it('ships the window’s packages inside its built scripts, not as node_modules: react, react-dom and antd are build-time only', () => {
    for (const name of ['react', 'react-dom', 'antd', '@tanstack/react-virtual']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.devDependencies[name]).toBeDefined();
    }
  });

  it('keeps electron and electron-builder out of the runtime dependencies', () => {
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
  });
});
