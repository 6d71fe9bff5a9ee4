/**
 * Above the diff of an agent's turn: the commands it ran to verify the change, with exit codes, or a
 * plain "no verification" when it ran none. Shown only for a turn's diff (a snapshot source with a turn).
 */
import { useEffect, useState } from 'react';
import type { DiffSource } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { turnEvidence, type EvidenceEntry } from './evidence';

export function EvidenceSection({ source }: { source: DiffSource }) {
  const { client } = useStores();
  const turn = source.kind === 'snapshot' ? source.turn : undefined;
  const threadId = turn?.threadId;
  const turnId = turn?.turnId;
  const [state, setState] = useState<{ entries: EvidenceEntry[] | null; error: string | null }>({ entries: null, error: null });
  useEffect(() => {
    if (!threadId || !turnId) return;
    let live = true;
    client
      .invoke('threads.get', { id: threadId })
      .then(({ items }) => live && setState({ entries: turnEvidence(items, turnId), error: null }))
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
      {state.entries.length === 0 ? (
        <p className="review-notice is-error">No verification: the agent ran no commands (tests, build, lint) to check this change.</p>
      ) : (
        <ul className="review-evidence-list">
          {state.entries.map((e) => (
            <li key={e.id} className={`review-evidence-item is-${e.outcome}`}>
              <span className="review-evidence-exit">{e.outcome === 'not_run' ? 'not run' : `exit ${e.exitCode ?? '?'}`}</span>
              <code className="review-evidence-command">{e.command}</code>
              {e.summary && <span className="review-evidence-summary">{e.summary}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
