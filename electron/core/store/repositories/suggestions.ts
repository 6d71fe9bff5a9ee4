import type { Database } from 'better-sqlite3';
import { newId } from '../ids';

export type SuggestionStatus = 'pending' | 'surfaced' | 'accepted' | 'dismissed' | 'snoozed' | 'expired';

export interface SuggestionRecord {
  id: string;
  kind: string;
  title: string;
  why: string;
  confidence: number;
  action: unknown;
  dedupeKey: string;
  repo: string | null;
  status: SuggestionStatus;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  kind: string;
  title: string;
  why: string;
  confidence: number;
  action: string;
  dedupe_key: string;
  repo: string | null;
  status: SuggestionStatus;
  created_at: number;
  updated_at: number;
}

const toRecord = (r: Row): SuggestionRecord => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  why: r.why,
  confidence: r.confidence,
  action: JSON.parse(r.action) as unknown,
  dedupeKey: r.dedupe_key,
  repo: r.repo,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SuggestionsRepository {
  constructor(private readonly db: Database) {}

  add(input: Omit<SuggestionRecord, 'id' | 'createdAt' | 'updatedAt' | 'status'> & { status?: SuggestionStatus }): SuggestionRecord {
    const now = Date.now();
    const rec: SuggestionRecord = { ...input, id: newId(), status: input.status ?? 'pending', createdAt: now, updatedAt: now };
    this.db
      .prepare(
        `INSERT INTO suggestions (id, kind, title, why, confidence, action, dedupe_key, repo, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(rec.id, rec.kind, rec.title, rec.why, rec.confidence, JSON.stringify(rec.action), rec.dedupeKey, rec.repo, rec.status, now, now);
    return rec;
  }

  get(id: string): SuggestionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM suggestions WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  setStatus(id: string, status: SuggestionStatus): SuggestionRecord | undefined {
    this.db.prepare('UPDATE suggestions SET status = ?, updated_at = ? WHERE id = ?').run(status, Date.now(), id);
    return this.get(id);
  }

  list(filter: { status?: SuggestionStatus; limit?: number } = {}): SuggestionRecord[] {
    const limit = filter.limit ?? 200;
    const rows = filter.status
      ? this.db.prepare('SELECT * FROM suggestions WHERE status = ? ORDER BY created_at DESC LIMIT ?').all(filter.status, limit)
      : this.db.prepare('SELECT * FROM suggestions ORDER BY created_at DESC LIMIT ?').all(limit);
    return (rows as Row[]).map(toRecord);
  }

  /** The newest suggestion with this dedupe key, to avoid surfacing the same thing twice. */
  latestByDedupeKey(dedupeKey: string): SuggestionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM suggestions WHERE dedupe_key = ? ORDER BY created_at DESC LIMIT 1').get(dedupeKey) as Row | undefined;
    return row && toRecord(row);
  }
}
