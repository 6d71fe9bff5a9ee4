/**
 * build/electron-builder.json, checked the way electron-builder checks it (its own JSON schema, and
 * its own validateConfiguration), plus what Tandem needs from it: natives unpacked from the asar and
 * rebuilt for Electron, the five targets, and the files it points at. Packaging itself needs the
 * internet and is not run here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { trayIconFile, windowIconFile } from '../../electron/main/paths';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
/** The parts of the config the assertions read; the schema checks the rest. */
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: { from: string; to: string }[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  icon: string;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; category: string };
  mac: { target: string[]; hardenedRuntime: boolean; entitlements: string };
  win: { target: string[] };
}
const config = JSON.parse(fs.readFileSync(path.join(root, 'build/electron-builder.json'), 'utf8')) as BuilderConfig;
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};

const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
const debugLogger = { isEnabled: false, add() {} };

describe('electron-builder config', () => {
  it("matches electron-builder's own schema", () => {
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("passes electron-builder's own validation, which rejects a misspelt key", async () => {
    await expect(validateConfiguration(structuredClone(config), debugLogger)).resolves.toBeUndefined();

    // `asarUnpacked` for `asarUnpack`: the natives would silently stay inside the asar and fail to load.
    const misspelt = { ...structuredClone(config), asarUnpacked: config.asarUnpack };
    expect(validate(misspelt)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'asarUnpacked' } }));
    await expect(validateConfiguration(misspelt, debugLogger)).rejects.toThrow(/Invalid configuration object[\s\S]*asarUnpacked/);

    const nested = { ...structuredClone(config), linux: { ...config.linux, targets: ['AppImage'] } };
    expect(validate(nested)).toBe(false);
    await expect(validateConfiguration(nested, debugLogger)).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.linux/);
  }, 30_000); // compiling electron-builder's schema takes ~2 s, more on a busy machine

  it('names the app and ships the built output', () => {
    expect(config.productName).toBe('Tandem');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.files).toContain('out/**/*');
    expect(config.files).toContain('package.json');
  });

  it('unpacks node-pty and better-sqlite3 from the asar and rebuilds natives for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/{node-pty,better-sqlite3}/**');
    expect(config.npmRebuild).toBe(true);
    // The main bundle keeps exactly these external (scripts/build.mjs), so they must be real packages.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['node-pty', 'better-sqlite3']));
  });

  it('builds AppImage and deb for Linux, dmg for macOS, nsis for Windows', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Development');
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('points at files that exist: a 512×512 icon, the mac entitlements, the runtime icons', () => {
    const icon = fs.readFileSync(path.join(root, config.icon));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);

    const entitlements = fs.readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');

    // The shell loads tray and window icons from resources/icons when packaged (electron/main/paths.ts).
    const icons = config.extraResources.find((r) => r.to === 'icons');
    expect(icons).toBeDefined();
    const iconsDir = path.join(root, icons!.from);
    const needed = [windowIconFile(iconsDir)];
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      for (const paused of [false, true]) needed.push(trayIconFile(iconsDir, platform, paused));
    }
    for (const file of needed) expect(fs.existsSync(file), file).toBe(true);
  });

  it('turns off the Electron fuses an attacker could use to run code through the app', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
  });
});
