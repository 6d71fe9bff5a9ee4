/**
 * The `--raw -z` part of git's diff output: one record per changed path, with exact paths (NUL
 * separated, never quoted or trimmed), both modes, both object ids and the status with its score.
 * The patch that follows in the same output is read by diff-model.ts.
 */

export interface RawRecord {
  oldMode: string;
  newMode: string;
  oldId: string;
  newId: string;
  /** One letter: A C D M R T U X. */
  status: string;
  /** Similarity for R and C (percent), dissimilarity for M with -B; null otherwise. */
  score: number | null;
  /** The path after the change (for R and C: the destination). */
  path: string;
  /** For R and C: the source path; null otherwise. */
  oldPath: string | null;
  /** A combined record (`::…`) of an unmerged path in a working-tree diff. */
  combined: boolean;
}

export interface RawAndPatch {
  records: RawRecord[];
  /** The patch text that followed the records. */
  patch: string;
}

const COLON = 58;

/** Splits one `git diff --raw -p -z` output into its records and its patch. */
export function splitRawAndPatch(text: string): RawAndPatch {
  const records: RawRecord[] = [];
  let pos = 0;
  const field = (): string => {
    const end = text.indexOf('\0', pos);
    if (end < 0) throw new Error('Unexpected end of git diff output inside a raw record');
    const value = text.slice(pos, end);
    pos = end + 1;
    return value;
  };
  while (text.charCodeAt(pos) === COLON) {
    if (text.charCodeAt(pos + 1) === COLON) {
      // ::mode mode mode id id id XY\0path\0 — an unmerged path; the working-tree source shows
      // conflicts from `git status` instead.
      field();
      records.push({ oldMode: '', newMode: '', oldId: '', newId: '', status: 'U', score: null, path: field(), oldPath: null, combined: true });
      continue;
    }
    const header = field().slice(1).split(' ');
    const [oldMode = '', newMode = '', oldId = '', newId = '', statusField = ''] = header;
    const status = statusField.charAt(0);
    const score = statusField.length > 1 ? Number(statusField.slice(1)) : null;
    const first = field();
    if (status === 'R' || status === 'C') {
      const second = field();
      records.push({ oldMode, newMode, oldId, newId, status, score, path: second, oldPath: first, combined: false });
    } else {
      records.push({ oldMode, newMode, oldId, newId, status, score, path: first, oldPath: null, combined: false });
    }
  }
  // A NUL separates the last record from the patch.
  if (text.charCodeAt(pos) === 0) pos++;
  return { records, patch: pos === 0 ? text : text.slice(pos) };
}
