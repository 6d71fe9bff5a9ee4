/**
 * Learning from the user's answers. Every accept, dismiss, "not useful" and snooze is remembered for
 * the suggestion's kind, repo and situation; together they move that bucket's score up or down. Old
 * answers fade (half-life two weeks), so a habit that changed is forgotten in time.
 *
 * The policy reads answers through `FeedbackLedger`, so the same code runs on the SQLite feedback
 * table in the app and on an in-memory ledger in the evaluation harness.
 */

export type FeedbackVerdict = 'accepted' | 'dismissed' | 'not_useful' | 'snoozed';

export interface FeedbackEntry {
  kind: string;
  repo: string | null;
  situation: string;
  verdict: FeedbackVerdict;
  /** When the user answered (the clock's time). */
  at: number;
}

export interface FeedbackRecord extends FeedbackEntry {
  suggestionId: string | null;
  /** The user's "say why" line, if any. */
  reason: string | null;
}

export interface FeedbackLedger {
  record(entry: FeedbackRecord): void;
  /** Answers for exactly this kind, repo and situation, newest first, at most `limit`. */
  recent(kind: string, repo: string | null, situation: string, limit: number): FeedbackEntry[];
}

/** Answers kept in memory (the harness, tests, and a store-less core). */
export class InMemoryFeedbackLedger implements FeedbackLedger {
  private readonly entries: FeedbackRecord[] = [];

  record(entry: FeedbackRecord): void {
    this.entries.push(entry);
  }

  recent(kind: string, repo: string | null, situation: string, limit: number): FeedbackEntry[] {
    return this.entries
      .filter((e) => e.kind === kind && e.repo === repo && e.situation === situation)
      .sort((a, b) => b.at - a.at)
      .slice(0, limit);
  }

  get size(): number {
    return this.entries.length;
  }
}

/** How much one answer moves the score, before it fades. */
export const VERDICT_WEIGHTS: Record<FeedbackVerdict, number> = {
  accepted: +0.1,
  dismissed: -0.12,
  // "Not useful" says the kind of thing is wrong, not only the moment.
  not_useful: -0.25,
  // A snooze means right idea, wrong time: barely negative.
  snoozed: -0.03,
};

export const LEARNING = {
  halfLifeMs: 14 * 24 * 60 * 60_000,
  /** Answers older than the newest this many are ignored. */
  window: 50,
  /** Feedback can sink a bucket below any bar, but only lift it a little: confidence must come from evidence. */
  minAdjustment: -0.6,
  maxAdjustment: 0.2,
};

export interface Learned {
  /** Added to the trigger's confidence. */
  adjustment: number;
  accepted: number;
  dismissed: number;
  notUseful: number;
  snoozed: number;
}

export function learnedAdjustment(entries: FeedbackEntry[], now: number): Learned {
  const learned: Learned = { adjustment: 0, accepted: 0, dismissed: 0, notUseful: 0, snoozed: 0 };
  let sum = 0;
  for (const e of entries.slice(0, LEARNING.window)) {
    const age = Math.max(0, now - e.at);
    sum += VERDICT_WEIGHTS[e.verdict] * 0.5 ** (age / LEARNING.halfLifeMs);
    if (e.verdict === 'accepted') learned.accepted++;
    else if (e.verdict === 'dismissed') learned.dismissed++;
    else if (e.verdict === 'not_useful') learned.notUseful++;
    else learned.snoozed++;
  }
  learned.adjustment = Math.round(Math.min(LEARNING.maxAdjustment, Math.max(LEARNING.minAdjustment, sum)) * 1000) / 1000;
  return learned;
}
