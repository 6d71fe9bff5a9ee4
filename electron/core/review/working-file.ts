/**
 * The safety check every action starts with: recompute the file's diff now and compare it with the
 * version the user was looking at. If the file changed underneath (an editor saved, the agent wrote,
 * a terminal ran `git add`), the action is refused instead of applying a stale hunk.
 */
import { RpcError } from '../../../shared/contract/errors';
import type { DiffFile, DiffFileRefInput } from '../../../shared/contract/review';
import { loadWorkingFiles } from './diff-sources';

export interface CurrentFile {
  file: DiffFile;
  /** The paths the action touches: the file's path and, for a rename, where it came from. */
  paths: string[];
}

const AREA_NAMES = { staged: 'staged', unstaged: 'unstaged', untracked: 'untracked' } as const;

export async function currentWorkingFile(root: string, ref: DiffFileRefInput): Promise<CurrentFile> {
  const paths = ref.oldPath ? [ref.path, ref.oldPath] : [ref.path];
  const files = await loadWorkingFiles(root, paths);
  const file = files.find((f) => f.area === ref.area && f.path === ref.path && f.oldPath === (ref.oldPath ?? null));
  if (!file) {
    throw new RpcError('conflict', `${ref.path} has no ${AREA_NAMES[ref.area]} changes any more: refresh the diff`);
  }
  if (file.version !== ref.version) {
    throw new RpcError('conflict', `${ref.path} changed since this diff was made: refresh the diff and try again`);
  }
  return { file, paths: file.oldPath ? [file.path, file.oldPath] : [file.path] };
}

/** The path's entries after an action, for the result. */
export function filesAfter(root: string, paths: string[]): Promise<DiffFile[]> {
  return loadWorkingFiles(root, paths);
}
