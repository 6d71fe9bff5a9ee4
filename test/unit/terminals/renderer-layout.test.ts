import { describe, expect, test } from 'vitest';
import { addPane, addTab, EMPTY_LAYOUT, focusPane, MAX_PANES_PER_TAB, parseLayout, reconcile, removeTerminal, selectTab } from '../../../renderer/src/features/terminals/layout';
import { isAppShortcut, passesToApp } from '../../../renderer/src/features/terminals/app-keys';
import { parseShortcut } from '../../../renderer/src/features/commands/keymap';
import type { Command } from '../../../renderer/src/features/commands/registry';

describe('panel layout', () => {
  test('tabs, splits and closing move focus sensibly', () => {
    let l = addTab(EMPTY_LAYOUT, 'a');
    l = addTab(l, 'b');
    expect(l).toMatchObject({ activeTab: 'b', activePane: 'b' });
    l = addPane(l, 'b', 'c');
    expect(l.tabs.map((t) => t.panes)).toEqual([['a'], ['b', 'c']]);
    expect(l.activePane).toBe('c');
    l = removeTerminal(l, 'c');
    expect(l).toMatchObject({ activeTab: 'b', activePane: 'b' });
    l = removeTerminal(l, 'b');
    expect(l).toMatchObject({ tabs: [{ id: 'a', panes: ['a'] }], activeTab: 'a', activePane: 'a' });
    l = removeTerminal(l, 'a');
    expect(l).toEqual({ tabs: [], activeTab: null, activePane: null });
  });

  test('a background tab does not steal focus; selecting a tab focuses its pane', () => {
    let l = addTab(EMPTY_LAYOUT, 'a');
    l = addTab(l, 'agent', false);
    expect(l.activePane).toBe('a');
    l = selectTab(l, 'agent');
    expect(l).toMatchObject({ activeTab: 'agent', activePane: 'agent' });
    l = focusPane(l, 'a');
    expect(l.activeTab).toBe('a');
  });

  test('a full tab splits into a new tab instead', () => {
    let l = addTab(EMPTY_LAYOUT, 'p0');
    for (let i = 1; i < MAX_PANES_PER_TAB; i++) l = addPane(l, 'p0', `p${i}`);
    l = addPane(l, 'p0', 'extra');
    expect(l.tabs.map((t) => t.panes.length)).toEqual([MAX_PANES_PER_TAB, 1]);
  });

  test('reconcile keeps saved order, drops the gone, adds the unknown', () => {
    const saved = { tabs: [{ id: 'x', panes: ['x', 'gone'] }, { id: 'gone2', panes: ['gone2'] }], activeTab: 'gone2', activePane: 'gone2' };
    expect(reconcile(saved, ['new', 'x'])).toEqual({ tabs: [{ id: 'x', panes: ['x'] }, { id: 'new', panes: ['new'] }], activeTab: 'x', activePane: 'x' });
    expect(parseLayout({ tabs: [{ id: 1 }], activeTab: 3 })).toEqual({ tabs: [], activeTab: null, activePane: null });
    expect(parseLayout('nope')).toBeNull();
  });
});

describe('app shortcuts inside a terminal', () => {
  const key = (k: string, code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
    key: k,
    code,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });
  const commands: Command[] = [
    { id: 'palette', title: 'p', category: 'c', shortcut: 'Mod+K', alternateShortcuts: ['Mod+Shift+P'], run: () => {} },
    { id: 'bottom', title: 'b', category: 'c', shortcut: 'Mod+J', run: () => {} },
    { id: 'sidebar', title: 's', category: 'c', shortcut: 'Mod+B', run: () => {} },
  ];

  test('the shell keeps Ctrl+letter keys on Linux; Ctrl+Shift and panel keys go to the app', () => {
    expect(isAppShortcut(commands, key('k', 'KeyK', { ctrlKey: true }), false)).toBe(false);
    expect(isAppShortcut(commands, key('b', 'KeyB', { ctrlKey: true }), false)).toBe(false);
    expect(isAppShortcut(commands, key('P', 'KeyP', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(isAppShortcut(commands, key('j', 'KeyJ', { ctrlKey: true }), false)).toBe(true);
    expect(isAppShortcut(commands, key('c', 'KeyC', { ctrlKey: true }), false)).toBe(false);
  });

  test('on macOS every ⌘ shortcut goes to the app', () => {
    expect(isAppShortcut(commands, key('k', 'KeyK', { metaKey: true }), true)).toBe(true);
    expect(isAppShortcut(commands, key('k', 'KeyK', { ctrlKey: true }), true)).toBe(false);
    expect(passesToApp(parseShortcut('F6'), false)).toBe(true);
  });
});
