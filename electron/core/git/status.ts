/**
 * The working tree's state, from `git status --porcelain=v2 -z`: which paths are staged, changed,
 * unmerged (in conflict) or untracked. The review panel takes untracked and unmerged paths from here;
 * the staged and unstaged contents come from diff.ts.
 */
import { runGitText } from './run-git';

export interface StatusEntry {
  kind: 'changed' | 'renamed' | 'unmerged' | 'untracked';
  /** Two letters: index status, then work tree status ('.' = unchanged), as git prints them. */
  xy: string;
  path: string;
  /** For renames and copies in the index: where the path came from. */
  origPath: string | null;
  /** True for submodules (and, for untracked entries, nested repositories shown as `dir/`). */
  submodule: boolean;
}

export interface WorkingTreeStatus {
  /** The branch checked out, or null when HEAD is detached. */
  branch: string | null;
  entries: StatusEntry[];
}

export interface StatusOptions {
  untracked?: 'all' | 'no';
  /** Limit to these paths (literal, relative to the repo root). */
  paths?: string[];
}

export async function readStatus(cwd: string, options: StatusOptions = {}): Promise<WorkingTreeStatus> {
  const args = ['status', '--porcelain=v2', '--branch', '-z', `--untracked-files=${options.untracked ?? 'all'}`, '--ignore-submodules=none'];
  if (options.paths) args.push('--', ...options.paths);
  const text = await runGitText(cwd, args);
  return parseStatus(text);
}

/** Parses porcelain v2 with -z (exported for tests). */
export function parseStatus(text: string): WorkingTreeStatus {
  const fields = text.split('\0');
  const entries: StatusEntry[] = [];
  let branch: string | null = null;
  for (let i = 0; i < fields.length; i++) {
    const record = fields[i]!;
    if (record === '') continue;
    const type = record[0];
    if (type === '#') {
      const m = /^# branch\.head (.+)$/.exec(record);
      if (m) branch = m[1] === '(detached)' ? null : m[1]!;
    } else if (type === '1') {
      // 1 XY sub mH mI mW hH hI path — the path may itself contain spaces, so split a fixed count.
      const parts = splitFixed(record, 8);
      entries.push({ kind: 'changed', xy: parts[1]!, path: parts[8]!, origPath: null, submodule: parts[2]!.startsWith('S') });
    } else if (type === '2') {
      // 2 XY sub mH mI mW hH hI Xscore path \0 origPath
      const parts = splitFixed(record, 9);
      entries.push({ kind: 'renamed', xy: parts[1]!, path: parts[9]!, origPath: fields[++i] ?? null, submodule: parts[2]!.startsWith('S') });
    } else if (type === 'u') {
      // u XY sub m1 m2 m3 mW h1 h2 h3 path
      const parts = splitFixed(record, 10);
      entries.push({ kind: 'unmerged', xy: parts[1]!, path: parts[10]!, origPath: null, submodule: parts[2]!.startsWith('S') });
    } else if (type === '?') {
      const p = record.slice(2);
      const nested = p.endsWith('/');
      entries.push({ kind: 'untracked', xy: '??', path: nested ? p.slice(0, -1) : p, origPath: null, submodule: nested });
    }
  }
  return { branch, entries };
}

/** Splits off `count` space-separated fields; the rest (a path that may hold spaces) is the last. */
function splitFixed(record: string, count: number): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let n = 0; n < count; n++) {
    const space = record.indexOf(' ', start);
    parts.push(record.slice(start, space));
    start = space + 1;
  }
  parts.push(record.slice(start));
  return parts;
}
