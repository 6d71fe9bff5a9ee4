import type { Database } from 'better-sqlite3';
import type { ReviewComment } from '../../../../shared/contract/review';
import { newId } from '../ids';

interface Row {
  id: string;
  repo: string;
  source_key: string;
  path: string;
  side: 'old' | 'new';
  start_line: number;
  end_line: number;
  body: string;
  created_at: number;
}

const toComment = (r: Row): ReviewComment => ({
  id: r.id,
  repoRoot: r.repo,
  sourceKey: r.source_key,
  path: r.path,
  side: r.side,
  startLine: r.start_line,
  endLine: r.end_line,
  body: r.body,
  createdAt: r.created_at,
});

export interface CommentFilter {
  repoRoot: string;
  sourceKey?: string;
  path?: string;
}

/** Review comments, in file and line order. */
export class ReviewCommentsRepository {
  constructor(private readonly db: Database) {}

  list(filter: CommentFilter): ReviewComment[] {
    const where = ['repo = ?'];
    const args: string[] = [filter.repoRoot];
    if (filter.sourceKey !== undefined) {
      where.push('source_key = ?');
      args.push(filter.sourceKey);
    }
    if (filter.path !== undefined) {
      where.push('path = ?');
      args.push(filter.path);
    }
    const sql = `SELECT * FROM review_comments WHERE ${where.join(' AND ')} ORDER BY source_key, path, start_line, created_at`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(toComment);
  }

  get(id: string): ReviewComment | undefined {
    const row = this.db.prepare('SELECT * FROM review_comments WHERE id = ?').get(id) as Row | undefined;
    return row && toComment(row);
  }

  add(input: Omit<ReviewComment, 'id' | 'createdAt'>): ReviewComment {
    const c: ReviewComment = { ...input, id: newId(), createdAt: Date.now() };
    this.db
      .prepare('INSERT INTO review_comments (id, repo, source_key, path, side, start_line, end_line, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.id, c.repoRoot, c.sourceKey, c.path, c.side, c.startLine, c.endLine, c.body, c.createdAt);
    return c;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM review_comments WHERE id = ?').run(id).changes > 0;
  }
}
