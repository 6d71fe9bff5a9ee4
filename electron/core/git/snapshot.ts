/**
 * A snapshot of a working tree as a commit, the way `git stash create` does it but with untracked
 * files too, and without touching the user's index, branches, stash or files: everything goes
 * through a temporary index file. The commit is referenced by nothing; whoever keeps it (the agent,
 * per turn) should point a ref at it, or git's gc will prune it after its grace period.
 *
 * Two snapshots name "the changes of one agent turn" for the review panel's 'snapshot' source.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { headCommit } from './rev-parse';
import { runGit, runGitText } from './run-git';

/** Snapshots are Tandem's own objects: they never borrow (or need) the user's identity. */
const SNAPSHOT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Tandem',
  GIT_AUTHOR_EMAIL: 'tandem@localhost',
  GIT_COMMITTER_NAME: 'Tandem',
  GIT_COMMITTER_EMAIL: 'tandem@localhost',
};

export interface Snapshot {
  commit: string;
  tree: string;
  /** HEAD when the snapshot was taken (the commit's parent), or null with no commits yet. */
  head: string | null;
}

/** Tracked and untracked (not ignored) files of the working tree at `cwd`, as one commit. */
export async function snapshotWorkingTree(cwd: string, message = 'Tandem snapshot'): Promise<Snapshot> {
  const head = await headCommit(cwd);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-snapshot-'));
  const tmpIndex = path.join(tmpDir, 'index');
  try {
    // Start from a copy of the real index: its stat cache makes `add --all` hash only what changed.
    const realIndex = path.resolve(cwd, (await runGitText(cwd, ['rev-parse', '--git-path', 'index'])).trim());
    if (fs.existsSync(realIndex)) fs.copyFileSync(realIndex, tmpIndex);
    const env = { GIT_INDEX_FILE: tmpIndex, ...SNAPSHOT_IDENTITY };
    // No pathspec: the whole work tree, whichever folder `cwd` is.
    await runGit(cwd, ['add', '--all'], { env });
    const tree = (await runGitText(cwd, ['write-tree'], { env })).trim();
    const parents = head ? ['-p', head] : [];
    const commit = (await runGitText(cwd, ['commit-tree', '--no-gpg-sign', tree, ...parents, '-m', message], { env })).trim();
    return { commit, tree, head };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}
