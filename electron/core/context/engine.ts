/**
 * The context engine: picks the providers this machine supports, keeps the watchers (the window in
 * front, the clipboard), and takes snapshots under the current settings. It knows nothing of the
 * store or the transport: the context service (the app) and `tandem context snapshot` (the CLI)
 * both drive it.
 */
import os from 'node:os';
import {
  CONTEXT_PROVIDER_IDS,
  type ActiveWindowInfo,
  type ContextChip,
  type ContextProviderId,
  type ContextSettings,
  type ContextSnapshot,
} from '../../../shared/contract';
import type { ScreenCapture } from '../platform';
import { CommandError } from './exec';
import { activeExclusionRules, matchExclusion } from './privacy/exclusions';
import { ExcludedCopies } from './privacy/excluded-copies';
import { ActiveWindowProvider } from './providers/active-window';
import { NativeActiveWindowReader, type GetWindowsLoader } from './providers/active-window-native';
import { ActiveWindowWatcher, isTandemWindow, X11ActiveWindowReader, XPROP_MISSING } from './providers/active-window-x11';
import { ClipboardProvider, ClipboardWatcher } from './providers/clipboard';
import { GitProvider } from './providers/git';
import { ScreenshotProvider, ImportScreenCapture } from './providers/screenshot';
import { SelectionProvider, SELECTION_READ_BYTES } from './providers/selection';
import { TerminalProvider, type TerminalCommandSource } from './providers/terminals';
import type { ContextProvider } from './providers/types';
import { readXSelection } from './providers/x-selection';
import { repoCandidates } from './repo-focus';
import { takeSnapshot } from './snapshot';
import { detectDisplaySession, unavailableProviders, xDisplay, type DisplaySession } from './wayland';

export interface ContextEngineOptions {
  env: NodeJS.ProcessEnv;
  settings: () => ContextSettings;
  platform?: NodeJS.Platform;
  homeDir?: string;
  /** Tandem's own processes: their windows are never "the window the user works in". */
  ownPids?: number[];
  /** undefined: `import` on X11; null: no screenshots; else the shell's capturer. */
  screenCapture?: ScreenCapture | null;
  terminals?: (TerminalCommandSource & { recentFolders?(limit: number): string[] }) | null;
  /** Folders the user opened in Tandem (for matching an editor's workspace name). */
  knownFolders?: () => string[];
  /** Last resort for the repo in focus (the CLI's working folder). */
  fallbackCwd?: string | null;
  /** The window in front changed (watcher running only). */
  onActiveWindow?: (window: ActiveWindowInfo | null, previous: ActiveWindowInfo | null) => void;
  onWatcherError?: (message: string) => void;
  /** Debounce of focus changes, ms. */
  debounceMs?: number;
  /** macOS/Windows: how get-windows is loaded (tests hand recorded results). */
  loadGetWindows?: GetWindowsLoader;
}

export interface EngineSnapshotRequest {
  includeScreenshot?: boolean;
  workspaceHint?: string | null;
  snapshotId?: string;
  onChip?: (chip: ContextChip) => void;
  paused?: boolean;
  /** Only these providers (among those switched on); all of them when absent. */
  only?: readonly ContextProviderId[];
  /** Overrides the settings' budget (the agent waits on a model anyway and can afford more). */
  budgetMs?: number;
}

export class ContextEngine {
  readonly session: DisplaySession;
  readonly copies = new ExcludedCopies();
  private readonly display: string | null;
  private readonly reader: X11ActiveWindowReader | null;
  private readonly nativeReader: NativeActiveWindowReader | null;
  private readonly screenCapture: ScreenCapture | null;
  private readonly ownPids: Set<number>;
  private windowWatcher: ActiveWindowWatcher | null = null;
  private xpropMissing = false;
  private clipboardWatcher: ClipboardWatcher | null = null;

  constructor(private readonly opts: ContextEngineOptions) {
    this.session = detectDisplaySession(opts.env, opts.platform);
    this.display = xDisplay(this.session);
    this.ownPids = new Set(opts.ownPids ?? [process.pid]);
    // On Wayland, XWayland only sees X11 apps: its "active window" would be wrong, so none is read.
    this.reader = this.session.kind === 'x11' ? new X11ActiveWindowReader({ display: this.session.display, env: opts.env, homeDir: this.homeDir }) : null;
    this.nativeReader =
      this.session.kind === 'desktop'
        ? new NativeActiveWindowReader({ platform: this.session.platform, load: opts.loadGetWindows, homeDir: this.homeDir, isOwn: (w) => this.isOwnWindow(w) })
        : null;
    this.screenCapture = opts.screenCapture === undefined ? (this.session.kind === 'x11' ? new ImportScreenCapture({ display: this.session.display, env: opts.env }) : null) : opts.screenCapture;
  }

  private get homeDir(): string {
    return this.opts.homeDir ?? os.homedir();
  }

  /** Plain words about what this machine cannot provide, for the providers that are switched on. */
  unavailable(settings = this.opts.settings()): string[] {
    const missing = this.missingProviders();
    return CONTEXT_PROVIDER_IDS.filter((id) => settings.providers[id] && missing[id]).map((id) => missing[id]!);
  }

  private missingProviders(): Partial<Record<ContextProviderId, string>> {
    const missing = unavailableProviders(this.session, this.screenCapture !== null);
    return this.xpropMissing ? { activeWindow: XPROP_MISSING, ...missing } : missing;
  }

  /** Why this window must not be looked into, under the current settings; null when it may. */
  exclusionFor(window: ActiveWindowInfo, settings = this.opts.settings()): string | null {
    const disabled = new Set(settings.builtinExclusions.filter((b) => !b.enabled).map((b) => b.id));
    return matchExclusion(window, activeExclusionRules(disabled, settings.excludedApps))?.reason ?? null;
  }

  isOwnWindow(window: ActiveWindowInfo): boolean {
    return isTandemWindow(window, this.ownPids);
  }

  /**
   * The window the user is working in. One xprop call asks X which window is in front — a focus
   * change the watcher has not processed yet must not give stale context — and the watcher's
   * description of it is reused when it has one. When Tandem's own window is in front (the hotkey
   * brought it up), it is the window before it, as the watcher remembers.
   */
  async foregroundWindow(signal?: AbortSignal): Promise<ActiveWindowInfo | null> {
    if (this.nativeReader) return this.nativeReader.read(signal);
    if (!this.reader || this.xpropMissing) return null;
    const watcher = this.windowWatcher?.healthy ? this.windowWatcher : null;
    let window: ActiveWindowInfo | null;
    try {
      const id = await this.reader.activeWindowId(signal);
      const known = watcher?.current();
      window = !id ? null : known?.windowId === id ? known : await this.reader.describe(id, signal);
    } catch (err) {
      // Without xprop there is no window to know: say so once, and do not hold the selection back
      // for it (exclusions by app cannot apply, as on Wayland).
      if (err instanceof CommandError && err.reason === 'not-found') {
        this.xpropMissing = true;
        return null;
      }
      throw err;
    }
    if (window && this.isOwnWindow(window)) return watcher?.foreground() ?? null;
    return window;
  }

  private providers(settings: ContextSettings): ContextProvider[] {
    const missing = this.missingProviders();
    const on = (id: keyof ContextSettings['providers']) => settings.providers[id] && !missing[id];
    const list: ContextProvider[] = [];
    if (on('activeWindow') && this.reader) list.push(new ActiveWindowProvider('x11'));
    if (on('activeWindow') && this.nativeReader) list.push(new ActiveWindowProvider('get-windows'));
    if (this.display) {
      const x = { display: this.display, env: this.opts.env, copies: this.copies };
      if (on('selection')) list.push(new SelectionProvider(x));
      if (on('clipboard')) list.push(new ClipboardProvider(x));
    }
    if (on('terminal') && this.opts.terminals) list.push(new TerminalProvider(this.opts.terminals));
    if (on('git')) {
      list.push(
        new GitProvider({
          env: this.opts.env,
          candidates: async (ctx) =>
            repoCandidates({
              window: await ctx.activeWindow().catch(() => null),
              workspaceHint: ctx.workspaceHint,
              terminalFolders: this.opts.terminals?.recentFolders?.(5) ?? [],
              knownFolders: this.opts.knownFolders?.() ?? [],
              fallback: this.opts.fallbackCwd ?? null,
            }),
        }),
      );
    }
    if (on('screenshot') && this.screenCapture) list.push(new ScreenshotProvider(this.screenCapture, this.opts.screenCapture ? 'screen capture' : 'import'));
    return list;
  }

  async snapshot(req: EngineSnapshotRequest = {}): Promise<ContextSnapshot> {
    const settings = this.opts.settings();
    const snap = await takeSnapshot({
      providers: this.providers(settings).filter((p) => !req.only || req.only.includes(p.id)),
      budgetMs: Math.max(req.budgetMs ?? 0, settings.budgetMs),
      readActiveWindow: this.reader || this.nativeReader ? (signal) => this.foregroundWindow(signal) : null,
      exclusionFor: (w) => this.exclusionFor(w, settings),
      workspaceHint: req.workspaceHint ?? null,
      includeScreenshot: req.includeScreenshot ?? false,
      snapshotId: req.snapshotId,
      onChip: req.onChip,
      unavailable: this.unavailable(settings),
      paused: req.paused ?? false,
    });
    // A missing xprop is found out during the snapshot.
    snap.unavailable = this.unavailable(settings);
    return snap;
  }

  // ── Watchers ───────────────────────────────────────────────────────────────────────────────────

  get watchingWindows(): boolean {
    return this.windowWatcher !== null;
  }

  startWindowWatcher(): void {
    if (this.windowWatcher || this.session.kind !== 'x11') return;
    let previous: ActiveWindowInfo | null = null;
    this.windowWatcher = new ActiveWindowWatcher({
      display: this.session.display,
      env: this.opts.env,
      homeDir: this.homeDir,
      reader: this.reader ?? undefined,
      debounceMs: this.opts.debounceMs,
      isOwn: (w) => this.isOwnWindow(w),
      onError: this.opts.onWatcherError,
      onChange: (window) => {
        const before = previous;
        previous = window;
        // Focus left an excluded app: what it left in the clipboard and selection stays excluded.
        if (before && this.exclusionFor(before) && (!window || !this.exclusionFor(window))) void this.rememberCopiesFrom(before.app);
        this.opts.onActiveWindow?.(window, before);
      },
    });
    this.windowWatcher.start();
  }

  stopWindowWatcher(): void {
    this.windowWatcher?.stop();
    this.windowWatcher = null;
  }

  /** Fingerprints the current selection and clipboard as coming from an excluded app. */
  async rememberCopiesFrom(app: string): Promise<void> {
    if (!this.display) return;
    const display = this.display;
    await Promise.all(
      (['primary', 'clipboard'] as const).map(async (which) => {
        try {
          const read = await readXSelection(which, { display, env: this.opts.env, timeoutMs: 500, maxBytes: SELECTION_READ_BYTES });
          if (read.state === 'text') this.copies.remember(which, read.text, app);
        } catch {
          // the owner did not answer; nothing to remember
        }
      }),
    );
  }

  /** The window in front as the watcher last saw it (null when not watching). */
  currentWindow(): ActiveWindowInfo | null {
    return this.windowWatcher?.current() ?? null;
  }

  get watchingClipboard(): boolean {
    return this.clipboardWatcher !== null;
  }

  startClipboardWatcher(onChange: (text: string | null) => void, intervalMs?: number): void {
    if (this.clipboardWatcher || !this.display) return;
    this.clipboardWatcher = new ClipboardWatcher({ display: this.display, env: this.opts.env, intervalMs, onChange });
    this.clipboardWatcher.start();
  }

  stopClipboardWatcher(): void {
    this.clipboardWatcher?.stop();
    this.clipboardWatcher = null;
  }

  /** Pids of the watchers' helper processes (for the idle-cost benchmark). */
  watcherPids(): number[] {
    return this.windowWatcher?.pids() ?? [];
  }

  dispose(): void {
    this.stopWindowWatcher();
    this.stopClipboardWatcher();
    this.copies.clear();
  }
}
