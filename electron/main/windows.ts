/**
 * Tandem's three windows and how they appear: the main window, the quick-ask panel (toggled by the
 * global hotkey, centred on the display under the pointer, gone on blur or Esc) and the suggestions
 * overlay beside the tray icon. All are created at start and only hidden afterwards, so showing one
 * is instant and the hotkey never waits for a page to load. Closing a window hides it; the app lives
 * in the tray until the user quits.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { OwnPages, PageName } from './own-pages';
import { besideTray, centeredIn, type Rect } from './window-placement';
import {
  mainWindowOptions,
  OVERLAY_SIZE,
  overlayWindowOptions,
  QUICK_ASK_SIZE,
  quickAskWindowOptions,
  type WindowOptionsInput,
} from './window-options';

interface Preventable {
  preventDefault(): void;
}

/** The parts of Electron's BrowserWindow the shell uses. */
export interface ShellWindow {
  readonly webContents: {
    on(event: 'before-input-event', listener: (event: Preventable, input: { type: string; key: string }) => void): unknown;
  };
  loadURL(url: string): Promise<void>;
  show(): void;
  showInactive(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isVisible(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  setPosition(x: number, y: number): void;
  /** Keeps the window out of screenshots and screen sharing (macOS, Windows; a no-op elsewhere). */
  setContentProtection?(enable: boolean): void;
  on(event: 'blur', listener: () => void): unknown;
  on(event: 'close', listener: (event: Preventable) => void): unknown;
}

/** The parts of Electron's screen module the placement needs. */
export interface ScreenApi {
  getCursorScreenPoint(): { x: number; y: number };
  getDisplayNearestPoint(point: { x: number; y: number }): { workArea: Rect };
  getDisplayMatching(rect: Rect): { workArea: Rect };
  getPrimaryDisplay(): { workArea: Rect };
}

export interface ShellWindowsOptions<W extends ShellWindow> {
  createWindow(options: BrowserWindowConstructorOptions): W;
  screen: ScreenApi;
  pages: Pick<OwnPages, 'url'>;
  windowOptions: WindowOptionsInput;
  /** True once the user chose Quit: windows may then really close. */
  isQuitting(): boolean;
  log?: (message: string, err?: unknown) => void;
}

export class ShellWindows<W extends ShellWindow> {
  private readonly windows = new Map<PageName, W>();

  constructor(private readonly opts: ShellWindowsOptions<W>) {}

  /** Creates (hidden) and loads all three windows. */
  createAll(): void {
    for (const page of ['main', 'quick-ask', 'overlay'] as const) this.window(page);
  }

  showMain(): void {
    const win = this.window('main');
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  /** What the global hotkey does. */
  toggleQuickAsk(): void {
    const win = this.window('quick-ask');
    if (win.isVisible()) win.hide();
    else this.showQuickAsk();
  }

  showQuickAsk(): void {
    const win = this.window('quick-ask');
    const { screen } = this.opts;
    // The display the user is looking at is the one under the pointer.
    const { workArea } = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const { x, y } = centeredIn(workArea, QUICK_ASK_SIZE);
    win.setPosition(x, y);
    win.show();
    win.focus();
  }

  hideQuickAsk(): void {
    const win = this.windows.get('quick-ask');
    if (win && !win.isDestroyed()) win.hide();
  }

  /** Shows the overlay beside the tray icon (bounds as Tray.getBounds() reports them), or hides it. */
  toggleOverlay(trayBounds: Rect | null): void {
    const win = this.window('overlay');
    if (win.isVisible()) win.hide();
    else this.showOverlay(trayBounds);
  }

  showOverlay(trayBounds: Rect | null): void {
    const win = this.window('overlay');
    const { screen } = this.opts;
    const usable = trayBounds && trayBounds.width > 0 && trayBounds.height > 0 ? trayBounds : null;
    const { workArea } = usable ? screen.getDisplayMatching(usable) : screen.getPrimaryDisplay();
    const { x, y } = besideTray(usable, workArea, OVERLAY_SIZE);
    win.setPosition(x, y);
    // Suggestions must not steal focus from what the user is typing.
    win.showInactive();
  }

  /** The live windows, for event delivery. */
  all(): W[] {
    return [...this.windows.values()].filter((win) => !win.isDestroyed());
  }

  private window(page: PageName): W {
    const existing = this.windows.get(page);
    if (existing && !existing.isDestroyed()) return existing;
    const win = this.opts.createWindow(this.optionsFor(page));
    this.windows.set(page, win);

    win.on('close', (event) => {
      if (this.opts.isQuitting()) return;
      event.preventDefault();
      win.hide();
    });
    if (page === 'quick-ask') {
      // The panel shows the user's context (and the screenshot button): keep it out of its own
      // screenshots and out of screen sharing.
      win.setContentProtection?.(true);
      win.on('blur', () => win.hide());
      win.webContents.on('before-input-event', (event, input) => {
        if (input.type === 'keyDown' && input.key === 'Escape') {
          event.preventDefault();
          win.hide();
        }
      });
    }

    const url = this.opts.pages.url(page);
    win.loadURL(url).catch((err: unknown) => (this.opts.log ?? console.error)(`[tandem] could not load ${url}`, err));
    return win;
  }

  private optionsFor(page: PageName): BrowserWindowConstructorOptions {
    const input = this.opts.windowOptions;
    if (page === 'main') return mainWindowOptions(input);
    if (page === 'quick-ask') return quickAskWindowOptions(input);
    return overlayWindowOptions(input);
  }
}
