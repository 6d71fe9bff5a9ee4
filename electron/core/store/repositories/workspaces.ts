import type { Database } from 'better-sqlite3';
import type { Workspace } from '../../../../shared/contract';
import { newId } from '../ids';

interface Row {
  id: string;
  path: string;
  name: string;
  is_git: number;
  added_at: number;
}

const toWorkspace = (r: Row): Workspace => ({ id: r.id, path: r.path, name: r.name, isGit: r.is_git === 1, addedAt: r.added_at });

export class WorkspacesRepository {
  constructor(private readonly db: Database) {}

  list(): Workspace[] {
    return (this.db.prepare('SELECT * FROM workspaces ORDER BY name COLLATE NOCASE').all() as Row[]).map(toWorkspace);
  }

  get(id: string): Workspace | undefined {
    const row = this.db.prepare('SELECT * FROM workspaces WHERE id = ?').get(id) as Row | undefined;
    return row && toWorkspace(row);
  }

  byPath(path: string): Workspace | undefined {
    const row = this.db.prepare('SELECT * FROM workspaces WHERE path = ?').get(path) as Row | undefined;
    return row && toWorkspace(row);
  }

  add(input: { path: string; name: string; isGit: boolean }): Workspace {
    const ws: Workspace = { id: newId(), path: input.path, name: input.name, isGit: input.isGit, addedAt: Date.now() };
    this.db
      .prepare('INSERT INTO workspaces (id, path, name, is_git, added_at) VALUES (?, ?, ?, ?, ?)')
      .run(ws.id, ws.path, ws.name, ws.isGit ? 1 : 0, ws.addedAt);
    return ws;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM workspaces WHERE id = ?').run(id).changes > 0;
  }
}
