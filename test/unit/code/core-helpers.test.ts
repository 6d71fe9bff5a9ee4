// Pure parts of the code view's core: editor command lines, rename pairing, decorations, blame parsing.
import { describe, expect, it } from 'vitest';
import { parseBlamePorcelain } from '../../../electron/core/code/blame';
import { buildDecorations } from '../../../electron/core/code/git-decorations';
import { planEditor, splitCommand } from '../../../electron/core/code/open-in-editor';
import { diffSorted, pairRenames } from '../../../electron/core/code/root-session';
import type { StatusEntry } from '../../../electron/core/git/status';

describe('planEditor', () => {
  const at = { file: '/repo/src/a b.ts', line: 12, column: 5 };

  it.each([
    ['code', 'gui', ['-g', '/repo/src/a b.ts:12:5']],
    ['code --wait', 'gui', ['--wait', '-g', '/repo/src/a b.ts:12:5']],
    ['/snap/bin/cursor', 'gui', ['-g', '/repo/src/a b.ts:12:5']],
    ['idea', 'gui', ['--line', '12', '--column', '5', '/repo/src/a b.ts']],
    ['subl', 'gui', ['/repo/src/a b.ts:12:5']],
    ['vim', 'terminal', ['+call cursor(12, 5)', '/repo/src/a b.ts']],
    ['nvim', 'terminal', ['+call cursor(12, 5)', '/repo/src/a b.ts']],
    ['nano', 'terminal', ['+12,5', '/repo/src/a b.ts']],
    ['hx', 'terminal', ['/repo/src/a b.ts:12:5']],
    ['emacs -nw', 'terminal', ['-nw', '+12:5', '/repo/src/a b.ts']],
    ['emacs', 'gui', ['+12:5', '/repo/src/a b.ts']],
    ['gvim', 'gui', ['+call cursor(12, 5)', '/repo/src/a b.ts']],
    ['some-editor', 'gui', ['/repo/src/a b.ts']],
  ])('%s', (command, kind, args) => {
    expect(planEditor(command, at)).toMatchObject({ kind, args });
  });

  it('opens just the file when no line is given', () => {
    expect(planEditor('code', { file: '/x.ts' })).toMatchObject({ args: ['/x.ts'] });
  });

  it('splits quoted editor commands', () => {
    expect(splitCommand(`'/opt/My Editor/bin/ed' --new-window "a b"`)).toEqual(['/opt/My Editor/bin/ed', '--new-window', 'a b']);
    expect(planEditor('   ', at)).toBeNull();
  });
});

describe('diffSorted and pairRenames', () => {
  it('finds what appeared and disappeared between two sorted lists', () => {
    expect(diffSorted(['a', 'b', 'd'], ['a', 'c', 'd', 'e'])).toEqual({ created: ['c', 'e'], deleted: ['b'] });
  });

  it('pairs a lone delete and create as a rename', () => {
    const created = ['src/new.ts'];
    const deleted = ['src/old.ts'];
    expect(pairRenames(created, deleted)).toEqual([{ from: 'src/old.ts', to: 'src/new.ts' }]);
    expect(created).toEqual([]);
    expect(deleted).toEqual([]);
  });

  it('pairs moves between folders by file name and leaves the rest', () => {
    const created = ['lib/a.ts', 'lib/b.ts', 'x.ts'];
    const deleted = ['src/a.ts', 'src/b.ts'];
    expect(pairRenames(created, deleted)).toEqual([
      { from: 'src/a.ts', to: 'lib/a.ts' },
      { from: 'src/b.ts', to: 'lib/b.ts' },
    ]);
    expect(created).toEqual(['x.ts']);
    expect(deleted).toEqual([]);
  });
});

describe('buildDecorations', () => {
  const entry = (kind: StatusEntry['kind'], xy: string, p: string): StatusEntry => ({ kind, xy, path: p, origPath: null, submodule: false });

  it('names each path and gives folders the strongest state inside them', () => {
    const d = buildDecorations(
      [entry('changed', '.M', 'src/a.ts'), entry('changed', 'A.', 'src/new/b.ts'), entry('untracked', '??', 'notes.txt'), entry('unmerged', 'UU', 'src/new/c.ts')],
      '',
    ).byPath;
    expect(d.get('src/a.ts')).toBe('modified');
    expect(d.get('src/new/b.ts')).toBe('added');
    expect(d.get('notes.txt')).toBe('untracked');
    expect(d.get('src/new/c.ts')).toBe('conflicted');
    expect(d.get('src/new')).toBe('conflicted');
    expect(d.get('src')).toBe('conflicted');
  });

  it('re-bases paths for a root inside the repository and drops the rest', () => {
    const d = buildDecorations([entry('changed', '.M', 'pkg/app/x.ts'), entry('changed', '.M', 'other/y.ts')], 'pkg/').byPath;
    expect([...d.keys()].sort()).toEqual(['app', 'app/x.ts']);
  });
});

describe('parseBlamePorcelain', () => {
  const a = 'a'.repeat(40);
  const z = '0'.repeat(40);
  const text = [
    `${a} 1 1 2`,
    'author Ada',
    'author-mail <ada@example.com>',
    'author-time 1700000000',
    'author-tz +0000',
    'summary First version',
    'filename src/old.ts',
    '\tline one',
    `${a} 2 2`,
    '\tline two',
    `${z} 3 3 1`,
    'author Not Committed Yet',
    'author-mail <not.committed.yet>',
    'author-time 1700000100',
    'summary Version of src/new.ts from src/new.ts',
    'filename src/new.ts',
    '\tline three',
    '',
  ].join('\n');

  it('reads lines, commits and renames', () => {
    const blame = parseBlamePorcelain(text, 'src/new.ts');
    expect(blame.lines).toEqual([
      { line: 1, commitId: a, originalLine: 1 },
      { line: 2, commitId: a, originalLine: 2 },
      { line: 3, commitId: z, originalLine: 3 },
    ]);
    expect(blame.commits[a]).toEqual({ id: a, author: 'Ada', authorEmail: 'ada@example.com', authorTime: 1_700_000_000_000, summary: 'First version', previousPath: 'src/old.ts' });
    expect(blame.commits[z]!.previousPath).toBeNull();
  });
});
