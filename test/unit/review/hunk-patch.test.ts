/**
 * The patches built for hunk and line actions, as text. (That git applies them, with the right
 * result, is proven against real repositories in test/integration/review.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLineId, type DiffFile } from '../../../shared/contract';
import { parseGitDiff } from '../../../electron/core/review/diff-model';
import { buildHunkPatch, quotePath } from '../../../electron/core/review/hunk-patch';

const fixture = (name: string) => parseGitDiff(fs.readFileSync(path.join(__dirname, '../../fixtures/diffs', `${name}.diff`), 'utf8'), 'unstaged');
const byPath = (files: DiffFile[], p: string) => files.find((f) => f.path === p)!;
const ids = (f: DiffFile, ...texts: string[]) => new Set(f.hunks[0]!.lines.filter((l) => l.kind !== 'context' && texts.includes(l.text)).map((l) => diffLineId(f.id, l)));

describe('buildHunkPatch', () => {
  it('a whole hunk: the file header, then the hunk placed where the target holds it', () => {
    const [f] = fixture('modify');
    const hunk = f!.hunks[1]!;
    expect(buildHunkPatch(f!, hunk, null, 'forward')).toBe(
      'diff --git a/src/app.c b/src/app.c\n--- a/src/app.c\n+++ b/src/app.c\n@@ -34,5 +34,6 @@\n   work 7\n   work 8\n   work 9\n+  work 9b\n   work 10\n }\n',
    );
  });

  it('forward with chosen lines: unchosen removals stay as context, unchosen additions go', () => {
    const f = byPath(fixture('no-eol'), 'both-without.txt');
    // Only "+c": "b" (no newline) must stay, and can only be followed by "c" if it gets a newline.
    expect(buildHunkPatch(f, f.hunks[0]!, ids(f, 'c'), 'forward')).toBe(
      'diff --git a/both-without.txt b/both-without.txt\n--- a/both-without.txt\n+++ b/both-without.txt\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n',
    );
    // Only "-b": the file ends after "a\n".
    expect(buildHunkPatch(f, f.hunks[0]!, ids(f, 'b'), 'forward')).toBe(
      'diff --git a/both-without.txt b/both-without.txt\n--- a/both-without.txt\n+++ b/both-without.txt\n@@ -1,2 +1 @@\n a\n-b\n\\ No newline at end of file\n',
    );
  });

  it('reverse with chosen lines: unchosen additions stay as context, unchosen removals go', () => {
    const f = byPath(fixture('no-eol'), 'both-without.txt');
    // Take back only "-b": it returns before "c", so it needs its newline.
    expect(buildHunkPatch(f, f.hunks[0]!, ids(f, 'b'), 'reverse')).toBe(
      'diff --git a/both-without.txt b/both-without.txt\n--- a/both-without.txt\n+++ b/both-without.txt\n@@ -1,3 +1,2 @@\n a\n-b\n c\n\\ No newline at end of file\n',
    );
    // Take back only "+c".
    expect(buildHunkPatch(f, f.hunks[0]!, ids(f, 'c'), 'reverse')).toBe(
      'diff --git a/both-without.txt b/both-without.txt\n--- a/both-without.txt\n+++ b/both-without.txt\n@@ -1 +1,2 @@\n a\n+c\n\\ No newline at end of file\n',
    );
  });

  it('returns null when the choice holds no change', () => {
    const [f] = fixture('modify');
    expect(buildHunkPatch(f!, f!.hunks[0]!, new Set(['nothing']), 'forward')).toBeNull();
  });

  it('keeps a creation header while the old side stays empty, and a deletion header while the new side does', () => {
    const files = fixture('empty-files');
    const deleted = byPath(files, 'will-be-deleted.txt');
    expect(buildHunkPatch(deleted, deleted.hunks[0]!, null, 'forward')).toBe(
      'diff --git a/will-be-deleted.txt b/will-be-deleted.txt\ndeleted file mode 100644\n--- a/will-be-deleted.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n',
    );
    const added = byPath(fixture('paths'), 'renamed "q" ü.txt');
    expect(buildHunkPatch(added, added.hunks[0]!, null, 'forward')).toBe(
      'diff --git "a/renamed \\"q\\" ü.txt" "b/renamed \\"q\\" ü.txt"\nnew file mode 100644\n--- /dev/null\n+++ "b/renamed \\"q\\" ü.txt"\t\n@@ -0,0 +1 @@\n+after\n',
    );
  });

  it('patches a renamed file at its new path, without the rename', () => {
    const f = parseGitDiff(fs.readFileSync(path.join(__dirname, '../../fixtures/diffs/rename-copy.diff'), 'utf8'), 'staged').find((x) => x.status === 'R' && x.hunks.length)!;
    const patch = buildHunkPatch(f, f.hunks[0]!, null, 'reverse')!;
    expect(patch.split('\n').slice(0, 3)).toEqual(['diff --git a/dir/moved-and-edited.txt b/dir/moved-and-edited.txt', '--- a/dir/moved-and-edited.txt', '+++ b/dir/moved-and-edited.txt']);
    expect(patch).not.toMatch(/rename/);
  });
});

describe('quotePath', () => {
  it('quotes like git only when it must; non-ASCII stays as it is', () => {
    expect(quotePath('a/plain name ü.txt')).toBe('a/plain name ü.txt');
    expect(quotePath('a/tab\there')).toBe('"a/tab\\there"');
    expect(quotePath('a/new\nline')).toBe('"a/new\\nline"');
    expect(quotePath('a/q"b\\c')).toBe('"a/q\\"b\\\\c"');
    expect(quotePath('a/bell\x07')).toBe('"a/bell\\007"');
  });
});
