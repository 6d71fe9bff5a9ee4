/**
 * A big diff in pages: review.diff answers with every file's metadata but the hunks of only the first
 * files (the rest are `pending`, with the row counts the panel needs to reserve their height), and
 * review.diff.hunks sends the other files' hunks as they scroll into view. The diffs made last are
 * kept (by repository and source) so those later calls do not rerun git: a 100,000-line diff is tens
 * of megabytes of JSON, which took seconds to send and parse before the panel could paint anything.
 */
import type { DiffFile, DiffHunk, DiffSource, PendingHunks, ReviewDiff } from '../../../shared/contract/review';

/** The first files' hunks ride along with review.diff until this many lines are sent: a few screens. */
export const FIRST_PAGE_LINES = 2000;
/** Diffs kept for review.diff.hunks: a few sources open in a few windows. */
const KEPT_DIFFS = 6;

/** The diff as review.diff sends it: files after the first `budget` lines are pending. */
export function firstPage(diff: ReviewDiff, budget = FIRST_PAGE_LINES): ReviewDiff {
  let sent = 0;
  const files = diff.files.map((file): DiffFile => {
    const lines = lineCount(file);
    if (sent < budget || lines === 0) {
      sent += lines;
      return file;
    }
    return { ...file, hunks: [], pending: pendingRows(file.hunks) };
  });
  return { ...diff, files };
}

/** Per hunk, its rows in the unified and split layouts (renderer/src/features/review/diff-rows.ts). */
export function pendingRows(hunks: readonly DiffHunk[]): PendingHunks {
  const unified: number[] = [];
  const split: number[] = [];
  for (const hunk of hunks) {
    unified.push(hunk.lines.length);
    // A context line is one row; a run of changes is as many rows as its longer side.
    let rows = 0;
    let dels = 0;
    let adds = 0;
    for (const line of hunk.lines) {
      if (line.kind === 'context') {
        rows += Math.max(dels, adds) + 1;
        dels = adds = 0;
      } else if (line.kind === 'del') dels++;
      else adds++;
    }
    split.push(rows + Math.max(dels, adds));
  }
  return { unified, split };
}

function lineCount(file: DiffFile): number {
  let n = 0;
  for (const h of file.hunks) n += h.lines.length;
  return n;
}

/** The full diffs made last, by repository and source; the oldest is dropped past KEPT_DIFFS. */
export class KeptDiffs {
  private readonly diffs = new Map<string, ReviewDiff>();

  keep(root: string, source: DiffSource, diff: ReviewDiff): void {
    const key = keyOf(root, source);
    this.diffs.delete(key);
    this.diffs.set(key, diff);
    for (const old of this.diffs.keys()) {
      if (this.diffs.size <= KEPT_DIFFS) break;
      this.diffs.delete(old);
    }
  }

  get(root: string, source: DiffSource): ReviewDiff | undefined {
    return this.diffs.get(keyOf(root, source));
  }
}

/** The files of `diff` with these ids and versions (full hunks), and the ids it has no such file for. */
export function pickFiles(diff: ReviewDiff, wanted: readonly { id: string; version: string }[]): { files: DiffFile[]; missing: string[] } {
  const byId = new Map(diff.files.map((f) => [`${f.id}@${f.version}`, f]));
  const files: DiffFile[] = [];
  const missing: string[] = [];
  for (const w of wanted) {
    const file = byId.get(`${w.id}@${w.version}`);
    if (file) files.push(file);
    else missing.push(w.id);
  }
  return { files, missing };
}

/** Key parts in a fixed order, so the same source always finds its diff. */
function keyOf(root: string, source: DiffSource): string {
  const parts = Object.entries(source).sort(([a], [b]) => (a < b ? -1 : 1));
  return `${root}\0${JSON.stringify(parts)}`;
}
