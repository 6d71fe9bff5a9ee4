/**
 * What the core needs from the host but must not import from Electron. electron/main implements
 * these with Electron APIs; `tandem serve` hands plain-Node versions or none.
 */
import type { AppMode, HotkeyStatus } from '../../shared/contract';

/** Stores one secret (the model API key). The key never goes into SQLite. */
export interface Keychain {
  /** 'keychain' when the OS protects the secret (Electron safeStorage), 'file' for a 0600 file. */
  readonly kind: 'keychain' | 'file';
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** The global hotkey, owned by the shell. Absent in web mode. */
export interface HotkeyRegistrar {
  status(): HotkeyStatus;
  /** Tries to register the new accelerator; keeps the old one if the new one fails. */
  set(accelerator: string): HotkeyStatus;
}

/** A captured screen, as PNG. */
export interface CapturedImage {
  png: Uint8Array;
  width: number;
  height: number;
}

/**
 * Takes a screenshot for the context's screenshot chip, only when the user asks for one. The desktop
 * app hands one backed by desktopCapturer; without it the core uses ImageMagick's `import` on X11.
 */
export interface ScreenCapture {
  capture(signal?: AbortSignal): Promise<CapturedImage>;
}

export interface Platform {
  readonly mode: AppMode;
  readonly keychain: Keychain;
  readonly hotkey: HotkeyRegistrar | null;
  /** Screenshots for context; absent: the core's own (X11 `import`) or none. */
  readonly screenCapture?: ScreenCapture;
  /** Reflects the paused state in the shell (tray menu check, tray icon). */
  onPausedChanged?(paused: boolean): void;
}
