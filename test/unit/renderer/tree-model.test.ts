import { describe, expect, it } from 'vitest';
import type { Thread, Workspace } from '../../../shared/contract';
import { adjacentThread, groupThreads, threadOrder } from '../../../renderer/src/features/sidebar/tree-model';

const ws = (id: string, name: string): Workspace => ({ id, name, path: `/code/${name}`, isGit: true, addedAt: 1 });
const thread = (id: string, workspaceId: string | null, updatedAt: number, archived = false): Thread => ({
  id,
  workspaceId,
  title: id,
  status: 'idle',
  createdAt: 1,
  updatedAt,
  archived,
  worktree: null,
});

describe('sidebar order', () => {
  const workspaces = [ws('w1', 'web'), ws('w2', 'api')];
  const byId = Object.fromEntries(
    [thread('a', 'w1', 10), thread('b', 'w1', 30), thread('c', 'w2', 20), thread('d', null, 5), thread('e', 'gone', 40), thread('x', 'w1', 99, true)].map((t) => [t.id, t]),
  );

  it('groups threads under their folder, newest first, with loose threads last and archived ones hidden', () => {
    const groups = groupThreads(workspaces, byId);
    expect(groups.map((g) => [g.workspace?.name ?? null, g.threads.map((t) => t.id)])).toEqual([
      ['web', ['b', 'a']],
      ['api', ['c']],
      [null, ['e', 'd']],
    ]);
  });

  it('walks threads in that order, wrapping around', () => {
    const groups = groupThreads(workspaces, byId);
    expect(threadOrder(groups).map((t) => t.id)).toEqual(['b', 'a', 'c', 'e', 'd']);
    expect(adjacentThread(groups, 'a', 1)?.id).toBe('c');
    expect(adjacentThread(groups, 'd', 1)?.id).toBe('b');
    expect(adjacentThread(groups, 'b', -1)?.id).toBe('d');
    expect(adjacentThread(groups, null, 1)?.id).toBe('b');
    expect(adjacentThread(groups, null, -1)?.id).toBe('d');
    expect(adjacentThread([], null, 1)).toBeNull();
  });
});
