/**
 * The global hotkey (default Ctrl/Cmd+Shift+Space) that toggles quick-ask, implementing the core's
 * HotkeyRegistrar. Registration can fail: another app owns the shortcut, or the desktop (Wayland)
 * does not let apps grab keys at all. Then the status says so in words and suggests a way around it,
 * and a failed change keeps the shortcut that worked.
 */
import type { HotkeyStatus } from '../../shared/contract';
import type { HotkeyRegistrar } from '../core/platform';
import type { HotkeyPreference } from './hotkey-preference';

export const DEFAULT_ACCELERATOR = 'CommandOrControl+Shift+Space';

/** The parts of Electron's globalShortcut the hotkey uses. */
export interface ShortcutApi {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface GlobalHotkeyOptions {
  shortcuts: ShortcutApi;
  preference: HotkeyPreference;
  onPressed(): void;
  platform: NodeJS.Platform;
  /** On Wayland registration often fails or only works while an X11 window has focus. */
  wayland: boolean;
}

/** The command a desktop shortcut can run instead; it reaches the running app as a second instance. */
export const QUICK_ASK_COMMAND = 'tandem --quick-ask';

export class GlobalHotkey implements HotkeyRegistrar {
  private accelerator: string;
  private registered = false;
  private error: string | null = null;

  constructor(private readonly opts: GlobalHotkeyOptions) {
    this.accelerator = opts.preference.load() ?? DEFAULT_ACCELERATOR;
  }

  /** Registers the saved (or default) shortcut. Call once the app is ready. */
  start(): HotkeyStatus {
    const failure = this.tryRegister(this.accelerator);
    this.registered = failure === null;
    this.error = failure;
    return this.status();
  }

  status(): HotkeyStatus {
    return {
      accelerator: this.accelerator,
      supported: true,
      registered: this.registered,
      error: this.error,
      hint: this.hint(),
    };
  }

  set(accelerator: string): HotkeyStatus {
    if (accelerator === this.accelerator && this.registered) {
      this.error = null;
      return this.status();
    }
    const previous = this.accelerator;
    // Register the new one before letting go of the old, so a refusal leaves the old one working.
    const failure = this.tryRegister(accelerator);
    if (failure !== null) {
      const kept = this.registered ? ` ${previous} still works.` : '';
      this.error = `${failure}${kept}`;
      return this.status();
    }
    if (this.registered && previous !== accelerator) this.opts.shortcuts.unregister(previous);
    this.accelerator = accelerator;
    this.registered = true;
    this.error = null;
    this.opts.preference.save(accelerator);
    return this.status();
  }

  dispose(): void {
    if (this.registered) this.opts.shortcuts.unregister(this.accelerator);
    this.registered = false;
  }

  /** Null on success, else why it failed. */
  private tryRegister(accelerator: string): string | null {
    try {
      if (this.opts.shortcuts.register(accelerator, () => this.opts.onPressed())) return null;
    } catch (err) {
      // Electron throws for accelerators it cannot parse.
      return `${accelerator} is not a shortcut Electron understands (${err instanceof Error ? err.message : String(err)}).`;
    }
    return this.opts.wayland
      ? `Could not register ${accelerator}: this Wayland desktop did not allow Tandem to register a global shortcut.`
      : `Could not register ${accelerator}: another app or the desktop already uses it.`;
  }

  private hint(): string | null {
    const desktopShortcut =
      `bind a desktop shortcut (GNOME: Settings → Keyboard → Custom Shortcuts; KDE: System Settings → Shortcuts) to run \`${QUICK_ASK_COMMAND}\``;
    if (this.opts.wayland) {
      return this.registered
        ? `On Wayland a registered shortcut may only fire while an X11 app has focus. If it does nothing elsewhere, ${desktopShortcut}.`
        : `Tandem asked through the GlobalShortcuts portal (--enable-features=GlobalShortcutsPortal); your desktop may not offer it. Instead, ${desktopShortcut}.`;
    }
    if (this.registered) return null;
    if (this.opts.platform === 'linux') return `Pick another shortcut, free this one in the app that uses it, or ${desktopShortcut}.`;
    return 'Pick another shortcut, or free this one in the app that uses it.';
  }
}
