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
  type Suggestion,
  type SuggestionAction,
  type SuggestionExplanation,
  type SuggestionStatus,
  type TerminalCommand,
} from '../../../shared/contract';
import type { Store } from '../store';
import type { SuggestionRecord } from '../store/repositories/suggestions';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';
import { REQUESTED_KINDS } from './candidate';
import { RealClock, type Clock } from './clock';
import type { FeedbackVerdict } from './learning';
import { SuggestionPipeline, type PipelineEvent } from './pipeline';
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
}

/** The inbox rows read back at start to restore the cap, cooldowns and "not again" (a day is the longest any of them lasts). */
const RESTORE_WINDOW_MS = 24 * 60 * 60_000;
const MINUTE = 60_000;

export class SuggestionsService {
  private readonly pipeline: SuggestionPipeline;
  private readonly clock: Clock;
  /** Pipeline id ↔ inbox id, for the suggestions of this run. */
  private readonly inboxIds = new Map<string, string>();
  private readonly pipelineIds = new Map<string, string>();
  private readonly unsubscribers: (() => void)[] = [];
  private disposed = false;

  constructor(private readonly opts: SuggestionsServiceOptions) {
    this.clock = opts.clock ?? new RealClock();
    const policy = new Policy(new StoreFeedbackLedger(opts.store.feedback, (id) => this.inboxIds.get(id) ?? null), opts.policy);
    policy.restore(this.recentHistory());
    this.pipeline = new SuggestionPipeline({ clock: this.clock, policy, onEvent: (e) => this.onPipelineEvent(e) });
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

  handlers(): Pick<Handlers, 'suggestions.list' | 'suggestions.accept' | 'suggestions.dismiss' | 'suggestions.snooze' | 'suggestions.sayWhy' | 'suggestions.explain'> {
    return {
      'suggestions.list': ({ status, limit }) => this.opts.store.suggestions.list({ status, limit }).flatMap((r) => toSuggestion(r) ?? []),
      'suggestions.accept': ({ id }) => this.answer(id, 'accepted', 'accepted'),
      'suggestions.dismiss': ({ id, notUseful }) => this.answer(id, notUseful ? 'not_useful' : 'dismissed', 'dismissed'),
      'suggestions.snooze': ({ id, minutes }) => this.answer(id, 'snoozed', 'snoozed', { snoozeMs: minutes * MINUTE }),
      'suggestions.sayWhy': ({ id, reason }) => this.answer(id, 'not_useful', 'dismissed', { reason }),
      'suggestions.explain': ({ id }) => this.explain(id),
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
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
      });
      this.inboxIds.set(s.id, record.id);
      this.pipelineIds.set(record.id, s.id);
      this.changed(record);
      return;
    }
    const inboxId = this.inboxIds.get(s.id);
    if (!inboxId) return;
    if (event.type === 'surfaced') {
      const record = this.setStatus(inboxId, 'surfaced');
      const suggestion = record && toSuggestion(record);
      if (suggestion) this.opts.events.emit('suggestions.surfaced', suggestion);
    } else if (event.type === 'woke') {
      this.setStatus(inboxId, 'pending');
    } else if (event.reason !== 'inbox-only') {
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
    const updated = this.setStatus(id, status);
    const suggestion = updated && toSuggestion(updated);
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
    const suggestion = toSuggestion(record);
    if (suggestion) this.opts.events.emit('suggestions.changed', suggestion);
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

function toSuggestion(r: SuggestionRecord): Suggestion | null {
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
  };
}
