// The window in front, read from a real X server (Xvfb + openbox, started here): title, class and
// pid; a non-Latin title in COMPOUND_TEXT; a window without a pid; the watcher following focus and
// title changes; exclusions and the screenshot through the engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActiveWindowInfo } from '../../../shared/contract';
import { ContextEngine } from '../../../electron/core/context/engine';
import { X11ActiveWindowReader } from '../../../electron/core/context/providers/active-window-x11';
import { pngSize } from '../../../electron/core/context/providers/screenshot';
import { resolveContextSettings } from '../../../electron/core/context/settings';
import { startXvfb, type XDisplay, type XWindow } from '../../support/xvfb';

let x: XDisplay;
let workDir: string;
const windows: XWindow[] = [];

beforeAll(async () => {
  x = await startXvfb();
  workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-x11-')));
});

afterAll(async () => {
  for (const w of windows) await w.close();
  await x?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function open(title: string, className: string, program: 'xterm' | 'xmessage' = 'xterm'): Promise<XWindow> {
  const w = await x.openWindow({ title, className, program, cwd: workDir });
  windows.push(w);
  return w;
}

async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function engine(extra: Partial<ConstructorParameters<typeof ContextEngine>[0]> = {}, settings = resolveContextSettings(undefined)) {
  // A generous budget: the machine running the tests may be busy; budgets are tested in unit tests.
  const s = { ...settings, budgetMs: 2000 };
  return new ContextEngine({ env: x.env, settings: () => s, terminals: null, fallbackCwd: null, debounceMs: 40, ...extra });
}

describe('reading the active window', () => {
  it('reads back the title, class and pid of the focused window', async () => {
    const w = await open('known title', 'KnownClass');
    const reader = new X11ActiveWindowReader({ display: x.display, env: x.env });
    // openbox applies the focus asynchronously; on a busy machine that can trail xdotool's --sync.
    for (const deadline = Date.now() + 5000; (await reader.activeWindowId()) !== w.id && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const info = await reader.read();
    expect(info).toMatchObject({
      windowId: w.id,
      title: 'known title',
      app: 'KnownClass',
      wmClass: 'KnownClass',
      wmInstance: 'xterm',
      pid: w.process.pid,
      processName: 'xterm',
    });
    // xterm is a terminal: its folder comes from its shell's (here: sleep's) working directory.
    expect(info?.derived).toEqual({ category: 'terminal', cwd: workDir });
  });

  it('reads a non-Latin title that xterm stores as COMPOUND_TEXT', async () => {
    const title = 'Привет мир — 日本語 "quoted" \\back';
    const w = await open(title, 'NonLatinClass');
    expect(x.run('xprop', ['-id', w.id, 'WM_NAME'])).toMatch(/COMPOUND_TEXT/);
    const info = await new X11ActiveWindowReader({ display: x.display, env: x.env }).read();
    expect(info?.title).toBe(title);
  });

  it('reads a UTF-8 title set through _NET_WM_NAME', async () => {
    const w = await open('plain', 'Utf8Class');
    x.run('wmctrl', ['-i', '-r', w.id, '-N', 'Ελληνικά ✓ 🙂']);
    const info = await new X11ActiveWindowReader({ display: x.display, env: x.env }).read();
    expect(info?.title).toBe('Ελληνικά ✓ 🙂');
  });

  it('a window without _NET_WM_PID has no pid and is named by its class', async () => {
    const w = await open('a message', 'NoPidWindow', 'xmessage');
    expect(x.run('xprop', ['-id', w.id, '_NET_WM_PID'])).toMatch(/not found/);
    const info = await new X11ActiveWindowReader({ display: x.display, env: x.env }).read();
    expect(info).toMatchObject({ windowId: w.id, title: 'a message', app: 'Xmessage', wmInstance: 'nopidwindow', pid: null, processName: null });
  });
});

describe('the window watcher', () => {
  it('reports each focus change once, follows title changes, and remembers the window before Tandem', async () => {
    const a = await open('window A', 'WatchA');
    const b = await open('window B', 'WatchB');
    const own = await open('Tandem', 'WatchOwn');
    const seen: (ActiveWindowInfo | null)[] = [];
    const e = engine({ ownPids: [own.process.pid!], onActiveWindow: (w) => seen.push(w) });
    try {
      x.activate(a.id);
      e.startWindowWatcher();
      await until(() => seen.some((w) => w?.title === 'window A'), 'window A');
      x.activate(b.id);
      await until(() => seen.some((w) => w?.title === 'window B'), 'window B');
      // Focus switches pass through a transient "no window"; the debounce hides it.
      expect(seen.filter((w) => w === null)).toEqual([]);
      expect(seen.filter((w) => w?.title === 'window B')).toHaveLength(1);

      x.setTitle(b.id, 'window B, tab 2');
      await until(() => seen.some((w) => w?.title === 'window B, tab 2'), 'the new title');

      x.activate(own.id);
      await until(() => e.currentWindow()?.windowId === own.id, 'Tandem in front');
      const foreground = await e.foregroundWindow();
      expect(foreground?.windowId).toBe(b.id);
      expect(foreground?.title).toBe('window B, tab 2');
      expect(e.watcherPids().length).toBeGreaterThan(0);
    } finally {
      e.dispose();
    }
    expect(e.watchingWindows).toBe(false);
  });
});

describe('snapshots through the engine', () => {
  it('an excluded app gives no window title, selection, clipboard or screenshot', async () => {
    await open('Passwords.kdbx - KeePassXC', 'KeePassXC');
    x.setSelection('primary', 'hunter2-selected');
    x.setSelection('clipboard', 'hunter2-copied');
    const e = engine();
    try {
      const snap = await e.snapshot({ includeScreenshot: true });
      expect(snap.chips.filter((c) => c.kind !== 'git')).toEqual([]);
      expect(JSON.stringify(snap)).not.toMatch(/hunter2|Passwords\.kdbx/);
      expect(snap.excluded).toEqual([
        'Window title held back: KeePassXC is excluded.',
        'Selection held back: KeePassXC is excluded.',
        'Clipboard held back: KeePassXC is excluded.',
        'Screenshot not taken: KeePassXC is excluded.',
      ]);
    } finally {
      e.dispose();
    }
  });

  it('a private browser window is excluded; the same window is not once the user switches the rule off', async () => {
    await open('My bank — Mozilla Firefox Private Browsing', 'firefox');
    const on = engine();
    const off = engine({}, { ...resolveContextSettings({ disabledBuiltins: ['private-browsing'] }) });
    try {
      expect((await on.snapshot()).chips.find((c) => c.kind === 'activeWindow')).toBeUndefined();
      const chip = (await off.snapshot()).chips.find((c) => c.kind === 'activeWindow');
      expect(chip?.text).toContain('Window title: My bank — Mozilla Firefox Private Browsing');
    } finally {
      on.dispose();
      off.dispose();
    }
  });

  it("what was selected in an excluded app stays held back after switching away (while watching)", async () => {
    const vault = await open('Vault - KeePassXC', 'KeePassXC');
    const editor = await open('notes.md - work - Visual Studio Code', 'Code');
    const seen: (ActiveWindowInfo | null)[] = [];
    const e = engine({ onActiveWindow: (w) => seen.push(w) });
    try {
      x.activate(vault.id);
      e.startWindowWatcher();
      await until(() => seen.some((w) => w?.windowId === vault.id), 'the vault in front');
      x.setSelection('clipboard', 'correct horse battery staple');
      x.activate(editor.id);
      await until(() => seen.some((w) => w?.windowId === editor.id), 'the editor in front');
      await until(() => e.copies.sourceOf('clipboard', 'correct horse battery staple'), 'the copy to be remembered');
      const snap = await e.snapshot();
      expect(snap.chips.find((c) => c.kind === 'activeWindow')?.text).toContain('File: notes.md\nWorkspace: work');
      expect(snap.chips.find((c) => c.kind === 'clipboard')).toBeUndefined();
      expect(snap.excluded).toContain('Clipboard held back: it came from KeePassXC, which is excluded.');

      x.setSelection('clipboard', 'ordinary text');
      expect((await e.snapshot()).chips.find((c) => c.kind === 'clipboard')?.text).toBe('ordinary text');
    } finally {
      e.dispose();
    }
  });

  it('without xprop installed: no window, no hold-back of the selection, and a plain message', async () => {
    await open('plain terminal', 'NoXprop');
    const bin = path.join(workDir, 'bin-without-xprop');
    fs.mkdirSync(bin, { recursive: true });
    for (const tool of ['xclip', 'git']) {
      const target = x.run('sh', ['-c', `command -v ${tool}`]).trim();
      if (!fs.existsSync(path.join(bin, tool))) fs.symlinkSync(target, path.join(bin, tool));
    }
    x.setSelection('primary', 'still here');
    const e = engine({ env: { ...x.env, PATH: bin } });
    try {
      const snap = await e.snapshot();
      expect(snap.chips.filter((c) => c.error)).toEqual([]);
      expect(snap.chips.find((c) => c.kind === 'activeWindow')).toBeUndefined();
      expect(snap.chips.find((c) => c.kind === 'selection')?.text).toBe('still here');
      expect(snap.excluded).toEqual([]);
      expect(snap.unavailable).toEqual(['Reading the window in front needs xprop, which is not installed (Debian/Ubuntu: apt install x11-utils).']);
    } finally {
      e.dispose();
    }
  });

  it('takes a screenshot only when asked', async () => {
    await open('plain terminal', 'ShotClass');
    const e = engine();
    try {
      expect((await e.snapshot()).chips.find((c) => c.kind === 'screenshot')).toBeUndefined();
      const shot = (await e.snapshot({ includeScreenshot: true })).chips.find((c) => c.kind === 'screenshot');
      expect(shot?.error).toBeUndefined();
      expect(shot?.image).toMatchObject({ mimeType: 'image/png', width: 1280, height: 800 });
      const png = Buffer.from(shot!.image!.dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
      expect(pngSize(png)).toEqual({ width: 1280, height: 800 });
    } finally {
      e.dispose();
    }
  });
});
