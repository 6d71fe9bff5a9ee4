/**
 * Discard a file's changes, recoverably: a copy of what is discarded is kept first (backups.ts).
 *   unstaged  → the working tree file goes back to the staged content (`git checkout -- path`);
 *   untracked → the file is deleted;
 *   staged    → index and working tree go back to HEAD (`git checkout HEAD -- path`); a file HEAD
 *               does not have is removed; a rename goes back to its old path.
 */
import { RpcError } from '../../../shared/contract/errors';
import type { DiffFileRefInput, ReviewActionResult } from '../../../shared/contract/review';
import fs from 'node:fs/promises';
import path from 'node:path';
import { restoreFromCommit, restoreFromIndex } from '../git/checkout';
import { indexEntries } from '../git/index-entries';
import { headCommit } from '../git/rev-parse';
import { removePaths } from '../git/rm';
import type { BackupItem, RevertBackups } from './backups';
import { currentWorkingFile, filesAfter } from './working-file';

export async function revertFile(root: string, ref: DiffFileRefInput, backups: RevertBackups): Promise<ReviewActionResult> {
  const { file, paths } = await currentWorkingFile(root, ref);
  if (file.status === 'U') throw new RpcError('conflict', `${file.path} is in conflict: resolve it in your editor first`);
  if (file.area === 'untracked' && file.submodule) {
    throw new RpcError('conflict', `${file.path} is a separate repository: Tandem does not delete it; remove it yourself if you mean to`);
  }

  const staged = new Map((await indexEntries(root, paths)).filter((e) => e.stage === 0).map((e) => [e.path, e.objectId]));
  const items: BackupItem[] = paths.map((p) => ({ path: p, worktree: true, indexObjectId: file.area === 'staged' ? staged.get(p) ?? null : null }));
  const backupPath = await backups.keep(root, items, `revert ${file.area} changes of ${file.path}`);

  if (file.area === 'untracked') {
    await fs.rm(path.join(root, file.path), { force: true });
  } else if (file.area === 'unstaged') {
    await restoreFromIndex(root, [file.path]);
  } else {
    const head = await headCommit(root);
    // A path HEAD has goes back to HEAD; a path it lacks (added, a copy, a rename's new name) goes
    // away; a rename's old name comes back; a copy's source was never touched.
    const changedInPlace = head !== null && (file.status === 'M' || file.status === 'D' || file.status === 'T');
    if (changedInPlace) {
      await restoreFromCommit(root, head, [file.path]);
    } else {
      await removePaths(root, [file.path]);
      if (head !== null && file.status === 'R' && file.oldPath) await restoreFromCommit(root, head, [file.oldPath]);
    }
  }
  return { message: `Reverted ${file.path}; a copy is in ${backupPath}`, files: await filesAfter(root, paths), backupPath };
}
