/** Small readers: `git status --porcelain=v2 -z`, raw diff records, editor command lines. */
import { describe, expect, it } from 'vitest';
import { parseStatus } from '../../../electron/core/git/status';
import { splitCommand } from '../../../electron/core/code/open-in-editor';
import { splitRawAndPatch } from '../../../electron/core/review/raw-records';

describe('parseStatus', () => {
  it('reads changed, renamed, unmerged and untracked entries, paths with spaces and newlines intact', () => {
    const text = [
      '# branch.oid 1234',
      '# branch.head feature/x',
      '1 .M N... 100644 100644 100644 aaaa aaaa dir/with space.txt',
      '2 R. N... 100644 100644 100644 bbbb bbbb R100 new name.txt',
      'old name.txt',
      'u UU N... 100644 100644 100644 100644 c1 c2 c3 conflict.txt',
      '1 M. S.M. 160000 160000 160000 dddd eeee libs/sub',
      '? new\nline.txt',
      '? nested-repo/',
      '',
    ].join('\0');
    const status = parseStatus(text);
    expect(status.branch).toBe('feature/x');
    expect(status.entries).toEqual([
      { kind: 'changed', xy: '.M', path: 'dir/with space.txt', origPath: null, submodule: false },
      { kind: 'renamed', xy: 'R.', path: 'new name.txt', origPath: 'old name.txt', submodule: false },
      { kind: 'unmerged', xy: 'UU', path: 'conflict.txt', origPath: null, submodule: false },
      { kind: 'changed', xy: 'M.', path: 'libs/sub', origPath: null, submodule: true },
      { kind: 'untracked', xy: '??', path: 'new\nline.txt', origPath: null, submodule: false },
      { kind: 'untracked', xy: '??', path: 'nested-repo', origPath: null, submodule: true },
    ]);
    expect(parseStatus('# branch.head (detached)\0').branch).toBeNull();
  });
});

describe('splitRawAndPatch', () => {
  it('reads records with one or two paths and hands back the patch after the separating NUL', () => {
    const text = ':100644 100644 aaa bbb M\0a.txt\0:100644 100644 ccc ccc R087\0old\0new\0\0diff --git a/a.txt b/a.txt\n';
    expect(splitRawAndPatch(text)).toEqual({
      records: [
        { oldMode: '100644', newMode: '100644', oldId: 'aaa', newId: 'bbb', status: 'M', score: null, path: 'a.txt', oldPath: null, combined: false },
        { oldMode: '100644', newMode: '100644', oldId: 'ccc', newId: 'ccc', status: 'R', score: 87, path: 'new', oldPath: 'old', combined: false },
      ],
      patch: 'diff --git a/a.txt b/a.txt\n',
    });
    expect(splitRawAndPatch('')).toEqual({ records: [], patch: '' });
    expect(() => splitRawAndPatch(':100644 100644 a b M\0unterminated')).toThrow(/Unexpected end/);
  });
});

describe('splitCommand', () => {
  it('splits an editor command on spaces, honouring quotes', () => {
    expect(splitCommand('code --wait')).toEqual(['code', '--wait']);
    expect(splitCommand(`'/opt/My Editor/bin/ed' -x "a b" ''`)).toEqual(['/opt/My Editor/bin/ed', '-x', 'a b', '']);
    expect(splitCommand('  subl  ')).toEqual(['subl']);
  });
});
