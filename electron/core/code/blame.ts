/**
 * Who last changed each line of a range: `git blame --porcelain -L a,b -- path`, run on the working
 * tree file (uncommitted lines come back as "Not Committed Yet" with the all-zero id). Only the
 * visible range is asked for, so blame stays fast on long files with long histories.
 */
import type { BlameCommit, BlameLine, CodeBlame } from '../../../shared/contract/code';
import { GitError, runGitText } from '../git/run-git';

export const UNCOMMITTED_ID = '0000000000000000000000000000000000000000';

export class BlameUnavailableError extends Error {}

export async function blameRange(root: string, file: string, startLine: number, endLine: number): Promise<CodeBlame> {
  let text: string;
  try {
    text = await runGitText(root, ['blame', '--porcelain', '-L', `${startLine},${endLine}`, '--', file], { timeoutMs: 60_000 });
  } catch (err) {
    if (err instanceof GitError && err.kind === 'failed') {
      const stderr = err.stderr;
      if (/no such path .* in HEAD/i.test(stderr)) throw new BlameUnavailableError(`${file} is not committed yet: there is no history to show`);
      if (/has only \d+ lines?/i.test(stderr)) throw new BlameUnavailableError(`${file} has fewer lines than ${startLine}`);
      if (/no such ref: HEAD|bad revision 'HEAD'/i.test(stderr)) throw new BlameUnavailableError('The repository has no commits yet');
    }
    if (err instanceof GitError && err.kind === 'no_commits') throw new BlameUnavailableError('The repository has no commits yet');
    throw err;
  }
  return { path: file, ...parseBlamePorcelain(text, file) };
}

/**
 * Porcelain format: for each line a header "<id> <original line> <final line>[ <group size>]",
 * then — the first time a commit appears — "key value" lines (author, author-mail, author-time,
 * summary, previous, filename, …), then the line's text after a tab. `filename` is the path in that
 * commit: when it differs from `file`, the file has been renamed since.
 */
export function parseBlamePorcelain(text: string, file: string): { lines: BlameLine[]; commits: Record<string, BlameCommit> } {
  const lines: BlameLine[] = [];
  const commits: Record<string, BlameCommit> = {};
  let current: { id: string; originalLine: number; finalLine: number } | null = null;
  for (const row of text.split('\n')) {
    if (row.startsWith('\t')) {
      if (current) lines.push({ line: current.finalLine, commitId: current.id, originalLine: current.originalLine });
      current = null;
      continue;
    }
    const header = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: \d+)?$/.exec(row);
    if (header) {
      const id = header[1]!;
      current = { id, originalLine: Number(header[2]), finalLine: Number(header[3]) };
      commits[id] ??= { id, author: '', authorEmail: '', authorTime: 0, summary: '', previousPath: null };
      continue;
    }
    if (!current) continue;
    const commit = commits[current.id]!;
    const space = row.indexOf(' ');
    const key = space < 0 ? row : row.slice(0, space);
    const value = space < 0 ? '' : row.slice(space + 1);
    switch (key) {
      case 'author':
        commit.author = value;
        break;
      case 'author-mail':
        commit.authorEmail = value.replace(/^<|>$/g, '');
        break;
      case 'author-time':
        commit.authorTime = Number(value) * 1000;
        break;
      case 'summary':
        commit.summary = value;
        break;
      case 'filename':
        commit.previousPath = value !== file ? value : null;
        break;
    }
  }
  return { lines, commits };
}
