/**
 * The seam for drafting: for a fix suggestion that clears the bar, an agent thread prepares an
 * explanation and a verified fix in its own worktree before the card asks for the user's attention
 * ("fix ready: +12 −3, tests pass"). The agent does that work; the suggestions service only decides
 * which suggestions are worth a draft and hands them over through this interface.
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

export type DraftResult =
  | { status: 'ready'; threadId: string; summary: string; linesAdded: number; linesRemoved: number; testsPassed: boolean | null }
  | { status: 'failed'; threadId: string | null; reason: string };

export interface SuggestionDrafter {
  /** Starts a sandboxed agent thread in its own worktree for the suggestion; resolves when it is done or gave up. */
  draft(suggestion: TrackedSuggestion & { action: Extract<SuggestionAction, { type: 'fix-in-worktree' }> }, signal: AbortSignal): Promise<DraftResult>;
}

/** Only fixes with a place to start, sure enough to be worth the tokens, when the user allows it. */
export const MIN_DRAFT_CONFIDENCE = 0.8;

export function shouldDraft(
  suggestion: TrackedSuggestion,
  settings: DraftSettings,
): suggestion is TrackedSuggestion & { action: Extract<SuggestionAction, { type: 'fix-in-worktree' }> } {
  return (
    settings.enabled &&
    settings.modelConfigured &&
    settings.tokensLeftToday > 0 &&
    suggestion.action.type === 'fix-in-worktree' &&
    suggestion.action.locations.length > 0 &&
    suggestion.confidence >= MIN_DRAFT_CONFIDENCE
  );
}
