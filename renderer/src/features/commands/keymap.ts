/**
 * Keyboard shortcuts as short strings ("Mod+Shift+O"), matched against key events and shown the way
 * each platform writes them (⌘⇧O on macOS, Ctrl+Shift+O elsewhere). "Mod" is ⌘ on macOS and Ctrl
 * elsewhere. Pure: no DOM, so it is unit-tested in Node.
 */

export interface ParsedShortcut {
  mod: boolean;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  /** Lower-case key name: a letter, a digit, a symbol, or a named key ("space", "arrowup", "f2", "escape"). */
  key: string;
}

/** The parts of a KeyboardEvent a shortcut looks at. */
export interface KeyInput {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const ALIASES: Record<string, string> = { esc: 'escape', up: 'arrowup', down: 'arrowdown', left: 'arrowleft', right: 'arrowright', return: 'enter' };

export function parseShortcut(shortcut: string): ParsedShortcut {
  const parts = shortcut.split('+');
  // "Mod+Shift++" would mean the plus key; shortcuts here never need it, so a trailing empty part is an error.
  const key = parts.pop()?.toLowerCase();
  if (!key) throw new Error(`Shortcut "${shortcut}" has no key`);
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  for (const m of mods) if (!['mod', 'ctrl', 'shift', 'alt'].includes(m)) throw new Error(`Unknown modifier "${m}" in "${shortcut}"`);
  return { mod: mods.has('mod'), ctrl: mods.has('ctrl'), shift: mods.has('shift'), alt: mods.has('alt'), key: ALIASES[key] ?? key };
}

/** Physical key codes for keys whose `key` changes with Shift or Alt (e.g. Alt+N on macOS gives "˜"). */
const CODE_OF: Record<string, string> = {
  space: 'Space',
  '`': 'Backquote',
  ',': 'Comma',
  '.': 'Period',
  '/': 'Slash',
  '=': 'Equal',
  '-': 'Minus',
  '[': 'BracketLeft',
  ']': 'BracketRight',
  ';': 'Semicolon',
  "'": 'Quote',
  '\\': 'Backslash',
};

function keyMatches(key: string, input: KeyInput): boolean {
  const pressed = input.key.toLowerCase();
  if (pressed === key) return true;
  if (key === 'space' && pressed === ' ') return true;
  if (/^[a-z]$/.test(key)) return input.code === `Key${key.toUpperCase()}` && !/^[a-z]$/.test(pressed);
  if (/^[0-9]$/.test(key)) return input.code === `Digit${key}`;
  const code = CODE_OF[key];
  return code !== undefined && input.code === code;
}

export function matchesShortcut(shortcut: ParsedShortcut | string, input: KeyInput, isMac: boolean): boolean {
  const s = typeof shortcut === 'string' ? parseShortcut(shortcut) : shortcut;
  const wantCtrl = s.ctrl || (s.mod && !isMac);
  const wantMeta = s.mod && isMac;
  return (
    input.ctrlKey === wantCtrl &&
    input.metaKey === wantMeta &&
    input.shiftKey === s.shift &&
    input.altKey === s.alt &&
    keyMatches(s.key, input)
  );
}

const KEY_LABELS: Record<string, [mac: string, other: string]> = {
  space: ['Space', 'Space'],
  escape: ['Esc', 'Esc'],
  enter: ['↩', 'Enter'],
  arrowup: ['↑', '↑'],
  arrowdown: ['↓', '↓'],
  arrowleft: ['←', '←'],
  arrowright: ['→', '→'],
  backspace: ['⌫', 'Backspace'],
  delete: ['⌦', 'Delete'],
  tab: ['⇥', 'Tab'],
};

/** The keys of a shortcut, one label per key, in the platform's order. */
export function shortcutKeys(shortcut: string, isMac: boolean): string[] {
  const s = parseShortcut(shortcut);
  const labels = KEY_LABELS[s.key];
  const key = labels ? labels[isMac ? 0 : 1] : s.key.length === 1 ? s.key.toUpperCase() : s.key.replace(/^f(\d+)$/, 'F$1');
  if (isMac) {
    // macOS order: ⌃ ⌥ ⇧ ⌘
    return [s.ctrl ? '⌃' : '', s.alt ? '⌥' : '', s.shift ? '⇧' : '', s.mod ? '⌘' : '', key].filter(Boolean);
  }
  return [s.mod || s.ctrl ? 'Ctrl' : '', s.alt ? 'Alt' : '', s.shift ? 'Shift' : '', key].filter(Boolean);
}

export function formatShortcut(shortcut: string, isMac: boolean): string {
  return shortcutKeys(shortcut, isMac).join(isMac ? '' : '+');
}

/** Electron accelerator ("CommandOrControl+Shift+Space") → our shortcut string, for showing the hotkey. */
export function acceleratorToShortcut(accelerator: string): string {
  return accelerator
    .split('+')
    .map((part) => {
      switch (part.toLowerCase()) {
        case 'commandorcontrol':
        case 'cmdorctrl':
          return 'Mod';
        case 'command':
        case 'cmd':
        case 'super':
        case 'meta':
          return 'Mod';
        case 'control':
          return 'Ctrl';
        case 'option':
        case 'altgr':
          return 'Alt';
        default:
          return part;
      }
    })
    .join('+');
}
