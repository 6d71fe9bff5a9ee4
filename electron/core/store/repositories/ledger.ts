/** The context ledger: one row per request sent to a model, saying which context went out. */
import type { Database } from 'better-sqlite3';
import { newId } from '../ids';

export interface LedgerContextPart {
  kind: string;
  label: string;
  chars: number;
  /** The text exactly as sent (already redacted), so Settings can show it. */
  text?: string;
  redactions?: number;
}

export interface LedgerEntry {
  id: string;
  createdAt: number;
  threadId: string | null;
  purpose: string;
  provider: string;
  model: string;
  context: LedgerContextPart[];
  chars: number;
}

interface Row {
  id: string;
  created_at: number;
  thread_id: string | null;
  purpose: string;
  provider: string;
  model: string;
  context: string;
  chars: number;
}

const toEntry = (r: Row): LedgerEntry => ({
  id: r.id,
  createdAt: r.created_at,
  threadId: r.thread_id,
  purpose: r.purpose,
  provider: r.provider,
  model: r.model,
  context: JSON.parse(r.context) as LedgerContextPart[],
  chars: r.chars,
});

export class LedgerRepository {
  constructor(private readonly db: Database) {}

  record(input: Omit<LedgerEntry, 'id' | 'createdAt' | 'chars'>): LedgerEntry {
    const entry: LedgerEntry = { ...input, id: newId(), createdAt: Date.now(), chars: input.context.reduce((n, p) => n + p.chars, 0) };
    this.db
      .prepare('INSERT INTO ledger (id, created_at, thread_id, purpose, provider, model, context, chars) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(entry.id, entry.createdAt, entry.threadId, entry.purpose, entry.provider, entry.model, JSON.stringify(entry.context), entry.chars);
    return entry;
  }

  list(limit = 500): LedgerEntry[] {
    return (this.db.prepare('SELECT * FROM ledger ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as Row[]).map(toEntry);
  }

  clear(): number {
    return this.db.prepare('DELETE FROM ledger').run().changes;
  }
}
