/**
 * "Review last turn" from a thread: asks the review panel to open the changes of that thread's last
 * agent turn. The panel takes the request when it is mounted (at once, or right after the button
 * opened it); `seq` makes asking twice open it again.
 */
import { createStore } from 'zustand/vanilla';

export interface TurnReviewRequest {
  threadId: string;
  seq: number;
}

let seq = 0;

export const turnReviewRequests = createStore<{ current: TurnReviewRequest | null }>()(() => ({ current: null }));

export function requestLastTurnReview(threadId: string): void {
  turnReviewRequests.setState({ current: { threadId, seq: ++seq } });
}
