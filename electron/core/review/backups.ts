/**
 * Copies kept before anything is reverted, so a revert can always be undone by hand. Each revert gets
 * a folder under <dataDir>/review-backups:
 *
 *   2025-01-31T12-00-00-000Z-1a2b3c/
 *     manifest.json     { repoRoot, reason, createdAt, entries: [{ path, from, savedAs }] }
 *     worktree/<path>   the working tree file as it was
 *     index/<path>      the staged content as it was (when the revert also resets the index)
 *
 * Folders older than RETENTION_DAYS are removed when a new one is made.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readBlob } from '../git/cat-file';

export const RETENTION_DAYS = 30;

export interface BackupItem {
  path: string;
  /** Keep the working tree file (if it exists). */
  worktree: boolean;
  /** Keep this blob as the staged content. */
  indexObjectId?: string | null;
}

export interface BackupEntry {
  path: string;
  from: 'worktree' | 'index';
  savedAs: string;
}

export class RevertBackups {
  constructor(readonly dir: string) {}

  /** Copies the items and returns the backup folder. Throws (and nothing is reverted) if a copy fails. */
  async keep(root: string, items: BackupItem[], reason: string): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.prune();
    const folder = path.join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`);
    await fs.mkdir(folder, { mode: 0o700 });
    const entries: BackupEntry[] = [];
    for (const item of items) {
      if (item.worktree) {
        const savedAs = path.join('worktree', item.path);
        if (await copyWorktreeFile(path.join(root, item.path), path.join(folder, savedAs))) entries.push({ path: item.path, from: 'worktree', savedAs });
      }
      if (item.indexObjectId) {
        const savedAs = path.join('index', item.path);
        await fs.mkdir(path.dirname(path.join(folder, savedAs)), { recursive: true });
        await fs.writeFile(path.join(folder, savedAs), await readBlob(root, item.indexObjectId));
        entries.push({ path: item.path, from: 'index', savedAs });
      }
    }
    const manifest = { repoRoot: root, reason, createdAt: Date.now(), entries };
    await fs.writeFile(path.join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return folder;
  }

  private async prune(): Promise<void> {
    const cutoff = Date.now() - RETENTION_DAYS * 24 * 60 * 60 * 1000;
    for (const name of await fs.readdir(this.dir)) {
      const full = path.join(this.dir, name);
      const stat = await fs.stat(full).catch(() => null);
      if (stat?.isDirectory() && stat.mtimeMs < cutoff) await fs.rm(full, { recursive: true, force: true });
    }
  }
}

/** Copies a file or symlink; false when there is nothing there to keep. */
async function copyWorktreeFile(from: string, to: string): Promise<boolean> {
  const stat = await fs.lstat(from).catch(() => null);
  if (!stat) return false;
  await fs.mkdir(path.dirname(to), { recursive: true });
  if (stat.isSymbolicLink()) await fs.symlink(await fs.readlink(from), to);
  else if (stat.isFile()) await fs.copyFile(from, to);
  else return false;
  return true;
}
