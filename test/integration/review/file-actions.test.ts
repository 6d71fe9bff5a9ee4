/**
 * Whole-file actions (stage, unstage, revert with a kept copy), comments, and "open in editor", on
 * real repositories and a real editor process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiffArea, DiffFile } from '../../../shared/contract';
import { makeHarness, type Harness } from './harness';
import { TestRepo } from './test-repo';

let repo: TestRepo;
let h: Harness;
beforeEach(() => {
  repo = TestRepo.create();
  h = makeHarness();
});
afterEach(() => {
  h.dispose();
  repo.cleanup();
});

async function fileIn(area: DiffArea, p: string): Promise<DiffFile> {
  const d = await h.call('review.diff', { workspacePath: repo.root, source: { kind: 'working' } });
  const f = d.files.find((x) => x.area === area && x.path === p);
  if (!f) throw new Error(`no ${area} ${p} in ${d.files.map((x) => `${x.area}:${x.path}`).join(', ')}`);
  return f;
}
const ref = (f: DiffFile) => ({ area: f.area as 'staged' | 'unstaged' | 'untracked', path: f.path, oldPath: f.oldPath, version: f.version });
const backupFile = (dir: string, ...parts: string[]) => fs.readFileSync(path.join(dir, ...parts), 'utf8');

describe('whole files', () => {
  it('stages and unstages a binary file and a mode change', async () => {
    repo.write('bin.dat', Buffer.from([0, 1]));
    repo.write('run.sh', 'echo\n');
    repo.commitAll('init');
    repo.write('bin.dat', Buffer.from([0, 2]));
    fs.chmodSync(path.join(repo.root, 'run.sh'), 0o755);

    await h.call('review.stageFile', { workspacePath: repo.root, file: ref(await fileIn('unstaged', 'bin.dat')) });
    const modeResult = await h.call('review.stageFile', { workspacePath: repo.root, file: ref(await fileIn('unstaged', 'run.sh')) });
    expect(modeResult.files.map((f) => `${f.area}:${f.path}:${f.newMode}`)).toEqual(['staged:run.sh:100755']);
    expect(repo.git('diff', '--cached', '--name-status')).toBe('M\tbin.dat\nM\trun.sh\n');

    const result = await h.call('review.unstageFile', { workspacePath: repo.root, file: ref(await fileIn('staged', 'bin.dat')) });
    expect(result.message).toBe('Unstaged bin.dat');
    expect(repo.git('diff', '--cached', '--name-status')).toBe('M\trun.sh\n');
    expect(repo.git('diff', '--name-status')).toBe('M\tbin.dat\n');
  });

  it('unstages a staged rename as a whole (both paths) and a new file in a repo with no commits', async () => {
    repo.write('a.txt', 'same content\nsecond line\n');
    repo.commitAll('init');
    repo.git('mv', 'a.txt', 'b.txt');
    const renamed = await fileIn('staged', 'b.txt');
    expect(renamed.status).toBe('R');
    await h.call('review.unstageFile', { workspacePath: repo.root, file: ref(renamed) });
    expect(repo.git('diff', '--cached', '--name-status')).toBe('');

    const empty = TestRepo.create();
    try {
      empty.write('n.txt', 'n\n');
      empty.git('add', 'n.txt');
      const d = await h.call('review.diff', { workspacePath: empty.root, source: { kind: 'working' } });
      await h.call('review.unstageFile', { workspacePath: empty.root, file: ref(d.files[0]!) });
      expect(empty.git('status', '--porcelain')).toBe('?? n.txt\n');
    } finally {
      empty.cleanup();
    }
  });

  it('reverts unstaged changes to the staged content, keeping the working file first', async () => {
    repo.write('a.txt', 'v1\n');
    repo.commitAll('init');
    repo.write('a.txt', 'v2\n');
    repo.git('add', 'a.txt');
    repo.write('a.txt', 'v3\n');
    const result = await h.call('review.revertFile', { workspacePath: repo.root, file: ref(await fileIn('unstaged', 'a.txt')) });
    expect(repo.read('a.txt')).toBe('v2\n');
    expect(repo.staged('a.txt')).toBe('v2\n');
    expect(backupFile(result.backupPath!, 'worktree', 'a.txt')).toBe('v3\n');
    expect(result.message).toBe(`Reverted a.txt; a copy is in ${result.backupPath}`);
  });

  it('reverts staged changes to HEAD in index and working tree, keeping both first', async () => {
    repo.write('a.txt', 'v1\n');
    repo.commitAll('init');
    repo.write('a.txt', 'v2\n');
    repo.git('add', 'a.txt');
    repo.write('a.txt', 'v3\n');
    const result = await h.call('review.revertFile', { workspacePath: repo.root, file: ref(await fileIn('staged', 'a.txt')) });
    expect(repo.read('a.txt')).toBe('v1\n');
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(backupFile(result.backupPath!, 'worktree', 'a.txt')).toBe('v3\n');
    expect(backupFile(result.backupPath!, 'index', 'a.txt')).toBe('v2\n');
  });

  it('reverts a staged rename (old name back, new name gone) and a staged new file, leaving other files alone', async () => {
    repo.write('old.txt', 'content\nmore\n');
    repo.write('src.txt', 'source\n');
    repo.commitAll('init');
    repo.git('mv', 'old.txt', 'new.txt');
    await h.call('review.revertFile', { workspacePath: repo.root, file: ref(await fileIn('staged', 'new.txt')) });
    expect(repo.exists('new.txt')).toBe(false);
    expect(repo.read('old.txt')).toBe('content\nmore\n');

    repo.write('added.txt', 'added\n');
    repo.git('add', 'added.txt');
    const r = await h.call('review.revertFile', { workspacePath: repo.root, file: ref(await fileIn('staged', 'added.txt')) });
    expect(repo.exists('added.txt')).toBe(false);
    expect(backupFile(r.backupPath!, 'index', 'added.txt')).toBe('added\n');
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.read('src.txt')).toBe('source\n');
  });

  it('reverts an untracked file by deleting it (a copy is kept) and refuses to delete a nested repository', async () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('init');
    repo.write('scratch.txt', 'notes\n');
    const r = await h.call('review.revertFile', { workspacePath: repo.root, file: ref(await fileIn('untracked', 'scratch.txt')) });
    expect(repo.exists('scratch.txt')).toBe(false);
    expect(backupFile(r.backupPath!, 'worktree', 'scratch.txt')).toBe('notes\n');

    const nested = TestRepo.at(path.join(repo.root, 'vendor/lib'));
    fs.mkdirSync(nested.root, { recursive: true });
    nested.git('init', '-q', '-b', 'main');
    const f = await fileIn('untracked', 'vendor/lib');
    expect(f.submodule).toBe(true);
    const err = await h.fail('review.revertFile', { workspacePath: repo.root, file: ref(f) });
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/is a separate repository/);
    expect(fs.existsSync(path.join(nested.root, '.git'))).toBe(true);
  });

  it('refuses a revert when the file changed underneath, and keeps no copy', async () => {
    repo.write('a.txt', 'v1\n');
    repo.commitAll('init');
    repo.write('a.txt', 'v2\n');
    const f = await fileIn('unstaged', 'a.txt');
    repo.write('a.txt', 'v3, saved by the editor meanwhile\n');
    const err = await h.fail('review.revertFile', { workspacePath: repo.root, file: ref(f) });
    expect(err.code).toBe('conflict');
    expect(repo.read('a.txt')).toBe('v3, saved by the editor meanwhile\n');
    expect(fs.existsSync(path.join(h.dataDir, 'review-backups'))).toBe(false);
  });
});

describe('comments', () => {
  it('are stored per source, file and line range, listed in line order, removed, and announced', async () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('init');
    const ws = { workspacePath: repo.root };
    const c2 = await h.call('review.comments.add', { ...ws, source: { kind: 'working' }, path: 'a.txt', side: 'new', startLine: 10, endLine: 12, body: 'Second' });
    const c1 = await h.call('review.comments.add', { ...ws, source: { kind: 'working' }, path: 'a.txt', side: 'old', startLine: 3, endLine: 3, body: '  First  ' });
    const onCommit = await h.call('review.comments.add', { ...ws, source: { kind: 'commit', commit: 'HEAD' }, path: 'a.txt', side: 'new', startLine: 1, endLine: 1, body: 'On the commit' });
    const head = repo.git('rev-parse', 'HEAD').trim();
    expect(onCommit.sourceKey).toBe(`commit:${head}`);
    expect(c1).toMatchObject({ repoRoot: repo.root, sourceKey: 'working', side: 'old', body: 'First' });

    const listed = await h.call('review.comments.list', { ...ws, source: { kind: 'working' } });
    expect(listed.map((c) => c.body)).toEqual(['First', 'Second']);
    // The same commit named differently is the same source.
    expect((await h.call('review.comments.list', { ...ws, source: { kind: 'commit', commit: head } })).map((c) => c.id)).toEqual([onCommit.id]);
    expect(await h.call('review.comments.list', ws)).toHaveLength(3);

    expect(await h.call('review.comments.remove', { id: c2.id })).toEqual({ removed: true });
    expect(await h.call('review.comments.remove', { id: c2.id })).toEqual({ removed: false });
    expect((await h.call('review.comments.list', { ...ws, source: { kind: 'working' } })).map((c) => c.id)).toEqual([c1.id]);
    expect(h.events.filter((e) => e.event === 'review.comments.changed').map((e) => e.payload)).toEqual([
      { repoRoot: repo.root, sourceKey: 'working' },
      { repoRoot: repo.root, sourceKey: 'working' },
      { repoRoot: repo.root, sourceKey: `commit:${head}` },
      { repoRoot: repo.root, sourceKey: 'working' },
    ]);
  });

  it('refuses empty bodies and backwards ranges', async () => {
    const base = { workspacePath: repo.root, source: { kind: 'working' as const }, path: 'a.txt', side: 'new' as const };
    expect((await h.fail('review.comments.add', { ...base, startLine: 1, endLine: 1, body: '   ' })).message).toMatch(/Write a comment/);
    expect((await h.fail('review.comments.add', { ...base, startLine: 5, endLine: 2, body: 'x' })).message).toMatch(/ends before it starts/);
  });
});

describe('open in editor', () => {
  /** A real "editor": a script that records the arguments it was started with. */
  function fakeEditor(dir: string): { command: string; argsFile: string } {
    const argsFile = path.join(dir, 'editor-args.txt');
    const script = path.join(dir, 'code');
    fs.writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\n`, { mode: 0o755 });
    return { command: script, argsFile };
  }
  async function waitForFile(p: string): Promise<string> {
    for (let i = 0; i < 100 && !fs.existsSync(p); i++) await new Promise((r) => setTimeout(r, 20));
    return fs.readFileSync(p, 'utf8');
  }

  it('starts $VISUAL at the line and column (VS Code style), through the code view’s launcher', async () => {
    const tools = TestRepo.create('tandem-editor-');
    try {
      const { command, argsFile } = fakeEditor(tools.root);
      const local = makeHarness({ ...process.env, EDITOR: 'vim', VISUAL: `${command} --reuse-window` });
      try {
        const opening = await local.call('review.openInEditor', { workspacePath: repo.root, path: 'src/a b.ts', line: 42 });
        expect(opening).toMatchObject({ kind: 'launched', command: `${command} --reuse-window -g '${repo.root}/src/a b.ts:42:1'` });
        expect(await waitForFile(argsFile)).toBe(`--reuse-window\n-g\n${repo.root}/src/a b.ts:42:1\n`);
      } finally {
        local.dispose();
      }
    } finally {
      tools.cleanup();
    }
  });

  it('hands a terminal editor back to run in a Tandem terminal, in the repository', async () => {
    const local = makeHarness({ PATH: '/nonexistent', EDITOR: 'nano', VISUAL: '' });
    try {
      const opening = await local.call('review.openInEditor', { workspacePath: repo.root, path: 'a.txt', line: 3 });
      expect(opening).toEqual({ kind: 'terminal', command: `nano +3,1 ${repo.root}/a.txt`, shell: 'nano', args: ['+3,1', `${repo.root}/a.txt`], cwd: repo.root, label: 'nano a.txt' });
    } finally {
      local.dispose();
    }
  });

  it('says plainly when no editor can be started', async () => {
    const local = makeHarness({ PATH: '/nonexistent' });
    try {
      const err = await local.fail('review.openInEditor', { workspacePath: repo.root, path: 'a.txt' });
      expect(err.code).toBe('unavailable');
      expect(err.message).toMatch(/^No editor could be started on .+\. Set \$VISUAL or \$EDITOR .*tried code \(not found\)\.$/);
    } finally {
      local.dispose();
    }
  });
});
