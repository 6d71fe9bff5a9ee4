/**
 * The context domain of the core: snapshots on request, the context settings, the ledger, and the
 * watchers — all under the global pause. While paused no watcher runs and no snapshot is taken
 * unasked; a snapshot the user asks for (the quick-ask window) still runs and says it was paused.
 */
import { randomUUID } from 'node:crypto';
import type { ActiveWindowInfo, ContextProviderId, ContextSettings, ContextSettingsPatch, ContextSnapshot } from '../../../shared/contract';
import type { ScreenCapture } from '../platform';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';
import { ContextEngine } from './engine';
import { LedgerService } from './ledger-service';
import { redactSecrets } from './privacy/redact';
import { TerminalCommandFeed, type TerminalCommandSource } from './providers/terminals';
import { ContextSettingsStore } from './settings';

/** Who wants context: the user (quick ask), the agent (get_context), or Tandem itself (suggestions). */
export type SnapshotTrigger = 'user' | 'agent' | 'background';

export interface ContextSnapshotRequest {
  trigger: SnapshotTrigger;
  includeScreenshot?: boolean;
  snapshotId?: string;
  workspacePath?: string | null;
  /** Only these providers (the agent may ask for some); all that are switched on when absent. */
  only?: readonly ContextProviderId[];
  /** A longer budget than the settings' (never shorter), for callers that are not painting a window. */
  budgetMs?: number;
}

/** A clipboard change, after the privacy rules: no text when it came from an excluded app. */
export interface ClipboardChange {
  /** Redacted text; null when empty, not text, or excluded. */
  text: string | null;
  /** Why the text is withheld, if it is. */
  excluded: string | null;
  at: number;
}

export interface ContextServiceOptions {
  store: Store;
  events: EventBus;
  env: NodeJS.ProcessEnv;
  isPaused: () => boolean;
  /** From the platform: the desktop app's screen capturer. */
  screenCapture?: ScreenCapture;
  ownPids?: number[];
  homeDir?: string;
  platform?: NodeJS.Platform;
  clipboardPollMs?: number;
  debounceMs?: number;
  /** Where terminal commands come from; default: `terminal.command` events on the bus. */
  terminalSource?: TerminalCommandSource & { recentFolders?(limit: number): string[] };
  logger?: Pick<Console, 'warn'>;
}

export class ContextService {
  readonly ledger: LedgerService;
  readonly engine: ContextEngine;
  private readonly settingsStore: ContextSettingsStore;
  private readonly feed: TerminalCommandFeed | null;
  private readonly clipboardListeners = new Set<(change: ClipboardChange) => void>();
  private readonly unsubscribe: () => void;
  private disposed = false;

  constructor(private readonly opts: ContextServiceOptions) {
    this.settingsStore = new ContextSettingsStore(opts.store.settings);
    this.ledger = new LedgerService(opts.store, opts.events);
    this.feed = opts.terminalSource ? null : new TerminalCommandFeed(opts.events);
    this.engine = new ContextEngine({
      env: opts.env,
      settings: () => this.settingsStore.get(),
      platform: opts.platform,
      homeDir: opts.homeDir,
      ownPids: opts.ownPids,
      screenCapture: opts.screenCapture,
      terminals: opts.terminalSource ?? this.feed,
      knownFolders: () => opts.store.workspaces.list().map((w) => w.path),
      debounceMs: opts.debounceMs,
      onActiveWindow: (window) => this.announceWindow(window),
      onWatcherError: (message) => (opts.logger ?? console).warn(`[tandem] context: ${message}`),
    });
    this.unsubscribe = opts.events.subscribe((event) => {
      if (event === 'app.paused') this.applyWatchState();
    });
    this.applyWatchState();
  }

  getSettings(): ContextSettings {
    return this.settingsStore.get();
  }

  updateSettings(patch: ContextSettingsPatch): ContextSettings {
    const next = this.settingsStore.update(patch);
    this.opts.events.emit('context.settings.changed', next);
    this.applyWatchState();
    return next;
  }

  async snapshot(req: ContextSnapshotRequest): Promise<ContextSnapshot> {
    const paused = this.opts.isPaused();
    const snapshotId = req.snapshotId ?? randomUUID();
    if (paused && req.trigger !== 'user') {
      return {
        id: snapshotId,
        takenAt: Date.now(),
        durationMs: 0,
        chips: [],
        redactions: [],
        excluded: ['Tandem is paused: no context is collected unless you ask for it.'],
        unavailable: [],
        paused: true,
      };
    }
    return this.engine.snapshot({
      includeScreenshot: req.includeScreenshot,
      workspaceHint: req.workspacePath ?? null,
      snapshotId,
      paused,
      only: req.only,
      budgetMs: req.budgetMs,
      onChip: (chip) => this.opts.events.emit('context.chip', { snapshotId, chip }),
    });
  }

  /**
   * Clipboard changes, for features that react to a copy (suggestions). Polling runs only while
   * someone listens, the clipboard provider is on, and Tandem is not paused. Returns the unsubscribe.
   */
  onClipboardChange(listener: (change: ClipboardChange) => void): () => void {
    this.clipboardListeners.add(listener);
    this.applyWatchState();
    return () => {
      this.clipboardListeners.delete(listener);
      this.applyWatchState();
    };
  }

  /** Starts or stops the watchers to match the pause, the settings and the listeners. */
  private applyWatchState(): void {
    if (this.disposed) return;
    const settings = this.settingsStore.get();
    const active = !this.opts.isPaused();
    if (active && settings.providers.activeWindow) this.engine.startWindowWatcher();
    else this.engine.stopWindowWatcher();
    if (active && settings.providers.clipboard && this.clipboardListeners.size > 0) {
      this.engine.startClipboardWatcher((text) => this.clipboardChanged(text), this.opts.clipboardPollMs);
    } else {
      this.engine.stopClipboardWatcher();
    }
  }

  private announceWindow(window: ActiveWindowInfo | null): void {
    if (this.opts.isPaused()) return;
    const excluded = window ? this.engine.exclusionFor(window) : null;
    // An excluded window is announced as "something excluded is in front", without its title; any
    // other goes out with the same redaction as a snapshot (a title can carry a token in a URL).
    const shown = !window ? null : excluded ? { ...window, title: '', derived: { category: window.derived.category } } : redactWindow(window);
    this.opts.events.emit('context.activeWindow', { window: shown, excluded });
  }

  private clipboardChanged(text: string | null): void {
    const window = this.engine.currentWindow();
    let excluded = window ? this.engine.exclusionFor(window) : null;
    if (excluded && text && window) this.engine.copies.remember('clipboard', text, window.app);
    if (!excluded && text) {
      const from = this.engine.copies.sourceOf('clipboard', text);
      if (from) excluded = `it came from ${from}, which is excluded`;
    }
    const change: ClipboardChange = { text: excluded || !text ? null : redactSecrets(text).text, excluded, at: Date.now() };
    for (const listener of [...this.clipboardListeners]) {
      try {
        listener(change);
      } catch (err) {
        (this.opts.logger ?? console).warn('[tandem] clipboard listener failed', err);
      }
    }
  }

  handlers(): Pick<Handlers, 'context.snapshot' | 'context.settings.get' | 'context.settings.update' | 'ledger.list' | 'ledger.export' | 'ledger.clear'> {
    return {
      'context.snapshot': (input) =>
        this.snapshot({ trigger: 'user', includeScreenshot: input.includeScreenshot, snapshotId: input.snapshotId, workspacePath: input.workspacePath }),
      'context.settings.get': () => this.getSettings(),
      'context.settings.update': (patch) => this.updateSettings(patch),
      ...this.ledger.handlers(),
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.clipboardListeners.clear();
    this.engine.dispose();
    this.feed?.dispose();
  }
}

function redactWindow(window: ActiveWindowInfo): ActiveWindowInfo {
  const clean = (s: string | undefined) => (s === undefined ? undefined : redactSecrets(s).text);
  const derived = { ...window.derived };
  for (const key of ['url', 'pageTitle', 'file', 'workspace', 'workspacePath', 'cwd'] as const) {
    if (derived[key] !== undefined) derived[key] = clean(derived[key]);
  }
  return { ...window, title: redactSecrets(window.title).text, derived };
}
