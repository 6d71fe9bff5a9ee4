/**
 * A worktree thread's changes as git sees them: everything in its worktree (committed on its branch,
 * uncommitted, untracked) against the commit it started from. Three operations on that:
 * - list the changed files;
 * - apply them to the user's checkout as uncommitted changes — `git apply --check` first, so a conflict
 *   is reported file by file and the user's tree is left exactly as it was;
 * - discard them: the worktree and its branch go back to the base.
 * The worktree is read through a snapshot commit (git/snapshot.ts), so nothing in it is touched to read it.
 */
import type { ThreadWorktree, WorktreeApplyResult, WorktreeChangedFile, WorktreeConflict } from '../../../../shared/contract';
import { GitError, runGit, runGitText } from '../../git/run-git';
import { snapshotWorkingTree } from '../../git/snapshot';

/** The worktree's current content as a tree id, plus its patch against the base. */
export interface WorktreePatch {
  tree: string;
  /** `git diff --binary base snapshot`; empty when nothing changed. */
  patch: Buffer;
  files: WorktreeChangedFile[];
}

/** Larger patches than this are refused with a clear error rather than held in memory. */
const MAX_PATCH_BYTES = 256 * 1024 * 1024;

/** Diff options a user's config could otherwise change (prefixes, external drivers, textconv). */
const DIFF_ARGS = ['--no-ext-diff', '--no-textconv', '--no-color', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/', '--find-renames'];

export async function readWorktreePatch(wt: ThreadWorktree): Promise<WorktreePatch> {
  const snapshot = await snapshotWorkingTree(wt.path, `Tandem: changes of thread ${wt.threadId}`);
  const [patch, raw] = await Promise.all([
    runGit(wt.path, ['diff', '--binary', '--full-index', ...DIFF_ARGS, wt.baseCommit, snapshot.commit], { maxOutputBytes: MAX_PATCH_BYTES }),
    runGitText(wt.path, ['diff', '--name-status', '-z', ...DIFF_ARGS, wt.baseCommit, snapshot.commit]),
  ]);
  return { tree: snapshot.tree, patch: patch.stdout, files: parseNameStatus(raw) };
}

/** Parses `git diff --name-status -z`: a status field, then one path (two for renames and copies). */
export function parseNameStatus(text: string): WorktreeChangedFile[] {
  const fields = text.split('\0');
  const files: WorktreeChangedFile[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++] ?? '';
    if (code === '') continue;
    const letter = code[0];
    if (letter === 'R' || letter === 'C') {
      const from = fields[i++] ?? '';
      const to = fields[i++] ?? '';
      files.push(letter === 'R' ? { path: to, status: 'renamed', from } : { path: to, status: 'added', from: null });
      continue;
    }
    const p = fields[i++] ?? '';
    const status = letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : letter === 'T' ? 'typeChanged' : 'modified';
    files.push({ path: p, status, from: null });
  }
  return files;
}

/**
 * Applies the worktree's changes to the checkout at `wt.repoRoot` as uncommitted changes (the index is
 * left alone). `git apply` is all-or-nothing, and `--check` runs first, so a conflict changes nothing.
 */
export async function applyWorktreePatch(wt: ThreadWorktree, read: WorktreePatch): Promise<WorktreeApplyResult> {
  if (read.patch.length === 0) return { status: 'nothing', message: 'This thread has no changes to apply.' };
  const args = ['apply', '--binary', '--whitespace=nowarn'];
  const check = await runGit(wt.repoRoot, [...args, '--check', '-'], { input: read.patch, okExitCodes: [1] });
  if (check.exitCode !== 0) {
    const conflicts = parseApplyErrors(check.stderr);
    const names = conflicts.map((c) => c.path);
    return {
      status: 'conflict',
      message:
        names.length === 0
          ? `The changes do not apply to your checkout: ${check.stderr.split('\n')[0] ?? 'git apply failed'}. Nothing was changed.`
          : `${names.length === 1 ? `${names[0]} conflicts` : `${names.length} files conflict`} with your checkout. Nothing was changed.`,
      conflicts,
    };
  }
  try {
    await runGit(wt.repoRoot, [...args, '-'], { input: read.patch });
  } catch (error) {
    // The checkout changed between the check and the apply; git applied nothing.
    if (error instanceof GitError) {
      return { status: 'conflict', message: `${error.message}. Nothing was changed.`, conflicts: parseApplyErrors(error.stderr) };
    }
    throw error;
  }
  return { status: 'applied', files: read.files.map((f) => f.path) };
}

/** Plain words for what `git apply` says about a file it cannot patch. */
const REASONS: [RegExp, string][] = [
  [/^patch does not apply$/, 'your copy of this file changed where the thread edited it'],
  [/^already exists in working directory$/, 'the thread created this file, but your checkout already has a file by that name'],
  [/^(No such file or directory|does not exist in working directory|does not exist in index)$/, 'the thread edited this file, but it is missing from your checkout'],
  [/^wrong type$/, 'the file is a different kind of entry in your checkout (file, link or folder)'],
  [/^file mode changed .*$/, 'its file mode differs in your checkout'],
];

/** `error: <path>: <why>` lines of `git apply --check`, one entry per file, in git's words made plain. */
export function parseApplyErrors(stderr: string): WorktreeConflict[] {
  const conflicts: WorktreeConflict[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('error: ') || line.startsWith('error: patch failed: ')) continue;
    const body = line.slice('error: '.length);
    const known = REASONS.map(([pattern, words]) => {
      const at = body.lastIndexOf(': ');
      const why = at === -1 ? '' : body.slice(at + 2);
      return pattern.test(why) ? { path: body.slice(0, at), reason: words } : null;
    }).find((c) => c !== null);
    const entry = known ?? fallback(body);
    if (entry && !conflicts.some((c) => c.path === entry.path)) conflicts.push(entry);
  }
  return conflicts;
}

function fallback(body: string): WorktreeConflict | null {
  const at = body.indexOf(': ');
  return at === -1 ? null : { path: body.slice(0, at), reason: body.slice(at + 2) };
}

/** Puts the worktree and its branch back at the base: commits, edits and untracked files are dropped (ignored files stay). */
export async function discardWorktreeChanges(wt: ThreadWorktree): Promise<void> {
  await runGit(wt.path, ['reset', '--hard', '-q', wt.baseCommit]);
  await runGit(wt.path, ['clean', '-f', '-d', '-q']);
}
