/** The review view's row layout and its store's pure helpers, on diffs parsed from real git output. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLineId, type DiffFile, type ReviewComment, type ReviewDiff } from '../../../shared/contract';
import { parseGitDiff } from '../../../electron/core/review/diff-model';
import { fileNotes, layoutDiff, pairLines, pendingFilesIn } from '../../../renderer/src/features/review/diff-rows';
import { firstPage } from '../../../electron/core/review/diff-pages';
import { changedChosen, commentRange, mergeFiles } from '../../../renderer/src/features/review/review-store';

const files = (name: string, area: 'unstaged' | 'range' = 'range') => parseGitDiff(fs.readFileSync(path.join(__dirname, '../../fixtures/diffs', `${name}.diff`), 'utf8'), area);
const asDiff = (fs: DiffFile[]): ReviewDiff => ({
  repoRoot: '/r',
  source: { kind: 'working' },
  sourceKey: 'working',
  title: 'Working tree',
  baseId: null,
  headId: null,
  actionable: true,
  files: fs,
  totals: { files: fs.length, additions: 0, deletions: 0 },
  notices: [],
  producedAt: 0,
});
const comment = (over: Partial<ReviewComment>): ReviewComment => ({
  id: 'c',
  repoRoot: '/r',
  sourceKey: 'working',
  path: 'src/app.c',
  side: 'new',
  startLine: 1,
  endLine: 1,
  body: 'b',
  createdAt: 0,
  ...over,
});

describe('layoutDiff', () => {
  it('unified: a file row, then per hunk a header row and one row per line; indexes for navigation', () => {
    const diff = asDiff(files('modify'));
    const { rows, fileRows, hunkRows } = layoutDiff(diff, { mode: 'unified', collapsed: new Set() });
    const f = diff.files[0]!;
    expect(rows.length).toBe(1 + f.hunks.length + f.hunks.reduce((n, h) => n + h.lines.length, 0));
    expect(fileRows).toEqual([0]);
    expect(hunkRows).toEqual([1, 2 + f.hunks[0]!.lines.length]);
    expect(rows[2]).toEqual({ kind: 'line', file: 0, hunk: 0, line: 0 });
  });

  it('split: removed and added lines face each other; context faces itself', () => {
    const [f] = files('no-eol').filter((x) => x.path === 'both-without.txt');
    expect(pairLines(f!.hunks[0]!)).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(pairLines({ lines: [{ kind: 'del', oldNo: 1, newNo: null, text: 'a' }, { kind: 'del', oldNo: 2, newNo: null, text: 'b' }, { kind: 'add', oldNo: null, newNo: 1, text: 'c' }] })).toEqual([
      [0, 2],
      [1, -1],
    ]);
  });

  it('a folded file is its header only', () => {
    const diff = asDiff(files('rename-copy'));
    const folded = new Set(diff.files.map((f) => f.id));
    const { rows } = layoutDiff(diff, { mode: 'unified', collapsed: folded });
    expect(rows.map((r) => r.kind)).toEqual(['file', 'file', 'file', 'file']);
  });

  it('puts a comment under the line it ends on, and one whose line is gone under the file header', () => {
    const diff = asDiff(files('modify'));
    const comments = [comment({ id: 'on', startLine: 36, endLine: 37 }), comment({ id: 'gone', endLine: 999 }), comment({ id: 'other', path: 'x.c' })];
    const { rows } = layoutDiff(diff, { mode: 'unified', collapsed: new Set(), comments });
    const f = diff.files[0]!;
    const at = rows.findIndex((r) => r.kind === 'comment' && !r.outdated);
    const before = rows[at - 1]!;
    expect(before.kind === 'line' && f.hunks[before.hunk]!.lines[before.line]!.newNo).toBe(37);
    expect(rows[1]).toEqual({ kind: 'comment', file: 0, comment: 1, outdated: true });
    expect(rows.filter((r) => r.kind === 'comment')).toHaveLength(2);
  });

  it('a path in two areas: the comment sits under the entry that shows its line, not outdated under the other', () => {
    const f = files('modify')[0]!;
    const diff = asDiff([{ ...f, id: 'staged', area: 'staged', hunks: [] }, { ...f, id: 'unstaged', area: 'unstaged' }]);
    const { rows } = layoutDiff(diff, { mode: 'unified', collapsed: new Set(), comments: [comment({ startLine: 37, endLine: 37 })] });
    const comments = rows.filter((r) => r.kind === 'comment');
    expect(comments).toEqual([{ kind: 'comment', file: 1, comment: 0, outdated: false }]);
  });

  // A bound loose enough for a busy machine: it catches accidental quadratic work, not milliseconds.
  it('lays out 100,000 lines quickly', () => {
    const base = files('modify')[0]!;
    const big = asDiff(
      Array.from({ length: 1000 }, (_, i) => ({
        ...base,
        id: `f${i}`,
        hunks: [{ id: `f${i}:h`, header: '', heading: '', oldStart: 1, oldLines: 50, newStart: 1, newLines: 50, additions: 50, deletions: 50, lines: Array.from({ length: 100 }, (_, n) => ({ kind: n % 2 ? ('add' as const) : ('del' as const), oldNo: n, newNo: n, text: 'x' })) }],
      })),
    );
    const t0 = performance.now();
    const { rows } = layoutDiff(big, { mode: 'split', collapsed: new Set() });
    expect(rows.length).toBe(1000 * 52);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});

describe('fileNotes', () => {
  it('says what the hunks cannot show', () => {
    const mode = files('mode');
    expect(fileNotes(mode.find((f) => f.path === 'only-mode.sh')!)).toEqual(['Mode changed from 100644 to 100755 (now executable).']);
    expect(fileNotes(files('binary')[0]!)).toEqual(['Binary file: not shown.']);
    expect(fileNotes(files('rename-copy').find((f) => f.status === 'C')!)).toEqual(['Copied from orig.txt without changes.']);
    expect(fileNotes(files('empty-files')[0]!)).toEqual(['Empty file.']);
  });
});

describe('review store helpers', () => {
  it('a line action takes only chosen added and removed lines; a comment range prefers the new side', () => {
    const f = files('modify')[0]!;
    const hunk = f.hunks[0]!;
    const ids = hunk.lines.map((l) => diffLineId(f.id, l));
    expect(changedChosen(f, hunk, ids)).toEqual(hunk.lines.filter((l) => l.kind !== 'context').map((l) => diffLineId(f.id, l)));
    expect(commentRange(f, hunk, ids.slice(2, 5))).toEqual({ side: 'new', startLine: 3, endLine: 4 });
    const removed = hunk.lines.find((l) => l.kind === 'del')!;
    expect(commentRange(f, hunk, [diffLineId(f.id, removed)])).toEqual({ side: 'old', startLine: removed.oldNo, endLine: removed.oldNo });
    expect(commentRange(f, hunk, [])).toBeNull();
  });

  it('merges an action result: the touched paths are replaced in their areas, others stay, totals follow', () => {
    const before = asDiff([
      { ...files('modify', 'unstaged')[0]!, area: 'staged', path: 'a.txt', additions: 1, deletions: 0 },
      { ...files('modify', 'unstaged')[0]!, area: 'unstaged', path: 'a.txt', additions: 2, deletions: 1 },
      { ...files('modify', 'unstaged')[0]!, area: 'unstaged', path: 'b.txt', additions: 5, deletions: 5 },
    ]);
    const fresh = [{ ...before.files[0]!, additions: 3, deletions: 1 }];
    const after = mergeFiles(before, fresh, ['a.txt']);
    expect(after.files.map((f) => `${f.area}:${f.path}:${f.additions}`)).toEqual(['staged:a.txt:3', 'unstaged:b.txt:5']);
    expect(after.totals).toEqual({ files: 2, additions: 8, deletions: 6 });
  });
});

describe('files whose hunks have not arrived (DiffFile.pending)', () => {
  const all = [...files('modify'), ...files('no-eol'), ...files('rename-copy'), ...files('crlf')];
  const pendingAll = asDiff(firstPage(asDiff(all), 0).files);

  it('take exactly the rows and hunk stops their lines will, in both layouts, with the same notes', () => {
    for (const mode of ['unified', 'split'] as const) {
      const loaded = layoutDiff(asDiff(all), { mode, collapsed: new Set() });
      const pending = layoutDiff(pendingAll, { mode, collapsed: new Set() });
      expect(pendingAll.files.some((f) => f.pending)).toBe(true);
      expect(pending.rows.length).toBe(loaded.rows.length);
      expect(pending.fileRows).toEqual(loaded.fileRows);
      expect(pending.hunkRows).toEqual(loaded.hunkRows);
      expect(pending.rows.filter((r) => r.kind === 'note')).toEqual(loaded.rows.filter((r) => r.kind === 'note'));
      expect(pendingFilesIn(pending, 0, pending.rows.length)).toEqual(pendingAll.files.flatMap((f, i) => (f.pending ? [i] : [])));
    }
  });

  it('keep their comments back until the lines arrive, without calling them outdated', () => {
    const target = pendingAll.files.find((f) => f.pending)!;
    const c = comment({ path: target.path, side: 'new', startLine: 1, endLine: 1 });
    const layout = layoutDiff(pendingAll, { mode: 'unified', collapsed: new Set(), comments: [c] });
    expect(layout.rows.filter((r) => r.kind === 'comment')).toEqual([]);
  });
});
