/**
 * Signals in, surfaced suggestions out, on any clock. The pipeline keeps the little state the policy
 * needs to judge a moment (is the user typing? what is in front? paused?), runs the triggers, queues
 * their candidates, and at every signal asks the policy about each waiting one. It owns one timer at a
 * time per purpose (typing lapse, expiry, snoozes) and none when nothing waits, so it costs nothing
 * at idle.
 *
 * Everything that happens is reported through `onEvent`: the service stores it, the harness scores it.
 */
import type { Candidate } from './candidate';
import type { Clock, ClockTimer } from './clock';
import type { FeedbackVerdict } from './learning';
import { explain, type Breakpoint, type Decision, type Moment, type Policy } from './policy';
import { quietReason, type QuietReason } from './quiet-apps';
import type { Signal, UntimedSignal } from './signals';
import { Triggers, type TriggerSource } from './triggers';

export interface TrackedSuggestion extends Candidate {
  id: string;
}

export type WithdrawReason = 'resolved' | 'superseded' | 'expired' | 'inbox-only';

export type PipelineEvent =
  /** A new suggestion entered the inbox; it waits for a moment to interrupt. */
  | { type: 'candidate'; suggestion: TrackedSuggestion }
  /** The policy let it interrupt: show its card. */
  | { type: 'surfaced'; suggestion: TrackedSuggestion; decision: Decision }
  /** It will not interrupt (any more): fixed meanwhile, replaced by newer evidence, too old, or never above the bar. */
  | { type: 'withdrawn'; suggestion: TrackedSuggestion; reason: WithdrawReason; decision: Decision | null }
  /** A snoozed suggestion is back in the queue. */
  | { type: 'woke'; suggestion: TrackedSuggestion };

export interface PipelineOptions {
  clock: Clock;
  policy: Policy;
  onEvent: (event: PipelineEvent) => void;
  triggers?: TriggerSource;
  newId?: () => string;
  /** With no "idle" signal, typing is taken to have stopped this long after the last keystroke signal. */
  typingTimeoutMs?: number;
  /** Cards shown per break; more would be a stream of notifications. */
  maxPerBreak?: number;
}

const DEFAULT_TYPING_TIMEOUT_MS = 10_000;
/**
 * A pause only counts as a break after a real stretch of typing. A short burst is a command line or a
 * search box; the user is waiting for what they just asked for, not between tasks.
 */
const MIN_TYPING_STRETCH_MS = 5_000;
/**
 * Signals about one event arrive from different sources a little apart (the command ends, then git
 * reports the conflict; a trace is copied right after the crash). A candidate arriving this soon after
 * a break, with no typing since, is judged at that break.
 */
const BREAK_GRACE_MS = 3_000;
/** Suggestions (and their last decisions) remembered for answers and "why am I seeing this?". */
const MAX_REMEMBERED = 2000;

export class SuggestionPipeline {
  private readonly clock: Clock;
  private readonly policy: Policy;
  private readonly triggers: TriggerSource;
  private readonly emit: (event: PipelineEvent) => void;
  private readonly newId: () => string;
  private readonly typingTimeoutMs: number;
  private readonly maxPerBreak: number;

  private pending: TrackedSuggestion[] = [];
  /** Shown cards that have not been answered yet: a fix meanwhile withdraws them. */
  private readonly onScreen = new Map<string, TrackedSuggestion>();
  private readonly known = new Map<string, TrackedSuggestion>();
  private readonly decisions = new Map<string, Decision>();
  private readonly snoozed = new Map<string, { suggestion: TrackedSuggestion; timer: ClockTimer }>();

  private typing = false;
  private typingSince = -Infinity;
  private lastTypingAt = -Infinity;
  private lastBreak: { breakpoint: Breakpoint; detail: string | null; at: number; shown: number } | null = null;
  private typingTimer: ClockTimer | null = null;
  private expiryTimer: ClockTimer | null = null;
  private focus: { app: string; title: string; fullscreen?: boolean } | null = null;
  private quiet: QuietReason | null = null;
  private paused = false;
  private counter = 0;
  private disposed = false;

  constructor(options: PipelineOptions) {
    this.clock = options.clock;
    this.policy = options.policy;
    this.triggers = options.triggers ?? new Triggers();
    this.emit = options.onEvent;
    this.newId = options.newId ?? (() => `s${++this.counter}`);
    this.typingTimeoutMs = options.typingTimeoutMs ?? DEFAULT_TYPING_TIMEOUT_MS;
    this.maxPerBreak = options.maxPerBreak ?? 1;
  }

  /** A signal from a live source, stamped with the clock's time. */
  signal(signal: UntimedSignal): void {
    this.push({ ...signal, t: this.clock.now() } as Signal);
  }

  /** A timed signal (the harness advances the clock to `t` first). */
  push(signal: Signal): void {
    if (this.disposed) return;
    const now = this.clock.now();
    const { breakpoint, detail } = this.observe(signal, now);
    if (breakpoint) this.lastBreak = { breakpoint, detail, at: now, shown: 0 };
    const result = this.triggers.consume(signal);
    for (const origin of result.resolved) this.resolve(origin);
    for (const candidate of result.candidates) this.enqueue(candidate, now);
    this.evaluateNow();
  }

  /** The user answered a card (or an inbox entry). Snoozed suggestions come back after `snoozeMs`. */
  answer(id: string, verdict: FeedbackVerdict, options: { reason?: string | null; snoozeMs?: number } = {}): TrackedSuggestion | null {
    const suggestion = this.known.get(id);
    if (!suggestion) return null;
    const now = this.clock.now();
    this.policy.recordAnswer(suggestion, verdict, now, { suggestionId: id, reason: options.reason ?? null });
    this.onScreen.delete(id);
    this.pending = this.pending.filter((p) => p.id !== id);
    if (verdict === 'snoozed') this.snoozeUntil(suggestion, now + (options.snoozeMs ?? 30 * 60_000));
    return suggestion;
  }

  /**
   * A suggestion from before a restart, taken back from the inbox: answers to it teach again (they know
   * its situation); a card still on screen is withdrawn by a passing rerun; a snoozed one comes back when
   * its snooze ends (at once if that time has passed).
   */
  adopt(suggestion: TrackedSuggestion, state: { onScreen: true } | { snoozedUntil: number } | { known: true }): void {
    if (this.disposed) return;
    bounded(this.known, suggestion.id, suggestion);
    if ('snoozedUntil' in state) this.snoozeUntil(suggestion, state.snoozedUntil);
    else if ('onScreen' in state) this.onScreen.set(suggestion.id, suggestion);
  }

  /** The last decision about a suggestion, in plain words. */
  explain(id: string): { decision: Decision; lines: string[] } | null {
    const decision = this.decisions.get(id);
    return decision ? { decision, lines: explain(decision) } : null;
  }

  /** Suggestions waiting for a moment, oldest first. */
  waiting(): readonly TrackedSuggestion[] {
    return this.pending;
  }

  dispose(): void {
    this.disposed = true;
    if (this.typingTimer) this.clock.clearTimeout(this.typingTimer);
    if (this.expiryTimer) this.clock.clearTimeout(this.expiryTimer);
    for (const { timer } of this.snoozed.values()) this.clock.clearTimeout(timer);
    this.typingTimer = this.expiryTimer = null;
    this.snoozed.clear();
  }

  // -----------------------------------------------------------------------------------------------

  /** Updates what we know about the user from a signal; returns the break it marks, if any. */
  private observe(signal: Signal, now: number): { breakpoint: Breakpoint | null; detail: string | null } {
    switch (signal.type) {
      case 'window.focus': {
        const previous = this.focus;
        this.focus = { app: signal.app, title: signal.title, fullscreen: signal.fullscreen };
        this.quiet = quietReason(this.focus);
        // Moving between files in one editor is still the same task; moving to another app is a break.
        if (previous && previous.app !== signal.app) return { breakpoint: 'window-switch', detail: `you switched to ${signal.app}` };
        return { breakpoint: null, detail: null };
      }
      case 'input.activity':
        if (signal.state === 'typing') {
          if (!this.typing) this.typingSince = now;
          this.typing = true;
          this.lastTypingAt = now;
          this.armTypingTimer();
          return { breakpoint: null, detail: null };
        }
        return this.stopTyping(now);
      case 'terminal.command':
        // Keys typed before the command started were the command itself; Enter ended that typing.
        if (this.typing && this.lastTypingAt <= now - signal.durationMs) this.clearTyping();
        return { breakpoint: 'command-ended', detail: `\`${signal.command ?? 'a command'}\` had just finished` };
      case 'git':
        if (signal.event === 'commit') return { breakpoint: 'commit', detail: `you had just committed${signal.branch ? ` on ${signal.branch}` : ''}` };
        if (signal.event === 'checkout') return { breakpoint: 'checkout', detail: `you had just checked out ${signal.branch ?? 'another branch'}` };
        return { breakpoint: null, detail: null };
      case 'pause':
        this.paused = signal.paused;
        return { breakpoint: null, detail: null };
      default:
        return { breakpoint: null, detail: null };
    }
  }

  private stopTyping(now: number): { breakpoint: Breakpoint | null; detail: string | null } {
    const stretch = this.typing ? now - this.typingSince : 0;
    this.clearTyping();
    return stretch >= MIN_TYPING_STRETCH_MS ? { breakpoint: 'idle-after-typing', detail: 'you had just stopped typing' } : { breakpoint: null, detail: null };
  }

  private clearTyping(): void {
    this.typing = false;
    if (this.typingTimer) this.clock.clearTimeout(this.typingTimer);
    this.typingTimer = null;
  }

  private armTypingTimer(): void {
    if (this.typingTimer) this.clock.clearTimeout(this.typingTimer);
    this.typingTimer = this.clock.setTimeout(() => {
      this.typingTimer = null;
      if (this.disposed || !this.typing) return;
      // No keystroke for a while and no "idle" signal: the typing ended with the last keystroke.
      const { breakpoint, detail } = this.stopTyping(this.lastTypingAt);
      if (breakpoint) this.lastBreak = { breakpoint, detail, at: this.clock.now(), shown: 0 };
      this.evaluateNow();
    }, this.typingTimeoutMs);
  }

  private enqueue(candidate: Candidate, now: number): void {
    // Paused means Tandem watches nothing unasked; what the user asked for still waits for them.
    if (this.paused && !candidate.requested) return;
    if (this.policy.duplicateOf(candidate, now)) return;
    for (const old of this.pending.filter((p) => p.dedupeKey === candidate.dedupeKey || p.originKeys.some((k) => candidate.originKeys.includes(k)))) {
      this.withdraw(old, 'superseded', null);
    }
    const tracked: TrackedSuggestion = { ...candidate, id: this.newId() };
    bounded(this.known, tracked.id, tracked);
    this.pending.push(tracked);
    this.emit({ type: 'candidate', suggestion: tracked });
  }

  private resolve(origin: string): void {
    for (const s of [...this.pending, ...this.onScreen.values()]) {
      if (s.originKeys.includes(origin)) this.withdraw(s, 'resolved', null);
    }
  }

  private withdraw(suggestion: TrackedSuggestion, reason: WithdrawReason, decision: Decision | null): void {
    this.pending = this.pending.filter((p) => p.id !== suggestion.id);
    this.onScreen.delete(suggestion.id);
    this.emit({ type: 'withdrawn', suggestion, reason, decision });
  }

  /** Judges every waiting suggestion at this moment; within the grace after a break, at that break. */
  private evaluateNow(): void {
    const now = this.clock.now();
    const brk = this.lastBreak && now - this.lastBreak.at <= BREAK_GRACE_MS && this.lastTypingAt < this.lastBreak.at && !this.typing ? this.lastBreak : null;
    this.evaluate({ at: now, breakpoint: brk?.breakpoint ?? null, breakpointDetail: brk?.detail ?? null, typing: this.typing, paused: this.paused, quiet: this.quiet }, brk);
  }

  private evaluate(moment: Moment, brk: { shown: number } | null): void {
    let shown = brk?.shown ?? 0;
    // Strongest first: when only one card fits a break, it should be the best one.
    const queue = [...this.pending].sort((a, b) => b.confidence - a.confidence || a.createdAt - b.createdAt);
    for (const suggestion of queue) {
      let decision = this.policy.decide(suggestion, moment);
      if (decision.outcome === 'surface' && shown >= this.maxPerBreak) {
        decision = { ...decision, outcome: 'hold', reasons: [...decision.reasons.filter((r) => r.code !== 'above-bar'), { code: 'one-per-break' }] };
      }
      this.remember(suggestion.id, decision);
      if (decision.outcome === 'surface') {
        shown++;
        if (brk) brk.shown = shown;
        this.pending = this.pending.filter((p) => p.id !== suggestion.id);
        this.onScreen.set(suggestion.id, suggestion);
        this.policy.recordSurfaced(suggestion, moment.at);
        this.emit({ type: 'surfaced', suggestion, decision });
      } else if (decision.outcome === 'drop') {
        const expired = decision.reasons.some((r) => r.code === 'expired');
        this.withdraw(suggestion, expired ? 'expired' : 'inbox-only', decision);
      }
    }
    this.armExpiryTimer();
  }

  /** One timer, at the earliest moment a waiting suggestion goes stale, so stale ones leave the queue even in silence. */
  private armExpiryTimer(): void {
    if (this.expiryTimer) this.clock.clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    if (this.pending.length === 0) return;
    const due = Math.min(...this.pending.map((p) => p.createdAt + this.policy.options.ttlMs[p.kind]));
    this.expiryTimer = this.clock.setTimeout(() => {
      this.expiryTimer = null;
      if (!this.disposed) this.evaluateNow();
    }, Math.max(0, due - this.clock.now()) + 1);
  }

  private snoozeUntil(suggestion: TrackedSuggestion, at: number): void {
    const previous = this.snoozed.get(suggestion.id);
    if (previous) this.clock.clearTimeout(previous.timer);
    const timer = this.clock.setTimeout(() => this.wake(suggestion.id), Math.max(0, at - this.clock.now()));
    this.snoozed.set(suggestion.id, { suggestion, timer });
  }

  private wake(id: string): void {
    const entry = this.snoozed.get(id);
    this.snoozed.delete(id);
    if (!entry || this.disposed) return;
    // Back in the queue as if new, so its time to live starts again.
    const again: TrackedSuggestion = { ...entry.suggestion, createdAt: this.clock.now() };
    bounded(this.known, id, again);
    this.pending.push(again);
    this.emit({ type: 'woke', suggestion: again });
    this.armExpiryTimer();
  }

  private remember(id: string, decision: Decision): void {
    bounded(this.decisions, id, decision);
  }
}

/** Sets a key as the newest entry, dropping the oldest beyond MAX_REMEMBERED. */
function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
}
