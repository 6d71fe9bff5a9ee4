import type { Database } from 'better-sqlite3';
import type { Thread, ThreadStatus } from '../../../../shared/contract';
import { newId } from '../ids';

interface Row {
  id: string;
  workspace_id: string | null;
  title: string;
  status: ThreadStatus;
  created_at: number;
  updated_at: number;
  archived: number;
}

const toThread = (r: Row): Thread => ({
  id: r.id,
  workspaceId: r.workspace_id,
  title: r.title,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  archived: r.archived === 1,
});

export class ThreadsRepository {
  constructor(private readonly db: Database) {}

  list(filter: { workspaceId?: string | null; includeArchived?: boolean } = {}): Thread[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.workspaceId !== undefined) {
      where.push(filter.workspaceId === null ? 'workspace_id IS NULL' : 'workspace_id = ?');
      if (filter.workspaceId !== null) args.push(filter.workspaceId);
    }
    if (!filter.includeArchived) where.push('archived = 0');
    const sql = `SELECT * FROM threads ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(toThread);
  }

  get(id: string): Thread | undefined {
    const row = this.db.prepare('SELECT * FROM threads WHERE id = ?').get(id) as Row | undefined;
    return row && toThread(row);
  }

  create(input: { workspaceId: string | null; title: string }): Thread {
    const now = Date.now();
    const thread: Thread = { id: newId(), workspaceId: input.workspaceId, title: input.title, status: 'idle', createdAt: now, updatedAt: now, archived: false };
    this.db
      .prepare('INSERT INTO threads (id, workspace_id, title, status, created_at, updated_at, archived) VALUES (?, ?, ?, ?, ?, ?, 0)')
      .run(thread.id, thread.workspaceId, thread.title, thread.status, now, now);
    return thread;
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
