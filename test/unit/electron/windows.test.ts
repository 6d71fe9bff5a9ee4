import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownPages } from '../../../electron/main/own-pages';
import { mainWindowOptions, overlayWindowOptions, quickAskWindowOptions, QUICK_ASK_SIZE, OVERLAY_SIZE } from '../../../electron/main/window-options';
import { besideTray, centeredIn, type Rect } from '../../../electron/main/window-placement';
import { ShellWindows, type ScreenApi, type ShellWindow } from '../../../electron/main/windows';

const input = { preload: '/opt/tandem/out/electron/preload.cjs', contractArguments: ['--tandem-methods=app.info', '--tandem-events=app.paused'], backgroundColor: '#ffffff' };

describe('window options', () => {
  const all = { main: mainWindowOptions(input), 'quick-ask': quickAskWindowOptions(input), overlay: overlayWindowOptions(input) };

  it.each(Object.entries(all))('%s runs sandboxed, isolated, without Node, with web security', (_name, options) => {
    expect(options.webPreferences).toMatchObject({
      preload: input.preload,
      additionalArguments: input.contractArguments,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.show).toBe(false);
  });

  it('quick-ask is a frameless, always-on-top panel outside the taskbar', () => {
    expect(all['quick-ask']).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, resizable: false, ...QUICK_ASK_SIZE });
  });

  it('the overlay is a small frameless always-on-top card', () => {
    expect(all.overlay).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, ...OVERLAY_SIZE });
    expect(OVERLAY_SIZE.width * OVERLAY_SIZE.height).toBeLessThan(QUICK_ASK_SIZE.width * QUICK_ASK_SIZE.height);
  });

  it('the main window keeps its frame', () => {
    expect(all.main.frame).toBeUndefined();
    expect(all.main.alwaysOnTop).toBeUndefined();
  });
});

describe('placement', () => {
  const workArea: Rect = { x: 0, y: 32, width: 1920, height: 1048 };

  it('centres quick-ask on the work area', () => {
    expect(centeredIn(workArea, { width: 680, height: 440 })).toEqual({ x: 620, y: 336 });
    expect(centeredIn({ x: 1920, y: 0, width: 1280, height: 1024 }, { width: 680, height: 440 })).toEqual({ x: 2220, y: 292 });
  });

  it('puts the overlay under a tray icon in a top bar, kept on screen', () => {
    expect(besideTray({ x: 1890, y: 0, width: 24, height: 32 }, workArea, { width: 380, height: 240 })).toEqual({ x: 1540, y: 40 });
    expect(besideTray({ x: 900, y: 0, width: 24, height: 32 }, workArea, { width: 380, height: 240 })).toEqual({ x: 722, y: 40 });
  });

  it('puts the overlay above a tray icon in a bottom taskbar', () => {
    const taskbarArea = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(besideTray({ x: 1700, y: 1044, width: 32, height: 32 }, taskbarArea, { width: 380, height: 240 })).toEqual({ x: 1526, y: 796 });
  });

  it('falls back to the top-right corner when the tray reports no bounds (common on Linux)', () => {
    expect(besideTray({ x: 0, y: 0, width: 0, height: 0 }, workArea, { width: 380, height: 240 })).toEqual({ x: 1532, y: 40 });
    expect(besideTray(null, workArea, { width: 380, height: 240 })).toEqual({ x: 1532, y: 40 });
  });
});

type Listener = (...args: never[]) => void;

class FakeWindow implements ShellWindow {
  static created: FakeWindow[] = [];
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  shownInactive = false;
  position: [number, number] = [0, 0];
  contentProtected = false;
  loaded: string[] = [];
  listeners = new Map<string, Listener>();
  inputListener: Listener | null = null;
  constructor(readonly options: Record<string, unknown>) {
    FakeWindow.created.push(this);
  }
  readonly webContents = {
    on: (_event: 'before-input-event', listener: Listener) => {
      this.inputListener = listener;
    },
  };
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  show() {
    this.visible = true;
  }
  showInactive() {
    this.visible = true;
    this.shownInactive = true;
  }
  hide() {
    this.visible = false;
    this.focused = false;
  }
  focus() {
    this.focused = true;
  }
  restore() {
    this.minimized = false;
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setPosition(x: number, y: number) {
    this.position = [x, y];
  }
  setContentProtection(enable: boolean) {
    this.contentProtected = enable;
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, listener);
  }
  fire(event: string, ...args: unknown[]) {
    (this.listeners.get(event) as ((...a: unknown[]) => void) | undefined)?.(...args);
  }
  pressKey(key: string) {
    let prevented = false;
    (this.inputListener as (e: { preventDefault(): void }, i: { type: string; key: string }) => void)({ preventDefault: () => (prevented = true) }, { type: 'keyDown', key });
    return prevented;
  }
}

const left: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const right: Rect = { x: 1920, y: 0, width: 2560, height: 1440 };

function setup() {
  FakeWindow.created = [];
  let quitting = false;
  let cursor = { x: 100, y: 100 };
  const screen: ScreenApi = {
    getCursorScreenPoint: () => cursor,
    getDisplayNearestPoint: (p) => ({ workArea: p.x >= 1920 ? right : left }),
    getDisplayMatching: (r) => ({ workArea: r.x >= 1920 ? right : left }),
    getPrimaryDisplay: () => ({ workArea: left }),
  };
  const pages = ownPages({ rendererDir: path.resolve('/opt/tandem/out/renderer') });
  const windows = new ShellWindows<FakeWindow>({
    createWindow: (options) => new FakeWindow(options as Record<string, unknown>),
    screen,
    pages,
    windowOptions: input,
    isQuitting: () => quitting,
  });
  windows.createAll();
  const byTitle = (title: string) => FakeWindow.created.find((w) => w.options.title === title)!;
  return {
    windows,
    pages,
    main: byTitle('Tandem'),
    quickAsk: byTitle('Tandem Quick Ask'),
    overlay: byTitle('Tandem Suggestions'),
    setCursor: (p: { x: number; y: number }) => (cursor = p),
    quit: () => (quitting = true),
  };
}

describe('shell windows', () => {
  it('creates all three windows hidden at start, each loading its own page', () => {
    const { main, quickAsk, overlay, pages, windows } = setup();
    expect(FakeWindow.created).toHaveLength(3);
    expect(main.loaded).toEqual([pages.url('main')]);
    expect(quickAsk.loaded).toEqual([pages.url('quick-ask')]);
    expect(overlay.loaded).toEqual([pages.url('overlay')]);
    expect([main, quickAsk, overlay].every((w) => !w.visible)).toBe(true);
    expect(windows.all()).toHaveLength(3);
  });

  it('the hotkey toggles quick-ask, centred on the display under the pointer, without reloading it', () => {
    const { windows, quickAsk, setCursor } = setup();
    setCursor({ x: 2500, y: 700 });
    windows.toggleQuickAsk();
    expect(quickAsk.visible && quickAsk.focused).toBe(true);
    expect(quickAsk.position).toEqual([1920 + (2560 - 680) / 2, (1440 - 440) / 2]);
    windows.toggleQuickAsk();
    expect(quickAsk.visible).toBe(false);
    setCursor({ x: 10, y: 10 });
    windows.toggleQuickAsk();
    expect(quickAsk.position).toEqual([(1920 - 680) / 2, (1080 - 440) / 2]);
    expect(quickAsk.loaded).toHaveLength(1);
    expect(FakeWindow.created).toHaveLength(3);
  });

  it('quick-ask keeps itself out of screenshots and screen sharing; the other windows do not', () => {
    const { main, quickAsk, overlay } = setup();
    expect([main.contentProtected, quickAsk.contentProtected, overlay.contentProtected]).toEqual([false, true, false]);
  });

  it('quick-ask hides on blur and on Esc', () => {
    const { windows, quickAsk } = setup();
    windows.showQuickAsk();
    quickAsk.fire('blur');
    expect(quickAsk.visible).toBe(false);
    windows.showQuickAsk();
    expect(quickAsk.pressKey('a')).toBe(false);
    expect(quickAsk.visible).toBe(true);
    expect(quickAsk.pressKey('Escape')).toBe(true);
    expect(quickAsk.visible).toBe(false);
  });

  it('shows the overlay beside the tray without taking focus', () => {
    const { windows, overlay } = setup();
    windows.toggleOverlay({ x: 4400, y: 0, width: 24, height: 24 });
    expect(overlay.visible && overlay.shownInactive && !overlay.focused).toBe(true);
    expect(overlay.position).toEqual([1920 + 2560 - 380, 32]);
    windows.toggleOverlay(null);
    expect(overlay.visible).toBe(false);
  });

  it('closing a window hides it until the user quits', () => {
    const { windows, main, quit } = setup();
    windows.showMain();
    let prevented = false;
    main.fire('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(main.visible).toBe(false);

    quit();
    prevented = false;
    main.fire('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });

  it('brings a minimised main window back, and recreates a destroyed one', () => {
    const { windows, main } = setup();
    main.minimized = true;
    windows.showMain();
    expect(main.minimized).toBe(false);
    expect(main.visible && main.focused).toBe(true);

    main.destroyed = true;
    windows.showMain();
    expect(FakeWindow.created).toHaveLength(4);
    expect(FakeWindow.created[3]!.visible).toBe(true);
    expect(windows.all()).toHaveLength(3);
  });
});
