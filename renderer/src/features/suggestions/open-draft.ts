/**
 * Showing a suggestion's thread in the main window, and a drafted fix in the review panel: the draft's
 * thread is selected, and the panel opens on its worktree against the base it started from, where the
 * evidence (the commands the agent ran to check the fix) comes first. Used when a card is accepted in
 * the main window, and when the overlay window asks for it through `app.navigate`.
 */
import type { Stores } from '../../stores';
import { requestReview } from '../review/review-requests';

export async function showDraft(stores: Stores, threadId: string, worktree: { path: string; base: string }): Promise<void> {
  const ui = stores.ui.getState();
  ui.selectThread(threadId);
  // The panel reviews the selected thread's folder: the draft's thread names it.
  const known = stores.threads.getState().byId[threadId];
  const workspaceId = known ? known.workspaceId : (await stores.client.invoke('threads.get', { id: threadId })).thread.workspaceId;
  if (workspaceId) requestReview({ workspaceId, threadId, source: { kind: 'worktree', path: worktree.path, base: worktree.base } });
  ui.setPanelOpen('review', true);
  ui.requestFocus('review');
}
