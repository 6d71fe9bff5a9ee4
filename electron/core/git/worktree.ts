/**
 * Linked worktrees: a second checkout of the same repository on its own branch, so an agent thread (or
 * a background draft) can edit, build and test without touching the user's working tree.
 * `git worktree add -b <branch> <path> <base>` / `git worktree remove --force <path>` / `list --porcelain -z`.
 */
import fs from 'node:fs';
import { GitError, runGit } from './run-git';

export interface WorktreeEntry {
  /** Absolute path of the checkout. */
  path: string;
  /** Full commit id checked out; null for a worktree on an unborn branch. */
  head: string | null;
  /** Branch name without `refs/heads/`; null when detached. */
  branch: string | null;
  /** The main worktree (the repository's own checkout) comes first and has `main: true`. */
  main: boolean;
  /** Its folder is gone (git will prune it). */
  prunable: boolean;
}

export interface AddWorktreeOptions {
  /** New branch to create for the worktree. Must not exist yet. */
  branch: string;
  /** Where the branch starts: a revision (default HEAD). */
  base?: string;
}

/** Creates `path` as a worktree of `repo` on a new branch from `base`; returns the base commit id. */
export async function addWorktree(repo: string, path: string, options: AddWorktreeOptions): Promise<string> {
  const baseRev = options.base ?? 'HEAD';
  const resolved = await runGit(repo, ['rev-parse', '--verify', '-q', `${baseRev}^{commit}`], { okExitCodes: [1] });
  const baseId = resolved.stdout.toString('utf8').trim();
  if (resolved.exitCode !== 0 || !baseId) throw new GitError('unknown_revision', `No commit named ${baseRev}`);
  const exists = await runGit(repo, ['rev-parse', '--verify', '-q', `refs/heads/${options.branch}`], { okExitCodes: [1] });
  if (exists.exitCode === 0) throw new GitError('failed', `A branch named ${options.branch} already exists`);
  await runGit(repo, ['worktree', 'add', '--quiet', '-b', options.branch, path, baseId]);
  return baseId;
}

/**
 * Removes a worktree and its folder, even with uncommitted changes (the caller decided). A folder that
 * is already gone is pruned instead. With `deleteBranch`, the worktree's branch is deleted too.
 */
export async function removeWorktree(repo: string, path: string, options: { deleteBranch?: string } = {}): Promise<void> {
  if (fs.existsSync(path)) {
    await runGit(repo, ['worktree', 'remove', '--force', '--force', path]);
  } else {
    await runGit(repo, ['worktree', 'prune']);
  }
  if (options.deleteBranch) {
    await runGit(repo, ['branch', '-D', options.deleteBranch], { okExitCodes: [1] });
  }
}

/** Every worktree of the repository, the main one first. */
export async function listWorktrees(repo: string): Promise<WorktreeEntry[]> {
  const r = await runGit(repo, ['worktree', 'list', '--porcelain', '-z']);
  return parseWorktreeList(r.stdout.toString('utf8'));
}

/** Parses `git worktree list --porcelain -z`: NUL-terminated attribute lines, records split by an empty one. */
export function parseWorktreeList(text: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  let current: WorktreeEntry | null = null;
  for (const field of text.split('\0')) {
    if (field === '') {
      if (current) entries.push(current);
      current = null;
      continue;
    }
    const space = field.indexOf(' ');
    const key = space === -1 ? field : field.slice(0, space);
    const value = space === -1 ? '' : field.slice(space + 1);
    if (key === 'worktree') {
      current = { path: value, head: null, branch: null, main: entries.length === 0, prunable: false };
    } else if (!current) {
      continue;
    } else if (key === 'HEAD') {
      current.head = /^0+$/.test(value) ? null : value;
    } else if (key === 'branch') {
      current.branch = value.replace(/^refs\/heads\//, '');
    } else if (key === 'prunable') {
      current.prunable = true;
    }
  }
  if (current) entries.push(current);
  return entries;
}
