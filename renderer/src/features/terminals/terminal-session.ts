/**
 * One xterm.js view of one core terminal: renders its output (restored from a snapshot, then live),
 * acknowledges what it rendered, sends keystrokes and size changes back, and offers find, links,
 * copy/paste and a saved state for reloads. No React here; TerminalView mounts it.
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { SerializeAddon } from '@xterm/addon-serialize';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal, type ITheme } from '@xterm/xterm';
import { TERMINAL_LIMITS, type TerminalData } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { registerCodeLinks } from '../code/terminal-links';
import { AckCounter } from './ack-counter';
import { StreamStitcher, type SavedView } from './stream-stitcher';

/** Lines kept by xterm itself (the core keeps its own bounded copy for restores). */
const SCROLLBACK_LINES = 5_000;
/** Lines of a view saved for a reload; the rest comes from the core's snapshot. */
const SAVED_VIEW_LINES = 1_000;
/** A saved view larger than this is not worth the storage; the core's snapshot will do. */
const MAX_SAVED_VIEW_CHARS = 2_000_000;
/** Size changes settle for this long before the pty is resized (a dragged splitter sends many). */
const RESIZE_DEBOUNCE_MS = 60;

export type RendererKind = 'webgl' | 'dom';

export interface TerminalSessionOptions {
  client: TandemClient;
  terminalId: string;
  theme: ITheme;
  fontFamily: string;
  fontSize: number;
  /** What the view saved of itself before the page reloaded, if anything. */
  savedView: SavedView | null;
  /** Keys the app handles even when the terminal has focus (toggle panel, palette…). */
  isAppShortcut(event: KeyboardEvent): boolean;
  /** The user asked for the find bar (Ctrl+Shift+F, ⌘F). */
  onFind(): void;
  onFocus?(): void;
  isMac: boolean;
}

export class TerminalSession {
  readonly terminal: Terminal;
  readonly search: SearchAddon;
  private readonly fit = new FitAddon();
  private readonly serializer = new SerializeAddon();
  private readonly stitcher: StreamStitcher;
  private readonly ack: AckCounter;
  private webgl: WebglAddon | null = null;
  private rendererKind: RendererKind = 'dom';
  /** xterm's own element, moved between containers as the panel is shown and hidden. */
  private readonly host: HTMLDivElement;
  private opened = false;
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;
  private sentSize = { cols: 0, rows: 0 };
  /** How far into the stream xterm has parsed (what a saved view reflects). */
  private parsedEnd = 0;
  private restoring: Promise<void> | null = null;
  private disposed = false;
  private savedView: SavedView | null;

  constructor(private readonly options: TerminalSessionOptions) {
    this.savedView = options.savedView;
    this.host = document.createElement('div');
    this.host.className = 'terminal-xterm';
    this.terminal = new Terminal({
      allowProposedApi: true,
      fontFamily: options.fontFamily,
      fontSize: options.fontSize,
      theme: options.theme,
      scrollback: SCROLLBACK_LINES,
      cursorBlink: true,
      macOptionIsMeta: true,
      drawBoldTextInBrightColors: false,
    });
    this.search = new SearchAddon({ highlightLimit: 2_000 });
    this.terminal.loadAddon(this.fit);
    this.terminal.loadAddon(this.search);
    this.terminal.loadAddon(this.serializer);
    this.terminal.loadAddon(new Unicode11Addon());
    this.terminal.unicode.activeVersion = '11';
    this.terminal.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    // path:line references (compiler errors, stack traces) open the code view; disposed with the terminal.
    registerCodeLinks(this.terminal, options.client, options.terminalId);

    this.ack = new AckCounter((chars) => {
      void this.options.client.invoke('terminal.ack', { id: this.options.terminalId, chars }).catch(() => undefined);
    });
    this.stitcher = new StreamStitcher({
      write: (data, live, streamEnd) => {
        this.terminal.write(data, () => {
          this.parsedEnd = streamEnd;
          if (live) this.ack.rendered(data.length);
        });
      },
      gap: () => void this.resync(),
    });

    this.terminal.onData((data) => this.send(data));
    this.terminal.attachCustomKeyEventHandler((event) => this.onKey(event));
  }

  get id(): string {
    return this.options.terminalId;
  }

  get renderer(): RendererKind {
    return this.rendererKind;
  }

  /**
   * Shows the terminal in `container`. The first time, xterm opens (it must be in the document to
   * measure its font) and the output is restored; later it is only moved, keeping its whole state.
   */
  attach(container: HTMLElement): void {
    if (this.disposed) return;
    if (this.host.parentElement !== container) container.appendChild(this.host);
    if (!this.opened) {
      this.opened = true;
      this.terminal.open(this.host);
      this.terminal.textarea?.addEventListener('focus', () => this.options.onFocus?.());
      this.loadWebgl();
      this.fitNow();
      this.restoring = this.restore();
    } else {
      this.fitNow();
    }
  }

  /** Takes the terminal out of the page (the panel was hidden); output keeps flowing into it. */
  detach(): void {
    this.host.remove();
  }

  /** Resolves once the first restore has been written. */
  whenRestored(): Promise<void> {
    return this.restoring ?? Promise.resolve();
  }

  /** A live `terminal.data` event for this terminal. */
  receive(event: TerminalData): void {
    if (!this.disposed) this.stitcher.push(event);
  }

  /** Restores again from a fresh snapshot (after missed events, e.g. a dropped connection). */
  async resync(): Promise<void> {
    if (this.disposed || !this.opened) return;
    if (this.restoring) await this.restoring;
    this.stitcher.reset();
    this.terminal.reset();
    this.restoring = this.restore();
    await this.restoring;
  }

  /** Matches the pty to the element's size; called when the element may have changed size. */
  fitNow(): void {
    if (!this.opened || this.disposed || !this.host.isConnected) return;
    const dims = this.fit.proposeDimensions();
    // A hidden element proposes nothing useful; the next visible fit will.
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows) || dims.cols < TERMINAL_LIMITS.minCols || dims.rows < TERMINAL_LIMITS.minRows) return;
    const cols = Math.min(dims.cols, TERMINAL_LIMITS.maxCols);
    const rows = Math.min(dims.rows, TERMINAL_LIMITS.maxRows);
    if (cols !== this.terminal.cols || rows !== this.terminal.rows) this.terminal.resize(cols, rows);
    if (cols === this.sentSize.cols && rows === this.sentSize.rows) return;
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      this.resizeTimer = null;
      this.sentSize = { cols: this.terminal.cols, rows: this.terminal.rows };
      void this.options.client.invoke('terminal.resize', { id: this.id, ...this.sentSize }).catch(() => undefined);
    }, RESIZE_DEBOUNCE_MS);
  }

  setTheme(theme: ITheme): void {
    this.terminal.options.theme = theme;
  }

  setFont(fontFamily: string, fontSize: number): void {
    if (this.terminal.options.fontFamily === fontFamily && this.terminal.options.fontSize === fontSize) return;
    this.terminal.options.fontFamily = fontFamily;
    this.terminal.options.fontSize = fontSize;
    this.fitNow();
  }

  focus(): void {
    this.terminal.focus();
  }

  /** Sends text as if typed (e.g. Ctrl-C from an Interrupt button). */
  send(data: string): void {
    for (let i = 0; i < data.length; i += TERMINAL_LIMITS.maxWriteChars) {
      const chunk = data.slice(i, i + TERMINAL_LIMITS.maxWriteChars);
      void this.options.client.invoke('terminal.write', { id: this.id, data: chunk }).catch(() => undefined);
    }
  }

  /** The view as it is now, for a reload (null when it is too big to be worth keeping). */
  saveView(): SavedView | null {
    if (!this.stitcher.restored) return null;
    const data = this.serializer.serialize({ scrollback: SAVED_VIEW_LINES });
    if (data.length > MAX_SAVED_VIEW_CHARS) return null;
    return { data, end: this.parsedEnd };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
    this.webgl?.dispose();
    this.terminal.dispose();
    this.host.remove();
  }

  private async restore(): Promise<void> {
    const saved = this.savedView;
    this.savedView = null;
    try {
      const snapshot = await this.options.client.invoke('terminal.snapshot', { id: this.id });
      if (this.disposed) return;
      this.stitcher.restore(snapshot, saved);
    } catch {
      if (this.disposed) return;
      // The terminal is gone from the core (closed elsewhere, or lost): show whatever was saved.
      if (saved) this.terminal.write(saved.data);
      this.stitcher.restore({ data: '', start: 0, end: 0 });
    }
  }

  /** WebGL when the browser has it; the DOM renderer otherwise, and again if the GL context is lost. */
  private loadWebgl(): void {
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => {
        webgl.dispose();
        this.webgl = null;
        this.rendererKind = 'dom';
        this.host.setAttribute('data-renderer', 'dom');
      });
      this.terminal.loadAddon(webgl);
      this.webgl = webgl;
      this.rendererKind = 'webgl';
    } catch {
      this.webgl = null;
      this.rendererKind = 'dom';
    }
    this.host.setAttribute('data-renderer', this.rendererKind);
  }

  private onKey(event: KeyboardEvent): boolean {
    if (event.type !== 'keydown') return true;
    const mac = this.options.isMac;
    const key = event.key.toLowerCase();
    const shortcutMod = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && event.shiftKey && !event.metaKey;
    if (shortcutMod && !event.altKey) {
      if (key === 'c' && !mac) {
        // Ctrl+Shift+C copies; plain Ctrl+C stays an interrupt.
        if (this.terminal.hasSelection()) void copyText(this.terminal.getSelection());
        event.preventDefault();
        return false;
      }
      if (key === 'v' && !mac) {
        // Let the browser run its paste: xterm's textarea receives the paste event (no permission prompt).
        return false;
      }
      if (key === 'f') {
        event.preventDefault();
        this.options.onFind();
        return false;
      }
    }
    return !this.options.isAppShortcut(event);
  }
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API (insecure context): nothing else can write to the clipboard from here.
  }
}
