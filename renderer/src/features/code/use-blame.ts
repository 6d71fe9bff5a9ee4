/**
 * Blame on demand for what is on screen: asks the core for the visible lines once scrolling settles,
 * remembers every line it was told about, and starts over when the file changes.
 */
import { useEffect, useRef, useState } from 'react';
import { CODE_LIMITS, type BlameCommit } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';

const SETTLE_MS = 150;

export interface BlameState {
  /** Commit id per line number (1-based). */
  lines: Map<number, string>;
  commits: Map<string, BlameCommit>;
  error: string | null;
  loading: boolean;
}

export function useBlame(client: TandemClient, enabled: boolean, root: string, path: string, version: string, first: number, end: number): BlameState {
  const [state, setState] = useState<BlameState>({ lines: new Map(), commits: new Map(), error: null, loading: false });
  const known = useRef(new Set<number>());
  /** A file git cannot blame (untracked, no commits) is not asked about again until it changes. */
  const failed = useRef(false);

  // Another file or another version of it: forget everything.
  useEffect(() => {
    known.current = new Set();
    failed.current = false;
    setState({ lines: new Map(), commits: new Map(), error: null, loading: false });
  }, [root, path, version]);

  useEffect(() => {
    if (!enabled || end <= first || failed.current) return;
    let from = first + 1;
    let to = Math.min(end, first + CODE_LIMITS.maxBlameLines);
    while (from <= to && known.current.has(from)) from++;
    while (to >= from && known.current.has(to)) to--;
    if (from > to) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, loading: true }));
      client.invoke('code.blame', { root, path, startLine: from, endLine: to }).then(
        (blame) => {
          if (cancelled) return;
          for (let n = from; n <= to; n++) known.current.add(n);
          setState((s) => {
            const lines = new Map(s.lines);
            const commits = new Map(s.commits);
            for (const l of blame.lines) lines.set(l.line, l.commitId);
            for (const c of Object.values(blame.commits)) commits.set(c.id, c);
            return { lines, commits, error: null, loading: false };
          });
        },
        (err: unknown) => {
          if (cancelled) return;
          failed.current = true;
          setState((s) => ({ ...s, error: describeError(err), loading: false }));
        },
      );
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, enabled, root, path, version, first, end]);

  return state;
}

/** "3 days ago", "2 years ago": enough to tell old code from new at a glance. */
export function relativeAge(time: number, now = Date.now()): string {
  const seconds = Math.max(0, (now - time) / 1000);
  const units: [number, string][] = [
    [60 * 60 * 24 * 365, 'year'],
    [60 * 60 * 24 * 30, 'month'],
    [60 * 60 * 24 * 7, 'week'],
    [60 * 60 * 24, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}
