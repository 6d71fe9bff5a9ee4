// The window in front on macOS and Windows, from get-windows results recorded on those systems: the
// mapping into Tandem's window context (app, executable, bundle id, pid, URL, what the title tells), the
// exclusions it feeds, the window behind Tandem's own, and failures in words the user can act on — the
// provider failing alone while the others answer.
import { describe, expect, it } from 'vitest';
import { ContextEngine } from '../../../electron/core/context/engine';
import { activeExclusionRules, matchExclusion } from '../../../electron/core/context/privacy/exclusions';
import {
  NativeActiveWindowReader,
  windowFromGetWindows,
  type GetWindowsModule,
  type GetWindowsResult,
} from '../../../electron/core/context/providers/active-window-native';
import { DEFAULT_CONTEXT_PROVIDERS, type ContextSettings, type TerminalCommand } from '../../../shared/contract';

// Recorded with get-windows 9.3.0 (bounds and memoryUsage left out: Tandem does not read them).
const MAC_CHROME: GetWindowsResult = {
  platform: 'macos',
  title: 'Fix flaky login test by ana · Pull Request #412 · acme/shop',
  id: 40213,
  owner: { name: 'Google Chrome', processId: 812, bundleId: 'com.google.Chrome', path: '/Applications/Google Chrome.app' },
  url: 'https://github.com/acme/shop/pull/412/files',
};
const MAC_1PASSWORD: GetWindowsResult = {
  platform: 'macos',
  title: '1Password',
  id: 511,
  owner: { name: '1Password', processId: 733, bundleId: 'com.1password.1password', path: '/Applications/1Password.app' },
};
const WIN_VSCODE: GetWindowsResult = {
  platform: 'windows',
  title: '● checkout.ts - shop - Visual Studio Code',
  id: 3_278_934,
  owner: { name: 'Visual Studio Code', processId: 10_412, path: 'C:\\Users\\ana\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe' },
};
const WIN_TERMINAL: GetWindowsResult = {
  platform: 'windows',
  title: 'C:\\Users\\ana\\code\\shop',
  id: 1_180_332,
  owner: { name: 'Windows Terminal', processId: 9_020, path: 'C:\\Program Files\\WindowsApps\\Microsoft.WindowsTerminal_1.21\\WindowsTerminal.exe' },
};
const WIN_PRIVATE_EDGE: GetWindowsResult = {
  platform: 'windows',
  title: 'InPrivate - Bank statement - Microsoft​ Edge',
  id: 2_001,
  owner: { name: 'Microsoft Edge', processId: 4_410, path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe' },
};
const TANDEM_PID = 4242;
const MAC_TANDEM: GetWindowsResult = {
  platform: 'macos',
  title: 'Quick ask',
  id: 90,
  owner: { name: 'Tandem', processId: TANDEM_PID, bundleId: 'dev.tandem.app', path: '/Applications/Tandem.app' },
};

describe('mapping get-windows results', () => {
  it('takes a macOS browser window with the URL the browser reported', () => {
    expect(windowFromGetWindows(MAC_CHROME)).toEqual({
      windowId: '40213',
      app: 'Google Chrome',
      title: MAC_CHROME.title,
      wmInstance: null,
      wmClass: 'com.google.Chrome',
      pid: 812,
      processName: 'Google Chrome',
      derived: expect.objectContaining({ category: 'browser', url: 'https://github.com/acme/shop/pull/412/files', site: 'github.com' }),
    });
  });

  it('reads the file and workspace from a Windows VS Code title, the executable from its path', () => {
    const w = windowFromGetWindows(WIN_VSCODE);
    expect(w.processName).toBe('Code');
    expect(w.app).toBe('Visual Studio Code');
    expect(w.pid).toBe(10_412);
    expect(w.derived).toMatchObject({ category: 'editor', file: 'checkout.ts', workspace: 'shop' });
  });

  it('recognises Windows Terminal as a terminal', () => {
    expect(windowFromGetWindows(WIN_TERMINAL).derived.category).toBe('terminal');
  });

  it('feeds the exclusions: a password manager by bundle id, a private window by its title', () => {
    const rules = activeExclusionRules(new Set(), []);
    expect(matchExclusion(windowFromGetWindows(MAC_1PASSWORD), rules)?.ruleId).toBe('1password');
    expect(matchExclusion(windowFromGetWindows(WIN_PRIVATE_EDGE), rules)?.ruleId).toBe('private-browsing');
    expect(matchExclusion(windowFromGetWindows(WIN_VSCODE), rules)).toBeNull();
  });

  it('keeps no URL that is not one, and no pid that is not one', () => {
    const w = windowFromGetWindows({ ...MAC_CHROME, url: 'not a url', owner: { ...MAC_CHROME.owner, processId: 0 } });
    expect(w.derived.url).not.toBe('not a url');
    expect(w.pid).toBeNull();
  });
});

function fakeModule(front: GetWindowsResult | undefined, all: GetWindowsResult[] = [], calls: unknown[] = []): GetWindowsModule {
  return {
    activeWindow: async (options) => {
      calls.push(options);
      return front;
    },
    openWindows: async () => all,
  };
}

const isOwn = (w: { pid: number | null }) => w.pid === TANDEM_PID;

describe('reading the window in front', () => {
  it("skips Tandem's own window for the one behind it", async () => {
    const reader = new NativeActiveWindowReader({ platform: 'darwin', isOwn, load: async () => fakeModule(MAC_TANDEM, [MAC_TANDEM, MAC_CHROME, MAC_1PASSWORD]) });
    expect((await reader.read())?.app).toBe('Google Chrome');
  });

  it('loads get-windows once', async () => {
    let loads = 0;
    const reader = new NativeActiveWindowReader({ platform: 'win32', isOwn, load: async () => (loads++, fakeModule(WIN_VSCODE)) });
    await reader.read();
    await reader.read();
    expect(loads).toBe(1);
  });

  it('says what to do when macOS withholds the Screen Recording permission', async () => {
    const denied = Object.assign(new Error('Command failed: /Applications/Tandem.app/…/get-windows/main'), {
      stdout: 'get-windows requires the screen recording permission in “System Settings › Privacy & Security › Screen Recording”.\n',
    });
    const reader = new NativeActiveWindowReader({ platform: 'darwin', isOwn, load: async () => ({ activeWindow: () => Promise.reject(denied), openWindows: async () => [] }) });
    await expect(reader.read()).rejects.toThrow(/Screen Recording permission.*System Settings › Privacy & Security › Screen Recording/);
  });

  it('reads on without Accessibility (no URL) once macOS refuses it', async () => {
    const calls: unknown[] = [];
    let refused = false;
    const mod: GetWindowsModule = {
      activeWindow: async (options) => {
        calls.push(options);
        if (!options && !refused) {
          refused = true;
          throw Object.assign(new Error('Command failed'), { stdout: 'get-windows requires the accessibility permission in “System Settings › Privacy & Security › Accessibility”.' });
        }
        return { ...MAC_CHROME, url: undefined };
      },
      openWindows: async () => [],
    };
    const reader = new NativeActiveWindowReader({ platform: 'darwin', isOwn, load: async () => mod });
    expect((await reader.read())?.app).toBe('Google Chrome');
    await reader.read();
    expect(calls).toEqual([undefined, { accessibilityPermission: false }, { accessibilityPermission: false }]);
  });

  it('fails plainly when the package cannot be loaded, or its Windows part is missing', async () => {
    const missing = new NativeActiveWindowReader({ platform: 'win32', isOwn, load: () => Promise.reject(new Error("Cannot find package 'get-windows'")) });
    await expect(missing.read()).rejects.toThrow("Reading the window in front on Windows needs the get-windows package, which could not be loaded: Cannot find package 'get-windows'");
    const empty = new NativeActiveWindowReader({ platform: 'win32', isOwn, load: async () => fakeModule(undefined) });
    await expect(empty.read()).rejects.toThrow(/native part is missing/);
    const nothingInFront = new NativeActiveWindowReader({ platform: 'darwin', isOwn, load: async () => fakeModule(undefined) });
    expect(await nothingInFront.read()).toBeNull();
  });
});

function settings(): ContextSettings {
  return { providers: { ...DEFAULT_CONTEXT_PROVIDERS, git: false }, budgetMs: 200, excludedApps: [], builtinExclusions: [] };
}

const terminals = {
  recent: (): TerminalCommand[] => [
    { id: 't1:1', terminalId: 't1', seq: 1, command: 'npm test', cwd: '/tmp', exitCode: 1, startedAt: Date.now() - 2000, endedAt: Date.now() - 1000, output: 'FAIL login.test.ts', outputTruncated: false, outputRange: { start: 0, end: 18 } },
  ],
  recentFolders: () => [],
};

describe('the engine on macOS and Windows', () => {
  it('puts the window chip from get-windows in the snapshot and says the selection is unavailable', async () => {
    const engine = new ContextEngine({ env: {}, platform: 'darwin', settings, ownPids: [TANDEM_PID], screenCapture: null, loadGetWindows: async () => fakeModule(MAC_CHROME) });
    const snap = await engine.snapshot();
    const chip = snap.chips.find((c) => c.kind === 'activeWindow');
    expect(chip?.source).toBe('get-windows');
    expect(chip?.label).toMatch(/^Google Chrome — Fix flaky login test/);
    expect(chip?.text).toContain('URL: https://github.com/acme/shop/pull/412/files');
    expect(snap.unavailable.join('\n')).toMatch(/Reading the selection is not available on macOS/);
    expect(snap.unavailable.join('\n')).not.toMatch(/window in front/);
    engine.dispose();
  });

  it('a failing get-windows fails the window chip alone', async () => {
    const engine = new ContextEngine({
      env: {},
      platform: 'win32',
      settings,
      screenCapture: null,
      terminals,
      loadGetWindows: () => Promise.reject(new Error('The specified module could not be found.')),
    });
    const snap = await engine.snapshot();
    expect(snap.chips.find((c) => c.kind === 'activeWindow')?.error).toMatch(/needs the get-windows package, which could not be loaded/);
    expect(snap.chips.some((c) => c.kind === 'terminal' && !c.error)).toBe(true);
    engine.dispose();
  });
});
