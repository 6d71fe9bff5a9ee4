import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface StartScript {
  findElectronRuntime(rootDir: string, env?: NodeJS.ProcessEnv): string | null;
  nativeStamp(rootDir: string, electronVersion: string): string | null;
}
// A plain .mjs script (npm start runs it without a TypeScript loader); imported by URL so tsc does not
// look for its types. Importing it does not run it.
const start = (await import(new URL('../../../scripts/start.mjs', import.meta.url).href)) as StartScript;

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-start-'));
  fs.mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const electronDir = () => path.join(root, 'node_modules', 'electron');

describe('npm start: finding an Electron runtime without downloading one', () => {
  it('finds none when the package never downloaded its binary (this machine)', () => {
    expect(start.findElectronRuntime(root, {})).toBeNull();
  });

  it('finds none when path.txt names a binary that is not there', () => {
    fs.writeFileSync(path.join(electronDir(), 'path.txt'), 'electron');
    expect(start.findElectronRuntime(root, {})).toBeNull();
  });

  it('finds the binary path.txt names under dist/', () => {
    fs.writeFileSync(path.join(electronDir(), 'path.txt'), 'electron');
    fs.mkdirSync(path.join(electronDir(), 'dist'));
    fs.writeFileSync(path.join(electronDir(), 'dist', 'electron'), '');
    expect(start.findElectronRuntime(root, {})).toBe(path.join(electronDir(), 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron/index.js', () => {
    const dist = path.join(root, 'custom-dist');
    fs.mkdirSync(dist);
    expect(start.findElectronRuntime(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBeNull();
    fs.writeFileSync(path.join(dist, 'electron'), '');
    expect(start.findElectronRuntime(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(path.join(dist, 'electron'));
  });
});

describe('npm start: knowing when better-sqlite3 needs a rebuild for Electron', () => {
  it('changes when the binary or the Electron version changes', () => {
    const release = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release');
    expect(start.nativeStamp(root, '45.3.4')).toBeNull();
    fs.mkdirSync(release, { recursive: true });
    const binary = path.join(release, 'better_sqlite3.node');
    fs.writeFileSync(binary, 'built for node');
    const first = start.nativeStamp(root, '45.3.4');
    expect(first).toMatch(/^electron@45\.3\.4 /);
    expect(start.nativeStamp(root, '45.3.4')).toBe(first);
    expect(start.nativeStamp(root, '46.0.0')).not.toBe(first);
    fs.writeFileSync(binary, 'rebuilt by npm rebuild, different size');
    expect(start.nativeStamp(root, '45.3.4')).not.toBe(first);
  });
});
