/**
 * The seam for drafting: for a fix suggestion that clears the bar, an agent thread prepares an
 * explanation and a verified fix in its own worktree before the user looks ("fix ready: +12 −3, tests
 * pass"). The suggestions service decides which suggestions are worth a draft and keeps the budget;
 * `drafting/agent-drafter.ts` does the work through the agent.
 */
import type { SuggestionAction } from '../../../shared/contract/suggestions';
import type { TrackedSuggestion } from './pipeline';

export interface DraftSettings {
  /** The user turned on background drafting in Settings. */
  enabled: boolean;
  /** A model is configured (drafting needs one; everything else works without). */
  modelConfigured: boolean;
  /** Tokens left in today's drafting budget. */
  tokensLeftToday: number;
}

export type FixSuggestion = TrackedSuggestion & { action: Extract<SuggestionAction, { type: 'fix-in-worktree' }> };

export type DraftResult =
  | {
      status: 'ready';
      threadId: string;
      worktree: { path: string; base: string };
      /** The agent's explanation, in short (its last message). */
      summary: string;
      /** The command that checked the fix, as the agent ran it (null: it ran none). */
      verification: string | null;
      linesAdded: number;
      linesRemoved: number;
      /** The verification command's exit code was 0; null when no check ran. */
      testsPassed: boolean | null;
      tokens: number;
    }
  | { status: 'failed'; threadId: string | null; reason: string; tokens: number };

/** What a draft may spend: today's budget, charged as the model reports usage. */
export interface DraftBudget {
  left(): number;
  charge(tokens: number): void;
}

export interface DraftContext {
  /** Aborted when the suggestion no longer needs a draft (fixed meanwhile) or Tandem shuts down. */
  signal: AbortSignal;
  budget: DraftBudget;
  /** The thread doing the work exists: the card can point at it while the draft runs. */
  onThread(threadId: string): void;
}

export interface SuggestionDrafter {
  /** Works on the suggestion in a sandboxed thread in its own worktree; resolves when done or given up (never rejects). */
  draft(suggestion: FixSuggestion, context: DraftContext): Promise<DraftResult>;
}

/** Only fixes with a place to start, sure enough to be worth the tokens, when the user allows it. */
export const MIN_DRAFT_CONFIDENCE = 0.8;

export function shouldDraft(suggestion: TrackedSuggestion, settings: DraftSettings): suggestion is FixSuggestion {
  return (
    settings.enabled &&
    settings.modelConfigured &&
    settings.tokensLeftToday > 0 &&
    suggestion.action.type === 'fix-in-worktree' &&
    suggestion.action.repo !== null &&
    suggestion.action.locations.length > 0 &&
    suggestion.confidence >= MIN_DRAFT_CONFIDENCE
  );
}
