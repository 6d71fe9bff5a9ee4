/** Stage or unstage a whole file: the way to move binary files, mode changes and submodules. */
import { RpcError } from '../../../shared/contract/errors';
import type { DiffFileRefInput, ReviewActionResult } from '../../../shared/contract/review';
import { stagePaths } from '../git/add';
import { unstagePaths } from '../git/reset';
import { headCommit } from '../git/rev-parse';
import { currentWorkingFile, filesAfter } from './working-file';

export async function stageFile(root: string, ref: DiffFileRefInput): Promise<ReviewActionResult> {
  if (ref.area === 'staged') throw new RpcError('invalid_input', `${ref.path} is already staged`);
  const { file, paths } = await currentWorkingFile(root, ref);
  await stagePaths(root, paths);
  const message = file.status === 'U' ? `Marked ${file.path} as resolved and staged it` : `Staged ${file.path}`;
  return { message, files: await filesAfter(root, paths), backupPath: null };
}

export async function unstageFile(root: string, ref: DiffFileRefInput): Promise<ReviewActionResult> {
  if (ref.area !== 'staged') throw new RpcError('invalid_input', `Only staged files can be unstaged (${ref.path} is ${ref.area})`);
  const { file, paths } = await currentWorkingFile(root, ref);
  await unstagePaths(root, paths, await headCommit(root));
  return { message: `Unstaged ${file.path}`, files: await filesAfter(root, paths), backupPath: null };
}
