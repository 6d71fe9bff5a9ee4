/**
 * Put paths back as they were: from the index (working tree only), or from a commit (index and
 * working tree). Used by the review panel's "revert file", after it has kept a copy.
 */
import { runGit } from './run-git';

export async function restoreFromIndex(cwd: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await runGit(cwd, ['checkout', '-q', '--', ...paths]);
}

/** `commit` must be a full object id. Paths the commit lacks must not be passed (see rm.ts). */
export async function restoreFromCommit(cwd: string, commit: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await runGit(cwd, ['checkout', '-q', commit, '--', ...paths]);
}
