/**
 * Wayland facts the hotkey needs. Wayland compositors do not let an app grab keys for the whole
 * desktop; Chromium can ask through the xdg-desktop-portal GlobalShortcuts interface instead, but
 * only when the GlobalShortcutsPortal feature is on, and only on desktops that offer the portal.
 */

export function isWaylandSession(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY));
}

export const GLOBAL_SHORTCUTS_PORTAL = 'GlobalShortcutsPortal';

/** The parts of Electron's app.commandLine used here. */
export interface CommandLineApi {
  hasSwitch(name: string): boolean;
  getSwitchValue(name: string): string;
  appendSwitch(name: string, value?: string): void;
}

/**
 * Turns the portal feature on (before `ready`), keeping any --enable-features the user passed:
 * appending the switch again would replace their list, not extend it.
 */
export function enableGlobalShortcutsPortal(commandLine: CommandLineApi): void {
  const existing = commandLine.hasSwitch('enable-features') ? commandLine.getSwitchValue('enable-features') : '';
  const features = existing.split(',').map((f) => f.trim()).filter(Boolean);
  if (features.includes(GLOBAL_SHORTCUTS_PORTAL)) return;
  commandLine.appendSwitch('enable-features', [...features, GLOBAL_SHORTCUTS_PORTAL].join(','));
}
