/**
 * Findings the author dismissed, per repository (table review_dismissals). Later reviews of the same
 * repository are told these titles, so the reviewer stops raising what the author does not want.
 */
import type { Database } from 'better-sqlite3';
import { newId } from '../../store/ids';

export interface Dismissal {
  id: string;
  repo: string;
  title: string;
  path: string;
  body: string;
  createdAt: number;
}

interface Row {
  id: string;
  repo: string;
  title: string;
  path: string;
  body: string;
  created_at: number;
}

export class DismissalsRepository {
  constructor(private readonly db: Database) {}

  record(input: Omit<Dismissal, 'id' | 'createdAt'>): Dismissal {
    const d: Dismissal = { ...input, id: newId(), createdAt: Date.now() };
    this.db
      .prepare('INSERT INTO review_dismissals (id, repo, title, path, body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(d.id, d.repo, d.title, d.path, d.body, d.createdAt);
    return d;
  }

  /** The most recent distinct titles dismissed in a repository, newest first. */
  recentTitles(repo: string, limit = 20): string[] {
    const rows = this.db
      .prepare('SELECT title, MAX(created_at) AS at FROM review_dismissals WHERE repo = ? GROUP BY title ORDER BY at DESC LIMIT ?')
      .all(repo, limit) as Pick<Row, 'title'>[];
    return rows.map((r) => r.title);
  }
}
