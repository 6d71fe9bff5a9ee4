import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addWorktree, listWorktrees, parseWorktreeList, removeWorktree } from '../../../electron/core/git/worktree';
import { TestRepo } from '../review/test-repo';

describe('git worktrees', () => {
  const repos: TestRepo[] = [];
  afterEach(() => {
    for (const r of repos.splice(0)) fs.rmSync(r.root, { recursive: true, force: true });
  });

  function repoWithCommit(): TestRepo {
    const repo = TestRepo.create('tandem-worktree-');
    repos.push(repo);
    repo.write('a.txt', 'one\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'first');
    return repo;
  }

  it('adds a worktree on a new branch from HEAD, lists it, and removes it with its branch', async () => {
    const repo = repoWithCommit();
    const wt = path.join(repo.root, '..', `${path.basename(repo.root)}-wt`);
    const head = repo.git('rev-parse', 'HEAD').trim();
    const base = await addWorktree(repo.root, wt, { branch: 'tandem/t1' });
    expect(base).toBe(head);
    expect(fs.readFileSync(path.join(wt, 'a.txt'), 'utf8')).toBe('one\n');

    const list = await listWorktrees(repo.root);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ path: repo.root, branch: 'main', main: true });
    expect(list[1]).toMatchObject({ path: fs.realpathSync(wt), branch: 'tandem/t1', head, main: false });

    fs.writeFileSync(path.join(wt, 'a.txt'), 'changed\n'); // uncommitted work does not block removal
    await removeWorktree(repo.root, wt, { deleteBranch: 'tandem/t1' });
    expect(fs.existsSync(wt)).toBe(false);
    expect(await listWorktrees(repo.root)).toHaveLength(1);
    expect(repo.git('branch', '--list', 'tandem/t1').trim()).toBe('');
  });

  it('refuses an unknown base and an existing branch with clear errors', async () => {
    const repo = repoWithCommit();
    const wt = path.join(repo.root, '..', `${path.basename(repo.root)}-wt2`);
    await expect(addWorktree(repo.root, wt, { branch: 'x', base: 'nope' })).rejects.toMatchObject({ kind: 'unknown_revision' });
    await expect(addWorktree(repo.root, wt, { branch: 'main' })).rejects.toThrow(/already exists/);
    expect(fs.existsSync(wt)).toBe(false);
  });

  it('prunes a worktree whose folder was deleted by hand', async () => {
    const repo = repoWithCommit();
    const wt = path.join(repo.root, '..', `${path.basename(repo.root)}-wt3`);
    await addWorktree(repo.root, wt, { branch: 'gone' });
    fs.rmSync(wt, { recursive: true, force: true });
    await removeWorktree(repo.root, wt);
    expect(await listWorktrees(repo.root)).toHaveLength(1);
  });

  it('parses detached and unborn entries', () => {
    const text = 'worktree /r\0HEAD abc\0branch refs/heads/main\0\0worktree /w\0HEAD 0000000000000000000000000000000000000000\0detached\0prunable gitdir file points to non-existent location\0\0';
    expect(parseWorktreeList(text)).toEqual([
      { path: '/r', head: 'abc', branch: 'main', main: true, prunable: false },
      { path: '/w', head: null, branch: null, main: false, prunable: true },
    ]);
  });
});
