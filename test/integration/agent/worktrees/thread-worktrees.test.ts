import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadWorktrees } from '../../../../electron/core/agent/worktrees/thread-worktrees';
import { Store } from '../../../../electron/core/store';
import { TestRepo } from '../../review/test-repo';

describe('ThreadWorktrees', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });

  function setup() {
    const repo = TestRepo.create('tandem-twt-');
    repo.write('a.txt', 'one\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'first');
    const dataDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-twt-data-')));
    const store = Store.open(dataDir);
    cleanups.push(() => fs.rmSync(repo.root, { recursive: true, force: true }));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => store.close());
    return { repo, dataDir, store, worktrees: new ThreadWorktrees(store, dataDir) };
  }

  it('creates a worktree under the data dir on tandem/<short id>, remembers it across a reopen, and removes it', async () => {
    const { repo, dataDir, store, worktrees } = setup();
    const thread = store.threads.create({ workspaceId: null, title: 't' });
    const head = repo.git('rev-parse', 'HEAD').trim();
    const wt = await worktrees.create({ threadId: thread.id, repoRoot: path.join(repo.root) });
    expect(wt).toMatchObject({ threadId: thread.id, repoRoot: repo.root, path: path.join(dataDir, 'worktrees', thread.id), branch: `tandem/${thread.id.slice(0, 8)}`, baseCommit: head });
    expect(fs.readFileSync(path.join(wt.path, 'a.txt'), 'utf8')).toBe('one\n');
    expect(repo.git('branch', '--list', wt.branch).trim()).toContain(wt.branch);
    expect(store.threads.get(thread.id)?.worktree).toEqual(wt);

    store.close();
    const reopened = Store.open(dataDir);
    cleanups.push(() => reopened.close());
    const again = new ThreadWorktrees(reopened, dataDir);
    expect(again.get(thread.id)).toEqual(wt);

    fs.writeFileSync(path.join(wt.path, 'a.txt'), 'edited\n');
    await again.remove(thread.id);
    expect(fs.existsSync(wt.path)).toBe(false);
    expect(repo.git('branch', '--list', wt.branch).trim()).toBe('');
    expect(repo.git('worktree', 'list', '--porcelain')).not.toContain(wt.path);
    expect(again.get(thread.id)).toBeNull();
    expect(reopened.threads.get(thread.id)?.worktree).toBeNull();
  });

  it('starts from a chosen base, and refuses an unknown base, a bad id and a second worktree with clear errors', async () => {
    const { repo, worktrees } = setup();
    const first = repo.git('rev-parse', 'HEAD').trim();
    repo.write('a.txt', 'two\n');
    repo.git('commit', '-q', '-am', 'second');
    const wt = await worktrees.create({ threadId: 'draft-1', repoRoot: repo.root, base: first });
    expect(wt.baseCommit).toBe(first);
    expect(fs.readFileSync(path.join(wt.path, 'a.txt'), 'utf8')).toBe('one\n');

    await expect(worktrees.create({ threadId: 'draft-1', repoRoot: repo.root })).rejects.toThrow(/already/);
    await expect(worktrees.create({ threadId: 'draft-2', repoRoot: repo.root, base: 'no-such-branch' })).rejects.toMatchObject({ kind: 'unknown_revision' });
    await expect(worktrees.create({ threadId: '../escape', repoRoot: repo.root })).rejects.toThrow(/Not a usable thread id/);
    expect(worktrees.get('draft-2')).toBeNull();
    await worktrees.remove('draft-1');
    await worktrees.remove('draft-1'); // forgetting twice is fine
  });

  it('removes the record even when the worktree folder was deleted by hand', async () => {
    const { repo, worktrees } = setup();
    const wt = await worktrees.create({ threadId: 'gone', repoRoot: repo.root });
    fs.rmSync(wt.path, { recursive: true, force: true });
    await worktrees.remove('gone');
    expect(worktrees.get('gone')).toBeNull();
    expect(repo.git('branch', '--list', wt.branch).trim()).toBe('');
  });
});
