/**
 * Diff sources: what each kind of review compares, as git commands, and the model it produces.
 *
 *   working   staged:    git diff --cached HEAD           (HEAD → index; the empty tree with no commits)
 *             unstaged:  git diff                         (index → working tree) + conflicts from status
 *             untracked: git status, each file read as added
 *   branch    git diff $(git merge-base BASE HEAD) HEAD   (what the branch added since it left BASE)
 *   commit    git diff PARENT COMMIT                      (first parent; the empty tree for a root commit)
 *   worktree  in that folder: git diff $(git merge-base BASE HEAD) + its untracked files
 *   snapshot  git diff BEFORE AFTER                       (any two tree-ish: an agent turn's snapshots)
 *
 * Every user-typed name is resolved to an object id first (rev-parse.ts); git then only ever sees ids.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DiffArea, DiffFile, DiffSource, ReviewDiff } from '../../../shared/contract/review';
import { diffRawAndPatch, type DiffRange } from '../git/diff';
import { mergeBase } from '../git/merge-base';
import { emptyTree, headCommit, repoRoot, requireHeadCommit, resolveCommit, resolveTree } from '../git/rev-parse';
import { GitError } from '../git/run-git';
import { showCommit } from '../git/show';
import { readStatus, type StatusEntry } from '../git/status';
import { buildFile, computeTotals, fingerprint, makeFileId, parseGitDiff, scanGitDiff, scannedOf, type ScannedFile } from './diff-model';
import { splitRawAndPatch } from './raw-records';
import { untrackedFileModel } from './untracked-file';

/** More untracked files than this are counted, not shown (usually a build folder missing from .gitignore). */
export const MAX_UNTRACKED_FILES = 2000;
/** Untracked files are read this many at a time. */
const READ_CONCURRENCY = 16;

type Loaded = Omit<ReviewDiff, 'producedAt' | 'totals' | 'repoRoot' | 'source' | 'files'> & { root: string; files: ScannedFile[] };

/**
 * A diff whose files are read but not yet built (ScannedFile): review.diff builds the first ones and
 * review.diff.hunks the others, from the kept raw text.
 */
export type ScannedDiff = Omit<ReviewDiff, 'files'> & { scanned: ScannedFile[] };

/** The diff of `source` in the repository whose root is `root`, every file whole. */
export async function loadDiff(root: string, source: DiffSource): Promise<ReviewDiff> {
  const { scanned, ...rest } = await scanDiff(root, source);
  return { ...rest, files: scanned.map((f) => f.build()) };
}

/** The diff of `source` with each file read but not built: see ScannedDiff. */
export async function scanDiff(root: string, source: DiffSource): Promise<ScannedDiff> {
  const loaded = await loadSource(root, source);
  return {
    repoRoot: loaded.root,
    source,
    sourceKey: loaded.sourceKey,
    title: loaded.title,
    baseId: loaded.baseId,
    headId: loaded.headId,
    actionable: loaded.actionable,
    scanned: loaded.files,
    totals: computeTotals(loaded.files.map((f) => f.file)),
    notices: loaded.notices,
    producedAt: Date.now(),
  };
}

function loadSource(root: string, source: DiffSource): Promise<Loaded> {
  switch (source.kind) {
    case 'working':
      return loadWorking(root);
    case 'branch':
      return loadBranch(root, source.base, source.head);
    case 'commit':
      return loadCommit(root, source.commit);
    case 'worktree':
      return loadWorktree(source.path, source.base);
    case 'snapshot':
      return loadSnapshot(root, source);
  }
}

/**
 * The key comments are stored under for a source. Names a user typed for branches stay names (a
 * branch's comments follow the branch as it moves); a commit is keyed by its full id.
 */
export async function sourceKeyOf(root: string, source: DiffSource): Promise<string> {
  switch (source.kind) {
    case 'working':
      return 'working';
    case 'branch':
      return `branch:${source.base}...${source.head ?? 'HEAD'}`;
    case 'commit':
      return `commit:${await resolveCommit(root, source.commit)}`;
    case 'worktree':
      return `worktree:${await repoRoot(realFolder(source.path))}:${source.base}`;
    case 'snapshot':
      if (source.turn) return `turn:${source.turn.threadId}:${source.turn.turnId}`;
      return `snapshot:${await resolveTree(root, source.before)}..${await resolveTree(root, source.after)}`;
  }
}

async function loadWorking(root: string): Promise<Loaded> {
  const head = await headCommit(root);
  const [staged, unstaged, status] = await Promise.all([
    scanArea(root, 'staged', { kind: 'tree-to-index', tree: head }),
    scanArea(root, 'unstaged', { kind: 'index-to-worktree' }),
    readStatus(root),
  ]);
  const notices: string[] = [];
  if (head === null) notices.push('This repository has no commits yet: everything staged is shown as added.');
  const conflicts = status.entries.filter((e) => e.kind === 'unmerged').map(conflictFile);
  if (conflicts.length) notices.push(`${conflicts.length} file${conflicts.length === 1 ? ' is' : 's are'} in conflict: resolve in your editor, then stage.`);
  const untracked = await untrackedFiles(root, status.entries, 'untracked', notices);
  return {
    root,
    sourceKey: 'working',
    title: 'Working tree',
    baseId: head,
    headId: null,
    actionable: true,
    files: [...staged, ...conflicts.map(scannedOf), ...unstaged, ...untracked.map(scannedOf)],
    notices,
  };
}

async function loadBranch(root: string, baseName: string, headName: string | undefined): Promise<Loaded> {
  await requireHeadCommit(root);
  const [base, head] = await Promise.all([resolveCommit(root, baseName), resolveCommit(root, headName ?? 'HEAD')]);
  const from = await mergeBase(root, base, head);
  const files = await scanArea(root, 'range', { kind: 'tree-to-tree', from, to: head }, true);
  const notices = from === head ? [`${headName ?? 'HEAD'} has nothing that ${baseName} does not already have.`] : [];
  return {
    root,
    sourceKey: await sourceKeyOf(root, { kind: 'branch', base: baseName, head: headName }),
    title: `${headName ?? 'HEAD'} against ${baseName}`,
    baseId: from,
    headId: head,
    actionable: false,
    files,
    notices,
  };
}

async function loadCommit(root: string, name: string): Promise<Loaded> {
  await requireHeadCommit(root);
  const id = await resolveCommit(root, name);
  const info = await showCommit(root, id);
  const parent = info.parents[0] ?? (await emptyTree(root));
  const files = await scanArea(root, 'range', { kind: 'tree-to-tree', from: parent, to: id }, true);
  const notices: string[] = [];
  if (info.parents.length > 1) notices.push('This is a merge commit: it is shown against its first parent.');
  if (info.parents.length === 0) notices.push('This is the first commit: everything is shown as added.');
  return {
    root,
    sourceKey: `commit:${id}`,
    title: `${id.slice(0, 7)} ${info.subject}`,
    baseId: info.parents[0] ?? null,
    headId: id,
    actionable: false,
    files,
    notices,
  };
}

async function loadWorktree(folder: string, baseName: string): Promise<Loaded> {
  const root = await repoRoot(realFolder(folder));
  const head = await requireHeadCommit(root);
  const from = await mergeBase(root, await resolveCommit(root, baseName), head);
  const [tracked, status] = await Promise.all([scanArea(root, 'range', { kind: 'tree-to-worktree', tree: from }), readStatus(root)]);
  const notices: string[] = [];
  const untracked = await untrackedFiles(root, status.entries, 'range', notices);
  return {
    root,
    sourceKey: `worktree:${root}:${baseName}`,
    // A thread's worktree reads best by its branch, and a base given as a full commit id by its short form.
    title: `${status.branch ?? path.basename(root)} against ${/^[0-9a-f]{40,64}$/.test(baseName) ? baseName.slice(0, 8) : baseName}`,
    baseId: from,
    headId: null,
    actionable: false,
    files: [...tracked, ...untracked.map(scannedOf)],
    notices,
  };
}

async function loadSnapshot(root: string, source: Extract<DiffSource, { kind: 'snapshot' }>): Promise<Loaded> {
  let before: string;
  let after: string;
  try {
    [before, after] = await Promise.all([resolveTree(root, source.before), resolveTree(root, source.after)]);
  } catch (err) {
    if (err instanceof GitError && err.kind === 'unknown_revision' && (await headCommit(root)) === null) await requireHeadCommit(root);
    // A turn's snapshots are referenced by no ref (turn-snapshots.ts): git's gc may have pruned them.
    if (err instanceof GitError && err.kind === 'unknown_revision' && source.turn) {
      throw new GitError('unknown_revision', `The snapshots of this agent turn are no longer in ${root}: git prunes unreferenced objects after a while (two weeks by default)`);
    }
    throw err;
  }
  const files = await scanArea(root, 'range', { kind: 'tree-to-tree', from: before, to: after }, true);
  return {
    root,
    sourceKey: source.turn ? `turn:${source.turn.threadId}:${source.turn.turnId}` : `snapshot:${before}..${after}`,
    title: source.label ?? `${source.before} → ${source.after}`,
    baseId: before,
    headId: after,
    actionable: false,
    files,
    notices: [],
  };
}

async function diffArea(root: string, area: DiffArea, range: DiffRange, findCopies = false, paths?: string[]): Promise<DiffFile[]> {
  return parseGitDiff(await diffRawAndPatch(root, range, { findCopies, paths }), area);
}

async function scanArea(root: string, area: DiffArea, range: DiffRange, findCopies = false): Promise<ScannedFile[]> {
  return scanGitDiff(await diffRawAndPatch(root, range, { findCopies }), area);
}

async function untrackedFiles(root: string, entries: StatusEntry[], area: 'untracked' | 'range', notices: string[]): Promise<DiffFile[]> {
  const listed = entries.filter((e) => e.kind === 'untracked');
  const shown = listed.slice(0, MAX_UNTRACKED_FILES);
  if (listed.length > shown.length) {
    notices.push(`${listed.length - shown.length} more untracked files are not shown; add the folders they are in to .gitignore if they are build output.`);
  }
  const files: (DiffFile | null)[] = new Array(shown.length).fill(null);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < shown.length; i = next++) {
      const e = shown[i]!;
      files[i] = await untrackedFileModel(root, e.path, { nested: e.submodule, area });
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, shown.length) }, worker));
  return files.filter((f): f is DiffFile => f !== null);
}

/** A path in conflict: listed so the user sees it, with no hunks (resolve it in the editor). */
function conflictFile(e: StatusEntry): DiffFile {
  return buildFile({
    id: makeFileId('unstaged', e.path, null),
    area: 'unstaged',
    record: { oldMode: '', newMode: '', status: 'U', score: null, path: e.path, oldPath: null },
    hunks: [],
    binary: false,
    lossyText: false,
    version: fingerprint(`unmerged\0${e.xy}\0${e.path}`),
  });
}

/**
 * The current entries of the working source for some paths, in every area. Used to recheck a file
 * before an action (is it still what the user saw?) and to report the result of an action.
 */
export async function loadWorkingFiles(root: string, paths: string[]): Promise<DiffFile[]> {
  const head = await headCommit(root);
  // A staged rename is only seen as one when both its paths are asked for: add the partners.
  const unique = [...new Set([...paths, ...(await stagedRenamePartners(root, head, paths))])];
  const [staged, unstaged, status] = await Promise.all([
    diffArea(root, 'staged', { kind: 'tree-to-index', tree: head }, false, unique),
    diffArea(root, 'unstaged', { kind: 'index-to-worktree' }, false, unique),
    readStatus(root, { paths: unique }),
  ]);
  const wanted = new Set(unique);
  const conflicts = status.entries.filter((e) => e.kind === 'unmerged' && wanted.has(e.path)).map(conflictFile);
  const untrackedEntries = status.entries.filter((e) => wanted.has(e.path));
  const untracked = await untrackedFiles(root, untrackedEntries, 'untracked', []);
  return [...staged, ...conflicts, ...unstaged, ...untracked];
}

async function stagedRenamePartners(root: string, head: string | null, paths: string[]): Promise<string[]> {
  const wanted = new Set(paths);
  const { records } = splitRawAndPatch(await diffRawAndPatch(root, { kind: 'tree-to-index', tree: head }, { rawOnly: true }));
  const partners: string[] = [];
  for (const r of records) {
    if (r.oldPath === null) continue;
    if (wanted.has(r.path)) partners.push(r.oldPath);
    if (wanted.has(r.oldPath)) partners.push(r.path);
  }
  return partners;
}

/** The folder's real path; a clear error when it does not exist. */
function realFolder(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    throw new GitError('missing_folder', `No folder at ${folder}`);
  }
}
