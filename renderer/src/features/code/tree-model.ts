/**
 * The file tree as rows: folders the user expanded, with the children loaded so far, flattened in
 * display order. Pure, so the tree component only renders rows and the logic is unit-tested.
 */
import type { TreeEntry } from '../../../../shared/contract';

export interface TreeRow {
  entry: TreeEntry;
  depth: number;
  expanded: boolean;
  /** Expanded, but its children are not loaded yet. */
  loading: boolean;
}

/** Rows under `dir` ("" for the root), depth-first, following `expanded`. */
export function flattenTree(children: ReadonlyMap<string, readonly TreeEntry[]>, expanded: ReadonlySet<string>, dir = '', depth = 0, out: TreeRow[] = []): TreeRow[] {
  for (const entry of children.get(dir) ?? []) {
    const isOpen = entry.kind === 'dir' && expanded.has(entry.path);
    out.push({ entry, depth, expanded: isOpen, loading: isOpen && !children.has(entry.path) });
    if (isOpen) flattenTree(children, expanded, entry.path, depth + 1, out);
  }
  return out;
}

/** The folders above a path, outermost first: "a/b/c.ts" → ["a", "a/b"]. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/** The folder holding a path ("" for a top-level entry). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Row index to move to for a key, or null when the key does not move. */
export function moveSelection(rows: readonly TreeRow[], current: number, key: string): number | null {
  if (rows.length === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(rows.length - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return rows.length - 1;
    case 'PageDown':
      return Math.min(rows.length - 1, current + 20);
    case 'PageUp':
      return Math.max(0, current - 20);
    case 'ArrowLeft': {
      // On an open folder: stays (the caller collapses it). Elsewhere: go to the parent folder.
      const row = rows[current];
      if (!row || (row.entry.kind === 'dir' && row.expanded)) return null;
      const parent = parentOf(row.entry.path);
      const index = rows.findIndex((r) => r.entry.path === parent);
      return index >= 0 ? index : null;
    }
    default:
      return null;
  }
}
