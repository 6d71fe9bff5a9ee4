// Which desktop this is and what it cannot give (said plainly, never guessed), and which folder is
// the repo in focus.
import { describe, expect, it } from 'vitest';
import type { ActiveWindowInfo } from '../../../shared/contract';
import { isTandemWindow } from '../../../electron/core/context/providers/active-window-x11';
import { folderNamed, repoCandidates } from '../../../electron/core/context/repo-focus';
import { deriveWindowContext } from '../../../electron/core/context/title-parsers';
import { detectDisplaySession, unavailableProviders } from '../../../electron/core/context/wayland';

describe('display sessions', () => {
  it('tells X11, Wayland (with or without XWayland), no display, and other platforms apart', () => {
    expect(detectDisplaySession({ DISPLAY: ':0' }, 'linux')).toEqual({ kind: 'x11', display: ':0' });
    expect(detectDisplaySession({ DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual({ kind: 'wayland', xwayland: ':0' });
    expect(detectDisplaySession({ XDG_SESSION_TYPE: 'wayland' }, 'linux')).toEqual({ kind: 'wayland', xwayland: null });
    expect(detectDisplaySession({}, 'linux')).toEqual({ kind: 'none' });
    expect(detectDisplaySession({ DISPLAY: ':0' }, 'darwin')).toEqual({ kind: 'desktop', platform: 'darwin' });
    expect(detectDisplaySession({}, 'win32')).toEqual({ kind: 'desktop', platform: 'win32' });
    expect(detectDisplaySession({}, 'aix')).toEqual({ kind: 'unsupported', platform: 'aix' });
  });

  it('X11 provides everything', () => {
    expect(unavailableProviders({ kind: 'x11', display: ':0' }, false)).toEqual({});
  });

  it('Wayland says plainly that the window in front is not visible', () => {
    const withX = unavailableProviders({ kind: 'wayland', xwayland: ':0' }, true);
    expect(Object.keys(withX)).toEqual(['activeWindow']);
    expect(withX.activeWindow).toMatch(/On Wayland, apps cannot see which window is in front/);
    const bare = unavailableProviders({ kind: 'wayland', xwayland: null }, false);
    expect(Object.keys(bare).sort()).toEqual(['activeWindow', 'clipboard', 'screenshot', 'selection']);
  });

  it('without a display only terminals and git remain', () => {
    const none = unavailableProviders({ kind: 'none' }, false);
    expect(Object.keys(none).sort()).toEqual(['activeWindow', 'clipboard', 'screenshot', 'selection']);
    expect(none.selection).toMatch(/DISPLAY is not set/);
    expect(unavailableProviders({ kind: 'unsupported', platform: 'aix' }, true).activeWindow).toMatch(/not available on aix yet/);
  });

  it('macOS and Windows read the window through get-windows, and say plainly the selection is unavailable', () => {
    const mac = unavailableProviders({ kind: 'desktop', platform: 'darwin' }, true);
    expect(Object.keys(mac).sort()).toEqual(['clipboard', 'selection']);
    expect(mac.selection).toMatch(/^Reading the selection is not available on macOS/);
    expect(Object.keys(unavailableProviders({ kind: 'desktop', platform: 'win32' }, false)).sort()).toEqual(['clipboard', 'screenshot', 'selection']);
  });
});

const win = (derived: ActiveWindowInfo['derived']): ActiveWindowInfo => ({
  windowId: '0x1',
  app: 'x',
  title: 't',
  wmClass: null,
  wmInstance: null,
  pid: null,
  processName: null,
  derived,
});

describe('the repo in focus', () => {
  it('prefers what the window in front names, then the UI, the terminals, and the CLI folder', () => {
    expect(
      repoCandidates({
        window: win({ category: 'editor', workspace: 'shop', workspacePath: '/code/shop-ide' }),
        workspaceHint: '/code/ui',
        terminalFolders: ['/code/shop/src', '/tmp'],
        knownFolders: ['/code/other'],
        fallback: '/home/ada',
      }),
    ).toEqual(['/code/shop-ide', '/code/shop', '/code/ui', '/code/shop/src', '/tmp', '/home/ada']);
  });

  it('a terminal window gives its folder; relative or missing paths are skipped', () => {
    expect(repoCandidates({ window: win({ category: 'terminal', cwd: '/srv/app' }), workspaceHint: 'relative', terminalFolders: [], knownFolders: [], fallback: null })).toEqual(['/srv/app']);
  });

  it('finds a folder by name among known folders and their parents', () => {
    expect(folderNamed('shop', ['/x/y', '/code/shop/src/lib'])).toBe('/code/shop');
    expect(folderNamed('nope', ['/code/shop'])).toBeNull();
  });
});

describe("Tandem's own windows", () => {
  const browserTab = (title: string): ActiveWindowInfo => {
    const identity = { title, wmClass: 'Chromium', wmInstance: 'chromium', processName: 'chromium' };
    return { windowId: '0x2', app: 'Chromium', pid: 999, ...identity, derived: deriveWindowContext(identity) };
  };

  it('are the desktop app (the core\'s pid) and the web UI in a browser tab', () => {
    expect(isTandemWindow({ ...win({ category: 'other' }), pid: 123 }, new Set([123]))).toBe(true);
    expect(isTandemWindow({ ...win({ category: 'other' }), wmClass: 'Tandem' }, new Set())).toBe(true);
    for (const title of ['Tandem - Chromium', 'Tandem — Quick ask - Chromium', 'Fix the cart — Tandem - Chromium']) {
      expect(isTandemWindow(browserTab(title), new Set()), title).toBe(true);
    }
  });

  it('not a page that merely mentions the word', () => {
    expect(isTandemWindow(browserTab('Tandem bicycles for sale - Chromium'), new Set())).toBe(false);
    expect(isTandemWindow({ ...win({ category: 'other' }), pid: 5 }, new Set([123]))).toBe(false);
  });
});
