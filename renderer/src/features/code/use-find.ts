/**
 * Find in file, answered by the core (it streams the file, so a 50 MB file is searched as easily as a
 * small one): matches sorted by position, the current one, and the marks for any visible line.
 */
import { useEffect, useMemo, useState } from 'react';
import type { FindMatch } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { LineMark } from './highlight';

const TYPING_PAUSE_MS = 150;

export interface FindOptions {
  caseSensitive: boolean;
  regex: boolean;
  wholeWord: boolean;
}

export interface FindState {
  matches: FindMatch[];
  limited: boolean;
  error: string | null;
  searching: boolean;
}

export function useFind(client: TandemClient, root: string, path: string, version: string, query: string, options: FindOptions, active: boolean): FindState {
  const [state, setState] = useState<FindState>({ matches: [], limited: false, error: null, searching: false });
  useEffect(() => {
    if (!active || query === '') {
      setState({ matches: [], limited: false, error: null, searching: false });
      return;
    }
    let cancelled = false;
    setState((s) => ({ ...s, searching: true }));
    const timer = setTimeout(() => {
      client.invoke('code.find', { root, path, query, ...options }).then(
        (result) => {
          if (!cancelled) setState({ matches: result.matches, limited: result.limited, error: null, searching: false });
        },
        (err: unknown) => {
          if (!cancelled) setState({ matches: [], limited: false, error: describeError(err), searching: false });
        },
      );
    }, TYPING_PAUSE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, root, path, version, query, options, active]);
  return state;
}

/** Index of the first match at or after (line, column), wrapping to 0. */
export function matchAtOrAfter(matches: readonly FindMatch[], line: number, column = 1): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = matches[mid]!;
    if (m.line < line || (m.line === line && m.column < column)) lo = mid + 1;
    else hi = mid;
  }
  return lo < matches.length ? lo : 0;
}

/** Marks for each line that has matches (1-based line → marks), for drawing. */
export function useMarksByLine(matches: readonly FindMatch[], current: number): Map<number, LineMark[]> {
  return useMemo(() => {
    const byLine = new Map<number, LineMark[]>();
    matches.forEach((m, i) => {
      const list = byLine.get(m.line) ?? [];
      list.push({ start: m.column - 1, end: m.column - 1 + m.length, current: i === current });
      byLine.set(m.line, list);
    });
    return byLine;
  }, [matches, current]);
}
