import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWritableRoots, isWritablePath } from '../../../../electron/core/agent/sandbox';
import { makeTempDir } from '../../../support/temp-dir';

describe('describeWritableRoots', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let base: string;
  beforeEach(() => {
    temp = makeTempDir();
    base = fs.realpathSync(temp.dir);
  });
  afterEach(() => temp.cleanup());

  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' });

  it('resolves symlinks and keeps .git and .tandem read-only', async () => {
    const repo = path.join(base, 'repo');
    fs.mkdirSync(path.join(repo, '.tandem'), { recursive: true });
    git(repo, 'init', '-q');
    fs.symlinkSync(repo, path.join(base, 'link-to-repo'));
    expect(await describeWritableRoots([path.join(base, 'link-to-repo')])).toEqual([
      { root: repo, readOnlySubpaths: [path.join(repo, '.git'), path.join(repo, '.tandem')] },
    ]);
  });

  it('protects a worktree\'s .git file, and the git dir it points to when that is writable too', async () => {
    const main = path.join(base, 'main');
    fs.mkdirSync(main);
    git(main, 'init', '-q', '-b', 'main');
    git(main, '-c', 'user.email=t@e', '-c', 'user.name=T', 'commit', '-q', '--allow-empty', '-m', 'first');
    const worktree = path.join(base, 'wt');
    git(main, 'worktree', 'add', '-q', worktree);

    // Only the worktree writable: its .git file is protected; the real git dir is outside the roots (read-only anyway).
    expect(await describeWritableRoots([worktree])).toEqual([{ root: worktree, readOnlySubpaths: [path.join(worktree, '.git')] }]);

    // Both writable: the worktree's git dir inside main/.git is protected through main's .git as well.
    const both = await describeWritableRoots([worktree, main]);
    expect(both.map((r) => r.root)).toEqual([main, worktree]);
    expect(both[1]!.readOnlySubpaths).toEqual([path.join(worktree, '.git'), path.join(main, '.git', 'worktrees', 'wt')]);
  });

  it('dedupes, orders outermost first, and refuses a folder that does not exist', async () => {
    const inner = path.join(base, 'a', 'b');
    fs.mkdirSync(inner, { recursive: true });
    const roots = await describeWritableRoots([inner, path.join(base, 'a'), inner]);
    expect(roots.map((r) => r.root)).toEqual([path.join(base, 'a'), inner]);
    await expect(describeWritableRoots([path.join(base, 'missing')])).rejects.toThrow(`The writable folder ${path.join(base, 'missing')} does not exist.`);
  });
});

describe('isWritablePath', () => {
  const roots = [{ root: '/w/app', readOnlySubpaths: ['/w/app/.git', '/w/app/.tandem'] }];
  it.each([
    ['/w/app', true],
    ['/w/app/src/index.ts', true],
    ['/w/app/.gitignore', true],
    ['/w/app/.git', false],
    ['/w/app/.git/hooks/pre-commit', false],
    ['/w/app/.tandem/rules.json', false],
    ['/w/application', false],
    ['/w', false],
    ['/home/ann/.bashrc', false],
  ])('%s → %s', (p, expected) => {
    expect(isWritablePath(roots, p)).toBe(expected);
  });
});
