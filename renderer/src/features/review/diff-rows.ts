/**
 * The diff as a flat list of fixed-height rows, which is what lets the view render only what is on
 * screen: a 100,000-line diff is a 100,000-entry array of tiny records, and the DOM holds a few dozen
 * rows at a time. Pure, so it is unit-tested without a browser.
 */
import type { DiffFile, DiffHunk, DiffLine, ReviewComment, ReviewDiff } from '../../../../shared/contract';

export type DiffMode = 'unified' | 'split';

export type DiffRow =
  | { kind: 'file'; file: number }
  /** A sentence in place of content: binary, mode change, conflict, too large, … */
  | { kind: 'note'; file: number; text: string }
  | { kind: 'hunk'; file: number; hunk: number }
  /** Unified view: one line of a hunk. */
  | { kind: 'line'; file: number; hunk: number; line: number }
  /** Split view: old side on the left, new side on the right; -1 for an empty cell. */
  | { kind: 'pair'; file: number; hunk: number; left: number; right: number }
  /** A comment under the line it is anchored on (or under the file header when that line is gone). */
  | { kind: 'comment'; file: number; comment: number; outdated: boolean }
  /** A hunk header or line of a file whose hunks have not arrived yet (DiffFile.pending): blank, same height. */
  | { kind: 'pending'; file: number };

export interface DiffLayout {
  rows: DiffRow[];
  /** Row index of each file's header, by file index. */
  fileRows: number[];
  /** Row index of every hunk header, in order (for next/previous hunk). */
  hunkRows: number[];
}

export interface LayoutOptions {
  mode: DiffMode;
  /** Ids of files shown as their header only. */
  collapsed: ReadonlySet<string>;
  comments?: readonly ReviewComment[];
}

export function layoutDiff(diff: Pick<ReviewDiff, 'files'>, options: LayoutOptions): DiffLayout {
  const rows: DiffRow[] = [];
  const fileRows: number[] = [];
  const hunkRows: number[] = [];
  const commentsByPath = groupComments(options.comments ?? []);
  const placed = new Set<number>();
  // A path can be in two areas (staged and unstaged): a comment is outdated only when neither shows its line.
  const shownByPath = new Map<string, Set<string>>();
  if (commentsByPath.size) {
    for (const file of diff.files) {
      const keys = shownByPath.get(file.path) ?? new Set<string>();
      // A file still loading shows none of its comments yet, so none of them is outdated.
      if (file.pending) for (const c of commentsByPath.get(file.path) ?? []) keys.add(`${c.comment.side === 'old' ? 'o' : 'n'}${c.comment.endLine}`);
      for (const hunk of file.hunks) for (const line of hunk.lines) keys.add(lineKey(line));
      shownByPath.set(file.path, keys);
    }
  }

  diff.files.forEach((file, f) => {
    fileRows.push(rows.length);
    rows.push({ kind: 'file', file: f });
    if (options.collapsed.has(file.id)) return;
    if (file.pending) {
      // Comments wait for the lines they are anchored on; the rows keep the file's final height.
      for (const text of fileNotes(file)) rows.push({ kind: 'note', file: f, text });
      const sizes = options.mode === 'unified' ? file.pending.unified : file.pending.split;
      for (const size of sizes) {
        hunkRows.push(rows.length);
        for (let r = 0; r <= size; r++) rows.push({ kind: 'pending', file: f });
      }
      return;
    }

    const comments = (commentsByPath.get(file.path) ?? []).filter(({ index }) => !placed.has(index));
    const anchored = anchorComments(file, comments);
    const anchoredIndexes = new Set([...anchored.values()].flat());
    for (const { index, comment } of comments) {
      if (anchoredIndexes.has(index)) continue;
      if (shownByPath.get(file.path)?.has(`${comment.side === 'old' ? 'o' : 'n'}${comment.endLine}`)) continue;
      placed.add(index);
      rows.push({ kind: 'comment', file: f, comment: index, outdated: true });
    }
    for (const text of fileNotes(file)) rows.push({ kind: 'note', file: f, text });

    file.hunks.forEach((hunk, h) => {
      hunkRows.push(rows.length);
      rows.push({ kind: 'hunk', file: f, hunk: h });
      const after = (line: DiffLine) => {
        if (anchored.size === 0) return;
        for (const index of anchored.get(lineKey(line)) ?? []) {
          placed.add(index);
          rows.push({ kind: 'comment', file: f, comment: index, outdated: false });
        }
      };
      if (options.mode === 'unified') {
        hunk.lines.forEach((line, l) => {
          rows.push({ kind: 'line', file: f, hunk: h, line: l });
          after(line);
        });
      } else {
        for (const [left, right] of pairLines(hunk)) {
          rows.push({ kind: 'pair', file: f, hunk: h, left, right });
          if (left >= 0) after(hunk.lines[left]!);
          if (right >= 0 && right !== left) after(hunk.lines[right]!);
        }
      }
    });
  });
  return { rows, fileRows, hunkRows };
}

/**
 * Split view pairs: a context line faces itself; within a change, the n-th removed line faces the
 * n-th added line, the longer side continuing against empty cells.
 */
export function pairLines(hunk: Pick<DiffHunk, 'lines'>): [number, number][] {
  const pairs: [number, number][] = [];
  const lines = hunk.lines;
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.kind === 'context') {
      pairs.push([i, i]);
      i++;
      continue;
    }
    const dels: number[] = [];
    const adds: number[] = [];
    while (i < lines.length && lines[i]!.kind !== 'context') {
      (lines[i]!.kind === 'del' ? dels : adds).push(i);
      i++;
    }
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) pairs.push([dels[k] ?? -1, adds[k] ?? -1]);
  }
  return pairs;
}

/** Sentences for what a file's hunks cannot show. */
export function fileNotes(file: DiffFile): string[] {
  const notes: string[] = [];
  if (file.status === 'U') notes.push('In conflict: resolve it in your editor, then stage it.');
  if (file.tooLarge) notes.push('Too large to show.');
  if (file.binary) notes.push('Binary file: not shown.');
  if (file.modeChanged) notes.push(`Mode changed from ${file.oldMode} to ${file.newMode}${modeMeaning(file.oldMode, file.newMode)}.`);
  if (file.lossyText) notes.push('Not UTF-8 text: shown with replacement characters; stage or revert it as a whole file.');
  const empty = file.hunks.length === 0 && !file.pending && !file.binary && !file.tooLarge && file.status !== 'U' && !file.modeChanged;
  if (empty && (file.status === 'R' || file.status === 'C')) notes.push(`${file.status === 'R' ? 'Renamed' : 'Copied'} from ${file.oldPath} without changes.`);
  else if (empty && file.submodule) notes.push('Submodule folder.');
  else if (empty && file.status === 'A') notes.push('Empty file.');
  else if (empty && file.status === 'D') notes.push('Empty file deleted.');
  return notes;
}

function modeMeaning(from: string | null, to: string | null): string {
  if (from === '100644' && to === '100755') return ' (now executable)';
  if (from === '100755' && to === '100644') return ' (no longer executable)';
  return '';
}

/** `o12` for a removed line, `n15` for an added or context line: the same key comments use. */
function lineKey(line: Pick<DiffLine, 'kind' | 'oldNo' | 'newNo'>): string {
  return line.kind === 'del' ? `o${line.oldNo}` : `n${line.newNo}`;
}

function groupComments(comments: readonly ReviewComment[]): Map<string, { index: number; comment: ReviewComment }[]> {
  const byPath = new Map<string, { index: number; comment: ReviewComment }[]>();
  comments.forEach((comment, index) => {
    const list = byPath.get(comment.path) ?? [];
    list.push({ index, comment });
    byPath.set(comment.path, list);
  });
  return byPath;
}

/** Comment indexes by the key of the line they end on, for the lines this file shows. */
function anchorComments(file: DiffFile, comments: { index: number; comment: ReviewComment }[]): Map<string, number[]> {
  const anchored = new Map<string, number[]>();
  if (comments.length === 0) return anchored;
  const shown = new Set<string>();
  for (const hunk of file.hunks) for (const line of hunk.lines) shown.add(lineKey(line));
  for (const { index, comment } of comments) {
    const key = `${comment.side === 'old' ? 'o' : 'n'}${comment.endLine}`;
    if (!shown.has(key)) continue;
    anchored.set(key, [...(anchored.get(key) ?? []), index]);
  }
  return anchored;
}

/** Indexes of the files with pending rows among rows `first`..`end` (end exclusive). */
export function pendingFilesIn(layout: Pick<DiffLayout, 'rows'>, first: number, end: number): number[] {
  const files: number[] = [];
  const to = Math.min(end, layout.rows.length);
  for (let r = Math.max(0, first); r < to; r++) {
    const row = layout.rows[r]!;
    if (row.kind === 'pending' && files[files.length - 1] !== row.file) files.push(row.file);
  }
  return files;
}
