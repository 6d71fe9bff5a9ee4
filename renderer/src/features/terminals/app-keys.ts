/**
 * Which of the app's shortcuts still work while a terminal has focus. A shell needs most Ctrl+letter
 * keys (Ctrl+K kills a line, Ctrl+B moves back), so only combinations a shell has no use for pass
 * through to the app, as in VS Code's "commands to skip shell": ⌘-anything on macOS; elsewhere
 * Ctrl+Shift+…, function keys, and a few panel and zoom keys.
 */
import { matchesShortcut, parseShortcut, type KeyInput, type ParsedShortcut } from '../commands/keymap';
import type { Command } from '../commands/registry';

/** Ctrl(+…) shortcuts taken from the shell on Linux/Windows: panel toggles, settings, zoom. */
const TAKEN_FROM_SHELL = new Set(['mod+j', 'ctrl+`', 'mod+,', 'mod+=', 'mod+-', 'mod+0']);

export function passesToApp(shortcut: ParsedShortcut, isMac: boolean): boolean {
  if (isMac) return shortcut.mod;
  if ((shortcut.mod || shortcut.ctrl) && shortcut.shift) return true;
  if (/^f\d{1,2}$/.test(shortcut.key)) return true;
  const name = `${shortcut.mod ? 'mod+' : ''}${shortcut.ctrl ? 'ctrl+' : ''}${shortcut.alt ? 'alt+' : ''}${shortcut.shift ? 'shift+' : ''}${shortcut.key}`;
  return TAKEN_FROM_SHELL.has(name);
}

/** True when `input` is an enabled command's shortcut that should win over the shell. */
export function isAppShortcut(commands: readonly Command[], input: KeyInput, isMac: boolean): boolean {
  for (const command of commands) {
    if (command.enabled === false) continue;
    for (const s of [command.shortcut, ...(command.alternateShortcuts ?? [])]) {
      if (!s) continue;
      const parsed = parseShortcut(s);
      if (passesToApp(parsed, isMac) && matchesShortcut(parsed, input, isMac)) return true;
    }
  }
  return false;
}
