import type { FileChange } from './apply';

/**
 * The summary Codex's `apply_patch` prints, which models expect to read back:
 *
 *   Success. Updated the following files:
 *   A added/file
 *   M updated/or/moved-to/file
 *   D deleted/file
 *
 * Paths are shown as the patch wrote them; a moved file is listed under its new path.
 */
export function formatSummary(changes: readonly FileChange[]): string {
  return ['Success. Updated the following files:', ...formatChangeList(changes)].join('\n');
}

/** The `A`/`M`/`D` lines alone, added files first, then modified, then deleted. */
export function formatChangeList(changes: readonly FileChange[]): string[] {
  const added = changes.filter((c) => c.kind === 'add').map((c) => `A ${c.displayPath}`);
  const modified = changes
    .filter((c) => c.kind === 'update' || c.kind === 'move')
    .map((c) => `M ${c.displayNewPath ?? c.displayPath}`);
  const deleted = changes.filter((c) => c.kind === 'delete').map((c) => `D ${c.displayPath}`);
  return [...added, ...modified, ...deleted];
}
