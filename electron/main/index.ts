/**
 * Tandem's Electron main process: the only place that wires the real `electron` module into the
 * shell's small modules (each testable with fakes) and starts the Electron-free core.
 *
 * Order matters: the single-instance lock and command-line switches before `ready`; the security
 * guards before any window exists; windows before the hotkey that shows them.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  safeStorage,
  screen,
  session,
  shell,
  systemPreferences,
  Tray,
  utilityProcess,
  type NativeImage,
} from 'electron';
import { eventNames, methodNames, type AppInfo, type AppNavigation, type HotkeyStatus } from '../../shared/contract';
import { contractArguments } from '../../shared/bridge';
import { createCore } from '../core/app';
import { utilityProcessPtyHost } from '../core/terminals/host-channel';
import { forwardEvents } from './event-forwarder';
import { GlobalHotkey } from './hotkey';
import { hotkeyPreferenceFile } from './hotkey-preference';
import { installIpcBridge } from './ipc-bridge';
import { SafeStorageKeychain } from './keychain';
import { enableGlobalShortcutsPortal, isWaylandSession } from './linux-session';
import { ownPages, type OwnPages } from './own-pages';
import { shellPaths, trayIconFile, windowIconFile, type ShellPaths } from './paths';
import { guardPermissions, guardWebContents } from './security';
import { disposeBeforeQuit } from './shutdown';
import { launchIntent, SingleInstance } from './single-instance';
import { DesktopScreenCapture } from './screen-capture';
import { TrayController, type TrayMenuItem } from './tray';
import { badgedImage } from './tray-badge';
import { ShellWindows } from './windows';

/** Handles the Electron smoke test drives (test/e2e/electron-smoke.test.ts); set only when it asks. */
interface ShellTestHooks {
  pressHotkey(): void;
  hotkey(): HotkeyStatus;
  trayMenu(): readonly Pick<TrayMenuItem, 'id' | 'type' | 'label' | 'checked'>[];
}

function main(): void {
  const paths = shellPaths({ mainDir: __dirname, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
  const pages = ownPages({
    rendererDir: paths.rendererDir,
    devServerUrl: app.isPackaged ? null : (process.env.TANDEM_RENDERER_URL ?? null),
  });
  const wayland = isWaylandSession(process.platform, process.env);
  if (wayland) enableGlobalShortcutsPortal(app.commandLine);

  const instance = SingleInstance.claim(app);
  if (!instance) return;

  // Sandbox every renderer, including any created without our window options.
  app.enableSandbox();

  // Every webContents, including any we did not create on purpose, gets the guards at birth.
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { isOwnPage: pages.isOwnPage, openExternal: (url) => shell.openExternal(url) });
  });
  // Closing windows only hides them; Tandem keeps running in the tray until Quit.
  app.on('window-all-closed', () => {});

  app
    .whenReady()
    .then(() => start(paths, pages, wayland, instance))
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      console.error('[tandem] could not start', err);
      dialog.showErrorBox('Tandem could not start', message);
      app.exit(1);
    });
}

async function start(paths: ShellPaths, pages: OwnPages, wayland: boolean, instance: SingleInstance): Promise<void> {
  guardPermissions(session.defaultSession, pages.isOwnPage);

  const dataDir = app.getPath('userData');
  const cleanups: (() => unknown)[] = [];
  const shutdown = disposeBeforeQuit(app, async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  const windows = new ShellWindows({
    createWindow: (options) => new BrowserWindow(options),
    screen,
    pages,
    windowOptions: {
      preload: paths.preload,
      contractArguments: contractArguments(methodNames, eventNames),
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#17181c' : '#ffffff',
      icon: windowIconFile(paths.iconsDir),
    },
    isQuitting: shutdown.isQuitting,
  });

  const hotkey = new GlobalHotkey({
    shortcuts: globalShortcut,
    preference: hotkeyPreferenceFile(path.join(dataDir, 'hotkey.json')),
    onPressed: () => windows.toggleQuickAsk(),
    platform: process.platform,
    wayland,
  });

  let tray: TrayController<Menu, NativeImage> | null = null;
  const core = createCore({
    dataDir,
    version: app.getVersion(),
    platform: {
      mode: 'electron',
      keychain: new SafeStorageKeychain(safeStorage, path.join(dataDir, 'secrets'), process.platform),
      hotkey,
      // Screenshots only when the user asks for one in quick ask.
      screenCapture: new DesktopScreenCapture({
        capturer: desktopCapturer,
        screen,
        platform: process.platform,
        screenAccess: process.platform === 'linux' ? undefined : () => systemPreferences.getMediaAccessStatus('screen'),
      }),
      onPausedChanged: (paused) => tray?.setPaused(paused),
    },
    // The pty host runs as an Electron utility process (out/pty-host.cjs beside out/electron/), so a
    // flood of terminal output never stalls the main process; fork-as-Node is disabled by our fuses.
    terminals: {
      launcher: utilityProcessPtyHost(
        (entry) => utilityProcess.fork(entry, [], { serviceName: 'Tandem terminals', stdio: 'ignore' }),
        path.join(__dirname, '..', 'pty-host.cjs'),
      ),
    },
  });
  cleanups.push(() => core.dispose());

  cleanups.push(installIpcBridge({ ipcMain, router: core.router, isOwnPage: pages.isOwnPage }));
  cleanups.push(forwardEvents({ events: core.events, windows: () => windows.all(), isOwnPage: pages.isOwnPage }));

  windows.createAll();
  const hotkeyStatus = hotkey.start();
  if (!hotkeyStatus.registered) console.warn(`[tandem] ${hotkeyStatus.error ?? 'global hotkey not registered'} ${hotkeyStatus.hint ?? ''}`);
  cleanups.push(() => hotkey.dispose());

  const info = await core.router.dispatch('app.info', {}, { clientId: 'shell' });
  const icon = (paused: boolean) => nativeImage.createFromPath(trayIconFile(paths.iconsDir, process.platform, paused));
  const waiting = await core.router.dispatch('suggestions.list', { status: 'surfaced', limit: 1000 }, { clientId: 'shell' });
  const trayController = new TrayController<Menu, NativeImage>({
    tray: new Tray(icon(false)),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    icons: { active: icon(false), paused: icon(true), badged: badgedImage(icon(false), nativeImage) },
    paused: info.ok ? (info.result as AppInfo).paused : false,
    pendingCount: waiting.ok ? (waiting.result as unknown[]).length : 0,
    actions: {
      openMain: () => windows.showMain(),
      toggleOverlay: (bounds) => windows.toggleOverlay(bounds),
      requestPaused: (paused) => core.router.dispatch('app.setPaused', { paused }, { clientId: 'tray' }),
      quit: () => app.quit(),
    },
  });
  tray = trayController;
  cleanups.push(() => trayController.dispose());
  // The badge follows the cards waiting for an answer; a window asking for the main view brings it forward.
  cleanups.push(
    core.events.subscribe((event, payload) => {
      if (event === 'suggestions.pending') trayController.setPendingCount((payload as { count: number }).count);
      else if (event === 'app.navigate' && (payload as AppNavigation).view === 'main') windows.showMain();
    }),
  );

  const open = (intent: 'main' | 'quick-ask') => (intent === 'quick-ask' ? windows.showQuickAsk() : windows.showMain());
  instance.deliverTo(open);
  open(launchIntent(process.argv));
  // macOS: clicking the Dock icon with no window in front.
  app.on('activate', () => windows.showMain());

  for (const notice of core.notices) void dialog.showMessageBox({ type: 'warning', title: 'Tandem', message: notice });

  if (process.env.TANDEM_SHELL_TEST_HOOKS === '1') {
    const hooks: ShellTestHooks = {
      pressHotkey: () => windows.toggleQuickAsk(),
      hotkey: () => hotkey.status(),
      trayMenu: () => trayController.menuItems().map(({ id, type, label, checked }) => ({ id, type, label, checked })),
    };
    (globalThis as { tandemShell?: ShellTestHooks }).tandemShell = hooks;
  }
}

main();
