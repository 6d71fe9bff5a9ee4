/**
 * Proactive suggestions: what Tandem noticed, why, what it proposes to do, and the user's answer.
 *
 * The core watches signals (a failing command, a copied stack trace, a commit, …), turns them into
 * suggestions and decides when one may interrupt (see docs/suggestions.md). Every suggestion lands in
 * the inbox; only some surface in the tray overlay. The user accepts, dismisses, snoozes or says why,
 * and Tandem learns from each answer.
 */
import { z } from 'zod';
import { event, method } from './define';

/** Every kind of suggestion Tandem produces, with the words the UI uses for it. */
export const SUGGESTION_KINDS = {
  'test-failure': 'Tests failed',
  'build-failure': 'Build failed',
  'lint-failure': 'Lint errors',
  crash: 'A program crashed',
  'stack-trace': 'Stack trace to explain',
  'command-error': 'A command reported an error',
  'transient-failure': 'Looks like a network hiccup',
  'merge-conflict': 'Merge conflict',
  'branch-review': 'Branch ready for review',
  'agent-done': 'Agent finished',
  'babysit-failed': 'Watched command failed',
  'babysit-done': 'Watched command finished',
} as const;

export type SuggestionKind = keyof typeof SUGGESTION_KINDS;
export const SUGGESTION_KIND_IDS = Object.keys(SUGGESTION_KINDS) as SuggestionKind[];

export function isSuggestionKind(value: unknown): value is SuggestionKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SUGGESTION_KINDS, value);
}

/** A place in a file, as a tool reported it (paths are as printed: relative to the command's folder or absolute). */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/** What accepting a suggestion does. */
export type SuggestionAction =
  /** Ask the agent to explain the evidence (an error, a trace, a conflict). */
  | { type: 'explain'; subject: string; cwd: string | null }
  /** Let the agent prepare a fix in its own worktree, then review it. */
  | {
      type: 'fix-in-worktree';
      repo: string | null;
      command: string | null;
      locations: (SourceLocation & { name: string })[];
      /** The end of the failing run's output (escape codes removed), for the agent that fixes it. */
      outputTail?: string;
    }
  /** Open a review of a branch (or of an agent thread's changes). */
  | { type: 'review-branch'; repo: string | null; branch: string | null; threadId: string | null }
  /** Run the same command again in the same terminal. */
  | { type: 'rerun'; terminalId: string; command: string; cwd: string | null }
  /** Open the file at the line in the user's editor. */
  | ({ type: 'open-file-at-line'; cwd: string | null } & SourceLocation);

export type SuggestionActionType = SuggestionAction['type'];

export type SuggestionStatus = 'pending' | 'surfaced' | 'accepted' | 'dismissed' | 'snoozed' | 'expired';

/** How the user answered a suggestion. */
export type SuggestionVerdict = 'accepted' | 'dismissed' | 'not_useful' | 'snoozed';

/** The user's latest answer to a suggestion, with their "say why" line if they gave one. */
export interface SuggestionFeedback {
  verdict: SuggestionVerdict;
  reason: string | null;
  at: number;
}

/**
 * A fix prepared in the background before the user looked: an agent thread in its own worktree,
 * sandboxed, within the daily drafting budget (see docs/suggestions.md, "Drafting").
 */
export type SuggestionDraft =
  /** The agent is at work; `threadId` is null until its thread exists. */
  | { status: 'drafting'; threadId: string | null; startedAt: number }
  | {
      /** The agent changed files; `testsPassed` says whether its rerun of the failing check passed (null: it ran none). */
      status: 'ready';
      threadId: string;
      /** The worktree and the commit its changes are measured against: the review panel's 'worktree' source. */
      worktree: { path: string; base: string };
      linesAdded: number;
      linesRemoved: number;
      testsPassed: boolean | null;
      /** The verification command and the agent's explanation, in short. */
      verification: string | null;
      summary: string;
      tokens: number;
      finishedAt: number;
    }
  | { status: 'failed'; threadId: string | null; reason: string; tokens: number; finishedAt: number };

/** Background drafting in Settings: off by default; a daily token cap, and what today has used. */
export interface DraftingSettings {
  enabled: boolean;
  dailyTokenCap: number;
  usedToday: number;
  /** Drafting needs a model; without one nothing is drafted even when enabled. */
  modelConfigured: boolean;
}

export const DEFAULT_DAILY_DRAFT_TOKENS = 200_000;

export interface Suggestion {
  id: string;
  kind: SuggestionKind;
  title: string;
  /** The evidence, in one paragraph: what was seen that made Tandem think this. */
  why: string;
  /** 0–1: how sure the trigger is that this is worth the user's attention. */
  confidence: number;
  action: SuggestionAction;
  dedupeKey: string;
  repo: string | null;
  status: SuggestionStatus;
  createdAt: number;
  updatedAt: number;
  /** While snoozed: when it comes back. */
  snoozedUntil: number | null;
  /** The user's latest answer (the inbox shows it). */
  feedback: SuggestionFeedback | null;
  /** The background draft of its fix, if one was made. */
  draft: SuggestionDraft | null;
}

/** "Why am I seeing this?" — the policy's reasons, in plain words. */
export interface SuggestionExplanation {
  id: string;
  /** What the policy last decided about this suggestion. */
  outcome: 'surfaced' | 'held' | 'dropped' | 'unknown';
  lines: string[];
}

const Id = z.string().min(1).max(64);
const Status = z.enum(['pending', 'surfaced', 'accepted', 'dismissed', 'snoozed', 'expired']);

export const suggestionMethods = {
  /** The inbox, newest first. */
  'suggestions.list': method<Suggestion[]>()(
    z.object({ status: Status.optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  ),
  /** The user took the suggestion (→). The UI then opens the thread or review its action names. */
  'suggestions.accept': method<Suggestion>()(z.object({ id: Id }).strict()),
  /** The user waved it away (←); `notUseful` is the stronger "don't show me this kind of thing". */
  'suggestions.dismiss': method<Suggestion>()(z.object({ id: Id, notUseful: z.boolean().default(false) }).strict()),
  /** Put it back in the queue after a while. */
  'suggestions.snooze': method<Suggestion>()(
    z.object({ id: Id, minutes: z.number().int().min(1, 'Snooze for at least a minute').max(24 * 60, 'Snooze for at most a day').default(30) }).strict(),
  ),
  /** One line of feedback on why it was not useful; counts as a "not useful" answer. */
  'suggestions.sayWhy': method<Suggestion>()(
    z.object({ id: Id, reason: z.string().trim().min(1, 'Write a few words').max(500, 'Keep it to one line (500 characters)') }).strict(),
  ),
  'suggestions.explain': method<SuggestionExplanation>()(z.object({ id: Id }).strict()),
  /** Background drafting: on or off, the daily token cap, and today's use. */
  'suggestions.drafting.get': method<DraftingSettings>()(z.object({}).strict()),
  'suggestions.drafting.set': method<DraftingSettings>()(
    z
      .object({
        enabled: z.boolean().optional(),
        dailyTokenCap: z.number().int().min(1_000, 'Allow at least 1,000 tokens a day').max(100_000_000, 'At most 100,000,000 tokens a day').optional(),
      })
      .strict(),
  ),
};

export const suggestionEvents = {
  /** A suggestion was added to the inbox or its status changed. */
  'suggestions.changed': event<Suggestion>(),
  /** The policy let a suggestion interrupt: the tray badge lights and the overlay shows its card. */
  'suggestions.surfaced': event<Suggestion>(),
  /** How many cards wait for the user's answer (surfaced, not answered): the tray badge's number. */
  'suggestions.pending': event<{ count: number }>(),
  /** The drafting settings or today's use changed. */
  'suggestions.drafting': event<DraftingSettings>(),
};
