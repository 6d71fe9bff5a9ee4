/** Unstage whole paths: the index entry goes back to HEAD's (or away, when HEAD has none). */
import { runGit } from './run-git';

/** `head` is HEAD's commit id, or null in a repository with no commits yet. */
export async function unstagePaths(cwd: string, paths: string[], head: string | null): Promise<void> {
  if (paths.length === 0) return;
  if (head) await runGit(cwd, ['reset', '-q', head, '--', ...paths]);
  // With no commits there is nothing to reset to: the paths leave the index.
  else await runGit(cwd, ['rm', '-q', '-r', '--cached', '--ignore-unmatch', '--', ...paths]);
}
