/**
 * The parser on real `git diff` output captured in test/fixtures/diffs (see capture.ts there).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLineId, type DiffFile } from '../../../shared/contract';
import { computeTotals, formatHunkHeader, parseGitDiff, scanGitDiff, scannedOf } from '../../../electron/core/review/diff-model';
import { splitRawAndPatch } from '../../../electron/core/review/raw-records';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures/diffs', `${name}.diff`), 'utf8');
const parse = (name: string) => parseGitDiff(fixture(name), 'range');
const file = (files: DiffFile[], p: string) => {
  const f = files.find((x) => x.path === p);
  if (!f) throw new Error(`no ${JSON.stringify(p)} among ${JSON.stringify(files.map((x) => x.path))}`);
  return f;
};
const rows = (f: DiffFile) => f.hunks.flatMap((h) => h.lines.map((l) => [l.kind, l.oldNo, l.newNo, l.text, l.noNewlineAtEof ?? false]));

describe('parseGitDiff', () => {
  it('reads hunks with their headings, line numbers and counts', () => {
    const [f] = parse('modify');
    expect(f).toMatchObject({ path: 'src/app.c', oldPath: null, status: 'M', additions: 2, deletions: 1, binary: false, modeChanged: false });
    expect(f!.hunks.map((h) => [h.header, h.heading, h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      ['@@ -1,7 +1,7 @@', '', 1, 7, 1, 7],
      ['@@ -34,5 +34,6 @@ int helper(void)', 'int helper(void)', 34, 5, 34, 6],
    ]);
    expect(f!.hunks[0]!.lines.slice(2, 5).map((l) => [l.kind, l.oldNo, l.newNo, l.text])).toEqual([
      ['context', 3, 3, '  step 1'],
      ['del', 4, null, '  step 2'],
      ['add', null, 4, '  step 2 changed'],
    ]);
    const added = f!.hunks[1]!.lines.find((l) => l.kind === 'add')!;
    expect(added).toMatchObject({ newNo: 37, text: '  work 9b' });
    expect(diffLineId(f!.id, added)).toBe(`${f!.id}:n37`);
    expect(f!.hunks[1]!.id).toBe(`${f!.id}:h34.5.34.6`);
  });

  it('reads renames and copies with similarity, from exact raw paths', () => {
    const files = parse('rename-copy');
    expect(files.map((f) => [f.status, f.oldPath, f.path, f.similarity])).toEqual([
      ['C', 'orig.txt', 'copy of orig.txt', 100],
      ['R', 'moved.txt', 'dir/moved-and-edited.txt', 96],
      ['M', null, 'orig.txt', null],
      ['R', 'pure.txt', 'pure renamed.txt', 100],
    ]);
    expect(file(files, 'copy of orig.txt').hunks).toEqual([]);
    expect(file(files, 'dir/moved-and-edited.txt').hunks[0]!.lines.at(-1)).toMatchObject({ kind: 'add', newNo: 31, text: 'one more' });
  });

  it('marks binary files, which have no hunks', () => {
    const files = parse('binary');
    expect(files.map((f) => [f.status, f.path, f.binary, f.hunks.length, f.oldMode, f.newMode])).toEqual([
      ['M', 'image.png', true, 0, '100644', '100644'],
      ['A', 'new.bin', true, 0, null, '100644'],
    ]);
  });

  it('reads mode changes with and without content changes', () => {
    const files = parse('mode');
    expect(file(files, 'only-mode.sh')).toMatchObject({ oldMode: '100644', newMode: '100755', modeChanged: true, hunks: [] });
    expect(file(files, 'mode-and-content.sh')).toMatchObject({ modeChanged: true, additions: 1 });
  });

  it('puts "no newline at end of file" on the right side of each change', () => {
    const files = parse('no-eol');
    expect(rows(file(files, 'both-without.txt'))).toEqual([
      ['context', 1, 1, 'a', false],
      ['del', 2, null, 'b', true],
      ['add', null, 2, 'c', true],
    ]);
    expect(rows(file(files, 'gain-newline.txt')).slice(1)).toEqual([
      ['del', 2, null, 'b', true],
      ['add', null, 2, 'b', false],
    ]);
    expect(rows(file(files, 'lose-newline.txt')).slice(1)).toEqual([
      ['del', 2, null, 'b', false],
      ['add', null, 2, 'b', true],
    ]);
  });

  it('reads a submodule as a gitlink whose lines are commits', () => {
    const [f] = parse('submodule');
    expect(f).toMatchObject({ path: 'libs/sub', submodule: true, oldMode: '160000', newMode: '160000', status: 'M' });
    expect(rows(f!).map((r) => r[3])).toEqual([expect.stringMatching(/^Subproject commit [0-9a-f]{40}$/), expect.stringMatching(/^Subproject commit [0-9a-f]{40}$/)]);
  });

  it('keeps quoted and Unicode paths exact, trailing spaces included', () => {
    const files = parse('paths');
    expect(files.map((f) => [f.status, f.path])).toEqual([
      ['M', 'back\\slash.txt'],
      ['M', 'new\nline.txt'],
      ['D', 'quote "q".txt'],
      ['A', 'renamed "q" ü.txt'],
      ['M', 'tab\there.txt'],
      ['M', 'trailing space .txt'],
      ['M', 'with space.txt'],
      ['M', '日本語/ファイル.txt'],
    ]);
    for (const f of files) expect(f.additions + f.deletions).toBeGreaterThan(0);
  });

  it('joins the two sections of a type change (symlink → file) into one file', () => {
    const [f, ...rest] = parse('typechange');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ status: 'T', oldMode: '120000', newMode: '100644', additions: 1, deletions: 1 });
    expect(rows(f!)).toEqual([
      ['del', 1, null, 'target.txt', true],
      ['add', null, 1, 'a regular file now', false],
    ]);
  });

  it('leaves out an unmerged path (listed from git status instead) and keeps the rest in step', () => {
    const text = fixture('conflict');
    expect(splitRawAndPatch(text).records.map((r) => [r.combined, r.path])).toEqual([
      [true, 'c.txt'],
      [false, 'other.txt'],
    ]);
    expect(parseGitDiff(text, 'unstaged').map((f) => [f.status, f.path, f.area])).toEqual([['M', 'other.txt', 'unstaged']]);
  });

  it('keeps the CR of CRLF lines in the text', () => {
    const [f] = parse('crlf');
    expect(rows(f!).map((r) => r[3])).toEqual(['one\r', 'two\r', 'TWO\r', 'three\r']);
  });

  it('reads an empty new file (no hunks) and a deletion', () => {
    const files = parse('empty-files');
    expect(files.map((f) => [f.status, f.path, f.hunks.length, f.additions, f.deletions])).toEqual([
      ['A', 'new-empty.txt', 0, 0, 0],
      ['D', 'will-be-deleted.txt', 1, 0, 1],
    ]);
  });

  it('gives stable ids per area and path, and versions that follow the content', () => {
    const a = parseGitDiff(fixture('modify'), 'unstaged');
    const b = parseGitDiff(fixture('modify'), 'unstaged');
    const staged = parseGitDiff(fixture('modify'), 'staged');
    expect(a[0]!.id).toBe(b[0]!.id);
    expect(a[0]!.id).not.toBe(staged[0]!.id);
    expect(a[0]!.version).toBe(b[0]!.version);
    const otherContent = fixture('modify').replace(/\.\.78aae3da/, '..11111111');
    expect(parseGitDiff(otherContent, 'unstaged')[0]!.version).not.toBe(a[0]!.version);
  });

  it('reads an empty diff as no files, and refuses output it cannot line up', () => {
    expect(parseGitDiff('', 'range')).toEqual([]);
    const text = fixture('modify');
    const withoutPatch = text.slice(0, text.indexOf('diff --git'));
    expect(() => parseGitDiff(withoutPatch, 'range')).toThrow(/no patch for src\/app\.c/);
  });

  it('flags text that was not valid UTF-8', () => {
    const text = fixture('crlf').replace('+TWO', '+T\uFFFDO');
    expect(parseGitDiff(text, 'range')[0]!.lossyText).toBe(true);
    expect(parse('crlf')[0]!.lossyText).toBe(false);
  });
});

describe('helpers', () => {
  it('formats hunk headers the way git does, empty sides naming the line before', () => {
    expect(formatHunkHeader({ oldStart: 1, oldLines: 0, newStart: 1, newLines: 3 })).toBe('@@ -0,0 +1,3 @@');
    expect(formatHunkHeader({ oldStart: 6, oldLines: 0, newStart: 6, newLines: 1 })).toBe('@@ -5,0 +6 @@');
    expect(formatHunkHeader({ oldStart: 4, oldLines: 2, newStart: 4, newLines: 1 })).toBe('@@ -4,2 +4 @@');
  });

  it('totals files, additions and deletions', () => {
    expect(computeTotals(parse('rename-copy'))).toEqual({ files: 4, additions: 2, deletions: 0 });
  });
});

describe('scanGitDiff (a file read without its lines, built later)', () => {
  const names = fs
    .readdirSync(path.join(__dirname, '../../fixtures/diffs'))
    .filter((n) => n.endsWith('.diff'))
    .map((n) => n.slice(0, -'.diff'.length));

  it('gives every fixture the same files, counts, versions and row sizes a full parse does', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      const full = parseGitDiff(fixture(name), 'unstaged');
      const scanned = scanGitDiff(fixture(name), 'unstaged');
      expect(scanned.map((s) => s.build()), name).toEqual(full);
      expect(scanned.map((s) => s.file), name).toEqual(full.map((f) => ({ ...f, hunks: [] })));
      // Row sizes as if counted from the built lines (scannedOf counts them from a whole file).
      expect(scanned.map((s) => [s.rows, s.lines]), name).toEqual(full.map((f) => [scannedOf(f).rows, scannedOf(f).lines]));
    }
  });

  it('counts a hunk by its @@ counts: blank context lines and "no newline" markers, not the next hunk', () => {
    const patch =
      ':100644 100644 1111111111111111111111111111111111111111 0000000000000000000000000000000000000000 M\0a.txt\0' +
      'diff --git a/a.txt b/a.txt\nindex 1111111..2222222 100644\n--- a/a.txt\n+++ b/a.txt\n' +
      '@@ -1,3 +1,3 @@ head\n one\n\n-two\n+deux\n@@ -9 +9,2 @@\n-nine\n\\ No newline at end of file\n+nine\n+ten\n\\ No newline at end of file\n';
    const [scanned] = scanGitDiff(patch, 'unstaged');
    const [full] = parseGitDiff(patch, 'unstaged');
    expect(scanned!.rows).toEqual({ unified: [4, 3], split: [3, 2] });
    expect(scanned!.file).toEqual({ ...full!, hunks: [] });
    expect([full!.additions, full!.deletions]).toEqual([3, 2]);
    expect(scanned!.rows.unified).toEqual(full!.hunks.map((h) => h.lines.length));
  });
});
