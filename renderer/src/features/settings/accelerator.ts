/**
 * Turns a key press into an Electron accelerator ("CommandOrControl+Shift+Space") for the hotkey
 * recorder. Uses the physical key (`code`) so Shift and Alt do not change which key is meant.
 */
import type { KeyInput } from '../commands/keymap';

const NAMED: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Backquote: '`',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
};

function keyName(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1] ?? null;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  if (digit) return digit[1] ?? null;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return NAMED[code] ?? null;
}

export type RecordResult = { accelerator: string } | { pending: true } | { error: string };

export function acceleratorFromKey(input: KeyInput, isMac: boolean): RecordResult {
  const mods: string[] = [];
  // "CommandOrControl" is ⌘ on macOS and Ctrl elsewhere: record the key the user thinks of as primary.
  if (isMac ? input.metaKey : input.ctrlKey) mods.push('CommandOrControl');
  if (isMac ? input.ctrlKey : input.metaKey) mods.push(isMac ? 'Control' : 'Super');
  if (input.altKey) mods.push('Alt');
  if (input.shiftKey) mods.push('Shift');
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'OS'].includes(input.key)) return { pending: true };
  const key = keyName(input.code);
  if (!key) return { error: `${input.key || input.code} can’t be part of a global shortcut` };
  if (mods.length === 0) return { error: 'Hold at least one modifier (Ctrl, Alt, Shift, ⌘) with the key' };
  return { accelerator: [...mods, key].join('+') };
}
