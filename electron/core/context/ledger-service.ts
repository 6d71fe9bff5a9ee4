/**
 * The ledger: every request sent to a model records which context went with it — each chip's kind,
 * label, size and exact (redacted) text — so the user can see in Settings what left the machine,
 * export it as JSON, and clear it. Whoever sends a request (quick ask, the agent) calls `record`.
 */
import type { ContextChip, LedgerContextPart, LedgerEntry, LedgerExport } from '../../../shared/contract';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';

export interface LedgerRecordInput {
  /** e.g. quick-ask, agent-turn, review. */
  purpose: string;
  threadId?: string | null;
  /** The model provider and model the request went to. */
  provider: string;
  model: string;
  /** The chips that were sent. Error chips carry no text and are skipped. */
  chips: readonly ContextChip[];
}

export const LEDGER_EXPORT_FORMAT = 'tandem-context-ledger';

export class LedgerService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
  ) {}

  record(input: LedgerRecordInput): LedgerEntry {
    const context: LedgerContextPart[] = input.chips
      .filter((c) => !c.error && (c.text.length > 0 || c.image))
      .map((c) => {
        const part: LedgerContextPart = { kind: c.kind, label: c.label, chars: c.text.length, text: c.text };
        if (c.redactions) part.redactions = c.redactions;
        return part;
      });
    const entry = this.store.ledger.record({ threadId: input.threadId ?? null, purpose: input.purpose, provider: input.provider, model: input.model, context });
    this.events.emit('ledger.recorded', entry);
    return entry;
  }

  list(limit = 500): LedgerEntry[] {
    return this.store.ledger.list(limit);
  }

  export(now = new Date()): LedgerExport {
    // Oldest first reads like a log; the list view shows newest first.
    const entries = this.store.ledger.list(-1).reverse(); // SQLite: a negative LIMIT means all rows
    const json = JSON.stringify({ format: LEDGER_EXPORT_FORMAT, version: 1, exportedAt: now.toISOString(), entries }, null, 2);
    return { fileName: `tandem-ledger-${now.toISOString().slice(0, 10)}.json`, json, count: entries.length };
  }

  clear(): { cleared: number } {
    const cleared = this.store.ledger.clear();
    this.events.emit('ledger.cleared', { cleared });
    return { cleared };
  }

  handlers(): Pick<Handlers, 'ledger.list' | 'ledger.export' | 'ledger.clear'> {
    return {
      'ledger.list': ({ limit }) => this.list(limit),
      'ledger.export': () => this.export(),
      'ledger.clear': () => this.clear(),
    };
  }
}
