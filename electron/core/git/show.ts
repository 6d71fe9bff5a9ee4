/** What one commit is: its id, parents, author and subject, for labelling a commit diff. */
import { runGitText } from './run-git';

export interface CommitInfo {
  id: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Author time, ms since the epoch. */
  authoredAt: number;
  subject: string;
}

const FORMAT = ['%H', '%P', '%an', '%ae', '%at', '%s'].join('%x00');

/** `commit` must be a full id (see rev-parse.ts). */
export async function showCommit(cwd: string, commit: string): Promise<CommitInfo> {
  const text = await runGitText(cwd, ['show', '-s', '--no-show-signature', `--format=${FORMAT}`, commit]);
  const [id = commit, parents = '', authorName = '', authorEmail = '', at = '0', subject = ''] = text.replace(/\n$/, '').split('\0');
  return { id, parents: parents ? parents.split(' ') : [], authorName, authorEmail, authoredAt: Number(at) * 1000, subject };
}
