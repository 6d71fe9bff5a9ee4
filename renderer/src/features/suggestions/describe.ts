/** Words for suggestions: the action's verb, the confidence said calmly, the status, the time. */
import { SUGGESTION_KINDS, type Suggestion, type SuggestionAction, type SuggestionStatus } from '../../../../shared/contract';

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
