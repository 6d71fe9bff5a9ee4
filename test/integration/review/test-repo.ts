/**
 * A real git repository in a temp folder for review tests. Every git call made here carries a fixed
 * identity (the product's own calls never need one, except snapshots, which bring their own).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GIT_TEST_ENV = {
  GIT_AUTHOR_NAME: 'Review Test',
  GIT_AUTHOR_EMAIL: 'review@example.com',
  GIT_COMMITTER_NAME: 'Review Test',
  GIT_COMMITTER_EMAIL: 'review@example.com',
};

export class TestRepo {
  private constructor(readonly root: string) {}

  /** `git init -b main` in a fresh temp folder (realpath'd, as git reports it). */
  static create(prefix = 'tandem-review-'): TestRepo {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    const repo = new TestRepo(root);
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  /** A view of an existing checkout (a submodule, a worktree); cleanup is the caller's business. */
  static at(root: string): TestRepo {
    return new TestRepo(root);
  }

  /** Runs git here and returns stdout as text. */
  git(...args: string[]): string {
    return this.gitIn(this.root, ...args);
  }

  gitIn(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'core.quotepath=off', ...args], {
      cwd,
      env: { ...process.env, ...GIT_TEST_ENV },
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  write(rel: string, content: string | Buffer, mode?: number): void {
    const abs = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    if (mode !== undefined) fs.chmodSync(abs, mode);
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.root, rel), 'utf8');
  }

  exists(rel: string): boolean {
    return fs.existsSync(path.join(this.root, rel));
  }

  /** The staged content of a path (`git show :path`). */
  staged(rel: string): string {
    return this.git('show', `:${rel}`);
  }

  commitAll(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-gpg-sign', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Numbered lines "line 1\n" … for building files whose diffs have several hunks. */
export function numberedLines(count: number, prefix = 'line'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);
}
