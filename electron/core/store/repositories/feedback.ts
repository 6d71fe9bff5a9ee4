import type { Database } from 'better-sqlite3';
import { newId } from '../ids';

export type FeedbackVerdict = 'accepted' | 'dismissed' | 'not_useful' | 'snoozed';

export interface FeedbackRecord {
  id: string;
  suggestionId: string | null;
  kind: string;
  repo: string | null;
  /** The circumstance learned for with kind and repo (e.g. the test runner); null for older rows. */
  situation: string | null;
  verdict: FeedbackVerdict;
  reason: string | null;
  createdAt: number;
}

interface Row {
  id: string;
  suggestion_id: string | null;
  kind: string;
  repo: string | null;
  situation: string | null;
  verdict: FeedbackVerdict;
  reason: string | null;
  created_at: number;
}

const toRecord = (r: Row): FeedbackRecord => ({
  id: r.id,
  suggestionId: r.suggestion_id,
  kind: r.kind,
  repo: r.repo,
  situation: r.situation,
  verdict: r.verdict,
  reason: r.reason,
  createdAt: r.created_at,
});

export class FeedbackRepository {
  constructor(private readonly db: Database) {}

  add(input: Omit<FeedbackRecord, 'id' | 'createdAt' | 'situation'> & { situation?: string | null }): FeedbackRecord {
    const rec: FeedbackRecord = { ...input, situation: input.situation ?? null, id: newId(), createdAt: Date.now() };
    this.db
      .prepare('INSERT INTO feedback (id, suggestion_id, kind, repo, situation, verdict, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(rec.id, rec.suggestionId, rec.kind, rec.repo, rec.situation, rec.verdict, rec.reason, rec.createdAt);
    return rec;
  }

  /** Feedback for one kind in one repo (null: outside any repo) and situation, newest first. */
  forSituation(kind: string, repo: string | null, situation: string, limit = 100): FeedbackRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM feedback WHERE kind = ? AND repo IS ? AND situation = ? ORDER BY created_at DESC LIMIT ?')
      .all(kind, repo, situation, limit);
    return (rows as Row[]).map(toRecord);
  }

  /** Feedback for one kind of suggestion, newest first; repo null means any repo. */
  forKind(kind: string, repo: string | null = null, limit = 100): FeedbackRecord[] {
    const rows = repo === null
      ? this.db.prepare('SELECT * FROM feedback WHERE kind = ? ORDER BY created_at DESC LIMIT ?').all(kind, limit)
      : this.db.prepare('SELECT * FROM feedback WHERE kind = ? AND repo = ? ORDER BY created_at DESC LIMIT ?').all(kind, repo, limit);
    return (rows as Row[]).map(toRecord);
  }

  /** The latest answer to each of these suggestions. */
  latestForSuggestions(ids: readonly string[]): Map<string, FeedbackRecord> {
    const latest = new Map<string, FeedbackRecord>();
    if (ids.length === 0) return latest;
    const stmt = this.db.prepare('SELECT * FROM feedback WHERE suggestion_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1');
    for (const id of ids) {
      const row = stmt.get(id) as Row | undefined;
      if (row) latest.set(id, toRecord(row));
    }
    return latest;
  }
}
