/**
 * Puts each finding on lines the diff shows. Models misnumber lines now and then: a range that is
 * not in the diff moves to the nearest hunk of its file, and a path not in the diff (or a file with
 * no hunks) keeps the finding at file level, so nothing the model said is silently lost.
 */
import type { DiffFile, ReviewDiff, ReviewFinding } from '../../../../shared/contract/review';

export interface FindingPlace {
  path: string;
  side: 'old' | 'new';
  startLine: number;
  endLine: number;
}

/** Longest range a finding may cover; longer ones are cut to their start. */
export const MAX_FINDING_LINES = 15;

export function anchorFinding(diff: Pick<ReviewDiff, 'files'>, place: FindingPlace): Pick<ReviewFinding, 'path' | 'side' | 'startLine' | 'endLine' | 'anchor' | 'fileId'> {
  const candidates = findFiles(diff.files, place.path);
  const start = Math.max(1, Math.min(place.startLine, place.endLine));
  let end = Math.max(start, place.startLine, place.endLine);
  if (end - start + 1 > MAX_FINDING_LINES) end = start + MAX_FINDING_LINES - 1;
  const file = candidates[0];
  if (!file) return { path: place.path, side: place.side, startLine: start, endLine: end, anchor: 'file', fileId: null };

  // A path can be in two areas (staged and unstaged): the entry that shows the lines wins.
  for (const candidate of candidates) {
    const shown = shownLines(candidate, place.side);
    const inDiff: number[] = [];
    for (let n = start; n <= end; n++) if (shown.has(n)) inDiff.push(n);
    if (inDiff.length) return { path: candidate.path, side: place.side, startLine: inDiff[0]!, endLine: inDiff[inDiff.length - 1]!, anchor: 'lines', fileId: candidate.id };
  }

  // Nearest hunk on that side, else on the other side (a removal-only hunk has no new lines).
  for (const side of [place.side, place.side === 'new' ? 'old' : 'new'] as const) {
    const hunk = nearestHunk(file, side, start);
    if (hunk) return { path: file.path, side, startLine: hunk.first, endLine: hunk.first, anchor: 'hunk', fileId: file.id };
  }
  return { path: file.path, side: place.side, startLine: 1, endLine: 1, anchor: 'file', fileId: file.id };
}

function findFiles(files: readonly DiffFile[], path: string): DiffFile[] {
  const clean = path.replace(/^(a|b)\//, '').replace(/^\.\//, '');
  const exact = files.filter((f) => f.path === path);
  if (exact.length) return exact;
  const named = files.filter((f) => f.path === clean || f.oldPath === clean);
  if (named.length) return named;
  // A model that shortened the path: a suffix match naming one path.
  const suffix = files.filter((f) => f.path.endsWith(`/${clean}`));
  return new Set(suffix.map((f) => f.path)).size === 1 ? suffix : [];
}

function shownLines(file: DiffFile, side: 'old' | 'new'): Set<number> {
  const set = new Set<number>();
  for (const h of file.hunks)
    for (const l of h.lines) {
      const n = side === 'new' ? (l.kind === 'del' ? null : l.newNo) : l.kind === 'add' ? null : l.oldNo;
      if (n !== null) set.add(n);
    }
  return set;
}

function nearestHunk(file: DiffFile, side: 'old' | 'new', line: number): { first: number } | null {
  let best: { first: number; distance: number } | null = null;
  for (const h of file.hunks) {
    // The first changed line on that side: where a reader looks.
    const changed = h.lines.find((l) => (side === 'new' ? l.kind === 'add' : l.kind === 'del'));
    const any = h.lines.find((l) => (side === 'new' ? l.newNo !== null && l.kind !== 'del' : l.oldNo !== null && l.kind !== 'add'));
    const pick = changed ?? any;
    if (!pick) continue;
    const first = (side === 'new' ? pick.newNo : pick.oldNo)!;
    const lo = side === 'new' ? h.newStart : h.oldStart;
    const hi = lo + Math.max(0, (side === 'new' ? h.newLines : h.oldLines) - 1);
    const distance = line < lo ? lo - line : line > hi ? line - hi : 0;
    if (!best || distance < best.distance) best = { first, distance };
  }
  return best ? { first: best.first } : null;
}
