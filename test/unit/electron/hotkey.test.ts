import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCELERATOR, GlobalHotkey, type ShortcutApi } from '../../../electron/main/hotkey';
import { hotkeyPreferenceFile } from '../../../electron/main/hotkey-preference';
import { enableGlobalShortcutsPortal, isWaylandSession } from '../../../electron/main/linux-session';

/** globalShortcut with a desktop that may refuse some (or all) accelerators. */
class FakeShortcuts implements ShortcutApi {
  registered = new Map<string, () => void>();
  refused = new Set<string>();
  refuseAll = false;
  register(accelerator: string, callback: () => void): boolean {
    if (accelerator.includes('Bogus')) throw new TypeError('Error processing argument at index 0, conversion failure');
    if (this.refuseAll || this.refused.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }
  press(accelerator: string): void {
    this.registered.get(accelerator)?.();
  }
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-hotkey-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function setup(opts: { wayland?: boolean; platform?: NodeJS.Platform } = {}) {
  const shortcuts = new FakeShortcuts();
  const file = path.join(dir, 'hotkey.json');
  let presses = 0;
  const make = () =>
    new GlobalHotkey({
      shortcuts,
      preference: hotkeyPreferenceFile(file, () => {}),
      onPressed: () => presses++,
      platform: opts.platform ?? 'linux',
      wayland: opts.wayland ?? false,
    });
  return { shortcuts, file, make, presses: () => presses };
}

describe('global hotkey', () => {
  it('registers Ctrl/Cmd+Shift+Space by default and calls back when pressed', () => {
    const { shortcuts, make, presses } = setup();
    const status = make().start();
    expect(status).toEqual({ accelerator: DEFAULT_ACCELERATOR, supported: true, registered: true, error: null, hint: null });
    shortcuts.press(DEFAULT_ACCELERATOR);
    shortcuts.press(DEFAULT_ACCELERATOR);
    expect(presses()).toBe(2);
  });

  it('reports a refused registration with the reason and what to do', () => {
    const { shortcuts, make } = setup({ platform: 'win32' });
    shortcuts.refused.add(DEFAULT_ACCELERATOR);
    const status = make().start();
    expect(status.registered).toBe(false);
    expect(status.error).toBe(`Could not register ${DEFAULT_ACCELERATOR}: another app or the desktop already uses it.`);
    expect(status.hint).toMatch(/Pick another shortcut/);
  });

  it('on Wayland explains the portal and suggests a desktop shortcut running tandem --quick-ask', () => {
    const { shortcuts, make } = setup({ wayland: true });
    shortcuts.refuseAll = true;
    const status = make().start();
    expect(status.registered).toBe(false);
    expect(status.error).toMatch(/Wayland desktop did not allow/);
    expect(status.hint).toContain('`tandem --quick-ask`');
    expect(status.hint).toContain('GlobalShortcutsPortal');
  });

  it('changes to a new shortcut, releases the old one and remembers the choice across restarts', () => {
    const { shortcuts, make, file } = setup();
    const hotkey = make();
    hotkey.start();
    const status = hotkey.set('Alt+Space');
    expect(status).toMatchObject({ accelerator: 'Alt+Space', registered: true, error: null });
    expect([...shortcuts.registered.keys()]).toEqual(['Alt+Space']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ accelerator: 'Alt+Space' });

    hotkey.dispose();
    expect(shortcuts.registered.size).toBe(0);
    expect(make().start()).toMatchObject({ accelerator: 'Alt+Space', registered: true });
  });

  it('keeps the old shortcut working when the new one is refused', () => {
    const { shortcuts, make, file, presses } = setup();
    const hotkey = make();
    hotkey.start();
    shortcuts.refused.add('Control+Alt+K');
    const status = hotkey.set('Control+Alt+K');
    expect(status.accelerator).toBe(DEFAULT_ACCELERATOR);
    expect(status.registered).toBe(true);
    expect(status.error).toBe(`Could not register Control+Alt+K: another app or the desktop already uses it. ${DEFAULT_ACCELERATOR} still works.`);
    expect([...shortcuts.registered.keys()]).toEqual([DEFAULT_ACCELERATOR]);
    shortcuts.press(DEFAULT_ACCELERATOR);
    expect(presses()).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('keeps the old shortcut when Electron cannot parse the new one', () => {
    const { make } = setup();
    const hotkey = make();
    hotkey.start();
    const status = hotkey.set('Control+Bogus');
    expect(status).toMatchObject({ accelerator: DEFAULT_ACCELERATOR, registered: true });
    expect(status.error).toMatch(/not a shortcut Electron understands/);
  });

  it('retries the same shortcut after an earlier failure', () => {
    const { shortcuts, make } = setup();
    shortcuts.refused.add(DEFAULT_ACCELERATOR);
    const hotkey = make();
    expect(hotkey.start().registered).toBe(false);
    shortcuts.refused.clear();
    expect(hotkey.set(DEFAULT_ACCELERATOR)).toMatchObject({ registered: true, error: null });
  });

  it('falls back to the default when the saved preference is damaged', () => {
    const { make, file } = setup();
    fs.writeFileSync(file, '{"accelerator": "rm -rf /"}');
    expect(make().start().accelerator).toBe(DEFAULT_ACCELERATOR);
    fs.writeFileSync(file, 'not json');
    expect(make().start().accelerator).toBe(DEFAULT_ACCELERATOR);
  });
});

describe('Wayland session', () => {
  it('is detected from the session type or display on Linux only', () => {
    expect(isWaylandSession('linux', { XDG_SESSION_TYPE: 'wayland' })).toBe(true);
    expect(isWaylandSession('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(isWaylandSession('linux', { XDG_SESSION_TYPE: 'x11' })).toBe(false);
    expect(isWaylandSession('darwin', { XDG_SESSION_TYPE: 'wayland' })).toBe(false);
  });

  it('turns on the GlobalShortcuts portal without dropping features the user enabled', () => {
    const switches = new Map<string, string>([['enable-features', 'WebRTCPipeWireCapturer']]);
    const commandLine = {
      hasSwitch: (name: string) => switches.has(name),
      getSwitchValue: (name: string) => switches.get(name) ?? '',
      appendSwitch: (name: string, value = '') => void switches.set(name, value),
    };
    enableGlobalShortcutsPortal(commandLine);
    expect(switches.get('enable-features')).toBe('WebRTCPipeWireCapturer,GlobalShortcutsPortal');
    enableGlobalShortcutsPortal(commandLine);
    expect(switches.get('enable-features')).toBe('WebRTCPipeWireCapturer,GlobalShortcutsPortal');
    switches.clear();
    enableGlobalShortcutsPortal(commandLine);
    expect(switches.get('enable-features')).toBe('GlobalShortcutsPortal');
  });
});
