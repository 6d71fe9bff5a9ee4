/**
 * Asks the review panel to show a particular source — a worktree thread's "Review changes" button opens
 * the panel on the thread's worktree against its base. The panel takes the request when it is mounted
 * (at once, or right after the button opened it) and keeps offering that source in its picker while
 * the request's thread is the selected one.
 */
import { createStore } from 'zustand/vanilla';
import type { DiffSource } from '../../../../shared/contract';

export interface ReviewRequest {
  /** The workspace the thread belongs to (the review panel's repository). */
  workspaceId: string;
  /** The thread whose worktree this is. */
  threadId: string;
  source: Extract<DiffSource, { kind: 'worktree' }>;
  /** Bumped by every request, so asking twice re-opens the source. */
  seq: number;
}

let seq = 0;

export const reviewRequests = createStore<{ current: ReviewRequest | null }>()(() => ({ current: null }));

export function requestReview(request: Omit<ReviewRequest, 'seq'>): void {
  reviewRequests.setState({ current: { ...request, seq: ++seq } });
}
