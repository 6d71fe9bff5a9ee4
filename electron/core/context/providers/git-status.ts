/**
 * Parsers for the git output the git provider reads: `git status --porcelain=v2 --branch -z` and
 * `git diff --numstat -z`. Pure, so they are tested on captured output as well as on real repos.
 */

export interface GitBranchInfo {
  /** Null when HEAD is detached. */
  branch: string | null;
  /** Null before the first commit. */
  oid: string | null;
  upstream: string | null;
  ahead: number;
  behind: number;
}

export interface GitFileChange {
  path: string;
  /** For renames and copies. */
  origPath?: string;
  /** Two letters as in `git status --short`: index then worktree; `??` untracked; `UU` etc. conflicts. */
  xy: string;
  conflicted: boolean;
}

export interface GitStatus extends GitBranchInfo {
  files: GitFileChange[];
}

export function parsePorcelainV2(output: string): GitStatus {
  const status: GitStatus = { branch: null, oid: null, upstream: null, ahead: 0, behind: 0, files: [] };
  const records = output.split('\0');
  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    if (!rec) continue;
    if (rec.startsWith('# ')) {
      const [, key, ...rest] = rec.split(' ');
      const value = rest.join(' ');
      if (key === 'branch.oid') status.oid = value === '(initial)' ? null : value;
      else if (key === 'branch.head') status.branch = value === '(detached)' ? null : value;
      else if (key === 'branch.upstream') status.upstream = value;
      else if (key === 'branch.ab') {
        const m = /^\+(\d+) -(\d+)$/.exec(value);
        if (m) {
          status.ahead = Number(m[1]);
          status.behind = Number(m[2]);
        }
      }
      continue;
    }
    const type = rec[0];
    if (type === '1') {
      // 1 XY sub mH mI mW hH hI path
      status.files.push({ xy: rec.slice(2, 4).replace(/\./g, ' '), path: fieldsFrom(rec, 8), conflicted: false });
    } else if (type === '2') {
      // 2 XY sub mH mI mW hH hI Xscore path \0 origPath
      status.files.push({ xy: rec.slice(2, 4).replace(/\./g, ' '), path: fieldsFrom(rec, 9), origPath: records[++i] ?? '', conflicted: false });
    } else if (type === 'u') {
      // u XY sub m1 m2 m3 mW h1 h2 h3 path
      status.files.push({ xy: rec.slice(2, 4), path: fieldsFrom(rec, 10), conflicted: true });
    } else if (type === '?') {
      status.files.push({ xy: '??', path: rec.slice(2), conflicted: false });
    }
  }
  return status;
}

/** Everything after the first `n` space-separated fields (paths may contain spaces). */
function fieldsFrom(rec: string, n: number): string {
  let idx = 0;
  for (let k = 0; k < n; k++) {
    idx = rec.indexOf(' ', idx) + 1;
    if (idx === 0) return '';
  }
  return rec.slice(idx);
}

export interface NumstatEntry {
  path: string;
  /** Null for binary files. */
  added: number | null;
  deleted: number | null;
}

/** `git diff --numstat -z`: "A\tD\tpath\0", or for renames "A\tD\t\0old\0new\0". */
export function parseNumstat(output: string): NumstatEntry[] {
  const entries: NumstatEntry[] = [];
  const parts = output.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(parts[i]!);
    if (!m) continue;
    let path = m[3]!;
    if (path === '') {
      i += 2; // rename: old path, then new path
      path = parts[i] ?? '';
    }
    entries.push({ path, added: m[1] === '-' ? null : Number(m[1]), deleted: m[2] === '-' ? null : Number(m[2]) });
  }
  return entries;
}
