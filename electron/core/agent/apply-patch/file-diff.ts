import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';

/** A unified diff of one file's change, with its line counts, for review and fileChange items. */
export interface FileDiff {
  /** `--- a/old` / `+++ b/new` headers and `@@` hunks; `/dev/null` stands for a missing side. */
  diff: string;
  additions: number;
  deletions: number;
}

const CONTEXT_LINES = 3;
const NO_FILE = '/dev/null';

/**
 * Diffs two versions of a file. `null` content means the file does not exist on that side (an
 * added or deleted file). Names are the paths to show, usually as written in the patch.
 */
export function diffFile(
  oldName: string,
  newName: string,
  oldContent: string | null,
  newContent: string | null,
): FileDiff {
  const patch = structuredPatch(
    oldContent === null ? NO_FILE : `a/${oldName}`,
    newContent === null ? NO_FILE : `b/${newName}`,
    oldContent ?? '',
    newContent ?? '',
    undefined,
    undefined,
    { context: CONTEXT_LINES },
  );
  let additions = 0;
  let deletions = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) additions += 1;
      else if (line.startsWith('-')) deletions += 1;
    }
  }
  return { diff: formatPatch(patch, FILE_HEADERS_ONLY), additions, deletions };
}

/** What to show for a file whose bytes are not text. */
export function binaryFileDiff(oldName: string | null, newName: string | null): FileDiff {
  const from = oldName === null ? NO_FILE : `a/${oldName}`;
  const to = newName === null ? NO_FILE : `b/${newName}`;
  return { diff: `Binary files ${from} and ${to} differ\n`, additions: 0, deletions: 0 };
}
