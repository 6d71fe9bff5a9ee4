/** What the index holds for a path: `git ls-files --stage`. */
import { runGitText } from './run-git';

export interface IndexEntry {
  mode: string;
  objectId: string;
  /** 0 normally; 1–3 for the sides of a conflict. */
  stage: number;
  path: string;
}

/** The index entries for exactly these paths (a folder path does not list its contents). */
export async function indexEntries(cwd: string, paths: string[]): Promise<IndexEntry[]> {
  if (paths.length === 0) return [];
  const text = await runGitText(cwd, ['ls-files', '--stage', '-z', '--', ...paths]);
  const wanted = new Set(paths);
  const entries: IndexEntry[] = [];
  for (const record of text.split('\0')) {
    // <mode> SP <object> SP <stage> TAB <path>
    const m = /^(\d{6}) ([0-9a-f]+) (\d)\t([\s\S]*)$/.exec(record);
    if (m && wanted.has(m[4]!)) entries.push({ mode: m[1]!, objectId: m[2]!, stage: Number(m[3]), path: m[4]! });
  }
  return entries;
}
