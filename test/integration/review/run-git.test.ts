/** The guard rails every git call gets: bounded output, recognisable failures, no locks. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headCommit, repoRoot, resolveCommit } from '../../../electron/core/git/rev-parse';
import { GitError, runGit, runGitText } from '../../../electron/core/git/run-git';
import { snapshotWorkingTree } from '../../../electron/core/git/snapshot';
import { TestRepo } from './test-repo';

let repo: TestRepo;
beforeEach(() => {
  repo = TestRepo.create();
});
afterEach(() => repo.cleanup());

async function failure(p: Promise<unknown>): Promise<GitError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof GitError) return err;
    throw err;
  }
  throw new Error('expected a GitError');
}

describe('runGit', () => {
  it('stops a command whose output passes the bound, with a clear error', async () => {
    repo.write('big.txt', 'x'.repeat(2 * 1024 * 1024));
    repo.commitAll('big');
    const err = await failure(runGit(repo.root, ['show', 'HEAD:big.txt'], { maxOutputBytes: 1024 * 1024 }));
    expect(err.kind).toBe('output_too_large');
    expect(err.message).toBe('git show printed more than 1 MB; narrow the request');
    const ok = await runGit(repo.root, ['show', 'HEAD:big.txt'], { maxOutputBytes: 4 * 1024 * 1024 });
    expect(ok.stdout.length).toBe(2 * 1024 * 1024);
  });

  it('names a missing folder, a file given as a folder, and a folder outside any repository', async () => {
    expect(await failure(repoRoot('/no/such/place'))).toMatchObject({ kind: 'missing_folder', message: 'No folder at /no/such/place' });
    repo.write('file.txt', 'x');
    expect((await failure(repoRoot(path.join(repo.root, 'file.txt')))).kind).toBe('missing_folder');
    fs.rmSync(path.join(repo.root, '.git'), { recursive: true });
    const err = await failure(repoRoot(repo.root));
    expect(err.kind).toBe('not_a_repository');
    expect(err.message).toBe(`${repo.root} is not a git repository (or inside one)`);
  });

  it('passes input on stdin, keeps exit codes callers allow, and leaves no index.lock behind', async () => {
    const id = (await runGitText(repo.root, ['hash-object', '-w', '--stdin'], { input: 'hello\n' })).trim();
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    const r = await runGit(repo.root, ['rev-parse', '--verify', '-q', 'nope'], { okExitCodes: [1] });
    expect(r.exitCode).toBe(1);
    expect(await headCommit(repo.root)).toBeNull();
    await runGit(repo.root, ['status', '--porcelain']);
    expect(fs.existsSync(path.join(repo.root, '.git', 'index.lock'))).toBe(false);
  });

  it('resolves names to full ids and refuses unknown ones', async () => {
    repo.write('a.txt', 'a\n');
    const head = repo.commitAll('one');
    expect(await resolveCommit(repo.root, 'main')).toBe(head);
    expect(await resolveCommit(repo.root, head.slice(0, 8))).toBe(head);
    expect(await failure(resolveCommit(repo.root, 'main~5'))).toMatchObject({ kind: 'unknown_revision', message: 'No branch, tag or commit named "main~5"' });
  });
});

describe('snapshotWorkingTree', () => {
  it('works before the first commit and records untracked, not ignored, files', async () => {
    repo.write('.gitignore', 'secret.env\n');
    repo.write('a.txt', 'a\n');
    repo.write('secret.env', 'KEY=1\n');
    const snap = await snapshotWorkingTree(repo.root);
    expect(snap.head).toBeNull();
    expect(repo.git('ls-tree', '--name-only', snap.tree)).toBe('.gitignore\na.txt\n');
    expect(repo.git('log', '-1', '--format=%an <%ae>', snap.commit)).toBe('Tandem <tandem@localhost>\n');
    expect(repo.git('status', '--porcelain')).toBe('?? .gitignore\n?? a.txt\n');
  });
});
