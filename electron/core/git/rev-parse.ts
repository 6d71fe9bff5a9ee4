/**
 * Naming things in a repository: where its root is, what HEAD is, and what a user-typed branch, tag
 * or commit resolves to. Every user-typed name goes through here and comes out as a full object id,
 * so no other git call ever sees raw user input in an argument position.
 */
import { GitError, runGit, runGitText } from './run-git';

/** The work tree's top folder for any folder inside it. */
export async function repoRoot(cwd: string): Promise<string> {
  return (await runGitText(cwd, ['rev-parse', '--show-toplevel'])).replace(/\n$/, '');
}

/** The commit HEAD points at, or null in a repository with no commits yet. */
export async function headCommit(cwd: string): Promise<string | null> {
  const r = await runGit(cwd, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { okExitCodes: [1] });
  return r.exitCode === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** The commit HEAD points at; a GitError('no_commits') in a repository with no commits yet. */
export async function requireHeadCommit(cwd: string): Promise<string> {
  const head = await headCommit(cwd);
  if (head === null) {
    throw new GitError('no_commits', `The repository at ${cwd} has no commits yet: make a first commit, then review against it`);
  }
  return head;
}

/** Full id of the commit a name (branch, tag, sha, `HEAD~2`, …) points at. */
export function resolveCommit(cwd: string, name: string): Promise<string> {
  return resolveObject(cwd, name, 'commit');
}

/** Full id of the tree a name points at (a commit's tree, or a tree id itself). */
export function resolveTree(cwd: string, name: string): Promise<string> {
  return resolveObject(cwd, name, 'tree');
}

async function resolveObject(cwd: string, name: string, type: 'commit' | 'tree'): Promise<string> {
  const r = await runGit(cwd, ['rev-parse', '--verify', '-q', '--end-of-options', `${name}^{${type}}`], { okExitCodes: [1] });
  const id = r.stdout.toString('utf8').trim();
  if (r.exitCode !== 0 || !id) {
    throw new GitError('unknown_revision', type === 'commit' ? `No branch, tag or commit named "${name}"` : `No tree or commit named "${name}"`);
  }
  return id;
}

/** The id of the empty tree in this repository's hash format (sha1 or sha256). */
export async function emptyTree(cwd: string): Promise<string> {
  return (await runGitText(cwd, ['hash-object', '-t', 'tree', '--stdin'], { input: '' })).trim();
}
