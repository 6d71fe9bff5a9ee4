/**
 * The review panel: the changes of the current folder (the selected thread's folder, else the first
 * one). It owns the window's review store and says plainly when there is nothing to show: no folder,
 * a folder that is not a git repository.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores, useThreads, useUi, useWorkspaces } from '../../stores/react';
import { IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { showTerminalTab } from '../code/FileViewer';
import { PanelHeader } from '../shell/PanelHeader';
import { terminalsFeatureFor } from '../terminals/use-terminals-feature';
import { useFocusRequest } from '../shell/use-focus-request';
import { SHORTCUTS } from '../shell/use-frame-commands';
import { reviewRequests } from './review-requests';
import { turnReviewRequests } from './turn-review-request';
import { createReviewStore } from './review-store';
import { ReviewView } from './ReviewView';

export function ReviewPanel() {
  const { ui, client } = useStores();
  const panel = useRef<HTMLElement>(null);
  useFocusRequest(['review'], () => panel.current?.focus());

  const selected = useUi((s) => s.selectedThreadId);
  const threadWorkspace = useThreads((s) => (selected ? s.byId[selected]?.workspaceId : null) ?? null);
  const workspaces = useWorkspaces((s) => s.list);
  const workspace = workspaces.find((w) => w.id === threadWorkspace) ?? workspaces[0] ?? null;

  // Made in an effect (not a memo) so its event subscriptions follow the effect's life, StrictMode included.
  const [review, setReview] = useState<ReturnType<typeof createReviewStore> | null>(null);
  useEffect(() => {
    const made = createReviewStore(client, {
      async runInTerminal(opening) {
        const info = await client.invoke('terminal.create', { shell: opening.shell, args: opening.args, cwd: opening.cwd, label: opening.label });
        ui.getState().setPanelOpen('bottom', true);
        showTerminalTab(terminalsFeatureFor(client).store, info.id);
      },
    });
    setReview(made);
    return () => made.stop();
  }, [client, ui]);

  const workspaceId = workspace?.isGit ? workspace.id : null;
  useEffect(() => {
    if (!workspaceId || !review) return;
    const current = review.store.getState().target;
    if (current?.workspaceId !== workspaceId) void review.store.getState().open({ workspaceId }, { kind: 'working' });
  }, [review, workspaceId]);

  // A worktree thread's "Review changes": show its worktree against its base, and offer it in the picker.
  const request = useStore(reviewRequests, (r) => r.current);
  const threadSource = request && request.threadId === selected && request.workspaceId === workspaceId ? request : null;
  const requestSeq = threadSource?.seq ?? null;
  useEffect(() => {
    const asked = reviewRequests.getState().current;
    if (!review || requestSeq === null || !asked) return;
    void review.store.getState().open({ workspaceId: asked.workspaceId }, asked.source);
  }, [review, requestSeq]);

  // A thread's "Review last turn": the changes of its last agent turn, evidence first.
  const turnRequestSeq = useStore(turnReviewRequests, (r) => r.current?.seq ?? null);
  useEffect(() => {
    const asked = turnReviewRequests.getState().current;
    if (!review || turnRequestSeq === null || !asked) return;
    // Taken once: reopening the panel later shows the folder's changes again.
    turnReviewRequests.setState({ current: null });
    void review.store.getState().openLastTurn(asked.threadId);
  }, [review, turnRequestSeq]);

  return (
    <aside ref={panel} className="review-panel" data-region="review" aria-label="Review" tabIndex={-1}>
      <PanelHeader
        title={workspace ? `Review · ${workspace.name}` : 'Review'}
        icon="review"
        actions={<IconButton icon="close" size="sm" label="Hide review panel" shortcut={SHORTCUTS.toggleReview} onClick={() => ui.getState().setPanelOpen('review', false)} />}
      />
      {!workspace ? (
        <div className="panel-body panel-body-center">
          <EmptyState icon="review" title="Nothing to review" compact>
            <p>Changes appear here for review: first the evidence — the tests and commands that checked them — then the diff.</p>
            <p>Add a project folder to review its changes; when a thread edits files in a folder, its changes open here.</p>
          </EmptyState>
        </div>
      ) : !workspace.isGit ? (
        <div className="panel-body panel-body-center">
          <EmptyState icon="folder" title="Not a git repository" compact>
            <p>{workspace.path} is not a git repository, so there are no changes to compare.</p>
            <p>Run <code>git init</code> there (and make a first commit) to review its changes here.</p>
          </EmptyState>
        </div>
      ) : (
        <div className="panel-body review-panel-body">
          {review && (
            <ReviewView
              review={review.store}
              onOpenThread={(id) => ui.getState().selectThread(id)}
              threadId={selected}
              {...(threadSource ? { threadSource: { source: threadSource.source } } : {})}
            />
          )}
        </div>
      )}
    </aside>
  );
}
