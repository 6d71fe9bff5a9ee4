import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/contract';
import { SafeStorageKeychain, type SafeStorageApi } from '../../../electron/main/keychain';

/** safeStorage with a reversible cipher, so the test can tell ciphertext from the secret. */
class FakeSafeStorage implements SafeStorageApi {
  available = true;
  backend = 'gnome_libsecret';
  isEncryptionAvailable() {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from('v11'), Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a)]);
  }
  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
}

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-keychain-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const SECRET = 'sk-test-0123456789abcdef';

function setup(platform: NodeJS.Platform = 'linux') {
  const storage = new FakeSafeStorage();
  const logged: string[] = [];
  const dir = path.join(dataDir, 'secrets');
  const keychain = new SafeStorageKeychain(storage, dir, platform, (m) => logged.push(m));
  return { storage, keychain, dir, logged, file: path.join(dir, 'openai-api-key.bin') };
}

describe('safeStorage keychain', () => {
  it('stores a secret encrypted in a 0600 file inside a 0700 folder and reads it back', () => {
    const { keychain, file, dir } = setup();
    expect(keychain.kind).toBe('keychain');
    expect(keychain.get('openai-api-key')).toBeNull();
    keychain.set('openai-api-key', SECRET);

    const onDisk = fs.readFileSync(file);
    expect(onDisk.includes(Buffer.from(SECRET))).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(keychain.get('openai-api-key')).toBe(SECRET);

    keychain.set('openai-api-key', 'sk-replaced');
    expect(keychain.get('openai-api-key')).toBe('sk-replaced');
    keychain.delete('openai-api-key');
    expect(keychain.get('openai-api-key')).toBeNull();
    keychain.delete('openai-api-key'); // deleting nothing is fine
  });

  it('refuses to store anything when the OS cannot encrypt, and says why', () => {
    const { storage, keychain, file } = setup();
    storage.available = false;
    let error: unknown;
    try {
      keychain.set('openai-api-key', SECRET);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe('unavailable');
    expect((error as RpcError).message).toMatch(/cannot store the API key safely.*OPENAI_API_KEY/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("treats Linux's basic_text backend (a fixed key) as no keyring", () => {
    const { storage, keychain, file } = setup('linux');
    storage.backend = 'basic_text';
    expect(() => keychain.set('openai-api-key', SECRET)).toThrow(/No system keyring/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('reads a stored key as absent (not a crash) while the keyring is locked', () => {
    const { storage, keychain, logged } = setup();
    keychain.set('openai-api-key', SECRET);
    storage.available = false;
    expect(keychain.get('openai-api-key')).toBeNull();
    expect(logged.join('\n')).toMatch(/cannot read openai-api-key/);
    storage.available = true;
    expect(keychain.get('openai-api-key')).toBe(SECRET);
  });

  it('reads an undecryptable file as absent and leaves it in place', () => {
    const { keychain, file, dir, logged } = setup();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, 'garbage');
    expect(keychain.get('openai-api-key')).toBeNull();
    expect(logged.join('\n')).toMatch(/cannot decrypt/);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('rejects names that could escape the secrets folder', () => {
    const { keychain } = setup();
    expect(() => keychain.set('../settings', SECRET)).toThrow(/Invalid secret name/);
    expect(() => keychain.get('a/b')).toThrow(/Invalid secret name/);
  });
});
