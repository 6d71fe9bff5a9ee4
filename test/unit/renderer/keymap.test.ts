import { describe, expect, it } from 'vitest';
import { acceleratorToShortcut, formatShortcut, matchesShortcut, parseShortcut, type KeyInput } from '../../../renderer/src/features/commands/keymap';

function key(k: string, code: string, mods: Partial<Pick<KeyInput, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>> = {}): KeyInput {
  return { key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('shortcuts', () => {
  it('reads Mod as Ctrl on Linux and Windows and as ⌘ on macOS', () => {
    expect(matchesShortcut('Mod+K', key('k', 'KeyK', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut('Mod+K', key('k', 'KeyK', { metaKey: true }), false)).toBe(false);
    expect(matchesShortcut('Mod+K', key('k', 'KeyK', { metaKey: true }), true)).toBe(true);
    expect(matchesShortcut('Mod+K', key('k', 'KeyK', { ctrlKey: true }), true)).toBe(false);
  });

  it('needs exactly the modifiers named', () => {
    expect(matchesShortcut('Mod+B', key('B', 'KeyB', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesShortcut('Mod+Alt+B', key('b', 'KeyB', { ctrlKey: true, altKey: true }), false)).toBe(true);
    expect(matchesShortcut('Mod+Shift+O', key('O', 'KeyO', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
  });

  it('matches letters by the physical key when Alt changes the character (macOS)', () => {
    expect(matchesShortcut('Alt+N', key('˜', 'KeyN', { altKey: true }), true)).toBe(true);
    // …but a letter typed on another layout counts by the letter, not the position.
    expect(matchesShortcut('Mod+Z', key('y', 'KeyZ', { ctrlKey: true }), false)).toBe(false);
  });

  it('matches Space, arrows, function keys and symbols', () => {
    expect(matchesShortcut('Mod+Shift+Space', key(' ', 'Space', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesShortcut('Alt+ArrowDown', key('ArrowDown', 'ArrowDown', { altKey: true }), false)).toBe(true);
    expect(matchesShortcut('F2', key('F2', 'F2'), false)).toBe(true);
    expect(matchesShortcut('Ctrl+`', key('`', 'Backquote', { ctrlKey: true }), true)).toBe(true);
    expect(matchesShortcut('Mod+,', key(',', 'Comma', { metaKey: true }), true)).toBe(true);
    expect(matchesShortcut('Mod+=', key('+', 'Equal', { ctrlKey: true }), false)).toBe(true);
  });

  it('is written the way each platform writes it', () => {
    expect(formatShortcut('Mod+Shift+O', false)).toBe('Ctrl+Shift+O');
    expect(formatShortcut('Mod+Shift+O', true)).toBe('⇧⌘O');
    expect(formatShortcut('Mod+Alt+B', true)).toBe('⌥⌘B');
    expect(formatShortcut('Alt+ArrowUp', false)).toBe('Alt+↑');
    expect(formatShortcut('Esc', false)).toBe('Esc');
    expect(formatShortcut('F2', true)).toBe('F2');
  });

  it('rejects a shortcut it cannot read', () => {
    expect(() => parseShortcut('Hyper+K')).toThrow(/Unknown modifier/);
    expect(() => parseShortcut('Mod+')).toThrow(/no key/);
  });

  it('shows Electron accelerators as shortcuts', () => {
    expect(acceleratorToShortcut('CommandOrControl+Shift+Space')).toBe('Mod+Shift+Space');
    expect(formatShortcut(acceleratorToShortcut('Control+Alt+T'), true)).toBe('⌃⌥T');
  });
});
