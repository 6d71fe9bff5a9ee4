import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { affectedPaths, isInside, PatchError, realTargetPath } from '../../../electron/core/agent/apply-patch';

const patch = (...lines: string[]): string => ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');
const cwd = '/work/repo';

describe('affectedPaths', () => {
  it('resolves relative paths against cwd and lists every operation in patch order', () => {
    const paths = affectedPaths(
      patch(
        '*** Add File: src/new.ts',
        '+x',
        '*** Delete File: old.ts',
        '*** Update File: a.ts',
        '@@',
        '+y',
        '*** Update File: lib/from.ts',
        '*** Move to: lib/to.ts',
        '@@',
        '+z',
      ),
      cwd,
    );
    expect(paths).toEqual([
      { path: '/work/repo/src/new.ts', patchPath: 'src/new.ts', operation: 'add', absoluteInPatch: false, outsideCwd: false },
      { path: '/work/repo/old.ts', patchPath: 'old.ts', operation: 'delete', absoluteInPatch: false, outsideCwd: false },
      { path: '/work/repo/a.ts', patchPath: 'a.ts', operation: 'update', absoluteInPatch: false, outsideCwd: false },
      { path: '/work/repo/lib/from.ts', patchPath: 'lib/from.ts', operation: 'move-from', absoluteInPatch: false, outsideCwd: false },
      { path: '/work/repo/lib/to.ts', patchPath: 'lib/to.ts', operation: 'move-to', absoluteInPatch: false, outsideCwd: false },
    ]);
  });

  it('flags `..` paths that climb out of cwd, but not those that stay inside', () => {
    const paths = affectedPaths(
      patch('*** Delete File: ../sibling/secret.txt', '*** Delete File: src/../README.md', '*** Delete File: ../repo/ok.txt'),
      cwd,
    );
    expect(paths.map(({ path: p, outsideCwd }) => [p, outsideCwd])).toEqual([
      ['/work/sibling/secret.txt', true],
      ['/work/repo/README.md', false],
      ['/work/repo/ok.txt', false],
    ]);
  });

  it('flags absolute paths, and whether they land outside cwd', () => {
    const paths = affectedPaths(patch('*** Add File: /etc/cron.d/job', '+x', '*** Add File: /work/repo/inside.txt', '+y'), cwd);
    expect(paths.map(({ path: p, absoluteInPatch, outsideCwd }) => [p, absoluteInPatch, outsideCwd])).toEqual([
      ['/etc/cron.d/job', true, true],
      ['/work/repo/inside.txt', true, false],
    ]);
  });

  it('flags a move whose destination leaves cwd', () => {
    const paths = affectedPaths(patch('*** Update File: a.txt', '*** Move to: ../../tmp/a.txt', '@@', '+x'), cwd);
    expect(paths.map((p) => [p.operation, p.path, p.outsideCwd])).toEqual([
      ['move-from', '/work/repo/a.txt', false],
      ['move-to', '/tmp/a.txt', true],
    ]);
  });

  it('throws the parse error for a malformed patch', () => {
    expect(() => affectedPaths('not a patch', cwd)).toThrow(PatchError);
  });
});

describe('isInside', () => {
  it('compares paths, not string prefixes', () => {
    expect(isInside('/work/repo', '/work/repo')).toBe(true);
    expect(isInside('/work/repo', '/work/repo/a/b')).toBe(true);
    expect(isInside('/work/repo', '/work/repo-other/a')).toBe(false);
    expect(isInside('/work/repo', '/work')).toBe(false);
    expect(isInside('/work/repo', '/work/repo/..foo')).toBe(true);
  });
});

describe('realTargetPath', () => {
  let root: string;
  beforeEach(async () => {
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'tandem-paths-')));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('follows a symlinked directory to where a new file would land', async () => {
    await mkdir(path.join(root, 'outside'));
    await mkdir(path.join(root, 'repo'));
    await symlink(path.join(root, 'outside'), path.join(root, 'repo', 'link'));
    expect(await realTargetPath(path.join(root, 'repo', 'link', 'new', 'file.txt'))).toBe(
      path.join(root, 'outside', 'new', 'file.txt'),
    );
  });

  it('follows a dangling symlink to the file a write would create', async () => {
    await symlink(path.join(root, 'elsewhere.txt'), path.join(root, 'dangling'));
    expect(await realTargetPath(path.join(root, 'dangling'))).toBe(path.join(root, 'elsewhere.txt'));
  });

  it('returns a plain path unchanged', async () => {
    expect(await realTargetPath(path.join(root, 'a', 'b.txt'))).toBe(path.join(root, 'a', 'b.txt'));
  });
});
