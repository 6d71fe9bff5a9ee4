/**
 * electron/main/index.ts end to end against a fake `electron` module: the real core (SQLite in a temp
 * folder), the real shell modules, and stand-ins only for the Electron APIs. Proves the wiring: what
 * the Electron smoke test checks on machines with a runtime, checked here without one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames, type RpcResult } from '../../../shared/contract';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;

  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const l of this.listeners.get(event) ?? []) l(...args);
    }
  }

  let nextId = 1;
  class FakeWebContents extends Emitter {
    id = nextId++;
    url = '';
    sent: unknown[][] = [];
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
    isDestroyed() {
      return false;
    }
    getURL() {
      return this.url;
    }
    send(channel: string, ...args: unknown[]) {
      this.sent.push([channel, ...args]);
    }
  }

  class FakeBrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    visible = false;
    destroyed = false;
    constructor(readonly options: { title?: string; webPreferences?: Record<string, unknown> }) {
      super();
      state.windows.push(this);
      state.webContentsCreated?.(this.webContents);
    }
    async loadURL(url: string) {
      this.webContents.url = url;
    }
    show() {
      this.visible = true;
    }
    showInactive() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    focus() {}
    restore() {}
    isVisible() {
      return this.visible;
    }
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    setPosition() {}
  }

  class FakeTray extends Emitter {
    menu: { id: string; type: string; label?: string; checked?: boolean; click?: (item: { checked: boolean }) => void }[] = [];
    destroyed = false;
    constructor(readonly image: unknown) {
      super();
      state.trays.push(this);
    }
    setContextMenu(menu: FakeTray['menu']) {
      this.menu = menu;
    }
    setToolTip() {}
    setImage() {}
    getBounds() {
      return { x: 0, y: 0, width: 0, height: 0 };
    }
    destroy() {
      this.destroyed = true;
    }
  }

  const app = new (class extends Emitter {
    isPackaged = false;
    quitCalls = 0;
    sandboxed = false;
    enableSandbox() {
      this.sandboxed = true;
    }
    commandLine = { hasSwitch: () => false, getSwitchValue: () => '', appendSwitch: () => {} };
    requestSingleInstanceLock() {
      return true;
    }
    whenReady() {
      return Promise.resolve();
    }
    getPath(name: string) {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return state.userData;
    }
    getVersion() {
      return '0.1.0-test';
    }
    quit() {
      this.quitCalls++;
    }
    exit(code: number) {
      throw new Error(`app.exit(${code}) during test; errors: ${state.errors.join(' | ')}`);
    }
  })();

  const state = {
    userData: '',
    windows: [] as FakeBrowserWindow[],
    trays: [] as FakeTray[],
    shortcuts: new Map<string, () => void>(),
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    errors: [] as string[],
    permissionRequest: null as null | ((...args: unknown[]) => void),
    webContentsCreated: null as null | ((contents: FakeWebContents) => void),
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromPath: (file: string) => ({ file }) },
    nativeTheme: { shouldUseDarkColors: false },
    dialog: {
      showErrorBox: (title: string, message: string) => state.errors.push(`${title}: ${message}`),
      showMessageBox: async () => ({ response: 0 }),
    },
    globalShortcut: {
      register: (accelerator: string, callback: () => void) => {
        if (state.shortcuts.has(accelerator)) return false;
        state.shortcuts.set(accelerator, callback);
        return true;
      },
      unregister: (accelerator: string) => void state.shortcuts.delete(accelerator),
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => void state.handlers.set(channel, handler),
      removeHandler: (channel: string) => void state.handlers.delete(channel),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8'),
    },
    screen: {
      getCursorScreenPoint: () => ({ x: 10, y: 10 }),
      getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getDisplayMatching: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...args: unknown[]) => void) => (state.permissionRequest = h),
        setPermissionCheckHandler: () => {},
      },
    },
    shell: { openExternal: async () => {} },
    // Screenshots are taken only when the user asks in quick ask: never during start-up.
    desktopCapturer: {
      getSources: async () => {
        state.errors.push('desktopCapturer.getSources was called without the user asking for a screenshot');
        return [];
      },
    },
    systemPreferences: { getMediaAccessStatus: () => 'granted' },
  };
  return { electron, state, app };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { state, app } = fake;

const byTitle = (title: string) => {
  const win = state.windows.find((w) => w.options.title === title);
  if (!win) throw new Error(`no window titled ${title}`);
  return win;
};

async function invoke(method: string, input: unknown, from = byTitle('Tandem')): Promise<RpcResult> {
  const handler = state.handlers.get(`tandem:invoke:${method}`);
  if (!handler) throw new Error(`no handler for ${method}`);
  const event = { sender: { id: from.webContents.id }, senderFrame: { url: from.webContents.url, parent: null } };
  return (await handler(event, input)) as RpcResult;
}

beforeAll(async () => {
  state.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-main-'));
  // Like Electron: every new webContents is announced through app's 'web-contents-created'.
  state.webContentsCreated = (contents) => app.emit('web-contents-created', {}, contents);
  await import('../../../electron/main/index');
  await vi.waitFor(
    () => {
      if (state.errors.length) throw new Error(state.errors.join('\n'));
      expect(state.trays).toHaveLength(1);
    },
    { timeout: 20_000 },
  );
}, 30_000);

afterAll(() => {
  fs.rmSync(state.userData, { recursive: true, force: true });
});

describe('the Electron main process, wired', () => {
  it('creates the three windows locked down, shows only the main window', () => {
    expect(state.windows.map((w) => w.options.title)).toEqual(['Tandem', 'Tandem Quick Ask', 'Tandem Suggestions']);
    for (const win of state.windows) {
      expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(String(win.options.webPreferences?.preload)).toMatch(/preload\.cjs$/);
    }
    expect(state.windows.map((w) => w.visible)).toEqual([true, false, false]);
    expect(state.windows.map((w) => path.basename(new URL(w.webContents.url).pathname))).toEqual(['index.html', 'quick-ask.html', 'overlay.html']);
  });

  it('guards every webContents as it is created', () => {
    expect(app.sandboxed).toBe(true);
    for (const win of state.windows) {
      expect(win.webContents.listeners.has('will-navigate')).toBe(true);
      expect(win.webContents.listeners.has('will-attach-webview')).toBe(true);
      expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    }
    let granted: boolean | undefined;
    state.permissionRequest?.(null, 'media', (g: boolean) => (granted = g), { requestingUrl: byTitle('Tandem').webContents.url });
    expect(granted).toBe(false);
  });

  it('serves the contract over IPC to our pages only, backed by the real core', async () => {
    expect([...state.handlers.keys()].sort()).toEqual(methodNames.map((m) => `tandem:invoke:${m}`).sort());
    const info = await invoke('app.info', {});
    expect(info).toMatchObject({ ok: true, result: { name: 'Tandem', mode: 'electron', version: '0.1.0-test', dataDir: state.userData } });
    expect(info.ok && (info.result as { hotkey: { registered: boolean } }).hotkey.registered).toBe(true);

    const bad = await invoke('threads.rename', { id: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const handler = state.handlers.get('tandem:invoke:app.info')!;
      const foreign = await handler({ sender: { id: 99 }, senderFrame: { url: 'https://evil.example/', parent: null } }, {});
      expect(foreign).toMatchObject({ ok: false, error: { code: 'transport' } });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('refused app.info from https://evil.example/'));
    } finally {
      warn.mockRestore();
    }
  });

  it('the global hotkey toggles quick-ask', () => {
    const press = state.shortcuts.get('CommandOrControl+Shift+Space');
    expect(press).toBeDefined();
    press!();
    expect(byTitle('Tandem Quick Ask').visible).toBe(true);
    press!();
    expect(byTitle('Tandem Quick Ask').visible).toBe(false);
  });

  it('changing the hotkey through the contract re-registers it and tells every window', async () => {
    const result = await invoke('hotkey.set', { accelerator: 'Alt+Shift+T' });
    expect(result).toMatchObject({ ok: true, result: { accelerator: 'Alt+Shift+T', registered: true } });
    expect([...state.shortcuts.keys()]).toEqual(['Alt+Shift+T']);
    for (const win of state.windows) {
      expect(win.webContents.sent).toContainEqual(['tandem:event', { event: 'hotkey.changed', payload: expect.objectContaining({ accelerator: 'Alt+Shift+T' }) }]);
    }
    expect(JSON.parse(fs.readFileSync(path.join(state.userData, 'hotkey.json'), 'utf8'))).toEqual({ accelerator: 'Alt+Shift+T' });
  });

  it('the tray pauses suggestions through the core, and follows pauses made in the UI', async () => {
    const tray = state.trays[0]!;
    expect(tray.menu.map((i) => i.label ?? i.type)).toEqual(['Open Tandem', 'Pause suggestions', 'separator', 'Quit Tandem']);
    tray.menu[1]!.click!({ checked: true });
    await vi.waitFor(async () => expect(await invoke('app.info', {})).toMatchObject({ result: { paused: true } }), { timeout: 10_000 });
    expect(byTitle('Tandem').webContents.sent).toContainEqual(['tandem:event', { event: 'app.paused', payload: { paused: true } }]);
    await vi.waitFor(() => expect(tray.menu[1]!.checked).toBe(true), { timeout: 10_000 });

    await invoke('app.setPaused', { paused: false });
    expect(tray.menu[1]!.checked).toBe(false);
  });

  it('keeps the API key in safeStorage-encrypted form under userData/secrets', async () => {
    const result = await invoke('provider.update', { apiKey: 'sk-wired-test-123' });
    expect(result).toMatchObject({ ok: true, result: { hasKey: true, keySource: 'keychain', keyStorage: 'keychain' } });
    const file = path.join(state.userData, 'secrets', 'openai-api-key.bin');
    expect(fs.readFileSync(file).includes(Buffer.from('sk-wired-test-123'))).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a second launch with --quick-ask opens quick-ask in this instance', () => {
    app.emit('second-instance', {}, ['/usr/bin/tandem', '--quick-ask'], '/');
    expect(byTitle('Tandem Quick Ask').visible).toBe(true);
  });

  it('quitting disposes everything before the process ends', async () => {
    let prevented = false;
    app.emit('before-quit', {});
    app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(app.quitCalls).toBe(1), { timeout: 10_000 });
    expect(state.shortcuts.size).toBe(0);
    expect(state.handlers.size).toBe(0);
    expect(state.trays[0]!.destroyed).toBe(true);
  });
});
