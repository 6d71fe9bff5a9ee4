/** Words for suggestions: the action's verb, the confidence said calmly, the status, the time. */
import { SUGGESTION_KINDS, type Suggestion, type SuggestionAction, type SuggestionDraft, type SuggestionFeedback, type SuggestionStatus } from '../../../../shared/contract';

/** The accept button's label: what → does. */
export function actionLabel(action: SuggestionAction): string {
  switch (action.type) {
    case 'explain':
      return 'Explain';
    case 'fix-in-worktree':
      return 'Fix it';
    case 'review-branch':
      return 'Review';
    case 'rerun':
      return 'Rerun';
    case 'open-file-at-line':
      return 'Open';
  }
}

/** One line saying what accepting will do. */
export function actionSentence(action: SuggestionAction): string {
  switch (action.type) {
    case 'explain':
      return 'Start a thread that explains it';
    case 'fix-in-worktree':
      return action.locations.length > 0 ? `Start a thread to fix it (${action.locations.length} ${action.locations.length === 1 ? 'place' : 'places'})` : 'Start a thread to fix it';
    case 'review-branch':
      return action.branch ? `Review ${action.branch}` : 'Review the changes';
    case 'rerun':
      return `Run \`${action.command}\` again`;
    case 'open-file-at-line':
      return `Open ${action.file}:${action.line}`;
  }
}

/** Confidence in words, not a percentage: the number is in the tooltip. */
export function confidenceWords(confidence: number): string {
  if (confidence >= 0.85) return 'Likely useful';
  if (confidence >= 0.65) return 'Probably useful';
  return 'Might be useful';
}

export function kindLabel(s: Pick<Suggestion, 'kind'>): string {
  return SUGGESTION_KINDS[s.kind];
}

export const STATUS_LABELS: Record<SuggestionStatus, string> = {
  pending: 'Waiting',
  surfaced: 'Shown',
  accepted: 'Accepted',
  dismissed: 'Dismissed',
  snoozed: 'Snoozed',
  expired: 'Expired',
};

/** "just now", "4 min ago", "2 h ago", "3 d ago". */
export function timeAgo(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

/** The last folder name of a path, for a compact "in proj". */
export function baseName(p: string | null): string | null {
  if (!p) return null;
  const parts = p.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

/** A finished draft the review panel can open: changes were made. */
export function reviewableDraft(s: Pick<Suggestion, 'draft'>): Extract<SuggestionDraft, { status: 'ready' }> | null {
  return s.draft?.status === 'ready' ? s.draft : null;
}

/** The accept button's label, once a draft may have changed what accepting does. */
export function acceptLabel(s: Pick<Suggestion, 'action' | 'draft'>): string {
  if (reviewableDraft(s)) return 'Review fix';
  if (s.draft?.status === 'drafting' && s.draft.threadId) return 'Watch';
  return actionLabel(s.action);
}

/** What accepting will do, in one line, draft included. */
export function acceptSentence(s: Pick<Suggestion, 'action' | 'draft'>): string {
  if (reviewableDraft(s)) return 'Open the fix in the review panel, evidence first';
  if (s.draft?.status === 'drafting' && s.draft.threadId) return 'Open the thread drafting the fix';
  return actionSentence(s.action);
}

/** The draft in one line: "fix ready: +12 −3, tests pass", "fix drafted, tests still fail", "couldn't draft: why". */
export function draftLine(draft: SuggestionDraft | null): { tone: 'busy' | 'good' | 'warn' | 'bad'; text: string } | null {
  if (!draft) return null;
  switch (draft.status) {
    case 'drafting':
      return { tone: 'busy', text: 'Drafting a fix in the background…' };
    case 'ready': {
      const counts = `+${draft.linesAdded} −${draft.linesRemoved}`;
      if (draft.testsPassed === true) return { tone: 'good', text: `Fix ready: ${counts}, tests pass` };
      if (draft.testsPassed === false) return { tone: 'warn', text: `Fix drafted (${counts}), tests still fail` };
      return { tone: 'warn', text: `Fix drafted (${counts}), not verified` };
    }
    case 'failed':
      return { tone: 'bad', text: `Couldn’t draft a fix: ${draft.reason}` };
  }
}

const VERDICT_WORDS: Record<SuggestionFeedback['verdict'], string> = {
  accepted: 'You accepted it',
  dismissed: 'You dismissed it',
  not_useful: 'You marked it “not useful”',
  snoozed: 'You snoozed it',
};

/** The user's answer, as the inbox says it. */
export function feedbackLine(feedback: SuggestionFeedback | null, now: number): string | null {
  if (!feedback) return null;
  const when = timeAgo(feedback.at, now);
  return feedback.reason ? `${VERDICT_WORDS[feedback.verdict]} ${when}: “${feedback.reason}”` : `${VERDICT_WORDS[feedback.verdict]} ${when}.`;
}

/** When a snoozed suggestion comes back: "Comes back in 12 min", "Comes back in 3 h". */
export function snoozeLine(snoozedUntil: number | null, now: number): string | null {
  if (snoozedUntil === null) return null;
  const m = Math.max(1, Math.round((snoozedUntil - now) / 60_000));
  return m < 60 ? `Comes back in ${m} min.` : `Comes back in ${Math.round(m / 60)} h.`;
}
