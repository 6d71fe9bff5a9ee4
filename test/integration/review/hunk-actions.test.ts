/**
 * Hunk and line actions on real repositories, checked with git's own `git diff` / `git diff --cached`
 * and the bytes in the index and working tree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffLineId, type DiffArea, type DiffFile, type DiffHunk, type ReviewDiff } from '../../../shared/contract';
import { makeHarness, type Harness } from './harness';
import { numberedLines, TestRepo } from './test-repo';

let repo: TestRepo;
let h: Harness;
beforeEach(() => {
  repo = TestRepo.create();
  h = makeHarness();
});
afterEach(() => {
  h.dispose();
  repo.cleanup();
});

const working = (): Promise<ReviewDiff> => h.call('review.diff', { workspacePath: repo.root, source: { kind: 'working' } });
async function fileIn(area: DiffArea, p: string): Promise<DiffFile> {
  const f = (await working()).files.find((x) => x.area === area && x.path === p);
  if (!f) throw new Error(`no ${area} ${p}`);
  return f;
}
const ref = (f: DiffFile) => ({ area: f.area as 'staged' | 'unstaged' | 'untracked', path: f.path, oldPath: f.oldPath, version: f.version });
const changedIds = (f: DiffFile, hk: DiffHunk, pick: (text: string) => boolean) =>
  hk.lines.filter((l) => l.kind !== 'context' && pick(l.text)).map((l) => diffLineId(f.id, l));

/** A 30-line file changed in two places far apart: two hunks. */
function twoHunkFile(): void {
  const lines = numberedLines(30);
  repo.write('two.txt', lines.join('\n') + '\n');
  repo.commitAll('init');
  lines[2] = 'line 3 changed';
  lines[26] = 'line 27 changed';
  lines.splice(27, 0, 'inserted after 27');
  repo.write('two.txt', lines.join('\n') + '\n');
}

describe('stage, unstage and revert a hunk', () => {
  it('stages one hunk of two: the index gets it, the working tree keeps the other', async () => {
    twoHunkFile();
    const f = await fileIn('unstaged', 'two.txt');
    expect(f.hunks).toHaveLength(2);
    const result = await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[1]!.id });
    expect(result.message).toBe('Staged the hunk in two.txt');

    expect(repo.git('diff', '--cached', '-U0', '--no-color')).toMatch(/@@ -27 \+27,2 @@[^\n]*\n-line 27\n\+line 27 changed\n\+inserted after 27\n$/);
    expect(repo.git('diff', '-U0', '--no-color')).toMatch(/@@ -3 \+3 @@[^\n]*\n-line 3\n\+line 3 changed\n$/);
    // The result carries the file's new state in both areas, ready for the panel.
    expect(result.files.map((x) => `${x.area}:${x.path}:${x.additions}`)).toEqual(['staged:two.txt:2', 'unstaged:two.txt:1']);
    expect(h.events.filter((e) => e.event === 'review.changed')).toEqual([{ event: 'review.changed', payload: { repoRoot: repo.root, paths: ['two.txt'] } }]);
  });

  it('unstages one staged hunk, leaving the working tree as it is', async () => {
    twoHunkFile();
    repo.git('add', 'two.txt');
    const f = await fileIn('staged', 'two.txt');
    await h.call('review.unstageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id });
    expect(repo.git('diff', '--cached', '-U0', '--no-color')).toMatch(/@@ -27 \+27,2 @@/);
    expect(repo.git('diff', '--cached', '-U0', '--no-color')).not.toMatch(/line 3 changed/);
    expect(repo.git('diff', '-U0', '--no-color')).toMatch(/@@ -3 \+3 @@[^\n]*\n-line 3\n\+line 3 changed\n$/);
    expect(repo.read('two.txt')).toContain('line 3 changed');
  });

  it('reverts one hunk in the working tree and keeps a copy of the file first', async () => {
    twoHunkFile();
    const before = repo.read('two.txt');
    const f = await fileIn('unstaged', 'two.txt');
    const result = await h.call('review.revertHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id });
    expect(repo.read('two.txt')).not.toContain('line 3 changed');
    expect(repo.read('two.txt')).toContain('line 27 changed');
    expect(repo.git('diff', '--cached')).toBe('');
    expect(result.backupPath).toBeTruthy();
    expect(fs.readFileSync(path.join(result.backupPath!, 'worktree', 'two.txt'), 'utf8')).toBe(before);
    const manifest = JSON.parse(fs.readFileSync(path.join(result.backupPath!, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ repoRoot: repo.root, entries: [{ path: 'two.txt', from: 'worktree' }] });
    expect(result.backupPath!.startsWith(path.join(h.dataDir, 'review-backups'))).toBe(true);
  });
});

describe('chosen lines', () => {
  it('stages only the chosen lines; unchosen removals stay as context', async () => {
    repo.write('l.txt', 'a\nb\nc\nd\n');
    repo.commitAll('init');
    repo.write('l.txt', 'a\nB1\nB2\nc\nD\n');
    const f = await fileIn('unstaged', 'l.txt');
    expect(f.hunks).toHaveLength(1);
    const hunk = f.hunks[0]!;
    // Take "-b" and "+B2", leave "+B1", "-d" and "+D".
    await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: hunk.id, lineIds: changedIds(f, hunk, (t) => t === 'b' || t === 'B2') });
    expect(repo.staged('l.txt')).toBe('a\nB2\nc\nd\n');
    expect(repo.read('l.txt')).toBe('a\nB1\nB2\nc\nD\n');
  });

  it('unstages only the chosen lines; unchosen additions stay staged', async () => {
    repo.write('l.txt', 'a\nb\nc\n');
    repo.commitAll('init');
    repo.write('l.txt', 'a\nX\nY\nc\n');
    repo.git('add', 'l.txt');
    const f = await fileIn('staged', 'l.txt');
    const hunk = f.hunks[0]!;
    // Take back "+Y" only: the index keeps X, drops Y, and still lacks b.
    await h.call('review.unstageHunk', { workspacePath: repo.root, file: ref(f), hunkId: hunk.id, lineIds: changedIds(f, hunk, (t) => t === 'Y') });
    expect(repo.staged('l.txt')).toBe('a\nX\nc\n');
    // Then the removal of "b" alone: b comes back into the index.
    const g = await fileIn('staged', 'l.txt');
    await h.call('review.unstageHunk', { workspacePath: repo.root, file: ref(g), hunkId: g.hunks[0]!.id, lineIds: changedIds(g, g.hunks[0]!, (t) => t === 'b') });
    expect(repo.staged('l.txt')).toBe('a\nb\nX\nc\n');
    expect(repo.read('l.txt')).toBe('a\nX\nY\nc\n');
  });

  it('reverts only the chosen lines in the working tree', async () => {
    repo.write('l.txt', 'a\nb\nc\n');
    repo.commitAll('init');
    repo.write('l.txt', 'a\nX\nY\nc\n');
    const f = await fileIn('unstaged', 'l.txt');
    const hunk = f.hunks[0]!;
    await h.call('review.revertHunk', { workspacePath: repo.root, file: ref(f), hunkId: hunk.id, lineIds: changedIds(f, hunk, (t) => t === 'b' || t === 'Y') });
    expect(repo.read('l.txt')).toBe('a\nb\nX\nc\n');
  });

  it('keeps "no newline at end of file" right when only part of a last-line change is taken', async () => {
    repo.write('eof.txt', 'a\nb');
    repo.commitAll('init');
    repo.write('eof.txt', 'a\nc');
    // Stage only the new last line: the old last line stays and needs its newline now.
    let f = await fileIn('unstaged', 'eof.txt');
    await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id, lineIds: changedIds(f, f.hunks[0]!, (t) => t === 'c') });
    expect(repo.staged('eof.txt')).toBe('a\nb\nc');
    repo.git('reset', '-q');
    // Stage only the removal: the file ends after "a\n".
    f = await fileIn('unstaged', 'eof.txt');
    await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id, lineIds: changedIds(f, f.hunks[0]!, (t) => t === 'b') });
    expect(repo.staged('eof.txt')).toBe('a\n');
    repo.git('reset', '-q');
    // Revert only the removal in the working tree: "b" comes back before "c", with a newline.
    f = await fileIn('unstaged', 'eof.txt');
    await h.call('review.revertHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id, lineIds: changedIds(f, f.hunks[0]!, (t) => t === 'b') });
    expect(repo.read('eof.txt')).toBe('a\nb\nc');
  });

  it('keeps CRLF line endings byte for byte', async () => {
    repo.write('crlf.txt', 'one\r\ntwo\r\nthree\r\n');
    repo.commitAll('init');
    repo.write('crlf.txt', 'one\r\nTWO\r\nthree\r\nfour\r\n');
    const f = await fileIn('unstaged', 'crlf.txt');
    expect(f.hunks[0]!.lines.find((l) => l.kind === 'add')!.text).toBe('TWO\r');
    await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id, lineIds: changedIds(f, f.hunks[0]!, (t) => t.startsWith('four')) });
    expect(repo.staged('crlf.txt')).toBe('one\r\ntwo\r\nthree\r\nfour\r\n');
  });
});

describe('new, deleted and untracked files', () => {
  it('stages an untracked file whole (with its mode), or only chosen lines of it', async () => {
    repo.write('keep.txt', 'k\n');
    repo.commitAll('init');
    repo.write('run.sh', '#!/bin/sh\necho one\necho two\n', 0o755);
    let f = await fileIn('untracked', 'run.sh');
    expect(f.newMode).toBe('100755');
    await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id, lineIds: changedIds(f, f.hunks[0]!, (t) => t !== 'echo two') });
    expect(repo.staged('run.sh')).toBe('#!/bin/sh\necho one\n');
    expect(repo.git('ls-files', '-s', 'run.sh')).toMatch(/^100755 /);
    // What is left shows as an unstaged change of a now-tracked file.
    f = await fileIn('unstaged', 'run.sh');
    expect(f.hunks[0]!.lines.filter((l) => l.kind === 'add').map((l) => l.text)).toEqual(['echo two']);

    repo.write('whole.txt', 'w1\nw2');
    const w = await fileIn('untracked', 'whole.txt');
    await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(w), hunkId: w.hunks[0]!.id });
    expect(repo.staged('whole.txt')).toBe('w1\nw2');
  });

  it('unstages chosen lines of a staged new file (it stays staged), then all of it (it leaves the index)', async () => {
    repo.write('keep.txt', 'k\n');
    repo.commitAll('init');
    repo.write('n.txt', 'n1\nn2\nn3\n');
    repo.git('add', 'n.txt');
    let f = await fileIn('staged', 'n.txt');
    expect(f.status).toBe('A');
    await h.call('review.unstageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id, lineIds: changedIds(f, f.hunks[0]!, (t) => t === 'n2') });
    expect(repo.staged('n.txt')).toBe('n1\nn3\n');
    f = await fileIn('staged', 'n.txt');
    await h.call('review.unstageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id });
    expect(repo.git('ls-files', 'n.txt')).toBe('');
    expect(repo.read('n.txt')).toBe('n1\nn2\nn3\n');
    expect((await working()).files.map((x) => `${x.area}:${x.path}`)).toEqual(['untracked:n.txt']);
  });

  it('stages chosen lines of a deletion (the file stays, shorter), and unstages part of a staged deletion', async () => {
    repo.write('d.txt', 'd1\nd2\nd3\n');
    repo.commitAll('init');
    fs.rmSync(path.join(repo.root, 'd.txt'));
    let f = await fileIn('unstaged', 'd.txt');
    expect(f.status).toBe('D');
    await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id, lineIds: changedIds(f, f.hunks[0]!, (t) => t === 'd1') });
    expect(repo.staged('d.txt')).toBe('d2\nd3\n');

    repo.git('rm', '-q', '--cached', 'd.txt');
    f = await fileIn('staged', 'd.txt');
    expect(f.status).toBe('D');
    await h.call('review.unstageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id, lineIds: changedIds(f, f.hunks[0]!, (t) => t === 'd3') });
    expect(repo.staged('d.txt')).toBe('d3\n');
  });

  it('reverts chosen lines of an untracked file, or all of it (deleting it, with a copy kept)', async () => {
    repo.write('keep.txt', 'k\n');
    repo.commitAll('init');
    repo.write('u.txt', 'u1\nu2\nu3\n');
    let f = await fileIn('untracked', 'u.txt');
    await h.call('review.revertHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id, lineIds: changedIds(f, f.hunks[0]!, (t) => t === 'u2') });
    expect(repo.read('u.txt')).toBe('u1\nu3\n');
    f = await fileIn('untracked', 'u.txt');
    const result = await h.call('review.revertHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id });
    expect(repo.exists('u.txt')).toBe(false);
    expect(fs.readFileSync(path.join(result.backupPath!, 'worktree', 'u.txt'), 'utf8')).toBe('u1\nu3\n');
  });
});

describe('paths git quotes', () => {
  it('stages a hunk in files named with spaces, quotes, backslashes, tabs, newlines and non-Latin letters', async () => {
    const names = ['with space.txt', 'quote "q".txt', 'back\\slash.txt', 'tab\there.txt', 'new\nline.txt', '日本語 ファイル.txt', 'trailing space .txt'];
    for (const n of names) repo.write(n, 'a\nb\n');
    repo.commitAll('init');
    for (const n of names) repo.write(n, 'a\nB\n');
    for (const n of names) {
      const f = await fileIn('unstaged', n);
      await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id });
      expect(repo.staged(n)).toBe('a\nB\n');
    }
    expect(repo.git('diff', '--name-only')).toBe('');
  });
});

describe('refusals', () => {
  it('refuses when the file changed after the diff was made, and changes nothing', async () => {
    twoHunkFile();
    const f = await fileIn('unstaged', 'two.txt');
    repo.write('two.txt', repo.read('two.txt') + 'one more line\n');
    const err = await h.fail('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id });
    expect(err).toEqual({ code: 'conflict', message: 'two.txt changed since this diff was made: refresh the diff and try again' });
    expect(repo.git('diff', '--cached')).toBe('');
    expect(h.events.filter((e) => e.event === 'review.changed')).toEqual([]);
  });

  it('refuses when the index changed underneath (staged from a terminal)', async () => {
    twoHunkFile();
    const f = await fileIn('unstaged', 'two.txt');
    repo.git('add', 'two.txt');
    const err = await h.fail('review.revertHunk', { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id });
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/^two\.txt has no unstaged changes any more/);
    expect(repo.read('two.txt')).toContain('line 3 changed');
  });

  it('refuses wrong areas, unknown hunks and lines, empty choices, and binary files', async () => {
    twoHunkFile();
    repo.write('bin.dat', Buffer.from([0, 1, 2]));
    repo.git('add', 'bin.dat');
    repo.git('commit', '-q', '-m', 'bin');
    repo.write('bin.dat', Buffer.from([0, 1, 3]));
    const f = await fileIn('unstaged', 'two.txt');
    const base = { workspacePath: repo.root, file: ref(f), hunkId: f.hunks[0]!.id };
    expect(await h.fail('review.unstageHunk', base)).toMatchObject({ code: 'invalid_input', message: 'Only staged changes can be unstaged (two.txt is unstaged)' });
    expect(await h.fail('review.stageHunk', { ...base, hunkId: `${f.id}:h99.1.99.1` })).toMatchObject({ code: 'conflict', message: 'That hunk is no longer in two.txt: refresh the diff' });
    expect(await h.fail('review.stageHunk', { ...base, lineIds: [`${f.id}:n999`] })).toMatchObject({ code: 'invalid_input' });
    const contextId = diffLineId(f.id, f.hunks[0]!.lines.find((l) => l.kind === 'context')!);
    expect(await h.fail('review.stageHunk', { ...base, lineIds: [contextId] })).toMatchObject({ code: 'invalid_input', message: 'Select at least one added or removed line' });
    expect((await h.fail('review.stageHunk', { ...base, lineIds: [] })).code).toBe('invalid_input');

    const bin = await fileIn('unstaged', 'bin.dat');
    expect(await h.fail('review.stageHunk', { workspacePath: repo.root, file: ref(bin), hunkId: 'x' })).toEqual({
      code: 'conflict',
      message: 'bin.dat is a binary file: stage, unstage or revert it as a whole file',
    });
    expect(repo.git('diff', '--cached')).toBe('');
  });

  it('refuses a path that climbs out of the repository', async () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('init');
    const err = await h.fail('review.stageFile', { workspacePath: repo.root, file: { area: 'unstaged', path: '../outside.txt', version: 'x' } });
    expect(err).toEqual({ code: 'invalid_input', message: '../outside.txt is outside the repository' });
  });
});
