/** A candidate suggestion: what a trigger proposes, before the policy decides whether it may interrupt. */
import type { SuggestionAction, SuggestionKind } from '../../../shared/contract/suggestions';

export interface Candidate {
  kind: SuggestionKind;
  title: string;
  /** The evidence, in words: what was seen. */
  why: string;
  /** 0–1, from the trigger's rule (how specific the evidence is). */
  confidence: number;
  action: SuggestionAction;
  /** Two candidates with the same key are the same suggestion: it is never shown twice. */
  dedupeKey: string;
  repo: string | null;
  /**
   * The circumstance the user's feedback is remembered for, with the kind and the repo: the runner
   * (`pytest`), where a trace came from (`clipboard:python`), … Dismissing pytest failures in one repo
   * says nothing about tsc errors, or about pytest in another repo.
   */
  situation: string;
  /**
   * What this is about, for later signals: a passing rerun of the same command or runner resolves it;
   * a newer candidate with a shared key replaces it while it waits.
   */
  originKeys: string[];
  /** The user asked for this (babysit) or started the work (an agent turn): not an unasked interruption. */
  requested: boolean;
  createdAt: number;
}

/** Kinds that come from something the user asked for or started; they never count as unasked interruptions. */
export const REQUESTED_KINDS: ReadonlySet<SuggestionKind> = new Set<SuggestionKind>(['agent-done', 'babysit-failed', 'babysit-done']);

/** A short stable hash (FNV-1a, 32 bits) for dedupe keys built from long evidence. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
