/**
 * The append-only item log of threads. An item is written once, when it completes; its sequence number
 * is allocated in the same statement so concurrent writers cannot collide.
 */
import type { Database } from 'better-sqlite3';
import type { ThreadItem } from '../../../../shared/contract';

interface Row {
  id: string;
  thread_id: string;
  turn_id: string | null;
  seq: number;
  type: string;
  data: string;
  created_at: number;
}

const toItem = (r: Row): ThreadItem => ({
  id: r.id,
  threadId: r.thread_id,
  turnId: r.turn_id,
  seq: r.seq,
  type: r.type,
  data: JSON.parse(r.data) as unknown,
  createdAt: r.created_at,
});

export class ItemsRepository {
  constructor(private readonly db: Database) {}

  append(item: { id: string; threadId: string; turnId: string | null; type: string; data: unknown }): ThreadItem {
    const createdAt = Date.now();
    const row = this.db
      .prepare(
        `INSERT INTO items (thread_id, seq, id, turn_id, type, data, created_at)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM items WHERE thread_id = ?), ?, ?, ?, ?, ?)
         RETURNING seq`,
      )
      .get(item.threadId, item.threadId, item.id, item.turnId, item.type, JSON.stringify(item.data), createdAt) as { seq: number };
    return { ...item, seq: row.seq, createdAt };
  }

  list(threadId: string): ThreadItem[] {
    return (this.db.prepare('SELECT * FROM items WHERE thread_id = ? ORDER BY seq').all(threadId) as Row[]).map(toItem);
  }

  count(threadId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM items WHERE thread_id = ?').get(threadId) as { n: number }).n;
  }
}
