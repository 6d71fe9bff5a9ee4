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
  | { type: 'fix-in-worktree'; repo: string | null; command: string | null; locations: (SourceLocation & { name: string })[] }
  /** Open a review of a branch (or of an agent thread's changes). */
  | { type: 'review-branch'; repo: string | null; branch: string | null; threadId: string | null }
  /** Run the same command again in the same terminal. */
  | { type: 'rerun'; terminalId: string; command: string; cwd: string | null }
  /** Open the file at the line in the user's editor. */
  | ({ type: 'open-file-at-line'; cwd: string | null } & SourceLocation);

export type SuggestionActionType = SuggestionAction['type'];

export type SuggestionStatus = 'pending' | 'surfaced' | 'accepted' | 'dismissed' | 'snoozed' | 'expired';

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
};

export const suggestionEvents = {
  /** A suggestion was added to the inbox or its status changed. */
  'suggestions.changed': event<Suggestion>(),
  /** The policy let a suggestion interrupt: the tray badge lights and the overlay shows its card. */
  'suggestions.surfaced': event<Suggestion>(),
};
