/** Small formatters for the conversation: durations, token counts, diff lines. */

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return rest ? `${m} m ${rest} s` : `${m} m`;
}

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

export type DiffLineKind = 'add' | 'del' | 'hunk' | 'context' | 'meta';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

/** The lines of one file's unified diff, classified for colouring; the file headers are dropped. */
export function diffLines(diff: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const line of diff.replace(/\n$/, '').split('\n')) {
    if (/^(diff --git |index |--- |\+\+\+ |new file mode|deleted file mode|similarity index|rename (from|to) )/.test(line)) continue;
    if (line.startsWith('@@')) out.push({ kind: 'hunk', text: line });
    else if (line.startsWith('+')) out.push({ kind: 'add', text: line });
    else if (line.startsWith('-')) out.push({ kind: 'del', text: line });
    else if (line.startsWith('\\')) out.push({ kind: 'meta', text: line });
    else out.push({ kind: 'context', text: line });
  }
  return out;
}

/** A path shown relative to the folder it is in, when it is inside. */
export function relativePath(path: string, base: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return path.startsWith(b) ? path.slice(b.length) : path;
}
