import type { Database } from 'better-sqlite3';
import type { Thread, ThreadStatus } from '../../../../shared/contract';
import { newId } from '../ids';

/** Every read joins the thread's worktree record (thread_worktrees), so a Thread always says where it runs. */
const SELECT_THREAD = `
  SELECT t.*, w.repo_root AS wt_repo_root, w.path AS wt_path, w.branch AS wt_branch, w.base_commit AS wt_base_commit, w.created_at AS wt_created_at
  FROM threads t LEFT JOIN thread_worktrees w ON w.thread_id = t.id`;

interface Row {
  id: string;
  workspace_id: string | null;
  title: string;
  status: ThreadStatus;
  created_at: number;
  updated_at: number;
  archived: number;
  wt_repo_root: string | null;
  wt_path: string | null;
  wt_branch: string | null;
  wt_base_commit: string | null;
  wt_created_at: number | null;
}

const toThread = (r: Row): Thread => ({
  id: r.id,
  workspaceId: r.workspace_id,
  title: r.title,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  archived: r.archived === 1,
  worktree:
    r.wt_path === null
      ? null
      : { threadId: r.id, repoRoot: r.wt_repo_root ?? '', path: r.wt_path, branch: r.wt_branch ?? '', baseCommit: r.wt_base_commit ?? '', createdAt: r.wt_created_at ?? 0 },
});

export class ThreadsRepository {
  constructor(private readonly db: Database) {}

  list(filter: { workspaceId?: string | null; includeArchived?: boolean } = {}): Thread[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.workspaceId !== undefined) {
      where.push(filter.workspaceId === null ? 't.workspace_id IS NULL' : 't.workspace_id = ?');
      if (filter.workspaceId !== null) args.push(filter.workspaceId);
    }
    if (!filter.includeArchived) where.push('t.archived = 0');
    const sql = `${SELECT_THREAD} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.updated_at DESC`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(toThread);
  }

  get(id: string): Thread | undefined {
    const row = this.db.prepare(`${SELECT_THREAD} WHERE t.id = ?`).get(id) as Row | undefined;
    return row && toThread(row);
  }

  /** `id` is given when something keyed by it (a thread's worktree) was made first. */
  create(input: { workspaceId: string | null; title: string; id?: string }): Thread {
    const now = Date.now();
    const thread: Thread = { id: input.id ?? newId(), workspaceId: input.workspaceId, title: input.title, status: 'idle', createdAt: now, updatedAt: now, archived: false, worktree: null };
    this.db
      .prepare('INSERT INTO threads (id, workspace_id, title, status, created_at, updated_at, archived) VALUES (?, ?, ?, ?, ?, ?, 0)')
      .run(thread.id, thread.workspaceId, thread.title, thread.status, now, now);
    // Re-read: a worktree made under this id first is joined in.
    return this.get(thread.id) ?? thread;
  }

  update(id: string, patch: Partial<Pick<Thread, 'title' | 'status' | 'archived'>>): Thread | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const next: Thread = { ...current, ...patch, updatedAt: Date.now() };
    this.db
      .prepare('UPDATE threads SET title = ?, status = ?, archived = ?, updated_at = ? WHERE id = ?')
      .run(next.title, next.status, next.archived ? 1 : 0, next.updatedAt, id);
    return next;
  }
}
