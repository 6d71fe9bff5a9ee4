// The git parsers on captured porcelain v2 and numstat output (with -z, so paths keep their spaces).
import { describe, expect, it } from 'vitest';
import { parseNumstat, parsePorcelainV2 } from '../../../electron/core/context/providers/git-status';

describe('git status --porcelain=v2 --branch -z', () => {
  it('branch, upstream, ahead/behind and every kind of entry', () => {
    const out = [
      '# branch.oid 4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      '# branch.head feature/x',
      '# branch.upstream origin/feature/x',
      '# branch.ab +2 -1',
      '1 .M N... 100644 100644 100644 aaaaaaa bbbbbbb src/app file.ts',
      '1 A. N... 000000 100644 100644 0000000 ccccccc new.ts',
      '2 R. N... 100644 100644 100644 ddddddd ddddddd R100 renamed.ts',
      'old name.ts',
      'u UU N... 100644 100644 100644 100644 e1 e2 e3 conflict.txt',
      '? untracked dir/',
      '',
    ].join('\0');
    const s = parsePorcelainV2(out);
    expect(s).toMatchObject({ branch: 'feature/x', oid: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', upstream: 'origin/feature/x', ahead: 2, behind: 1 });
    expect(s.files).toEqual([
      { xy: ' M', path: 'src/app file.ts', conflicted: false },
      { xy: 'A ', path: 'new.ts', conflicted: false },
      { xy: 'R ', path: 'renamed.ts', origPath: 'old name.ts', conflicted: false },
      { xy: 'UU', path: 'conflict.txt', conflicted: true },
      { xy: '??', path: 'untracked dir/', conflicted: false },
    ]);
  });

  it('a detached HEAD and a repo with no commits', () => {
    expect(parsePorcelainV2('# branch.oid abc\0# branch.head (detached)\0')).toMatchObject({ branch: null, oid: 'abc', upstream: null });
    expect(parsePorcelainV2('# branch.oid (initial)\0# branch.head main\0')).toMatchObject({ branch: 'main', oid: null });
  });
});

describe('git diff --numstat -z', () => {
  it('counts, binary files and renames', () => {
    const out = ['3\t1\tsrc/a.ts', '-\t-\tlogo.png', '0\t0\t', 'old.ts', 'new.ts', ''].join('\0');
    expect(parseNumstat(out)).toEqual([
      { path: 'src/a.ts', added: 3, deleted: 1 },
      { path: 'logo.png', added: null, deleted: null },
      { path: 'new.ts', added: 0, deleted: 0 },
    ]);
  });
});
