/**
 * Serve mode's keychain: one file per secret under <dataDir>/secrets, mode 0600 in a 0700 folder.
 * Plain Node has no OS keychain; this is the same protection as ~/.ssh keys. The desktop app uses
 * Electron's safeStorage instead (electron/main).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Keychain } from '../platform';

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export class FileKeychain implements Keychain {
  readonly kind = 'file' as const;
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'secrets');
  }

  private file(name: string): string {
    if (!NAME.test(name)) throw new Error(`Invalid secret name: ${name}`);
    return path.join(this.dir, name);
  }

  get(name: string): string | null {
    try {
      const value = fs.readFileSync(this.file(name), 'utf8').trim();
      return value || null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  set(name: string, value: string): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(this.dir, 0o700);
    const target = this.file(name);
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, value, { mode: 0o600 });
    fs.chmodSync(tmp, 0o600); // the umask may have widened it
    fs.renameSync(tmp, target);
  }

  delete(name: string): void {
    fs.rmSync(this.file(name), { force: true });
  }
}
