/**
 * The AI review's verdict and findings, most urgent first. Each finding shows its place; a click (or
 * Enter) moves the diff to it, ↑ / ↓ move through the list, and n / p do the same from the diff.
 * Dismiss records it so later reviews stop raising it; Resolve marks it fixed; Send to agent asks a
 * new thread to fix it (only when an agent is available).
 */
import type { KeyboardEvent } from 'react';
import type { ReviewFinding } from '../../../../shared/contract';
import { useCodeFeature } from '../code/use-code';
import type { Staleness } from './findings';
import type { ReviewState } from './review-store';

export function FindingsPanel({
  ai,
  staleness,
  current,
  onShow,
  onStep,
  onDismiss,
  onResolve,
  onSend,
  repoRoot,
}: {
  /** The folder the findings' paths are relative to; "Open file" shows the code there. */
  repoRoot?: string | undefined;
  ai: ReviewState['ai'];
  /** How the review relates to the diff shown now (a stored review may be older than the changes). */
  staleness?: Staleness | null;
  current: string | null;
  onShow(f: ReviewFinding): void;
  onStep(direction: 1 | -1): void;
  onDismiss(id: string): void;
  onResolve(id: string): void;
  onSend?(f: ReviewFinding): void;
}) {
  const code = useCodeFeature();
  if (ai.status === 'idle') return null;
  if (ai.status === 'running' && !ai.result) {
    return (
      <p className="review-notice" role="status">
        Reviewing with the model…
      </p>
    );
  }
  if (ai.status === 'error') return <p className="review-notice is-error">AI review failed: {ai.error}</p>;
  const result = ai.result!;
  const open = result.findings.filter((f) => f.status === 'open').length;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      onStep(e.key === 'ArrowDown' ? 1 : -1);
    }
  };
  return (
    <section className="review-findings" aria-label="AI review">
      <p className={`review-verdict is-${result.verdict}`}>
        <strong>{result.verdict === 'looks_good' ? 'Looks good' : 'Needs changes'}</strong> · {open} open finding{open === 1 ? '' : 's'} · {result.model}
        <span className="review-verdict-text">{result.explanation}</span>
      </p>
      {staleness?.changed && (
        <p className="review-notice is-stale" role="status">
          Reviewed {timeAgo(result.reviewedAt)}; the changes have moved on since{staleness.stale.size ? ` (${staleness.stale.size} finding${staleness.stale.size === 1 ? '' : 's'} may point at old lines)` : ''}. Run the AI review again for
          a fresh look.
        </p>
      )}
      {result.findings.length > 0 && (
        <ul className="review-findings-list" aria-label="Findings" onKeyDown={onKeyDown}>
          {result.findings.map((f) => {
            const range = f.anchor === 'file' ? f.path : `${f.path}:${f.startLine === f.endLine ? f.startLine : `${f.startLine}–${f.endLine}`}`;
            const isStale = staleness?.stale.has(f.id) ?? false;
            return (
              <li
                key={f.id}
                className={`review-finding is-p${f.priority} is-${f.status}${isStale ? ' is-stale' : ''}${f.id === current ? ' is-current' : ''}`}
                aria-current={f.id === current ? 'true' : undefined}
              >
                <button type="button" className="review-finding-title" onClick={() => onShow(f)} title={f.body}>
                  {f.title}
                </button>
                <span className="review-finding-where">
                  {range}
                  {f.anchor === 'hunk' ? ' (nearest change)' : ''} · {Math.round(f.confidence * 100)}%{f.status !== 'open' ? ` · ${f.status}` : ''}
                  {isStale ? ' · stale: the file changed since' : ''}
                </span>
                {f.id === current && <p className="review-finding-body">{f.body}</p>}
                {f.status === 'open' && (
                  <span className="review-finding-actions">
                    <button type="button" className="diff-link" onClick={() => onDismiss(f.id)} aria-label={`Dismiss ${f.title}`}>
                      Dismiss
                    </button>
                    <button type="button" className="diff-link" onClick={() => onResolve(f.id)} aria-label={`Resolve ${f.title}`}>
                      Resolve
                    </button>
                    {f.path && (
                      <button
                        type="button"
                        className="diff-link"
                        onClick={() => void code.openCodeAt(f.path, f.anchor === 'file' ? null : f.startLine, null, repoRoot ? { root: repoRoot } : {})}
                        aria-label={`Open ${range} in the code view`}
                      >
                        Open file
                      </button>
                    )}
                    {onSend && (
                      <button type="button" className="diff-link" onClick={() => onSend(f)} aria-label={`Send ${f.title} to agent`}>
                        Send to agent
                      </button>
                    )}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** "3 minutes ago", "yesterday": when a stored review was made. */
function timeAgo(at: number): string {
  const minutes = Math.round((Date.now() - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}
