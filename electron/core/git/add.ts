/** Stage whole paths: contents, deletions, mode changes and submodule commits (`git add --all`). */
import { runGit } from './run-git';

export async function stagePaths(cwd: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await runGit(cwd, ['add', '--all', '--', ...paths]);
}
