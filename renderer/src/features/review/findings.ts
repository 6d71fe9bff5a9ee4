/**
 * AI review findings in the view: which row each finding sits on (for keyboard navigation and
 * scrolling), which lines carry a marker, and the fix request an agent thread receives. Pure.
 */
import type { AiReviewResult, ReviewComment, ReviewDiff, ReviewFinding } from '../../../../shared/contract';
import type { DiffLayout } from './diff-rows';

export interface Staleness {
  /** The diff is not the one reviewed: a file changed, appeared or went away. */
  changed: boolean;
  /** Findings whose file changed or left the diff since the review: their lines may have moved. */
  stale: ReadonlySet<string>;
}

/** How a stored review relates to the diff shown now (both carry each file's version). */
export function staleness(result: Pick<AiReviewResult, 'findings' | 'reviewedFiles'>, diff: Pick<ReviewDiff, 'files'>): Staleness {
  const now = new Map(diff.files.map((f) => [f.id, f.version]));
  const reviewed = Object.entries(result.reviewedFiles);
  const changed = reviewed.length !== now.size || reviewed.some(([id, version]) => now.get(id) !== version);
  const stale = new Set<string>();
  for (const f of result.findings) {
    if (f.fileId !== null && now.get(f.fileId) !== f.fileVersion) stale.add(f.id);
  }
  return { changed, stale };
}

/** `<fileId>:o12` / `<fileId>:n15` → the most urgent priority of the open findings covering that line. */
export function findingMarks(findings: readonly ReviewFinding[]): Map<string, number> {
  const marks = new Map<string, number>();
  for (const f of findings) {
    if (f.status !== 'open' || f.fileId === null || f.anchor === 'file') continue;
    for (let n = f.startLine; n <= f.endLine; n++) {
      const key = `${f.fileId}:${f.side === 'old' ? 'o' : 'n'}${n}`;
      const prev = marks.get(key);
      if (prev === undefined || f.priority < prev) marks.set(key, f.priority);
    }
  }
  return marks;
}

/** The row a finding is shown at: its first line when the diff shows it, else its file's header; -1 when its file is not in the diff. */
export function findingRow(diff: ReviewDiff, layout: DiffLayout, finding: ReviewFinding): number {
  const fileIndex = diff.files.findIndex((f) => f.id === finding.fileId);
  if (fileIndex < 0) return -1;
  const header = layout.fileRows[fileIndex] ?? -1;
  if (finding.anchor === 'file') return header;
  const file = diff.files[fileIndex]!;
  const end = fileIndex + 1 < layout.fileRows.length ? layout.fileRows[fileIndex + 1]! : layout.rows.length;
  for (let r = header + 1; r < end; r++) {
    const row = layout.rows[r]!;
    const indexes = row.kind === 'line' ? [row.line] : row.kind === 'pair' ? [row.left, row.right] : [];
    for (const i of indexes) {
      if (i < 0 || row.kind === 'file' || row.kind === 'note' || row.kind === 'comment' || row.kind === 'pending') continue;
      const line = file.hunks[row.hunk]?.lines[i];
      if (!line) continue;
      const no = finding.side === 'old' ? (line.kind === 'add' ? null : line.oldNo) : line.kind === 'del' ? null : line.newNo;
      if (no === finding.startLine) return r;
    }
  }
  return header;
}

function where(path: string, side: 'old' | 'new', start: number, end: number): string {
  return `${path}:${start === end ? start : `${start}-${end}`}${side === 'old' ? ' (removed lines)' : ''}`;
}

/** The message an agent thread gets for findings and comments: what to fix and where. */
export function fixRequest(findings: readonly ReviewFinding[], comments: readonly ReviewComment[]): string {
  const parts = ['Please fix the following review points in this repository. Change only what they need, then run the relevant tests.', ''];
  for (const f of findings) parts.push(`- ${f.title} at ${where(f.path, f.side, f.startLine, f.endLine)}`, `  ${f.body.replace(/\n/g, '\n  ')}`);
  for (const c of comments) parts.push(`- Review comment at ${where(c.path, c.side, c.startLine, c.endLine)}:`, `  ${c.body.replace(/\n/g, '\n  ')}`);
  return parts.join('\n');
}
