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
  /** What answers to it teach, with kind and repo; null for rows from before migration 9. */
  situation: string | null;
  /** What a passing rerun resolves it by (see Candidate.originKeys). */
  originKeys: string[];
  /** The user asked for it (babysit, an agent turn). */
  requested: boolean;
  /** While snoozed: when it comes back. */
  snoozedUntil: number | null;
  /** The background draft of its fix (JSON, the contract's SuggestionDraft). */
  draft: unknown;
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
  situation: string | null;
  origin_keys: string | null;
  requested: number;
  snoozed_until: number | null;
  draft: string | null;
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
  situation: r.situation,
  originKeys: r.origin_keys ? (JSON.parse(r.origin_keys) as string[]) : [],
  requested: r.requested === 1,
  snoozedUntil: r.snoozed_until,
  draft: r.draft ? (JSON.parse(r.draft) as unknown) : null,
});

type NewSuggestion = Omit<SuggestionRecord, 'id' | 'createdAt' | 'updatedAt' | 'status' | 'situation' | 'originKeys' | 'requested' | 'snoozedUntil' | 'draft'> &
  Partial<Pick<SuggestionRecord, 'status' | 'situation' | 'originKeys' | 'requested'>>;

export class SuggestionsRepository {
  constructor(private readonly db: Database) {}

  add(input: NewSuggestion): SuggestionRecord {
    const now = Date.now();
    const rec: SuggestionRecord = {
      ...input,
      id: newId(),
      status: input.status ?? 'pending',
      createdAt: now,
      updatedAt: now,
      situation: input.situation ?? null,
      originKeys: input.originKeys ?? [],
      requested: input.requested ?? false,
      snoozedUntil: null,
      draft: null,
    };
    this.db
      .prepare(
        `INSERT INTO suggestions (id, kind, title, why, confidence, action, dedupe_key, repo, status, created_at, updated_at, situation, origin_keys, requested)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        rec.id,
        rec.kind,
        rec.title,
        rec.why,
        rec.confidence,
        JSON.stringify(rec.action),
        rec.dedupeKey,
        rec.repo,
        rec.status,
        now,
        now,
        rec.situation,
        JSON.stringify(rec.originKeys),
        rec.requested ? 1 : 0,
      );
    return rec;
  }

  /** Sets when a snooze ends (null: not snoozed). */
  setSnoozedUntil(id: string, at: number | null): SuggestionRecord | undefined {
    this.db.prepare('UPDATE suggestions SET snoozed_until = ?, updated_at = ? WHERE id = ?').run(at, Date.now(), id);
    return this.get(id);
  }

  setDraft(id: string, draft: unknown): SuggestionRecord | undefined {
    this.db.prepare('UPDATE suggestions SET draft = ?, updated_at = ? WHERE id = ?').run(draft === null ? null : JSON.stringify(draft), Date.now(), id);
    return this.get(id);
  }

  /** Snoozed suggestions, soonest back first. */
  snoozed(): SuggestionRecord[] {
    const rows = this.db.prepare("SELECT * FROM suggestions WHERE status = 'snoozed' AND snoozed_until IS NOT NULL ORDER BY snoozed_until").all();
    return (rows as Row[]).map(toRecord);
  }

  get(id: string): SuggestionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM suggestions WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  /** Sets the status; any status but 'snoozed' ends a snooze. */
  setStatus(id: string, status: SuggestionStatus): SuggestionRecord | undefined {
    this.db
      .prepare(`UPDATE suggestions SET status = ?, updated_at = ?${status === 'snoozed' ? '' : ', snoozed_until = NULL'} WHERE id = ?`)
      .run(status, Date.now(), id);
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
