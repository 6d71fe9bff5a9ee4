/**
 * Constructor options for Tandem's three windows. Every window gets the same locked-down
 * webPreferences: the page runs sandboxed, isolated from the preload, without Node, and with web
 * security on. Only the shape of the window differs.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const QUICK_ASK_SIZE = { width: 680, height: 440 } as const;
export const OVERLAY_SIZE = { width: 380, height: 480 } as const;

export interface WindowOptionsInput {
  /** Absolute path of out/electron/preload.cjs. */
  preload: string;
  /** The contract's names for the preload (shared/bridge.ts contractArguments). */
  contractArguments: string[];
  /** Painted before the page loads, so a dark desktop does not flash white. */
  backgroundColor: string;
  /** Window icon (used on Linux and Windows). */
  icon?: string;
}

export function secureWebPreferences(preload: string, contractArguments: string[]): WebPreferences {
  return {
    preload,
    additionalArguments: contractArguments,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function mainWindowOptions({ preload, contractArguments, backgroundColor, icon }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Tandem',
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor,
    autoHideMenuBar: true,
    ...(icon ? { icon } : {}),
    webPreferences: secureWebPreferences(preload, contractArguments),
  };
}

/** A Spotlight-like panel: created hidden at start so the hotkey only has to show it. */
export function quickAskWindowOptions({ preload, contractArguments, backgroundColor, icon }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Tandem Quick Ask',
    ...QUICK_ASK_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    backgroundColor,
    ...(icon ? { icon } : {}),
    webPreferences: secureWebPreferences(preload, contractArguments),
  };
}

/** A small card near the tray icon for suggestions; shown without taking focus. */
export function overlayWindowOptions({ preload, contractArguments, backgroundColor, icon }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Tandem Suggestions',
    ...OVERLAY_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    backgroundColor,
    ...(icon ? { icon } : {}),
    webPreferences: secureWebPreferences(preload, contractArguments),
  };
}
