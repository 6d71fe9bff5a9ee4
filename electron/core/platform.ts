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

export interface Platform {
  readonly mode: AppMode;
  readonly keychain: Keychain;
  readonly hotkey: HotkeyRegistrar | null;
  /** Reflects the paused state in the shell (tray menu check, tray icon). */
  onPausedChanged?(paused: boolean): void;
}
