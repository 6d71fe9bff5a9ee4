import type { Workspace } from '../../../../shared/contract';

/** The workspace a chip's repo belongs to (git chips are `git:<repo root>`). */
export function workspaceForRepo(chipIds: readonly string[], workspaces: readonly Workspace[]): Workspace | null {
  for (const id of chipIds) {
    if (!id.startsWith('git:')) continue;
    const root = id.slice(4);
    const match = workspaces.find((w) => root === w.path || root.startsWith(`${w.path.replace(/\/+$/, '')}/`));
    if (match) return match;
  }
  return null;
}
