/**
 * The policy: may this candidate interrupt the user right now? Mixed-initiative rules, in order:
 *
 *   1. stale or already shown/dismissed → never (it stays in the inbox)
 *   2. paused, a meeting/presentation/full-screen app in front, or the user typing → wait
 *   3. only at a breakpoint (a command ended, a commit or checkout, a switch to another app, idle after
 *      typing); what the user asked for (babysit, an agent turn) needs no breakpoint
 *   4. per-kind cooldown, then the hourly cap (default 4) → wait
 *   5. score = the trigger's confidence + what was learned from the user's answers for this kind, repo
 *      and situation; it must clear a bar that rises with the cost of the moment and with every
 *      interruption already spent this hour — so low confidence needs a cheap moment and an empty hour
 *
 * Every decision carries its reasons; `explain` turns them into plain sentences ("why am I seeing this?").
 */
import type { SuggestionKind } from '../../../shared/contract/suggestions';
import type { Candidate } from './candidate';
import { learnedAdjustment, type FeedbackLedger, type FeedbackVerdict, type Learned } from './learning';
import type { QuietReason } from './quiet-apps';

export type Breakpoint = 'command-ended' | 'commit' | 'checkout' | 'window-switch' | 'idle-after-typing';

/** The state of the user's attention at the moment a decision is made. */
export interface Moment {
  at: number;
  breakpoint: Breakpoint | null;
  /** In words, for explanations: "`pytest -q` finished", "you switched to Firefox". */
  breakpointDetail: string | null;
  typing: boolean;
  paused: boolean;
  quiet: QuietReason | null;
}

const MINUTE = 60_000;

export interface PolicyOptions {
  /** Unasked interruptions allowed in any sliding hour. */
  hourlyCap: number;
  /** Minimum time between two interruptions of the same kind. */
  cooldownMs: Record<SuggestionKind, number>;
  /** How long a candidate may wait for a good moment before it only stays in the inbox. */
  ttlMs: Record<SuggestionKind, number>;
  /** The score needed to interrupt at the cheapest moment with nothing spent this hour. */
  baseBar: number;
  /** What each kind of break adds to the bar: a finished command is the best moment, an app switch the weakest. */
  breakpointCost: Record<Breakpoint, number>;
  /** Added to the bar for every interruption already spent in the last hour. */
  perInterruptionCost: number;
  /** The same suggestion (dedupe key) is not shown again within this time. */
  repeatAfterMs: number;
  /** …nor within this time after the user dismissed it. */
  repeatAfterDismissMs: number;
}

export const DEFAULT_POLICY: PolicyOptions = {
  hourlyCap: 4,
  cooldownMs: {
    'test-failure': 10 * MINUTE,
    'build-failure': 10 * MINUTE,
    'lint-failure': 30 * MINUTE,
    crash: 5 * MINUTE,
    'stack-trace': 5 * MINUTE,
    'command-error': 30 * MINUTE,
    'transient-failure': 10 * MINUTE,
    'merge-conflict': 15 * MINUTE,
    'branch-review': 60 * MINUTE,
    'agent-done': 0,
    'babysit-failed': 0,
    'babysit-done': 0,
  },
  ttlMs: {
    'test-failure': 15 * MINUTE,
    'build-failure': 15 * MINUTE,
    'lint-failure': 15 * MINUTE,
    crash: 15 * MINUTE,
    'stack-trace': 3 * MINUTE,
    'command-error': 5 * MINUTE,
    'transient-failure': 5 * MINUTE,
    'merge-conflict': 30 * MINUTE,
    'branch-review': 30 * MINUTE,
    'agent-done': 120 * MINUTE,
    'babysit-failed': 120 * MINUTE,
    'babysit-done': 120 * MINUTE,
  },
  baseBar: 0.55,
  breakpointCost: { 'command-ended': 0, commit: 0.05, checkout: 0.05, 'idle-after-typing': 0.05, 'window-switch': 0.1 },
  perInterruptionCost: 0.05,
  repeatAfterMs: 120 * MINUTE,
  repeatAfterDismissMs: 24 * 60 * MINUTE,
};

export type DecisionOutcome = 'surface' | 'hold' | 'drop';

export type Reason =
  | { code: 'expired'; waitedMs: number; ttlMs: number }
  | { code: 'duplicate'; status: 'surfaced' | FeedbackVerdict; agoMs: number }
  | { code: 'paused' }
  | { code: 'quiet-app'; what: string }
  | { code: 'typing' }
  | { code: 'no-breakpoint' }
  | { code: 'breakpoint'; breakpoint: Breakpoint; detail: string | null }
  | { code: 'requested' }
  | { code: 'cooldown'; kind: SuggestionKind; agoMs: number; cooldownMs: number }
  | { code: 'hourly-cap'; used: number; cap: number; freesInMs: number }
  | { code: 'budget'; used: number; cap: number }
  | { code: 'below-bar'; inboxOnly: boolean }
  | { code: 'above-bar' }
  | { code: 'one-per-break' };

export interface ScoreBreakdown {
  confidence: number;
  learned: Learned;
  score: number;
  bar: number;
  /** What the bar is made of. */
  barParts: { base: number; moment: number; spent: number };
  repo: string | null;
  situation: string;
}

export interface Decision {
  outcome: DecisionOutcome;
  at: number;
  kind: SuggestionKind;
  title: string;
  requested: boolean;
  reasons: Reason[];
  /** Present once the decision got as far as scoring. */
  score: ScoreBreakdown | null;
}

interface Shown {
  kind: SuggestionKind;
  dedupeKey: string;
  at: number;
  requested: boolean;
}

export class Policy {
  readonly options: PolicyOptions;
  private shown: Shown[] = [];
  private readonly answers = new Map<string, { verdict: FeedbackVerdict; at: number }>();

  constructor(
    private readonly ledger: FeedbackLedger,
    options: Partial<PolicyOptions> = {},
  ) {
    this.options = {
      ...DEFAULT_POLICY,
      ...options,
      cooldownMs: { ...DEFAULT_POLICY.cooldownMs, ...options.cooldownMs },
      ttlMs: { ...DEFAULT_POLICY.ttlMs, ...options.ttlMs },
      breakpointCost: { ...DEFAULT_POLICY.breakpointCost, ...options.breakpointCost },
    };
  }

  /** Whether a new candidate repeats one shown or answered recently (then it is not even queued). */
  duplicateOf(candidate: Pick<Candidate, 'dedupeKey'>, now: number): Reason | null {
    const answer = this.answers.get(candidate.dedupeKey);
    if (answer && answer.verdict !== 'accepted' && answer.verdict !== 'snoozed' && now - answer.at < this.options.repeatAfterDismissMs) {
      return { code: 'duplicate', status: answer.verdict, agoMs: now - answer.at };
    }
    const last = [...this.shown].reverse().find((s) => s.dedupeKey === candidate.dedupeKey);
    // A snooze asked for it to come back: showing it again is not a repeat.
    const snoozedSince = answer?.verdict === 'snoozed' && last !== undefined && answer.at >= last.at;
    if (last && !snoozedSince && now - last.at < this.options.repeatAfterMs) return { code: 'duplicate', status: 'surfaced', agoMs: now - last.at };
    return null;
  }

  isExpired(candidate: Candidate, now: number): boolean {
    return now - candidate.createdAt > this.options.ttlMs[candidate.kind];
  }

  decide(candidate: Candidate, moment: Moment): Decision {
    const now = moment.at;
    const base = { at: now, kind: candidate.kind, title: candidate.title, requested: candidate.requested, score: null };
    const hold = (...reasons: Reason[]): Decision => ({ ...base, outcome: 'hold', reasons });
    const drop = (...reasons: Reason[]): Decision => ({ ...base, outcome: 'drop', reasons });

    if (this.isExpired(candidate, now)) return drop({ code: 'expired', waitedMs: now - candidate.createdAt, ttlMs: this.options.ttlMs[candidate.kind] });
    const duplicate = this.duplicateOf(candidate, now);
    if (duplicate) return drop(duplicate);
    if (moment.paused) return hold({ code: 'paused' });
    if (moment.quiet) return hold({ code: 'quiet-app', what: moment.quiet.what });
    if (moment.typing) return hold({ code: 'typing' });

    const when: Reason = candidate.requested
      ? { code: 'requested' }
      : moment.breakpoint
        ? { code: 'breakpoint', breakpoint: moment.breakpoint, detail: moment.breakpointDetail }
        : { code: 'no-breakpoint' };
    if (when.code === 'no-breakpoint') return hold(when);

    const used = this.usedThisHour(now);
    if (!candidate.requested) {
      const cooldownMs = this.options.cooldownMs[candidate.kind];
      const lastOfKind = [...this.shown].reverse().find((s) => s.kind === candidate.kind);
      if (lastOfKind && now - lastOfKind.at < cooldownMs) return hold(when, { code: 'cooldown', kind: candidate.kind, agoMs: now - lastOfKind.at, cooldownMs });
      if (used.length >= this.options.hourlyCap) {
        const freesInMs = used[used.length - this.options.hourlyCap]!.at + 60 * MINUTE - now;
        return hold(when, { code: 'hourly-cap', used: used.length, cap: this.options.hourlyCap, freesInMs });
      }
    }

    const score = this.score(candidate, moment, used.length);
    const budget: Reason = { code: 'budget', used: used.length, cap: this.options.hourlyCap };
    if (score.score < score.bar) {
      // Below the bar even at the best moment of an empty hour: it will never interrupt, only wait in the inbox.
      const inboxOnly = score.score < this.options.baseBar;
      return { ...base, outcome: inboxOnly ? 'drop' : 'hold', reasons: [when, budget, { code: 'below-bar', inboxOnly }], score };
    }
    return { ...base, outcome: 'surface', reasons: [when, budget, { code: 'above-bar' }], score };
  }

  /** The policy's memory of what interrupted the user, for caps, cooldowns and repeats. */
  recordSurfaced(candidate: Candidate, at: number): void {
    this.shown.push({ kind: candidate.kind, dedupeKey: candidate.dedupeKey, at, requested: candidate.requested });
    // Nothing older than the longest window the policy looks back over is needed.
    const horizon = Math.max(this.options.repeatAfterMs, 60 * MINUTE, ...Object.values(this.options.cooldownMs));
    this.shown = this.shown.filter((s) => at - s.at <= horizon);
  }

  /**
   * Rebuilds the memory of recent interruptions and answers after a restart, from the inbox, so the cap,
   * the cooldowns and "not again" still hold. Nothing is written to the ledger: it already has the answers.
   */
  restore(history: { kind: SuggestionKind; dedupeKey: string; at: number; requested: boolean; answer: FeedbackVerdict | null }[]): void {
    for (const h of [...history].sort((a, b) => a.at - b.at)) {
      this.shown.push({ kind: h.kind, dedupeKey: h.dedupeKey, at: h.at, requested: h.requested });
      if (h.answer) this.answers.set(h.dedupeKey, { verdict: h.answer, at: h.at });
    }
  }

  /** The user's answer: remembered for repeats here, and in the ledger for learning. */
  recordAnswer(candidate: Candidate, verdict: FeedbackVerdict, at: number, extra: { suggestionId: string | null; reason: string | null }): void {
    this.answers.set(candidate.dedupeKey, { verdict, at });
    this.ledger.record({ kind: candidate.kind, repo: candidate.repo, situation: candidate.situation, verdict, at, ...extra });
  }

  /** Unasked interruptions in the hour before `now`, oldest first. */
  usedThisHour(now: number): Shown[] {
    return this.shown.filter((s) => !s.requested && now - s.at < 60 * MINUTE);
  }

  private score(candidate: Candidate, moment: Moment, used: number): ScoreBreakdown {
    const learned = learnedAdjustment(this.ledger.recent(candidate.kind, candidate.repo, candidate.situation, 50), moment.at);
    const momentCost = candidate.requested || !moment.breakpoint ? 0 : this.options.breakpointCost[moment.breakpoint];
    const spent = candidate.requested ? 0 : used * this.options.perInterruptionCost;
    const bar = round(this.options.baseBar + momentCost + spent);
    return {
      confidence: candidate.confidence,
      learned,
      score: round(candidate.confidence + learned.adjustment),
      bar,
      barParts: { base: this.options.baseBar, moment: momentCost, spent: round(spent) },
      repo: candidate.repo,
      situation: candidate.situation,
    };
  }
}

// -------------------------------------------------------------------------------------------------
// Explanations

/** What a kind of suggestion is about, as the object of a sentence. */
const ABOUT: Record<SuggestionKind, string> = {
  'test-failure': 'failing tests',
  'build-failure': 'build errors',
  'lint-failure': 'lint errors',
  crash: 'crashes',
  'stack-trace': 'stack traces',
  'command-error': 'command errors',
  'transient-failure': 'network hiccups',
  'merge-conflict': 'merge conflicts',
  'branch-review': 'branches to review',
  'agent-done': 'finished agent turns',
  'babysit-failed': 'failed watched commands',
  'babysit-done': 'finished watched commands',
};

const BREAKPOINT_WORDS: Record<Breakpoint, string> = {
  'command-ended': 'a command had just finished',
  commit: 'you had just committed',
  checkout: 'you had just switched branches',
  'window-switch': 'you had just switched to another app',
  'idle-after-typing': 'you had just stopped typing',
};

/** "Why am I seeing this?" — a decision's reasons as plain sentences, most important first. */
export function explain(decision: Decision): string[] {
  const about = ABOUT[decision.kind];
  const lines: string[] = [];
  const headline: Record<DecisionOutcome, string> = {
    surface: `Shown now: "${decision.title}".`,
    hold: `Waiting for a better moment: "${decision.title}".`,
    drop: `Kept in the inbox only: "${decision.title}".`,
  };
  lines.push(headline[decision.outcome]);
  for (const reason of decision.reasons) lines.push(reasonWords(reason, about));
  if (decision.score) lines.push(...scoreWords(decision.score, about));
  return lines;
}

function reasonWords(reason: Reason, about: string): string {
  switch (reason.code) {
    case 'expired':
      return `It waited ${duration(reason.waitedMs)} without a good moment; suggestions about ${about} are only worth an interruption within ${duration(reason.ttlMs)}.`;
    case 'duplicate':
      return reason.status === 'surfaced'
        ? `The same suggestion was already shown ${duration(reason.agoMs)} ago.`
        : `You ${reason.status === 'not_useful' ? 'marked the same suggestion "not useful"' : 'dismissed the same suggestion'} ${duration(reason.agoMs)} ago.`;
    case 'paused':
      return 'Tandem is paused: nothing interrupts until you resume.';
    case 'quiet-app':
      return `${capitalize(reason.what)} is in front: Tandem stays silent until you leave it.`;
    case 'typing':
      return 'You were typing: it waits until you pause.';
    case 'no-breakpoint':
      return 'It is not a natural break yet: Tandem waits for a command to finish, a commit, a switch to another app, or a pause in your typing.';
    case 'breakpoint':
      return `It was a natural break: ${reason.detail ?? BREAKPOINT_WORDS[reason.breakpoint]}.`;
    case 'requested':
      return 'You asked for this (a watched command or an agent turn you started), so it did not wait for a break.';
    case 'cooldown':
      return `A suggestion about ${about} was shown ${duration(reason.agoMs)} ago; these wait ${duration(reason.cooldownMs)} between interruptions.`;
    case 'hourly-cap':
      return `${reason.used} of ${reason.cap} interruptions this hour are used; the next one frees up in ${duration(reason.freesInMs)}.`;
    case 'budget':
      return `${reason.used} of ${reason.cap} interruptions this hour were used before this one.`;
    case 'below-bar':
      return reason.inboxOnly ? 'Its score is below what any moment needs, so it will not interrupt you.' : 'Its score is below the bar for this moment.';
    case 'above-bar':
      return 'Its score clears the bar for this moment.';
    case 'one-per-break':
      return 'Another suggestion took this break; only one card appears per break.';
  }
}

function scoreWords(score: ScoreBreakdown, about: string): string[] {
  const lines = [`Confidence from the evidence: ${score.confidence.toFixed(2)}.`];
  const l = score.learned;
  const answers = [
    l.accepted && `accepted ${times(l.accepted)}`,
    l.dismissed && `dismissed ${times(l.dismissed)}`,
    l.notUseful && `marked "not useful" ${times(l.notUseful)}`,
    l.snoozed && `snoozed ${times(l.snoozed)}`,
  ].filter(Boolean);
  const where = `${score.repo ? `in ${score.repo}` : 'outside a repo'} (${score.situation})`;
  lines.push(
    answers.length === 0
      ? `No answers yet on ${about} ${where}, so nothing learned changes the score.`
      : `Your answers on ${about} ${where}: ${answers.join(', ')} → ${signed(l.adjustment)}.`,
  );
  const parts = [`${score.barParts.base.toFixed(2)} to start`];
  if (score.barParts.moment > 0) parts.push(`+${score.barParts.moment.toFixed(2)} for this kind of break`);
  if (score.barParts.spent > 0) parts.push(`+${score.barParts.spent.toFixed(2)} for the interruptions already spent this hour`);
  lines.push(`Score ${score.score.toFixed(2)} against a bar of ${score.bar.toFixed(2)} (${parts.join(', ')}).`);
  return lines;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  return `${Math.round(m / 60)} h`;
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function signed(n: number): string {
  return n === 0 ? 'no change' : `${n > 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
