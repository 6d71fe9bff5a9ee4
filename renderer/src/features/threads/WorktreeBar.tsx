/**
 * The strip under a worktree thread's header: its branch, what it changed, and the three things to do
 * with that — review it, apply it to the user's branch (as uncommitted changes), or discard it. Results
 * are said in place, a conflict as a list of files and why, since "Nothing was changed" is the point.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Thread, ThreadWorktree, WorktreeApplyResult, WorktreeChanges } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { requestReview } from '../review/review-requests';

type Outcome = { tone: 'ok' | 'error' | 'info'; text: string; conflicts?: { path: string; reason: string }[] } | null;

export function WorktreeBar({ thread, worktree, running }: { thread: Thread; worktree: ThreadWorktree; running: boolean }) {
  const { client, ui } = useStores();
  const [changes, setChanges] = useState<WorktreeChanges | null>(null);
  const [busy, setBusy] = useState<'apply' | 'discard' | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const refresh = useCallback(() => {
    client.invoke('threads.worktree.changes', { id: thread.id }).then(setChanges, (err: unknown) => setOutcome({ tone: 'error', text: describeError(err) }));
  }, [client, thread.id]);

  // Re-read when the thread moves (a turn ended, its status changed) and when it is opened.
  useEffect(() => {
    refresh();
  }, [refresh, thread.updatedAt]);

  const count = changes?.files.length ?? 0;
  const summary = changes === null ? 'Reading changes…' : count === 0 ? 'No changes yet' : `${count} changed ${count === 1 ? 'file' : 'files'}${changes.applied ? ' · applied' : ''}`;

  const review = () => {
    if (!thread.workspaceId) return;
    requestReview({
      workspaceId: thread.workspaceId,
      threadId: thread.id,
      source: { kind: 'worktree', path: worktree.path, base: worktree.baseCommit },
    });
    ui.getState().setPanelOpen('review', true);
    ui.getState().requestFocus('review');
  };

  const apply = async () => {
    setBusy('apply');
    setOutcome(null);
    try {
      setOutcome(describeApply(await client.invoke('threads.worktree.apply', { id: thread.id })));
    } catch (err) {
      setOutcome({ tone: 'error', text: `The changes were not applied: ${describeError(err)}` });
    } finally {
      setBusy(null);
      refresh();
    }
  };

  const discard = async () => {
    setConfirmDiscard(false);
    setBusy('discard');
    setOutcome(null);
    try {
      setChanges(await client.invoke('threads.worktree.discard', { id: thread.id }));
      setOutcome({ tone: 'info', text: `Discarded. The worktree is back at ${worktree.baseCommit.slice(0, 8)}.` });
    } catch (err) {
      setOutcome({ tone: 'error', text: `Nothing was discarded: ${describeError(err)}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="worktree-bar" role="region" aria-label="Worktree">
      <div className="worktree-bar-row">
        <span className="worktree-branch" title={`${worktree.path}\nstarted from ${worktree.baseCommit}`}>
          <Icon name="branch" size={13} />
          <span className="truncate">{worktree.branch}</span>
        </span>
        <span className="worktree-summary" aria-live="polite">
          {summary}
        </span>
        <span className="worktree-actions">
          <Button size="sm" icon="review" onClick={review} disabled={!thread.workspaceId}>
            Review changes
          </Button>
          <Button size="sm" variant="primary" onClick={() => void apply()} busy={busy === 'apply'} disabled={busy !== null || count === 0}>
            Apply to my branch
          </Button>
          {confirmDiscard ? (
            <>
              <Button size="sm" variant="danger" onClick={() => void discard()} autoFocus>
                Discard {count} {count === 1 ? 'file' : 'files'}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmDiscard(false)}>
                Keep
              </Button>
            </>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              icon="trash"
              onClick={() => setConfirmDiscard(true)}
              busy={busy === 'discard'}
              disabled={busy !== null || count === 0 || running}
              title={running ? 'Stop the running turn first' : undefined}
            >
              Discard
            </Button>
          )}
        </span>
      </div>
      {outcome && (
        <div className={`worktree-outcome worktree-outcome-${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'}>
          <p>{outcome.text}</p>
          {outcome.conflicts && outcome.conflicts.length > 0 && (
            <ul className="worktree-conflicts">
              {outcome.conflicts.map((c) => (
                <li key={c.path}>
                  <code>{c.path}</code> — {c.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function describeApply(result: WorktreeApplyResult): Outcome {
  switch (result.status) {
    case 'applied':
      return {
        tone: 'ok',
        text: `Applied ${result.files.length} ${result.files.length === 1 ? 'file' : 'files'} to your checkout as uncommitted changes: review them and commit when ready.`,
      };
    case 'nothing':
      return { tone: 'info', text: result.message };
    case 'conflict':
      return { tone: 'error', text: result.message, conflicts: result.conflicts };
  }
}
