/**
 * The sidebar's order: each workspace in the order it was added, its live threads newest first, then
 * threads that belong to no (or a removed) folder. "Next thread" and "Previous thread" walk this order.
 */
import type { Thread, Workspace } from '../../../../shared/contract';
import { sortThreads } from '../../stores/threads-store';

export interface WorkspaceGroup {
  workspace: Workspace | null;
  threads: Thread[];
}

export function groupThreads(workspaces: readonly Workspace[], byId: Record<string, Thread>): WorkspaceGroup[] {
  const known = new Set(workspaces.map((w) => w.id));
  const sorted = sortThreads(byId);
  const groups: WorkspaceGroup[] = workspaces.map((workspace) => ({ workspace, threads: sorted.filter((t) => t.workspaceId === workspace.id) }));
  const loose = sorted.filter((t) => t.workspaceId === null || !known.has(t.workspaceId));
  if (loose.length) groups.push({ workspace: null, threads: loose });
  return groups;
}

export function threadOrder(groups: readonly WorkspaceGroup[]): Thread[] {
  return groups.flatMap((g) => g.threads);
}

/** The thread `delta` steps from `currentId` in sidebar order, wrapping around; the first one if none is selected. */
export function adjacentThread(groups: readonly WorkspaceGroup[], currentId: string | null, delta: number): Thread | null {
  const order = threadOrder(groups);
  if (order.length === 0) return null;
  const at = currentId ? order.findIndex((t) => t.id === currentId) : -1;
  if (at === -1) return (delta > 0 ? order[0] : order.at(-1)) ?? null;
  return order[(at + delta + order.length) % order.length] ?? null;
}
