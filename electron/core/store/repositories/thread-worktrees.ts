import type { Database } from 'better-sqlite3';
import type { ThreadWorktree } from '../../../../shared/contract';

interface Row {
  thread_id: string;
  repo_root: string;
  path: string;
  branch: string;
  base_commit: string;
  created_at: number;
  applied_tree: string | null;
}

export const toThreadWorktree = (r: Row): ThreadWorktree => ({
  threadId: r.thread_id,
  repoRoot: r.repo_root,
  path: r.path,
  branch: r.branch,
  baseCommit: r.base_commit,
  createdAt: r.created_at,
});

/** Which thread owns which git worktree. The worktree itself is made and removed by ThreadWorktrees. */
export class ThreadWorktreesRepository {
  constructor(private readonly db: Database) {}

  get(threadId: string): ThreadWorktree | null {
    const row = this.db.prepare('SELECT * FROM thread_worktrees WHERE thread_id = ?').get(threadId) as Row | undefined;
    return row ? toThreadWorktree(row) : null;
  }

  list(): ThreadWorktree[] {
    return (this.db.prepare('SELECT * FROM thread_worktrees ORDER BY created_at').all() as Row[]).map(toThreadWorktree);
  }

  insert(wt: ThreadWorktree): void {
    this.db
      .prepare('INSERT INTO thread_worktrees (thread_id, repo_root, path, branch, base_commit, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(wt.threadId, wt.repoRoot, wt.path, wt.branch, wt.baseCommit, wt.createdAt);
  }

  /** The worktree's tree as it was when its changes were last applied to the user's checkout. */
  appliedTree(threadId: string): string | null {
    const row = this.db.prepare('SELECT applied_tree FROM thread_worktrees WHERE thread_id = ?').get(threadId) as Pick<Row, 'applied_tree'> | undefined;
    return row?.applied_tree ?? null;
  }

  setAppliedTree(threadId: string, tree: string | null): void {
    this.db.prepare('UPDATE thread_worktrees SET applied_tree = ? WHERE thread_id = ?').run(tree, threadId);
  }

  delete(threadId: string): boolean {
    return this.db.prepare('DELETE FROM thread_worktrees WHERE thread_id = ?').run(threadId).changes > 0;
  }
}
