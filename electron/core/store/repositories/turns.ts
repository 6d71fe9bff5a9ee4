/**
 * The agent's turns, one row each: the Turn as last recorded (status, model, settings, summed token
 * usage). The item log says what a turn did; this says how it ended and what it cost, so a reopened
 * thread can show both.
 */
import type { Database } from 'better-sqlite3';
import type { Turn } from '../../../../shared/contract';

interface Row {
  data: string;
}

export class TurnsRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the turn, or replaces what was recorded of it before. */
  record(turn: Turn): void {
    this.db
      .prepare(
        `INSERT INTO turns (id, thread_id, status, started_at, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data`,
      )
      .run(turn.id, turn.threadId, turn.status, turn.startedAt, JSON.stringify(turn));
  }

  get(id: string): Turn | null {
    const row = this.db.prepare('SELECT data FROM turns WHERE id = ?').get(id) as Row | undefined;
    return row ? (JSON.parse(row.data) as Turn) : null;
  }

  /** A thread's turns, oldest first. */
  list(threadId: string): Turn[] {
    return (this.db.prepare('SELECT data FROM turns WHERE thread_id = ? ORDER BY started_at, rowid').all(threadId) as Row[]).map((r) => JSON.parse(r.data) as Turn);
  }
}
