/** The best common ancestor of two commits: where a branch left its base. */
import { GitError, runGit } from './run-git';

/** Full id of the merge base of two commit ids; a GitError('no_common_history') when they share no history. */
export async function mergeBase(cwd: string, a: string, b: string): Promise<string> {
  const r = await runGit(cwd, ['merge-base', a, b], { okExitCodes: [1] });
  const id = r.stdout.toString('utf8').trim();
  if (r.exitCode === 1 || !id) throw new GitError('no_common_history', `${short(a)} and ${short(b)} have no common history`);
  return id;
}

const short = (id: string) => id.slice(0, 12);
