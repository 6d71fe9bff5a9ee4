// The git provider against real repositories made here: changes of every kind, ahead/behind a real
// remote, a merge and a rebase stopped on conflicts, a detached HEAD, a repo with no commits, and a
// linked worktree.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeGitState, findRepo, gitLabel, GitProvider, readGitState } from '../../../electron/core/context/providers/git';
import { takeSnapshot } from '../../../electron/core/context/snapshot';
import { makeTempDir } from '../../support/temp-dir';

const env: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir('tandem-git-')));
afterEach(() => tmp.cleanup());

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
function gitMayFail(cwd: string, ...args: string[]): void {
  try {
    git(cwd, ...args);
  } catch {
    // a conflict stops the command: that is the state under test
  }
}
function write(dir: string, file: string, content: string) {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
}
function repo(name = 'repo'): string {
  const dir = path.join(tmp.dir, name);
  fs.mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'README.md', 'hello\n');
  write(dir, 'src/app.ts', 'export const a = 1;\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}
async function state(dir: string) {
  const loc = await findRepo(dir);
  if (!loc) throw new Error(`no repo at ${dir}`);
  return readGitState(loc, { env });
}

describe('git state', () => {
  it('a clean repo', async () => {
    const dir = repo();
    const s = await state(dir);
    expect(s.status).toMatchObject({ branch: 'main', upstream: null, ahead: 0, behind: 0, files: [] });
    expect(describeGitState(s)).toBe(`Repository: ${dir}\nBranch: main\nWorking tree clean`);
    expect(gitLabel(s)).toBe('Git: repo · main clean');
  });

  it('modified, staged, renamed, deleted and untracked files with line counts', async () => {
    const dir = repo();
    write(dir, 'gone.txt', 'bye\n');
    git(dir, 'add', 'gone.txt');
    git(dir, 'commit', '-q', '-m', 'gone');
    fs.rmSync(path.join(dir, 'gone.txt'));
    write(dir, 'src/app.ts', 'export const a = 2;\nexport const b = 3;\n');
    write(dir, 'src/new file.ts', 'x\n');
    git(dir, 'add', 'src/new file.ts');
    git(dir, 'mv', 'README.md', 'READ ME.md');
    write(dir, 'notes.txt', 'scratch\n');
    const s = await state(dir);
    expect(s.status.files.map((f) => [f.xy, f.path, f.origPath])).toEqual([
      ['R ', 'READ ME.md', 'README.md'],
      [' D', 'gone.txt', undefined],
      [' M', 'src/app.ts', undefined],
      ['A ', 'src/new file.ts', undefined],
      ['??', 'notes.txt', undefined],
    ]);
    const text = describeGitState(s);
    expect(text).toContain('Changed files (5, +4 −3 lines against HEAD):');
    expect(text).toContain('   D gone.txt (+0 −1)');
    expect(text).toContain('   M src/app.ts (+2 −1)');
    expect(text).toContain('  R  README.md → READ ME.md (+1 −0)');
    expect(text).toContain('  ?? notes.txt');
  });

  it('ahead and behind its upstream', async () => {
    const origin = path.join(tmp.dir, 'origin.git');
    const dir = repo();
    git(tmp.dir, 'init', '-q', '--bare', '-b', 'main', origin);
    git(dir, 'remote', 'add', 'origin', origin);
    git(dir, 'push', '-q', '-u', 'origin', 'main');
    const other = path.join(tmp.dir, 'other');
    git(tmp.dir, 'clone', '-q', origin, other);
    for (const n of [1, 2]) {
      write(other, `theirs${n}.txt`, `${n}\n`);
      git(other, 'add', '.');
      git(other, 'commit', '-q', '-m', `theirs ${n}`);
    }
    git(other, 'push', '-q');
    write(dir, 'mine.txt', 'mine\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'mine');
    git(dir, 'fetch', '-q');
    const s = await state(dir);
    expect(s.status).toMatchObject({ branch: 'main', upstream: 'origin/main', ahead: 1, behind: 2 });
    expect(describeGitState(s)).toContain('Branch: main (tracking origin/main, ahead 1, behind 2)');
    expect(gitLabel(s)).toBe('Git: repo · main ↑1 ↓2 clean');
  });

  it('a merge stopped on a conflict', async () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(dir, 'src/app.ts', 'export const a = "feature";\n');
    git(dir, 'commit', '-q', '-am', 'feature change');
    git(dir, 'checkout', '-q', 'main');
    write(dir, 'src/app.ts', 'export const a = "main";\n');
    git(dir, 'commit', '-q', '-am', 'main change');
    gitMayFail(dir, 'merge', 'feature');
    const s = await state(dir);
    expect(s.operation).toMatchObject({ kind: 'merge', message: "Merge branch 'feature'" });
    expect(s.status.files).toEqual([{ xy: 'UU', path: 'src/app.ts', conflicted: true }]);
    const text = describeGitState(s);
    expect(text).toMatch(/Merge in progress \(Merge branch 'feature'\), merging [0-9a-f]{7}/);
    expect(text).toContain('Conflicts in 1 file: src/app.ts');
    expect(gitLabel(s)).toBe('Git: repo · main merge in progress 1 changed');
  });

  it('a rebase stopped on a conflict', async () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '-b', 'topic');
    for (const n of [1, 2]) {
      write(dir, 'src/app.ts', `export const a = "topic ${n}";\n`);
      git(dir, 'commit', '-q', '-am', `topic ${n}`);
    }
    git(dir, 'checkout', '-q', 'main');
    write(dir, 'src/app.ts', 'export const a = "main";\n');
    git(dir, 'commit', '-q', '-am', 'main');
    git(dir, 'checkout', '-q', 'topic');
    gitMayFail(dir, 'rebase', 'main');
    const s = await state(dir);
    expect(s.operation).toMatchObject({ kind: 'rebase', branch: 'topic', step: 1, total: 2 });
    expect(s.status.branch).toBeNull(); // HEAD is detached during a rebase
    expect(describeGitState(s)).toMatch(/Rebase in progress of topic onto [0-9a-f]{7}, at step 1 of 2/);
  });

  it('a detached HEAD and a repo with no commits yet', async () => {
    const dir = repo();
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'checkout', '-q', '--detach', 'HEAD');
    expect(describeGitState(await state(dir))).toContain(`Branch: detached HEAD at ${head.slice(0, 7)}`);

    const fresh = path.join(tmp.dir, 'fresh');
    fs.mkdirSync(fresh);
    git(fresh, 'init', '-q', '-b', 'main');
    write(fresh, 'a.txt', 'a\n');
    git(fresh, 'add', 'a.txt');
    const s = await state(fresh);
    expect(s.numstat).toBeNull(); // there is no HEAD to compare with
    expect(describeGitState(s)).toBe(`Repository: ${fresh}\nBranch: main (no commits yet)\nChanged files (1):\n  A  a.txt`);
  });

  it('a linked worktree reads its own state (a cherry-pick in progress there)', async () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '-b', 'side');
    write(dir, 'src/app.ts', 'export const a = "side";\n');
    git(dir, 'commit', '-q', '-am', 'side');
    const pick = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'checkout', '-q', 'main');
    const wt = path.join(tmp.dir, 'wt');
    git(dir, 'worktree', 'add', '-q', '-b', 'wt-branch', wt);
    write(wt, 'src/app.ts', 'export const a = "wt";\n');
    git(wt, 'commit', '-q', '-am', 'wt');
    gitMayFail(wt, 'cherry-pick', pick);
    const loc = await findRepo(path.join(wt, 'src'));
    expect(loc?.root).toBe(wt);
    expect(loc?.gitDir).toBe(path.join(dir, '.git', 'worktrees', 'wt'));
    const s = await readGitState(loc!, { env });
    expect(s.operation).toEqual({ kind: 'cherry-pick', head: pick });
    expect(s.status.branch).toBe('wt-branch');
    // The main checkout is untouched by the worktree's cherry-pick.
    expect((await state(dir)).operation).toBeNull();
  });
});

describe('the git provider', () => {
  it('takes the first candidate folder inside a repo', async () => {
    const notRepo = path.join(tmp.dir, 'plain');
    fs.mkdirSync(notRepo);
    const dir = repo();
    const provider = new GitProvider({ env, candidates: async () => [notRepo, path.join(dir, 'src')] });
    const snap = await takeSnapshot({ providers: [provider], budgetMs: 5000, readActiveWindow: null, exclusionFor: () => null });
    expect(snap.chips).toHaveLength(1);
    expect(snap.chips[0]).toMatchObject({ id: `git:${dir}`, kind: 'git', source: 'git', label: 'Git: repo · main clean' });
  });

  it('gives no chip when no candidate is a repo', async () => {
    const provider = new GitProvider({ env, candidates: async () => [tmp.dir] });
    const snap = await takeSnapshot({ providers: [provider], budgetMs: 5000, readActiveWindow: null, exclusionFor: () => null });
    expect(snap.chips).toEqual([]);
  });
});
