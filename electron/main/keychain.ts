/**
 * The desktop app's keychain: secrets encrypted with Electron's safeStorage (macOS Keychain, Windows
 * DPAPI, libsecret or KWallet on Linux) and written to `<userData>/secrets/NAME.bin`, mode 0600 in
 * a 0700 folder. When the OS offers no real encryption, nothing is stored: writing the key in plain
 * text behind the user's back would be worse than telling them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RpcError } from '../../shared/contract';
import type { Keychain } from '../core/platform';

/** The parts of Electron's safeStorage the keychain uses. */
export interface SafeStorageApi {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; 'basic_text' means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export class SafeStorageKeychain implements Keychain {
  readonly kind = 'keychain' as const;

  constructor(
    private readonly safeStorage: SafeStorageApi,
    private readonly dir: string,
    private readonly platform: NodeJS.Platform,
    private readonly log: (message: string) => void = (m) => console.warn(m),
  ) {}

  /** Null when secrets can be protected; otherwise why not, in words for the user. */
  unavailableReason(): string | null {
    // The synchronous check: the core's Keychain interface is synchronous.
    if (!this.safeStorage.isEncryptionAvailable()) {
      return this.platform === 'linux'
        ? 'The system keyring is not available, so Tandem cannot store the API key safely. Install and unlock GNOME Keyring or KWallet, or set OPENAI_API_KEY in the environment Tandem starts from.'
        : 'The system keychain is not available, so Tandem cannot store the API key safely. Set OPENAI_API_KEY in the environment Tandem starts from instead.';
    }
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'No system keyring was found (Electron would fall back to a fixed, public key), so Tandem does not store the API key. Install and unlock GNOME Keyring or KWallet, or set OPENAI_API_KEY in the environment Tandem starts from.';
    }
    return null;
  }

  get(name: string): string | null {
    const file = this.file(name);
    let encrypted: Buffer;
    try {
      encrypted = fs.readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const reason = this.unavailableReason();
    if (reason) {
      // Reading must not break Settings; the key simply counts as absent until the keyring is back.
      this.log(`[tandem] cannot read ${name}: ${reason}`);
      return null;
    }
    try {
      return this.safeStorage.decryptString(encrypted) || null;
    } catch (err) {
      this.log(`[tandem] cannot decrypt ${file} (was it written under another OS account or keyring?): ${String(err)}`);
      return null;
    }
  }

  set(name: string, value: string): void {
    const file = this.file(name);
    const reason = this.unavailableReason();
    if (reason) throw new RpcError('unavailable', reason);
    const encrypted = this.safeStorage.encryptString(value);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(this.dir, 0o700);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, encrypted, { mode: 0o600 });
    fs.chmodSync(tmp, 0o600); // the umask may have widened it
    fs.renameSync(tmp, file);
  }

  delete(name: string): void {
    fs.rmSync(this.file(name), { force: true });
  }

  private file(name: string): string {
    if (!NAME.test(name)) throw new Error(`Invalid secret name: ${name}`);
    return path.join(this.dir, `${name}.bin`);
  }
}
