/**
 * Where the shell's files are. The main bundle runs from out/electron/main.cjs, both from the repo
 * (`npm start`) and inside app.asar when packaged, so the renderer and preload sit next to it.
 * Tray and window icons are electron-builder `extraResources` when packaged (see
 * build/electron-builder.json) and build/icons in the repo.
 */
import path from 'node:path';

export interface ShellPaths {
  rendererDir: string;
  preload: string;
  iconsDir: string;
}

export function shellPaths({ mainDir, isPackaged, resourcesPath }: { mainDir: string; isPackaged: boolean; resourcesPath: string }): ShellPaths {
  return {
    rendererDir: path.join(mainDir, '..', 'renderer'),
    preload: path.join(mainDir, 'preload.cjs'),
    iconsDir: isPackaged ? path.join(resourcesPath, 'icons') : path.join(mainDir, '..', '..', 'build', 'icons'),
  };
}

/**
 * The tray image for the state. macOS wants a monochrome "template" image (the name ending in
 * Template tells Electron so, and @2x files are picked up beside it); elsewhere a coloured one.
 */
export function trayIconFile(iconsDir: string, platform: NodeJS.Platform, paused: boolean): string {
  if (platform === 'darwin') return path.join(iconsDir, paused ? 'trayPausedTemplate.png' : 'trayTemplate.png');
  return path.join(iconsDir, paused ? 'tray-paused.png' : 'tray.png');
}

/** The window icon (Linux and Windows; macOS takes the bundle's icon). */
export function windowIconFile(iconsDir: string): string {
  return path.join(iconsDir, 'tandem.png');
}
