/**
 * The window in front on macOS and Windows, through the maintained `get-windows` package (macOS: a
 * small Swift helper it ships; Windows: a native addon). It is loaded lazily, only on those systems:
 * it is ESM-only, has native parts, and must never load on Linux, where X11 is read directly.
 *
 * Each read is one call; the snapshot's budget bounds it (the helper is left to finish on its own — it
 * exits by itself). When Tandem's own window is in front (the hotkey brought it up), the window behind
 * it is taken from the open-windows list, which get-windows gives front to back.
 *
 * Failures say what to do: macOS withholds window titles until the user grants Screen Recording. It
 * withholds browser URLs until the user grants Accessibility: without it the window is still read
 * (asking get-windows not to need it), only the URL then comes from the title where it can.
 */
import path from 'node:path';
import type { ActiveWindowInfo } from '../../../../shared/contract';
import { deriveWindowContext } from '../title-parsers';

/** The subset of get-windows' `Result` Tandem reads (macOS adds `bundleId` and `url`). */
export interface GetWindowsResult {
  platform: 'macos' | 'windows' | 'linux';
  title: string;
  id: number;
  owner: { name: string; processId: number; path: string; bundleId?: string };
  url?: string;
}

/** The two functions of get-windows Tandem calls. */
export interface GetWindowsModule {
  activeWindow(options?: { accessibilityPermission?: boolean; screenRecordingPermission?: boolean }): Promise<GetWindowsResult | undefined>;
  openWindows(options?: { accessibilityPermission?: boolean; screenRecordingPermission?: boolean }): Promise<GetWindowsResult[]>;
}

export type GetWindowsLoader = () => Promise<GetWindowsModule>;

/**
 * A real dynamic import (esbuild keeps it, the package is external in scripts/build.mjs): get-windows is
 * ESM-only and finds its helper binary next to its own files.
 */
export const loadGetWindows: GetWindowsLoader = () => import('get-windows') as Promise<GetWindowsModule>;

const PLATFORM_NAMES: Partial<Record<NodeJS.Platform, string>> = { darwin: 'macOS', win32: 'Windows' };

export interface NativeActiveWindowReaderOptions {
  platform: NodeJS.Platform;
  load?: GetWindowsLoader;
  homeDir?: string;
  /** Tandem's own windows: skipped for the one behind them. */
  isOwn: (window: ActiveWindowInfo) => boolean;
}

type ReadOptions = Parameters<GetWindowsModule['activeWindow']>[0];

export class NativeActiveWindowReader {
  private module: Promise<GetWindowsModule> | null = null;
  /** macOS refused Accessibility once: read without it from then on (no URL, no failure). */
  private withoutAccessibility = false;

  constructor(private readonly opts: NativeActiveWindowReaderOptions) {}

  /** The window the user works in; null when nothing is in front. Throws with a plain message. */
  async read(signal?: AbortSignal): Promise<ActiveWindowInfo | null> {
    const mod = await this.load();
    const front = await this.call((o) => mod.activeWindow(o), signal);
    if (!front) {
      // The Windows addon answers nothing at all when its native part is missing.
      if (this.opts.platform === 'win32') throw new Error('get-windows gave no answer: its native part is missing from this installation of Tandem.');
      return null;
    }
    const window = windowFromGetWindows(front, this.opts.homeDir);
    if (!this.opts.isOwn(window)) return window;
    const all = await this.call((o) => mod.openWindows(o), signal);
    const behind = all.map((w) => windowFromGetWindows(w, this.opts.homeDir)).find((w) => !this.opts.isOwn(w));
    return behind ?? null;
  }

  private load(): Promise<GetWindowsModule> {
    this.module ??= (this.opts.load ?? loadGetWindows)().catch((error: unknown) => {
      this.module = null; // a later snapshot may try again (e.g. after a reinstall)
      const name = PLATFORM_NAMES[this.opts.platform] ?? this.opts.platform;
      throw new Error(`Reading the window in front on ${name} needs the get-windows package, which could not be loaded: ${(error as Error).message}`);
    });
    return this.module;
  }

  private async call<T>(fn: (options: ReadOptions) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    try {
      return await fn(this.withoutAccessibility ? { accessibilityPermission: false } : undefined);
    } catch (error) {
      if (this.opts.platform === 'darwin' && !this.withoutAccessibility && /accessibility/i.test(failureText(error))) {
        this.withoutAccessibility = true;
        return this.call(fn, signal);
      }
      throw new Error(explainFailure(error, this.opts.platform));
    }
  }
}

/** get-windows' failures, in words the user can act on. */
export function explainFailure(error: unknown, platform: NodeJS.Platform): string {
  const e = error as { message?: string; stderr?: string; stdout?: string };
  const text = failureText(error);
  if (platform === 'darwin' && /screen recording/i.test(text)) {
    return 'macOS has not given Tandem the Screen Recording permission, which reading window titles needs: allow Tandem in System Settings › Privacy & Security › Screen Recording, then restart it.';
  }
  if (platform === 'darwin' && /accessibility/i.test(text)) {
    return 'macOS has not given Tandem the Accessibility permission, which reading the window in front needs: allow Tandem in System Settings › Privacy & Security › Accessibility.';
  }
  const first = (e.stderr?.trim() || e.stdout?.trim() || e.message || String(error)).split('\n')[0]!.trim();
  return `get-windows could not read the window in front: ${first}`;
}

/** The macOS helper says why it stopped on stdout or stderr; execFile's error carries both. */
function failureText(error: unknown): string {
  const e = error as { message?: string; stderr?: string; stdout?: string };
  return `${e.stdout ?? ''} ${e.stderr ?? ''} ${e.message ?? String(error)}`;
}

/**
 * One get-windows result as Tandem's window context. The app's name is what the user sees; the
 * executable (`chrome` from chrome.exe, `Google Chrome` from Google Chrome.app) and the macOS bundle
 * id (`com.1password.1password`) are the names exclusions and title parsers match.
 */
export function windowFromGetWindows(result: GetWindowsResult, homeDir?: string): ActiveWindowInfo {
  const processName = executableName(result.owner.path) ?? (result.owner.name || null);
  const wmClass = result.owner.bundleId || null;
  const identity = { title: result.title, wmClass, wmInstance: null, processName };
  const derived = deriveWindowContext(identity, homeDir);
  // macOS asks the browser itself for the tab's address: better than anything the title gives.
  const url = result.url?.trim();
  if (url && /^[a-z][a-z0-9+.-]*:/i.test(url)) {
    derived.url = url;
    try {
      derived.site = new URL(url).host || derived.site;
    } catch {
      // not a URL with a host (about:blank, file:): the address alone says it
    }
  }
  return {
    windowId: String(result.id),
    app: result.owner.name || processName || 'Unknown app',
    title: result.title,
    wmInstance: null,
    wmClass,
    pid: Number.isInteger(result.owner.processId) && result.owner.processId > 0 ? result.owner.processId : null,
    processName,
    derived,
  };
}

/** `C:\…\chrome.exe` → `chrome`; `/Applications/Google Chrome.app` → `Google Chrome`. */
function executableName(file: string): string | null {
  if (!file) return null;
  const base = (file.includes('\\') ? path.win32.basename(file) : path.posix.basename(file)).replace(/\.(?:exe|app)$/i, '');
  return base || null;
}
