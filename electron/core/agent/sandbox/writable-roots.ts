/*
 * The folders sandboxed commands may write, and the parts of them that stay read-only.
 *
 * `.git` stays read-only inside a writable root (as Codex does): hooks (`.git/hooks/*`) and config
 * (`core.hooksPath`, `core.fsmonitor`, `core.pager`, filters, aliases) are programs that git runs later,
 * outside the sandbox, when the user types `git commit`. A sandboxed write there would be an escape.
 * `.tandem` stays read-only too: it holds the repository's approval rules, which the model must not
 * rewrite. Committing therefore needs the user's approval (the model asks to run `git commit` outside
 * the sandbox).
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../apply-patch';
import type { WritableRoot } from './types';

/** Names kept read-only inside every writable root. */
export const PROTECTED_NAMES = ['.git', '.tandem'] as const;

/**
 * Resolves each folder to its real path and lists what stays read-only in it. Throws a clear error for
 * a folder that does not exist. Roots are returned outermost first (the order they must be mounted in).
 */
export async function describeWritableRoots(folders: readonly string[]): Promise<WritableRoot[]> {
  const roots: string[] = [];
  for (const folder of folders) {
    let real: string;
    try {
      real = await realpath(folder);
    } catch {
      throw new Error(`The writable folder ${folder} does not exist.`);
    }
    if (!(await lstat(real)).isDirectory()) throw new Error(`The writable folder ${folder} is not a directory.`);
    if (!roots.includes(real)) roots.push(real);
  }
  roots.sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));

  const result: WritableRoot[] = [];
  for (const root of roots) {
    const readOnlySubpaths: string[] = [];
    for (const name of PROTECTED_NAMES) {
      for (const protectedPath of await protectedPathsFor(path.join(root, name), roots)) {
        if (!readOnlySubpaths.includes(protectedPath)) readOnlySubpaths.push(protectedPath);
      }
    }
    result.push({ root, readOnlySubpaths });
  }
  return result;
}

/**
 * The entry itself when it exists, plus where it really leads when that is inside a writable root: a
 * `.git` symlink's target, or a `.git` file's `gitdir:` (worktrees, submodules).
 */
async function protectedPathsFor(entry: string, roots: readonly string[]): Promise<string[]> {
  let stats;
  try {
    stats = await lstat(entry);
  } catch {
    return [];
  }
  const found = [entry];
  const insideARoot = (p: string) => roots.some((root) => isInside(root, p));
  if (stats.isSymbolicLink()) {
    const target = await realpath(entry).catch(() => null);
    if (target && insideARoot(target)) found.push(target);
  } else if (stats.isFile() && path.basename(entry) === '.git') {
    const gitdir = await gitdirOf(entry);
    if (gitdir && insideARoot(gitdir)) found.push(gitdir);
  }
  return found;
}

async function gitdirOf(dotGitFile: string): Promise<string | null> {
  const text = await readFile(dotGitFile, 'utf8').catch(() => '');
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(text);
  if (!match?.[1]) return null;
  return realpath(path.resolve(path.dirname(dotGitFile), match[1])).catch(() => null);
}

/**
 * Whether a sandboxed command (or a patch) may write `realPath`: inside a writable root and outside
 * every read-only part. `realPath` must already have its symlinks resolved.
 */
export function isWritablePath(roots: readonly WritableRoot[], realPath: string): boolean {
  const protectedHit = roots.some((root) => root.readOnlySubpaths.some((p) => isInside(p, realPath)));
  if (protectedHit) return false;
  return roots.some((root) => isInside(root.root, realPath));
}

function depth(p: string): number {
  return p.split(path.sep).filter(Boolean).length;
}
