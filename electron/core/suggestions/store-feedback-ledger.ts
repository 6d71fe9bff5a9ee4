/** The learning ledger on the store's feedback table, so what Tandem learned survives a restart. */
import type { FeedbackRepository } from '../store/repositories/feedback';
import type { FeedbackEntry, FeedbackLedger, FeedbackRecord } from './learning';

export class StoreFeedbackLedger implements FeedbackLedger {
  constructor(
    private readonly feedback: FeedbackRepository,
    /** The pipeline names suggestions by its own ids; the feedback table points at inbox rows. */
    private readonly inboxId: (suggestionId: string) => string | null = (id) => id,
  ) {}

  record(entry: FeedbackRecord): void {
    const suggestionId = entry.suggestionId === null ? null : this.inboxId(entry.suggestionId);
    this.feedback.add({ suggestionId, kind: entry.kind, repo: entry.repo, situation: entry.situation, verdict: entry.verdict, reason: entry.reason });
  }

  recent(kind: string, repo: string | null, situation: string, limit: number): FeedbackEntry[] {
    return this.feedback
      .forSituation(kind, repo, situation, limit)
      .map((r) => ({ kind: r.kind, repo: r.repo, situation: r.situation ?? situation, verdict: r.verdict, at: r.createdAt }));
  }
}
