/**
 * Which desktop Tandem runs on, and what that means for context. X11 gives everything through
 * xprop and xclip. Wayland deliberately hides other apps' windows from each other: there is no
 * active window to read, and we say so instead of guessing. Clipboard and selection still work
 * through XWayland when it runs (GNOME and KDE bridge them). Without any display (a server over SSH)
 * only terminals and git remain. On macOS and Windows the window in front comes from get-windows.
 */
import type { ContextProviderId } from '../../../shared/contract';

export type DisplaySession =
  | { kind: 'x11'; display: string }
  | { kind: 'wayland'; xwayland: string | null }
  | { kind: 'none' }
  /** macOS and Windows: the window in front through get-windows; no selection. */
  | { kind: 'desktop'; platform: 'darwin' | 'win32' }
  | { kind: 'unsupported'; platform: NodeJS.Platform };

export function detectDisplaySession(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): DisplaySession {
  if (platform === 'darwin' || platform === 'win32') return { kind: 'desktop', platform };
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return { kind: 'unsupported', platform };
  const display = env.DISPLAY?.trim() || null;
  const wayland = env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY?.trim());
  if (wayland) return { kind: 'wayland', xwayland: display };
  if (display) return { kind: 'x11', display };
  return { kind: 'none' };
}

/** The X display xprop/xclip/import can talk to, if any. */
export function xDisplay(session: DisplaySession): string | null {
  if (session.kind === 'x11') return session.display;
  if (session.kind === 'wayland') return session.xwayland;
  return null;
}

const PLATFORM_NAMES: Partial<Record<NodeJS.Platform, string>> = { darwin: 'macOS', win32: 'Windows' };

/**
 * What this session cannot provide, per provider, in words for the user. Providers missing from the
 * result work. `hasScreenCapture` is true when the shell handed a capturer (the desktop app).
 */
export function unavailableProviders(session: DisplaySession, hasScreenCapture: boolean): Partial<Record<ContextProviderId, string>> {
  switch (session.kind) {
    case 'x11':
      return {};
    case 'wayland': {
      const out: Partial<Record<ContextProviderId, string>> = {
        activeWindow: 'On Wayland, apps cannot see which window is in front (the compositor keeps it private), so Tandem does not know the app or window title.',
      };
      if (!session.xwayland) {
        out.selection = 'On Wayland without XWayland, Tandem cannot read the selection.';
        out.clipboard = 'On Wayland without XWayland, Tandem cannot read the clipboard.';
      }
      if (!hasScreenCapture) out.screenshot = 'On Wayland, screenshots need the desktop app (it asks through the screen-sharing portal).';
      return out;
    }
    case 'none': {
      const why = 'There is no desktop display here (DISPLAY is not set), so there is no';
      return {
        activeWindow: `${why} window to read.`,
        selection: `${why} selection to read.`,
        clipboard: `${why} clipboard to read.`,
        ...(hasScreenCapture ? {} : { screenshot: `${why} screen to capture.` }),
      };
    }
    case 'desktop': {
      const name = PLATFORM_NAMES[session.platform]!;
      return {
        // macOS and Windows offer no way to read another app's selected text short of pressing the copy
        // keys for the user, and no maintained package does more: Tandem says so rather than fake it.
        selection: `Reading the selection is not available on ${name}: the system lets apps read it only by copying it for you, which Tandem does not do.`,
        clipboard: `Reading the clipboard is not available on ${name} yet.`,
        ...(hasScreenCapture ? {} : { screenshot: `Screenshots on ${name} need the desktop app.` }),
      };
    }
    case 'unsupported': {
      const name = PLATFORM_NAMES[session.platform] ?? session.platform;
      return {
        activeWindow: `Reading the window in front is not available on ${name} yet.`,
        selection: `Reading the selection is not available on ${name} yet.`,
        clipboard: `Reading the clipboard is not available on ${name} yet.`,
        ...(hasScreenCapture ? {} : { screenshot: `Screenshots on ${name} need the desktop app.` }),
      };
    }
  }
}
