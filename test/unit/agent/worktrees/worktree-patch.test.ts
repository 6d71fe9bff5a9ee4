import { describe, expect, it } from 'vitest';
import { parseApplyErrors, parseNameStatus } from '../../../../electron/core/agent/worktrees/worktree-patch';

describe('parseApplyErrors', () => {
  it('turns git apply --check errors into one plain reason per file', () => {
    const stderr = [
      'error: patch failed: src/a b.ts:12',
      'error: src/a b.ts: patch does not apply',
      'error: gone.txt: No such file or directory',
      'error: new.txt: already exists in working directory',
      'error: weird: name.txt: some new git wording',
    ].join('\n');
    expect(parseApplyErrors(stderr)).toEqual([
      { path: 'src/a b.ts', reason: 'your copy of this file changed where the thread edited it' },
      { path: 'gone.txt', reason: 'the thread edited this file, but it is missing from your checkout' },
      { path: 'new.txt', reason: 'the thread created this file, but your checkout already has a file by that name' },
      { path: 'weird', reason: 'name.txt: some new git wording' },
    ]);
  });

  it('ignores lines that are not per-file errors', () => {
    expect(parseApplyErrors('warning: 1 line adds whitespace errors.\nerror: patch failed: x:1\n')).toEqual([]);
  });
});

describe('parseNameStatus', () => {
  it('reads statuses, renames with both paths, and paths with spaces', () => {
    const text = ['M', 'a file.txt', 'A', 'new.txt', 'D', 'old.txt', 'R087', 'from.txt', 'to.txt', 'T', 'link', ''].join('\0');
    expect(parseNameStatus(text)).toEqual([
      { path: 'a file.txt', status: 'modified', from: null },
      { path: 'new.txt', status: 'added', from: null },
      { path: 'old.txt', status: 'deleted', from: null },
      { path: 'to.txt', status: 'renamed', from: 'from.txt' },
      { path: 'link', status: 'typeChanged', from: null },
    ]);
  });
});
