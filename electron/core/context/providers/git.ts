/**
 * The state of the repo in focus: branch and upstream, ahead/behind, changed files with their line
 * counts, and a merge, rebase, cherry-pick, revert or bisect in progress. Two git runs in parallel
 * (`status --porcelain=v2` and `diff --numstat HEAD`), both without optional locks so Tandem never
 * blocks the user's own git; the operation in progress is read from the git dir's marker files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../exec';
import { parseNumstat, parsePorcelainV2, type GitStatus, type NumstatEntry } from './git-status';
import type { ContextProvider, ProviderContext, ProviderResult } from './types';

export interface RepoLocation {
  /** The work tree's top folder. */
  root: string;
  /** Where HEAD, MERGE_HEAD and rebase state live (differs from root/.git in linked worktrees). */
  gitDir: string;
}

/** Walks up from `dir` to the folder holding `.git`, without running git. */
export async function findRepo(dir: string): Promise<RepoLocation | null> {
  let current = path.resolve(dir);
  for (;;) {
    const dotGit = path.join(current, '.git');
    try {
      const stat = await fs.stat(dotGit);
      if (stat.isDirectory()) return { root: current, gitDir: dotGit };
      if (stat.isFile()) {
        // A linked worktree or submodule: ".git" is a file saying "gitdir: <path>".
        const m = /^gitdir:\s*(.+?)\s*$/m.exec(await fs.readFile(dotGit, 'utf8'));
        if (m) return { root: current, gitDir: path.resolve(current, m[1]!) };
      }
    } catch {
      // not here; keep walking up
    }
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

export type GitOperation =
  | { kind: 'merge'; head: string | null; message: string | null }
  | { kind: 'rebase'; branch: string | null; onto: string | null; step: number | null; total: number | null }
  | { kind: 'am' }
  | { kind: 'cherry-pick'; head: string | null }
  | { kind: 'revert'; head: string | null }
  | { kind: 'bisect' };

async function readText(file: string): Promise<string | null> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    return null;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

const num = (s: string | null) => (s !== null && /^\d+$/.test(s) ? Number(s) : null);
const branchName = (ref: string | null) => (ref ? ref.replace(/^refs\/heads\//, '') : null);

export async function readOperation(gitDir: string): Promise<GitOperation | null> {
  const p = (name: string) => path.join(gitDir, name);
  if (await exists(p('rebase-merge'))) {
    const [head, onto, step, total] = await Promise.all([
      readText(p('rebase-merge/head-name')),
      readText(p('rebase-merge/onto')),
      readText(p('rebase-merge/msgnum')),
      readText(p('rebase-merge/end')),
    ]);
    return { kind: 'rebase', branch: branchName(head), onto, step: num(step), total: num(total) };
  }
  if (await exists(p('rebase-apply'))) {
    if (await exists(p('rebase-apply/applying'))) return { kind: 'am' };
    const [head, onto, step, total] = await Promise.all([
      readText(p('rebase-apply/head-name')),
      readText(p('rebase-apply/onto')),
      readText(p('rebase-apply/next')),
      readText(p('rebase-apply/last')),
    ]);
    return { kind: 'rebase', branch: branchName(head), onto, step: num(step), total: num(total) };
  }
  const merge = await readText(p('MERGE_HEAD'));
  if (merge !== null) {
    const message = (await readText(p('MERGE_MSG')))?.split('\n')[0] ?? null;
    return { kind: 'merge', head: merge.split('\n')[0] ?? null, message };
  }
  const pick = await readText(p('CHERRY_PICK_HEAD'));
  if (pick !== null) return { kind: 'cherry-pick', head: pick };
  const revert = await readText(p('REVERT_HEAD'));
  if (revert !== null) return { kind: 'revert', head: revert };
  if (await exists(p('BISECT_LOG'))) return { kind: 'bisect' };
  return null;
}

export interface GitState {
  root: string;
  status: GitStatus;
  /** Line counts against HEAD; null before the first commit. */
  numstat: NumstatEntry[] | null;
  operation: GitOperation | null;
}

export interface GitReadOptions {
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export async function readGitState(repo: RepoLocation, opts: GitReadOptions = {}): Promise<GitState> {
  // No optional locks: a `git status` of ours must never make the user's `git commit` fail on index.lock.
  const env = { ...(opts.env ?? process.env), GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  const git = (args: string[]) => runCommand('git', ['-C', repo.root, ...args], { env, signal: opts.signal, maxBytes: 2 * 1024 * 1024 });
  const [status, diff, operation] = await Promise.all([
    git(['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=normal']),
    git(['diff', 'HEAD', '--numstat', '-z', '--no-renames', '--no-ext-diff']),
    readOperation(repo.gitDir),
  ]);
  if (status.code !== 0) throw new Error(`git status failed in ${repo.root}: ${status.stderr || `exit ${status.code}`}`);
  return {
    root: repo.root,
    status: parsePorcelainV2(status.stdout.toString('utf8')),
    numstat: diff.code === 0 ? parseNumstat(diff.stdout.toString('utf8')) : null,
    operation,
  };
}

const MAX_FILES_LISTED = 40;
const short = (oid: string | null) => (oid ? oid.slice(0, 7) : null);

export function describeOperation(op: GitOperation): string {
  switch (op.kind) {
    case 'merge':
      return `Merge in progress${op.message ? ` (${op.message})` : ''}${op.head ? `, merging ${short(op.head)}` : ''}`;
    case 'rebase': {
      const step = op.step !== null && op.total !== null ? `, at step ${op.step} of ${op.total}` : '';
      return `Rebase in progress${op.branch ? ` of ${op.branch}` : ''}${op.onto ? ` onto ${short(op.onto)}` : ''}${step}`;
    }
    case 'am':
      return 'Applying patches (git am) in progress';
    case 'cherry-pick':
      return `Cherry-pick in progress${op.head ? ` of ${short(op.head)}` : ''}`;
    case 'revert':
      return `Revert in progress${op.head ? ` of ${short(op.head)}` : ''}`;
    case 'bisect':
      return 'Bisect in progress';
  }
}

/** The chip's text. */
export function describeGitState(state: GitState): string {
  const { status, numstat, operation } = state;
  const lines = [`Repository: ${state.root}`];
  const head = status.branch ?? (status.oid ? `detached HEAD at ${short(status.oid)}` : 'detached HEAD');
  let branchLine = `Branch: ${head}${status.oid === null && status.branch ? ' (no commits yet)' : ''}`;
  if (status.upstream) {
    const ab = [status.ahead ? `ahead ${status.ahead}` : '', status.behind ? `behind ${status.behind}` : ''].filter(Boolean).join(', ');
    branchLine += ` (tracking ${status.upstream}${ab ? `, ${ab}` : ', up to date'})`;
  }
  lines.push(branchLine);
  if (operation) lines.push(describeOperation(operation));

  const conflicted = status.files.filter((f) => f.conflicted);
  if (conflicted.length) lines.push(`Conflicts in ${conflicted.length} file${conflicted.length === 1 ? '' : 's'}: ${conflicted.map((f) => f.path).join(', ')}`);

  if (status.files.length === 0) {
    lines.push('Working tree clean');
    return lines.join('\n');
  }
  const counts = new Map((numstat ?? []).map((e) => [e.path, e]));
  let added = 0;
  let deleted = 0;
  for (const e of numstat ?? []) {
    added += e.added ?? 0;
    deleted += e.deleted ?? 0;
  }
  const total = numstat ? `, +${added} −${deleted} lines against HEAD` : '';
  lines.push(`Changed files (${status.files.length}${total}):`);
  for (const f of status.files.slice(0, MAX_FILES_LISTED)) {
    const n = counts.get(f.path);
    const stat = n ? (n.added === null ? ' (binary)' : ` (+${n.added} −${n.deleted})`) : '';
    lines.push(`  ${f.xy} ${f.origPath ? `${f.origPath} → ` : ''}${f.path}${stat}`);
  }
  if (status.files.length > MAX_FILES_LISTED) lines.push(`  … and ${status.files.length - MAX_FILES_LISTED} more`);
  return lines.join('\n');
}

export function gitLabel(state: GitState): string {
  const { status, operation } = state;
  const name = path.basename(state.root);
  const head = status.branch ?? `@${short(status.oid) ?? 'HEAD'}`;
  const parts = [`${name} · ${head}`];
  if (status.ahead) parts.push(`↑${status.ahead}`);
  if (status.behind) parts.push(`↓${status.behind}`);
  if (operation) parts.push(`${operation.kind} in progress`);
  parts.push(status.files.length ? `${status.files.length} changed` : 'clean');
  return `Git: ${parts.join(' ')}`;
}

export interface GitProviderOptions {
  /** Folders that may be the repo in focus, best first (see repo-focus.ts). */
  candidates(ctx: ProviderContext): Promise<string[]>;
  env?: NodeJS.ProcessEnv;
}

export class GitProvider implements ContextProvider {
  readonly id = 'git' as const;

  constructor(private readonly opts: GitProviderOptions) {}

  async collect(ctx: ProviderContext): Promise<ProviderResult> {
    for (const dir of await this.opts.candidates(ctx)) {
      const repo = await findRepo(dir);
      if (!repo) continue;
      const state = await readGitState(repo, { signal: ctx.signal, env: this.opts.env });
      return { chips: [{ id: `git:${repo.root}`, label: gitLabel(state), text: describeGitState(state), source: 'git', maxChars: 6000 }] };
    }
    return { chips: [] };
  }
}
