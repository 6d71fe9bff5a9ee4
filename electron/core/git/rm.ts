/** Remove paths from the index and, unless `keepWorkingTree`, from the working tree. */
import { runGit } from './run-git';

export async function removePaths(cwd: string, paths: string[], options: { keepWorkingTree?: boolean } = {}): Promise<void> {
  if (paths.length === 0) return;
  const args = ['rm', '-q', '-r', '-f', '--ignore-unmatch'];
  if (options.keepWorkingTree) args.push('--cached');
  await runGit(cwd, [...args, '--', ...paths]);
}
