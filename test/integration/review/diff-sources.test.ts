/**
 * review.diff against real repositories: every source, and every kind of change git can describe
 * (renames, copies, binary files, mode changes, type changes, no newline at end of file, submodules,
 * conflicts, Unicode and quoted paths, a huge file), plus the clear refusals.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffLineId, type DiffFile, type ReviewDiff } from '../../../shared/contract';
import { snapshotWorkingTree } from '../../../electron/core/git/snapshot';
import { makeHarness, type Harness } from './harness';
import { numberedLines, TestRepo } from './test-repo';

let repo: TestRepo;
let h: Harness;
const extra: TestRepo[] = [];

beforeEach(() => {
  repo = TestRepo.create();
  h = makeHarness();
});
afterEach(() => {
  h.dispose();
  repo.cleanup();
  for (const r of extra.splice(0)) r.cleanup();
});

const working = () => h.call('review.diff', { workspacePath: repo.root, source: { kind: 'working' } });
const byPath = (diff: ReviewDiff, p: string, area?: string): DiffFile => {
  const f = diff.files.find((x) => x.path === p && (area === undefined || x.area === area));
  if (!f) throw new Error(`no ${area ?? ''} file ${JSON.stringify(p)} in ${JSON.stringify(diff.files.map((x) => `${x.area}:${x.path}`))}`);
  return f;
};
const texts = (f: DiffFile, kind?: string) => f.hunks.flatMap((hk) => hk.lines.filter((l) => !kind || l.kind === kind).map((l) => l.text));

describe('the working source', () => {
  it('shows staged, unstaged and untracked changes, each in its area, with line numbers and ids', async () => {
    repo.write('a.txt', 'one\ntwo\nthree\n');
    repo.write('b.txt', 'keep\n');
    repo.commitAll('init');
    repo.write('a.txt', 'one\nTWO\nthree\n');
    repo.git('add', 'a.txt');
    repo.write('a.txt', 'one\nTWO\nthree\nfour\n');
    repo.write('new.txt', 'fresh\nlines\n');

    const diff = await working();
    expect(diff.sourceKey).toBe('working');
    expect(diff.actionable).toBe(true);
    expect(diff.files.map((f) => `${f.area}:${f.status}:${f.path}`)).toEqual(['staged:M:a.txt', 'unstaged:M:a.txt', 'untracked:A:new.txt']);

    const staged = byPath(diff, 'a.txt', 'staged');
    expect(staged.hunks[0]!.lines.map((l) => [l.kind, l.oldNo, l.newNo, l.text])).toEqual([
      ['context', 1, 1, 'one'],
      ['del', 2, null, 'two'],
      ['add', null, 2, 'TWO'],
      ['context', 3, 3, 'three'],
    ]);
    expect(staged.hunks[0]!.lines.map((l) => diffLineId(staged.id, l))).toEqual(['n1', 'o2', 'n2', 'n3'].map((n) => `${staged.id}:${n}`));
    expect(byPath(diff, 'a.txt', 'unstaged').additions).toBe(1);
    const untracked = byPath(diff, 'new.txt');
    expect(untracked.hunks[0]!.header).toBe('@@ -0,0 +1,2 @@');
    expect(texts(untracked, 'add')).toEqual(['fresh', 'lines']);
    expect(diff.totals).toEqual({ files: 3, additions: 4, deletions: 1 });
    // Ids are stable across refreshes; versions too while nothing changes.
    const again = await working();
    expect(again.files.map((f) => [f.id, f.version])).toEqual(diff.files.map((f) => [f.id, f.version]));
    expect(new Set(diff.files.map((f) => f.id)).size).toBe(3);
  });

  it('shows a rename with its similarity, a mode change, a type change and a deletion', async () => {
    repo.write('old name.txt', numberedLines(20).join('\n') + '\n');
    repo.write('script.sh', 'echo hi\n');
    repo.write('target.txt', 'target\n');
    fs.symlinkSync('target.txt', path.join(repo.root, 'link'));
    repo.write('gone.txt', 'bye\n');
    repo.commitAll('init');
    repo.git('mv', 'old name.txt', 'new name.txt');
    repo.write('new name.txt', numberedLines(20).join('\n') + '\nline 21\n');
    fs.chmodSync(path.join(repo.root, 'script.sh'), 0o755);
    fs.rmSync(path.join(repo.root, 'link'));
    repo.write('link', 'now a file\n');
    repo.git('rm', '-q', 'gone.txt');
    repo.git('add', '-A');

    const diff = await working();
    const renamed = byPath(diff, 'new name.txt', 'staged');
    expect(renamed).toMatchObject({ status: 'R', oldPath: 'old name.txt', additions: 1, deletions: 0 });
    expect(renamed.similarity).toBeGreaterThan(90);
    expect(byPath(diff, 'script.sh', 'staged')).toMatchObject({ status: 'M', oldMode: '100644', newMode: '100755', modeChanged: true, hunks: [] });
    const typeChange = byPath(diff, 'link', 'staged');
    expect(typeChange).toMatchObject({ status: 'T', oldMode: '120000', newMode: '100644' });
    expect(texts(typeChange, 'del')).toEqual(['target.txt']);
    expect(typeChange.hunks[0]!.lines[0]!.noNewlineAtEof).toBe(true);
    expect(texts(typeChange, 'add')).toEqual(['now a file']);
    expect(byPath(diff, 'gone.txt', 'staged')).toMatchObject({ status: 'D', deletions: 1, newMode: null });
  });

  it('marks binary files and "no newline at end of file" on the right lines', async () => {
    repo.write('bin.dat', Buffer.from([0, 1, 2, 3]));
    repo.write('tail.txt', 'a\nb');
    repo.commitAll('init');
    repo.write('bin.dat', Buffer.from([0, 1, 2, 4]));
    repo.write('tail.txt', 'a\nc');
    repo.write('untracked.bin', Buffer.from([7, 0, 7]));
    repo.write('untracked-tail.txt', 'x\ny');

    const diff = await working();
    expect(byPath(diff, 'bin.dat')).toMatchObject({ binary: true, hunks: [], additions: 0 });
    expect(byPath(diff, 'untracked.bin')).toMatchObject({ binary: true, hunks: [] });
    const tail = byPath(diff, 'tail.txt');
    expect(tail.hunks[0]!.lines.map((l) => [l.kind, l.text, l.noNewlineAtEof ?? false])).toEqual([
      ['context', 'a', false],
      ['del', 'b', true],
      ['add', 'c', true],
    ]);
    const untrackedTail = byPath(diff, 'untracked-tail.txt');
    expect(untrackedTail.hunks[0]!.lines.map((l) => l.noNewlineAtEof ?? false)).toEqual([false, true]);
  });

  it('handles Unicode and quoted paths exactly: spaces, quotes, backslashes, tabs, newlines, non-Latin', async () => {
    const names = ['with space.txt', 'quote "q".txt', 'back\\slash.txt', 'tab\there.txt', 'new\nline.txt', '日本語/ファイル.txt', 'émoji 🎉.md', 'trailing space .txt'];
    for (const n of names) repo.write(n, `${n}\n`);
    repo.commitAll('init');
    for (const n of names) repo.write(n, `${n}\nchanged\n`);
    for (const n of names) repo.write(`untracked ${n}`, 'u\n');

    const diff = await working();
    for (const n of names) {
      const f = byPath(diff, n, 'unstaged');
      expect(texts(f, 'add')).toEqual(['changed']);
      expect(byPath(diff, `untracked ${n}`, 'untracked').additions).toBe(1);
    }
    expect(diff.files).toHaveLength(names.length * 2);
  });

  it('lists a conflicted file as U without hunks, and says so', async () => {
    repo.write('c.txt', 'base\n');
    repo.commitAll('init');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('c.txt', 'side\n');
    repo.commitAll('side');
    repo.git('checkout', '-q', 'main');
    repo.write('c.txt', 'main\n');
    repo.write('other.txt', 'x\n');
    repo.commitAll('main');
    expect(() => repo.git('merge', '-q', 'side')).toThrow();
    repo.write('other.txt', 'y\n');

    const diff = await working();
    expect(byPath(diff, 'c.txt')).toMatchObject({ status: 'U', area: 'unstaged', hunks: [] });
    expect(byPath(diff, 'other.txt', 'unstaged').status).toBe('M');
    expect(diff.files.filter((f) => f.path === 'c.txt')).toHaveLength(1);
    expect(diff.notices.join(' ')).toMatch(/1 file is in conflict/);
  });

  it('shows a submodule as a gitlink whose lines are the commits it points at', async () => {
    const sub = TestRepo.create('tandem-review-sub-');
    extra.push(sub);
    sub.write('s.txt', 'one\n');
    const first = sub.commitAll('s1');
    repo.write('top.txt', 'top\n');
    repo.commitAll('init');
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.root, 'mods/sub');
    repo.commitAll('add sub');
    const inner = TestRepo.at(path.join(repo.root, 'mods/sub'));
    inner.write('s.txt', 'two\n');
    inner.git('commit', '-q', '-am', 's2');
    const second = inner.git('rev-parse', 'HEAD').trim();

    const diff = await working();
    const f = byPath(diff, 'mods/sub', 'unstaged');
    expect(f).toMatchObject({ submodule: true, oldMode: '160000', newMode: '160000', status: 'M' });
    expect(texts(f, 'del')).toEqual([`Subproject commit ${first}`]);
    expect(texts(f, 'add')).toEqual([`Subproject commit ${second}`]);
  });

  it('keeps every line of a huge file (no 20,000-line cut-off)', async () => {
    const lines = numberedLines(120_000);
    repo.write('huge.txt', lines.join('\n') + '\n');
    repo.commitAll('init');
    repo.write('huge.txt', lines.map((l, i) => (i % 2 === 0 ? `${l} changed` : l)).join('\n') + '\n');
    const t0 = performance.now();
    const diff = await working();
    const ms = performance.now() - t0;
    const f = byPath(diff, 'huge.txt');
    expect(f.additions).toBe(60_000);
    expect(f.deletions).toBe(60_000);
    const last = f.hunks.at(-1)!.lines.at(-1)!;
    expect(last.newNo).toBe(120_000);
    expect(ms).toBeLessThan(10_000);
  });

  it('works in a repository with no commits yet: everything staged shows as added, with a notice', async () => {
    repo.write('first.txt', 'hello\n');
    repo.git('add', 'first.txt');
    repo.write('loose.txt', 'x\n');
    const diff = await working();
    expect(diff.files.map((f) => `${f.area}:${f.status}:${f.path}`)).toEqual(['staged:A:first.txt', 'untracked:A:loose.txt']);
    expect(diff.baseId).toBeNull();
    expect(diff.notices.join(' ')).toMatch(/no commits yet/);
  });

  it('leaves out ignored files and names the workspace by id as well as by path', async () => {
    repo.write('.gitignore', 'build/\n');
    repo.commitAll('init');
    repo.write('build/out.js', 'x\n');
    repo.write('src/a.ts', 'a\n');
    const ws = h.store.workspaces.add({ path: repo.root, name: 'r', isGit: true });
    const diff = await h.call('review.diff', { workspaceId: ws.id, source: { kind: 'working' } });
    expect(diff.files.map((f) => f.path)).toEqual(['src/a.ts']);
    // A folder inside the repo resolves to the repo root.
    const fromSub = await h.call('review.diff', { workspacePath: path.join(repo.root, 'src'), source: { kind: 'working' } });
    expect(fromSub.repoRoot).toBe(repo.root);
  });
});

describe('history sources', () => {
  it('branch: what the branch added since it left its base, even after the base moved on', async () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('init');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('feature.txt', 'feature work\n');
    const featureHead = repo.commitAll('feature');
    repo.git('checkout', '-q', 'main');
    repo.write('main-only.txt', 'main moved on\n');
    repo.commitAll('main moves');
    repo.git('checkout', '-q', 'feature');

    const diff = await h.call('review.diff', { workspacePath: repo.root, source: { kind: 'branch', base: 'main' } });
    expect(diff.files.map((f) => `${f.status}:${f.path}`)).toEqual(['A:feature.txt']);
    expect(diff).toMatchObject({ sourceKey: 'branch:main...HEAD', title: 'HEAD against main', headId: featureHead, actionable: false });
    expect(diff.files[0]!.area).toBe('range');
  });

  it('commit: against its first parent, copies detected; a root commit against the empty tree', async () => {
    repo.write('orig.txt', numberedLines(30).join('\n') + '\n');
    const root = repo.commitAll('root');
    repo.write('orig.txt', numberedLines(30).join('\n') + '\nline 31\n');
    repo.write('copy.txt', numberedLines(30).join('\n') + '\n');
    const id = repo.commitAll('copy and grow');

    const diff = await h.call('review.diff', { workspacePath: repo.root, source: { kind: 'commit', commit: 'HEAD' } });
    expect(diff.sourceKey).toBe(`commit:${id}`);
    expect(diff.title).toBe(`${id.slice(0, 7)} copy and grow`);
    const copy = byPath(diff, 'copy.txt');
    expect(copy).toMatchObject({ status: 'C', oldPath: 'orig.txt', similarity: 100 });
    expect(byPath(diff, 'orig.txt').additions).toBe(1);

    const first = await h.call('review.diff', { workspacePath: repo.root, source: { kind: 'commit', commit: root.slice(0, 10) } });
    expect(first.files.map((f) => `${f.status}:${f.path}`)).toEqual(['A:orig.txt']);
    expect(first.notices.join(' ')).toMatch(/first commit/);
  });

  it('worktree: a worktree folder against its base, committed and uncommitted and untracked work together', async () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('init');
    const wt = path.join(fs.realpathSync(os.tmpdir()), `tandem-review-wt-${process.pid}-${Date.now()}`);
    repo.git('worktree', 'add', '-q', '-b', 'thread-1', wt);
    try {
      const inWt = TestRepo.at(wt);
      inWt.write('committed.txt', 'c\n');
      inWt.git('add', '-A');
      inWt.git('commit', '-q', '-m', 'in worktree');
      inWt.write('a.txt', 'a\nuncommitted\n');
      inWt.write('untracked.txt', 'u\n');

      const diff = await h.call('review.diff', { workspacePath: repo.root, source: { kind: 'worktree', path: wt, base: 'main' } });
      expect(diff.repoRoot).toBe(wt);
      expect(diff.files.map((f) => `${f.area}:${f.status}:${f.path}`)).toEqual(['range:M:a.txt', 'range:A:committed.txt', 'range:A:untracked.txt']);
      expect(diff.sourceKey).toBe(`worktree:${wt}:main`);
    } finally {
      repo.git('worktree', 'remove', '--force', wt);
    }
  });

  it("snapshot: two working-tree snapshots name one agent turn's changes, untracked files included", async () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('init');
    repo.write('a.txt', 'a\nbefore the turn\n');
    const before = await snapshotWorkingTree(repo.root);
    repo.write('a.txt', 'a\nbefore the turn\nduring the turn\n');
    repo.write('made-by-agent.txt', 'new\n');
    const after = await snapshotWorkingTree(repo.root);
    // Snapshots touch nothing the user owns.
    expect(repo.git('status', '--porcelain')).toBe(' M a.txt\n?? made-by-agent.txt\n');
    expect(repo.git('stash', 'list')).toBe('');

    const source = { kind: 'snapshot' as const, before: before.commit, after: after.commit, label: 'Turn 3', turn: { threadId: 't1', turnId: 'u3' } };
    const diff = await h.call('review.diff', { workspacePath: repo.root, source });
    expect(diff.title).toBe('Turn 3');
    expect(diff.sourceKey).toBe('turn:t1:u3');
    expect(diff.files.map((f) => `${f.status}:${f.path}`)).toEqual(['M:a.txt', 'A:made-by-agent.txt']);
    expect(texts(byPath(diff, 'a.txt'), 'add')).toEqual(['during the turn']);

    // Plain trees work too.
    const trees = await h.call('review.diff', { workspacePath: repo.root, source: { kind: 'snapshot', before: before.tree, after: after.tree } });
    expect(trees.sourceKey).toBe(`snapshot:${before.tree}..${after.tree}`);
    expect(trees.files).toHaveLength(2);
  });
});

describe('clear refusals', () => {
  it('a folder that is not a git repository', async () => {
    const plain = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-plain-')));
    try {
      const err = await h.fail('review.diff', { workspacePath: plain, source: { kind: 'working' } });
      expect(err.code).toBe('not_found');
      expect(err.message).toBe(`${plain} is not a git repository (or inside one): reviewing needs a folder that was cloned or set up with \`git init\``);
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });

  it('a folder that does not exist, a relative path, an unknown workspace', async () => {
    expect(await h.fail('review.diff', { workspacePath: '/no/such/folder/x', source: { kind: 'working' } })).toMatchObject({ code: 'not_found', message: 'No folder at /no/such/folder/x' });
    expect((await h.fail('review.diff', { workspacePath: 'relative/dir', source: { kind: 'working' } })).code).toBe('invalid_input');
    expect(await h.fail('review.diff', { workspaceId: 'nope', source: { kind: 'working' } })).toMatchObject({ code: 'not_found', message: 'No workspace with id nope' });
    expect((await h.fail('review.diff', { source: { kind: 'working' } })).message).toMatch(/either workspaceId or workspacePath/);
  });

  it('a repository with no commits, for every source that needs one', async () => {
    for (const source of [{ kind: 'branch', base: 'main' }, { kind: 'commit', commit: 'HEAD' }, { kind: 'snapshot', before: 'HEAD', after: 'HEAD' }] as const) {
      const err = await h.fail('review.diff', { workspacePath: repo.root, source });
      expect(err.code).toBe('conflict');
      expect(err.message).toMatch(/has no commits yet/);
    }
  });

  it('unknown names, no shared history, and names that look like options', async () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('init');
    expect(await h.fail('review.diff', { workspacePath: repo.root, source: { kind: 'branch', base: 'nope' } })).toMatchObject({ code: 'not_found', message: 'No branch, tag or commit named "nope"' });
    expect(await h.fail('review.diff', { workspacePath: repo.root, source: { kind: 'commit', commit: 'deadbeef' } })).toMatchObject({ code: 'not_found' });
    expect((await h.fail('review.diff', { workspacePath: repo.root, source: { kind: 'branch', base: '--output=/tmp/x' } })).code).toBe('invalid_input');
    repo.git('checkout', '-q', '--orphan', 'unrelated');
    repo.commitAll('unrelated');
    const err = await h.fail('review.diff', { workspacePath: repo.root, source: { kind: 'branch', base: 'main' } });
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/have no common history/);
  });
});
