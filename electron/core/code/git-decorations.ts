/**
 * Git status as tree decorations: each changed path gets one word (modified, added, untracked,
 * conflicted, …) and each folder the strongest word of anything inside it, as editors show them.
 * Status comes from `git status --porcelain=v2` (electron/core/git/status.ts), whose paths are
 * relative to the repository's top; a root inside the repository sees only its part, re-based.
 */
import type { GitDecoration } from '../../../shared/contract/code';
import { runGitText } from '../git/run-git';
import { readStatus, type StatusEntry } from '../git/status';

/** Stronger first: a folder holding a conflict shows the conflict. */
const STRENGTH: Record<GitDecoration, number> = { conflicted: 6, modified: 5, deleted: 4, renamed: 3, added: 2, untracked: 1 };

export interface Decorations {
  /** Files and folders (relative to the root) with their decoration. */
  byPath: Map<string, GitDecoration>;
}

export function decorationOf(entry: StatusEntry): GitDecoration {
  if (entry.kind === 'unmerged') return 'conflicted';
  if (entry.kind === 'untracked') return 'untracked';
  if (entry.kind === 'renamed') return 'renamed';
  const [x, y] = [entry.xy[0], entry.xy[1]];
  if (x === 'D' || y === 'D') return 'deleted';
  if (x === 'A') return 'added';
  return 'modified';
}

/** Builds decorations from status entries; `prefix` is the root's path inside the repository ("" or "sub/dir/"). */
export function buildDecorations(entries: readonly StatusEntry[], prefix: string): Decorations {
  const byPath = new Map<string, GitDecoration>();
  const put = (p: string, d: GitDecoration) => {
    const old = byPath.get(p);
    if (!old || STRENGTH[d] > STRENGTH[old]) byPath.set(p, d);
  };
  for (const entry of entries) {
    if (!entry.path.startsWith(prefix)) continue;
    const rel = entry.path.slice(prefix.length);
    if (!rel) continue;
    const decoration = decorationOf(entry);
    put(rel, decoration);
    // Every folder above it, up to the root.
    for (let slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) put(rel.slice(0, slash), decoration);
  }
  return { byPath };
}

export async function readDecorations(root: string): Promise<Decorations> {
  const [prefix, status] = await Promise.all([runGitText(root, ['rev-parse', '--show-prefix']), readStatus(root)]);
  return buildDecorations(status.entries, prefix.trim());
}
