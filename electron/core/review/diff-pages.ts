/**
 * A big diff in pages: review.diff answers with every file's metadata but the hunks of only the first
 * files (the rest are `pending`, with the row counts the panel needs to reserve their height), and
 * review.diff.hunks sends the other files' hunks as they scroll into view. The diffs made last are
 * kept (by repository and source) so those later calls do not rerun git: a 100,000-line diff is tens
 * of megabytes of JSON, which took seconds to send and parse before the panel could paint anything.
 * Only the files sent are built: the others stay git's raw text (diff-model.ts scanGitDiff) until asked.
 */
import type { DiffFile, DiffSource, ReviewDiff } from '../../../shared/contract/review';
import { scannedOf } from './diff-model';
import type { ScannedDiff } from './diff-sources';

/** The first files' hunks ride along with review.diff until this many lines are sent: a few screens. */
export const FIRST_PAGE_LINES = 2000;
/** Diffs kept for review.diff.hunks: a few sources open in a few windows. */
const KEPT_DIFFS = 6;

/**
 * The diff as review.diff sends it: files after the first `budget` lines are pending. Only the files
 * sent whole are built (ScannedFile.build); a full ReviewDiff is taken too (its files are whole).
 */
export function firstPage(diff: ScannedDiff | ReviewDiff, budget = FIRST_PAGE_LINES): ReviewDiff {
  const { scanned, rest } = 'scanned' in diff ? { scanned: diff.scanned, rest: withoutScanned(diff) } : { scanned: diff.files.map(scannedOf), rest: diff };
  let sent = 0;
  const files = scanned.map((entry): DiffFile => {
    if (sent < budget || entry.lines === 0) {
      sent += entry.lines;
      return entry.build();
    }
    return { ...entry.file, hunks: [], pending: entry.rows };
  });
  return { ...rest, files };
}

function withoutScanned({ scanned: _scanned, ...rest }: ScannedDiff): Omit<ReviewDiff, 'files'> {
  return rest;
}

/**
 * The diffs made last, by repository and source, as scanned (each holds git's raw text, not a built
 * model); the oldest is dropped past KEPT_DIFFS.
 */
export class KeptDiffs {
  private readonly diffs = new Map<string, ScannedDiff>();

  keep(root: string, source: DiffSource, diff: ScannedDiff): void {
    const key = keyOf(root, source);
    this.diffs.delete(key);
    this.diffs.set(key, diff);
    for (const old of this.diffs.keys()) {
      if (this.diffs.size <= KEPT_DIFFS) break;
      this.diffs.delete(old);
    }
  }

  get(root: string, source: DiffSource): ScannedDiff | undefined {
    return this.diffs.get(keyOf(root, source));
  }
}

/** The files of `diff` with these ids and versions, built (full hunks), and the ids it has no such file for. */
export function pickFiles(diff: ScannedDiff, wanted: readonly { id: string; version: string }[]): { files: DiffFile[]; missing: string[] } {
  const byId = new Map(diff.scanned.map((f) => [`${f.file.id}@${f.file.version}`, f]));
  const files: DiffFile[] = [];
  const missing: string[] = [];
  for (const w of wanted) {
    const entry = byId.get(`${w.id}@${w.version}`);
    if (entry) files.push(entry.build());
    else missing.push(w.id);
  }
  return { files, missing };
}

/** Key parts in a fixed order, so the same source always finds its diff. */
function keyOf(root: string, source: DiffSource): string {
  const parts = Object.entries(source).sort(([a], [b]) => (a < b ? -1 : 1));
  return `${root}\0${JSON.stringify(parts)}`;
}
