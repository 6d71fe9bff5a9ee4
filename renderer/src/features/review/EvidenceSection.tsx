/**
 * Above the diff of an agent's turn: the commands it ran to verify the change, with exit codes, or a
 * plain "no verification" when it ran none. Shown for a turn's diff (a snapshot source with a turn) and
 * for a thread's worktree (its last turn).
 */
import { useEffect, useState } from 'react';
import type { DiffSource } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { turnEvidence, turnImages, type EvidenceEntry, type EvidenceImage } from './evidence';

/**
 * `worktreeThreadId`: the thread whose worktree a 'worktree' source shows (a worktree thread, a drafted
 * fix); its last turn's checks are the evidence.
 */
export function EvidenceSection({ source, worktreeThreadId = null }: { source: DiffSource; worktreeThreadId?: string | null }) {
  const { client } = useStores();
  const turn = source.kind === 'snapshot' ? source.turn : source.kind === 'worktree' && worktreeThreadId ? { threadId: worktreeThreadId, turnId: null } : undefined;
  const threadId = turn?.threadId;
  const turnId = turn?.turnId;
  const [state, setState] = useState<{ entries: EvidenceEntry[] | null; images: EvidenceImage[]; error: string | null }>({ entries: null, images: [], error: null });
  useEffect(() => {
    if (!threadId) return;
    let live = true;
    client
      .invoke('threads.get', { id: threadId })
      .then(({ items }) => {
        const last = turnId ?? [...items].reverse().find((i) => i.turnId)?.turnId;
        if (live) setState({ entries: last ? turnEvidence(items, last) : [], images: last ? turnImages(items, last) : [], error: null });
      })
      .catch((err: unknown) => live && setState({ entries: null, images: [], error: describeError(err) }));
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
      {state.images.length > 0 && (
        <ul className="review-evidence-images" aria-label="Images the agent looked at">
          {state.images.map((image) => (
            <EvidenceThumbnail key={image.id} image={image} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One image artifact: loaded through the core (the page cannot read the disk); a click shows it full width. */
function EvidenceThumbnail({ image }: { image: EvidenceImage }) {
  const { client } = useStores();
  const [loaded, setLoaded] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  const [expanded, setExpanded] = useState(false);
  useEffect(() => {
    let live = true;
    client
      .invoke('code.image', { root: image.folder, path: image.name })
      .then((img) => live && setLoaded({ url: img.dataUrl, error: null }))
      .catch((err: unknown) => live && setLoaded({ url: null, error: describeError(err) }));
    return () => {
      live = false;
    };
  }, [client, image.folder, image.name]);
  return (
    <li className={expanded ? 'review-evidence-image is-expanded' : 'review-evidence-image'}>
      {loaded.url ? (
        <button type="button" className="review-evidence-image-button" aria-expanded={expanded} title={expanded ? 'Show smaller' : `Show ${image.name} full size`} onClick={() => setExpanded((e) => !e)}>
          <img src={loaded.url} alt={`Image the agent looked at: ${image.name}`} />
        </button>
      ) : (
        <span className="review-evidence-image-missing">{loaded.error ? `Gone: ${loaded.error}` : 'Loading…'}</span>
      )}
      <span className="review-evidence-image-name" title={image.path}>
        {image.name}
      </span>
    </li>
  );
}
