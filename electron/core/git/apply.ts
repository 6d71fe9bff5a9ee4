/**
 * `git apply` of a patch the review panel built, to the index (`--cached`) or the working tree,
 * forwards or reversed (`-R`). `check` runs `--check` only: nothing is written.
 */
import { runGit } from './run-git';

export interface ApplyOptions {
  target: 'index' | 'worktree';
  reverse: boolean;
  check?: boolean;
}

export async function applyPatch(cwd: string, patch: string, options: ApplyOptions): Promise<void> {
  const args = ['apply', '--whitespace=nowarn'];
  if (options.target === 'index') args.push('--cached');
  if (options.reverse) args.push('-R');
  if (options.check) args.push('--check');
  args.push('-');
  await runGit(cwd, args, { input: patch });
}
