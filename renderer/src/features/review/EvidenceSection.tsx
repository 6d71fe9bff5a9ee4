/**
 * Above the diff of an agent's turn: the commands it ran to verify the change, with exit codes, or a
 * plain "no verification" when it ran none. Shown for a turn's diff (a snapshot source with a turn) and
 * for a thread's worktree (its last turn).
 */
import { useEffect, useState } from 'react';
import type { DiffSource } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { turnEvidence, type EvidenceEntry } from './evidence';

/**
 * `worktreeThreadId`: the thread whose worktree a 'worktree' source shows (a worktree thread, a drafted
 * fix); its last turn's checks are the evidence.
 */
export function EvidenceSection({ source, worktreeThreadId = null }: { source: DiffSource; worktreeThreadId?: string | null }) {
  const { client } = useStores();
  const turn = source.kind === 'snapshot' ? source.turn : source.kind === 'worktree' && worktreeThreadId ? { threadId: worktreeThreadId, turnId: null } : undefined;
  const threadId = turn?.threadId;
  const turnId = turn?.turnId;
  const [state, setState] = useState<{ entries: EvidenceEntry[] | null; error: string | null }>({ entries: null, error: null });
  useEffect(() => {
    if (!threadId) return;
    let live = true;
    client
      .invoke('threads.get', { id: threadId })
      .then(({ items }) => {
        const last = turnId ?? [...items].reverse().find((i) => i.turnId)?.turnId;
        if (live) setState({ entries: last ? turnEvidence(items, last) : [], error: null });
      })
      .catch((err: unknown) => live && setState({ entries: null, error: describeError(err) }));
    return () => {
      live = false;
    };
  }, [client, threadId, turnId]);
  if (!turn) return null;
  if (state.error) return <p className="review-notice is-error">Could not read the turn’s commands: {state.error}</p>;
  if (!state.entries) return null;
  return (
    <section className="review-evidence" aria-label="Evidence">
      <h3 className="review-evidence-title">Evidence · what the agent ran to check this turn</h3>
      {state.entries.length === 0 ? (
        <p className="review-notice is-error">No verification: the agent ran no commands (tests, build, lint) to check this change.</p>
      ) : (
        <ul className="review-evidence-list">
          {state.entries.map((e) => (
            <li key={e.id} className={`review-evidence-item is-${e.outcome}`}>
              <span className="review-evidence-exit">{e.outcome === 'not_run' ? 'not run' : `exit ${e.exitCode ?? '?'}`}</span>
              <code className="review-evidence-command" title={e.command}>
                {e.command}
              </code>
              {e.summary && <span className="review-evidence-summary">{e.summary}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
