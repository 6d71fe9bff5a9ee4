/**
 * The suggestions domain of the core. It feeds the pipeline from the live sources (finished terminal
 * commands, the window in front, the clipboard, the global pause), keeps every suggestion in the
 * inbox (the suggestions table), tells the UI when one surfaces, and takes the user's answers back
 * into the policy's learning.
 *
 * Other parts of the core hand it the signals they own through `signal()`: git events, agent turns,
 * watched ("babysat") commands, typing and idle.
 */
import {
  isSuggestionKind,
  RpcError,
  type DraftingSettings,
  type Suggestion,
  type SuggestionAction,
  type SuggestionDraft,
  type SuggestionExplanation,
  type SuggestionFeedback,
  type SuggestionStatus,
  type TerminalCommand,
} from '../../../shared/contract';
import type { Store } from '../store';
import type { FeedbackRecord } from '../store/repositories/feedback';
import type { SuggestionRecord } from '../store/repositories/suggestions';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';
import { REQUESTED_KINDS } from './candidate';
import { RealClock, type Clock } from './clock';
import { shouldDraft, type DraftResult, type SuggestionDrafter } from './drafting';
import { DraftingBudget } from './drafting/draft-budget';
import type { FeedbackVerdict } from './learning';
import { SuggestionPipeline, type PipelineEvent, type TrackedSuggestion } from './pipeline';
import { Policy, type PolicyOptions } from './policy';
import type { UntimedSignal } from './signals';
import { StoreFeedbackLedger } from './store-feedback-ledger';

/** A copy the context engine saw, after its privacy rules (text is null when withheld). */
export interface ClipboardCopy {
  text: string | null;
}

export interface SuggestionsServiceOptions {
  store: Store;
  events: EventBus;
  isPaused: () => boolean;
  /** The context engine's clipboard feed; returns the unsubscribe. */
  onClipboardChange?: (listener: (copy: ClipboardCopy) => void) => () => void;
  clock?: Clock;
  policy?: Partial<PolicyOptions>;
  /** Background drafting of fixes by the agent; absent where no agent runs. */
  drafting?: { drafter: SuggestionDrafter; modelConfigured: () => boolean };
}

/** The inbox rows read back at start to restore the cap, cooldowns and "not again" (a day is the longest any of them lasts). */
const RESTORE_WINDOW_MS = 24 * 60 * 60_000;
const MINUTE = 60_000;
/** Drafts run one at a time: each is a model conversation and a test run on a shared machine. */
const MAX_CONCURRENT_DRAFTS = 1;

export class SuggestionsService {
  private readonly pipeline: SuggestionPipeline;
  private readonly clock: Clock;
  /** Pipeline id ↔ inbox id, for the suggestions of this run. */
  private readonly inboxIds = new Map<string, string>();
  private readonly pipelineIds = new Map<string, string>();
  private readonly unsubscribers: (() => void)[] = [];
  private readonly budget: DraftingBudget;
  /** Drafts at work, by inbox id. */
  private readonly drafts = new Map<string, AbortController>();
  private pendingCount: number;
  private disposed = false;

  constructor(private readonly opts: SuggestionsServiceOptions) {
    this.clock = opts.clock ?? new RealClock();
    this.budget = new DraftingBudget(opts.store.settings, this.clock);
    const policy = new Policy(new StoreFeedbackLedger(opts.store.feedback, (id) => this.inboxIds.get(id) ?? null), opts.policy);
    policy.restore(this.recentHistory());
    this.pipeline = new SuggestionPipeline({ clock: this.clock, policy, onEvent: (e) => this.onPipelineEvent(e) });
    this.pendingCount = this.countPending();
    this.adoptFromInbox();
    if (opts.isPaused()) this.pipeline.signal({ type: 'pause', paused: true });

    this.unsubscribers.push(
      opts.events.subscribe((event, payload) => {
        // Other domains' events, read by name: the context domain may not be part of every build.
        const name: string = event;
        if (name === 'terminal.command') this.fromTerminal(payload as TerminalCommand);
        else if (name === 'app.paused') this.pipeline.signal({ type: 'pause', paused: (payload as { paused: boolean }).paused });
        else if (name === 'context.activeWindow') this.fromWindow(payload as { window: { app: string; title: string } | null });
      }),
    );
    if (opts.onClipboardChange) {
      this.unsubscribers.push(opts.onClipboardChange((copy) => copy.text && this.pipeline.signal({ type: 'clipboard', text: copy.text })));
    }
  }

  /** A signal from another part of the core (git, the agent, a babysat command, typing). */
  signal(signal: UntimedSignal): void {
    if (!this.disposed) this.pipeline.signal(signal);
  }

  handlers(): Pick<
    Handlers,
    | 'suggestions.list'
    | 'suggestions.accept'
    | 'suggestions.dismiss'
    | 'suggestions.snooze'
    | 'suggestions.sayWhy'
    | 'suggestions.explain'
    | 'suggestions.drafting.get'
    | 'suggestions.drafting.set'
  > {
    return {
      'suggestions.list': ({ status, limit }) => this.list(status, limit),
      'suggestions.accept': ({ id }) => this.answer(id, 'accepted', 'accepted'),
      'suggestions.dismiss': ({ id, notUseful }) => this.answer(id, notUseful ? 'not_useful' : 'dismissed', 'dismissed'),
      'suggestions.snooze': ({ id, minutes }) => this.answer(id, 'snoozed', 'snoozed', { snoozeMs: minutes * MINUTE }),
      'suggestions.sayWhy': ({ id, reason }) => this.answer(id, 'not_useful', 'dismissed', { reason }),
      'suggestions.explain': ({ id }) => this.explain(id),
      'suggestions.drafting.get': () => this.draftingSettings(),
      'suggestions.drafting.set': (patch) => {
        this.budget.update(patch);
        return this.draftingChanged();
      },
    };
  }

  /** The inbox, newest first, each with the user's latest answer. */
  list(status?: SuggestionStatus, limit?: number): Suggestion[] {
    const records = this.opts.store.suggestions.list({ status, limit });
    const feedback = this.opts.store.feedback.latestForSuggestions(records.map((r) => r.id));
    return records.flatMap((r) => toSuggestion(r, feedback.get(r.id) ?? null) ?? []);
  }

  /** Cards waiting for the user's answer: the number on the tray badge. */
  pending(): number {
    return this.pendingCount;
  }

  draftingSettings(): DraftingSettings {
    return this.budget.snapshot(this.opts.drafting?.modelConfigured() ?? false);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    for (const draft of this.drafts.values()) draft.abort();
    this.pipeline.dispose();
  }

  // -----------------------------------------------------------------------------------------------

  private fromTerminal(c: TerminalCommand): void {
    this.pipeline.signal({
      type: 'terminal.command',
      terminal: c.terminalId,
      cwd: c.cwd,
      command: c.command,
      exitCode: c.exitCode,
      durationMs: Math.max(0, c.endedAt - c.startedAt),
      output: c.output,
      outputTruncated: c.outputTruncated,
    });
  }

  private fromWindow(payload: { window: { app: string; title: string } | null }): void {
    if (payload.window) this.pipeline.signal({ type: 'window.focus', app: payload.window.app, title: payload.window.title });
  }

  private onPipelineEvent(event: PipelineEvent): void {
    const s = event.suggestion;
    if (event.type === 'candidate') {
      const record = this.opts.store.suggestions.add({
        kind: s.kind,
        title: s.title,
        why: s.why,
        confidence: s.confidence,
        action: s.action,
        dedupeKey: s.dedupeKey,
        repo: s.repo,
        status: 'pending',
        situation: s.situation,
        originKeys: s.originKeys,
        requested: s.requested,
      });
      this.inboxIds.set(s.id, record.id);
      this.pipelineIds.set(record.id, s.id);
      this.changed(record);
      this.maybeDraft(record.id, s);
      return;
    }
    const inboxId = this.inboxIds.get(s.id);
    if (!inboxId) return;
    if (event.type === 'surfaced') {
      const record = this.setStatus(inboxId, 'surfaced');
      const suggestion = record && this.present(record);
      if (suggestion) this.opts.events.emit('suggestions.surfaced', suggestion);
    } else if (event.type === 'woke') {
      this.setStatus(inboxId, 'pending');
    } else if (event.reason !== 'inbox-only') {
      // Fixed meanwhile or replaced by newer evidence: a draft of its fix is no longer needed.
      if (event.reason === 'resolved' || event.reason === 'superseded') this.drafts.get(inboxId)?.abort();
      // Fixed meanwhile, replaced by newer evidence, or too old: still in the inbox, marked as past.
      const current = this.opts.store.suggestions.get(inboxId);
      if (current && (current.status === 'pending' || current.status === 'surfaced')) this.setStatus(inboxId, 'expired');
    }
  }

  private answer(id: string, verdict: FeedbackVerdict, status: SuggestionStatus, extra: { reason?: string; snoozeMs?: number } = {}): Suggestion {
    const record = this.require(id);
    const pipelineId = this.pipelineIds.get(id);
    const known = pipelineId ? this.pipeline.answer(pipelineId, verdict, { reason: extra.reason ?? null, snoozeMs: extra.snoozeMs }) : null;
    if (!known) {
      // From before a restart: the situation it was learned for is not known, so it only counts as history.
      this.opts.store.feedback.add({ suggestionId: id, kind: record.kind, repo: record.repo, situation: null, verdict, reason: extra.reason ?? null });
    }
    // The snooze's end is kept with the row, so a restart still brings it back.
    if (extra.snoozeMs !== undefined) this.opts.store.suggestions.setSnoozedUntil(id, this.clock.now() + extra.snoozeMs);
    const updated = this.setStatus(id, status);
    const suggestion = updated && this.present(updated);
    if (!suggestion) throw new RpcError('not_found', `No suggestion with id ${id}`);
    return suggestion;
  }

  private explain(id: string): SuggestionExplanation {
    const record = this.require(id);
    const pipelineId = this.pipelineIds.get(id);
    const explained = pipelineId ? this.pipeline.explain(pipelineId) : null;
    if (explained) {
      const outcome = explained.decision.outcome === 'surface' ? 'surfaced' : explained.decision.outcome === 'hold' ? 'held' : 'dropped';
      return { id, outcome, lines: [...explained.lines, `Evidence: ${record.why}`] };
    }
    return {
      id,
      outcome: 'unknown',
      lines: [
        'Tandem has restarted since this suggestion was made, so the moment it was judged at is no longer known.',
        `Confidence from the evidence: ${record.confidence.toFixed(2)}.`,
        `Evidence: ${record.why}`,
      ],
    };
  }

  private require(id: string): SuggestionRecord {
    const record = this.opts.store.suggestions.get(id);
    if (!record || !isSuggestionKind(record.kind)) throw new RpcError('not_found', `No suggestion with id ${id}`);
    return record;
  }

  private setStatus(id: string, status: SuggestionStatus): SuggestionRecord | undefined {
    const record = this.opts.store.suggestions.setStatus(id, status);
    if (record) this.changed(record);
    return record;
  }

  private changed(record: SuggestionRecord): void {
    const suggestion = this.present(record);
    if (suggestion) this.opts.events.emit('suggestions.changed', suggestion);
    const count = this.countPending();
    if (count !== this.pendingCount) {
      this.pendingCount = count;
      this.opts.events.emit('suggestions.pending', { count });
    }
  }

  private countPending(): number {
    return this.opts.store.suggestions.list({ status: 'surfaced', limit: 1000 }).length;
  }

  /** A row as the contract shows it, with the user's latest answer. */
  private present(record: SuggestionRecord): Suggestion | null {
    return toSuggestion(record, this.opts.store.feedback.latestForSuggestions([record.id]).get(record.id) ?? null);
  }

  /**
   * Takes the open suggestions of earlier runs back into the pipeline, under their inbox ids: answers
   * to them teach (their situation is stored), cards on screen are withdrawn by a passing rerun, and
   * snoozes end when they were meant to. A draft cut off by the last shutdown is marked as such.
   */
  private adoptFromInbox(): void {
    const open = [
      ...this.opts.store.suggestions.list({ status: 'surfaced', limit: 500 }),
      ...this.opts.store.suggestions.list({ status: 'pending', limit: 500 }),
      ...this.opts.store.suggestions.snoozed(),
    ];
    for (const record of open) {
      const tracked = toTracked(record);
      if (!tracked) continue;
      this.inboxIds.set(tracked.id, record.id);
      this.pipelineIds.set(record.id, tracked.id);
      if (record.status === 'snoozed' && record.snoozedUntil !== null) this.pipeline.adopt(tracked, { snoozedUntil: record.snoozedUntil });
      else if (record.status === 'surfaced') this.pipeline.adopt(tracked, { onScreen: true });
      else this.pipeline.adopt(tracked, { known: true });
    }
    for (const record of this.opts.store.suggestions.list({ limit: 500 })) {
      const draft = record.draft as SuggestionDraft | null;
      if (draft?.status === 'drafting') {
        this.opts.store.suggestions.setDraft(record.id, { status: 'failed', threadId: draft.threadId, reason: 'Tandem stopped before the draft was finished.', tokens: 0, finishedAt: this.clock.now() } satisfies SuggestionDraft);
      }
    }
  }

  // -----------------------------------------------------------------------------------------------
  // drafting

  /** Starts a background draft of a fix when the user allows it, a model is set and today's budget has room. */
  private maybeDraft(inboxId: string, s: TrackedSuggestion): void {
    const drafting = this.opts.drafting;
    if (!drafting || this.drafts.size >= MAX_CONCURRENT_DRAFTS) return;
    const settings = { enabled: this.budget.preference().enabled, modelConfigured: drafting.modelConfigured(), tokensLeftToday: this.budget.left() };
    if (!shouldDraft(s, settings)) return;
    const controller = new AbortController();
    this.drafts.set(inboxId, controller);
    const startedAt = this.clock.now();
    this.setDraft(inboxId, { status: 'drafting', threadId: null, startedAt });
    const budget = {
      left: () => this.budget.left(),
      charge: (tokens: number) => {
        if (this.disposed) return;
        this.budget.charge(tokens);
        this.draftingChanged();
      },
    };
    let threadId: string | null = null;
    drafting.drafter
      .draft(s, {
        signal: controller.signal,
        budget,
        onThread: (id) => {
          threadId = id;
          this.setDraft(inboxId, { status: 'drafting', threadId: id, startedAt });
        },
      })
      .catch((error: unknown): DraftResult => ({ status: 'failed', threadId, reason: `The draft failed inside Tandem: ${(error as Error).message}`, tokens: 0 }))
      .then((result) => this.setDraft(inboxId, toDraft(result, this.clock.now())))
      .finally(() => this.drafts.delete(inboxId));
  }

  private setDraft(inboxId: string, draft: SuggestionDraft): void {
    if (this.disposed) return;
    const record = this.opts.store.suggestions.setDraft(inboxId, draft);
    if (record) this.changed(record);
  }

  private draftingChanged(): DraftingSettings {
    const settings = this.draftingSettings();
    this.opts.events.emit('suggestions.drafting', settings);
    return settings;
  }

  /** Inbox rows of the last day that interrupted or were answered, for the policy's memory. */
  private recentHistory() {
    const since = this.clock.now() - RESTORE_WINDOW_MS;
    return this.opts.store.suggestions
      .list({ limit: 500 })
      .filter((r) => r.updatedAt >= since && r.status !== 'pending' && r.status !== 'expired' && isSuggestionKind(r.kind))
      .map((r) => {
        const kind = r.kind as Suggestion['kind'];
        const answer: FeedbackVerdict | null = r.status === 'dismissed' ? 'dismissed' : r.status === 'accepted' ? 'accepted' : r.status === 'snoozed' ? 'snoozed' : null;
        return { kind, dedupeKey: r.dedupeKey, at: r.updatedAt, requested: REQUESTED_KINDS.has(kind), answer };
      });
  }
}

/** A stored suggestion as the pipeline tracks it, under its inbox id; null for rows from before migration 9. */
function toTracked(r: SuggestionRecord): TrackedSuggestion | null {
  if (!isSuggestionKind(r.kind) || r.situation === null) return null;
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    why: r.why,
    confidence: r.confidence,
    action: r.action as SuggestionAction,
    dedupeKey: r.dedupeKey,
    repo: r.repo,
    situation: r.situation,
    originKeys: r.originKeys,
    requested: r.requested,
    createdAt: r.createdAt,
  };
}

function toDraft(result: DraftResult, finishedAt: number): SuggestionDraft {
  return { ...result, finishedAt };
}

function toSuggestion(r: SuggestionRecord, feedback: FeedbackRecord | null): Suggestion | null {
  if (!isSuggestionKind(r.kind)) return null;
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    why: r.why,
    confidence: r.confidence,
    action: r.action as SuggestionAction,
    dedupeKey: r.dedupeKey,
    repo: r.repo,
    status: r.status,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    snoozedUntil: r.status === 'snoozed' ? r.snoozedUntil : null,
    feedback: feedback ? ({ verdict: feedback.verdict, reason: feedback.reason, at: feedback.createdAt } satisfies SuggestionFeedback) : null,
    draft: (r.draft as SuggestionDraft | null) ?? null,
  };
}
