/**
 * Stage, unstage or revert one hunk, or chosen lines of it:
 *   1. recompute the file and refuse if it changed since the diff was made (working-file.ts);
 *   2. build the patch from the current hunk (hunk-patch.ts);
 *   3. `git apply --check`, then apply: stage → index; unstage → index, reversed;
 *      revert → working tree, reversed (after keeping a copy of the file).
 */
import { RpcError } from '../../../shared/contract/errors';
import { diffLineId, type DiffFile, type DiffFileRefInput, type ReviewActionResult } from '../../../shared/contract/review';
import { applyPatch } from '../git/apply';
import { GitError } from '../git/run-git';
import type { RevertBackups } from './backups';
import { buildHunkPatch } from './hunk-patch';
import { currentWorkingFile, filesAfter } from './working-file';

export type HunkAction = 'stage' | 'unstage' | 'revert';

export interface HunkActionRequest {
  action: HunkAction;
  file: DiffFileRefInput;
  hunkId: string;
  /** Ids of chosen lines; undefined for the whole hunk. */
  lineIds?: string[];
}

const ALLOWED_AREAS: Record<HunkAction, readonly string[]> = {
  stage: ['unstaged', 'untracked'],
  unstage: ['staged'],
  revert: ['unstaged', 'untracked'],
};

const AREA_HINT: Record<HunkAction, string> = {
  stage: 'Only unstaged or untracked changes can be staged',
  unstage: 'Only staged changes can be unstaged',
  revert: 'Only unstaged or untracked changes can be reverted; unstage the change first',
};

export async function applyHunkAction(root: string, request: HunkActionRequest, backups: RevertBackups): Promise<ReviewActionResult> {
  const { action, file: ref } = request;
  if (!ALLOWED_AREAS[action].includes(ref.area)) throw new RpcError('invalid_input', `${AREA_HINT[action]} (${ref.path} is ${ref.area})`);

  const { file, paths } = await currentWorkingFile(root, ref);
  refuseUnpatchable(file);
  const hunk = file.hunks.find((h) => h.id === request.hunkId);
  if (!hunk) throw new RpcError('conflict', `That hunk is no longer in ${file.path}: refresh the diff`);

  let chosen: Set<string> | null = null;
  if (request.lineIds) {
    const changed = new Set(hunk.lines.filter((l) => l.kind !== 'context').map((l) => diffLineId(file.id, l)));
    const known = new Set(hunk.lines.map((l) => diffLineId(file.id, l)));
    const unknown = request.lineIds.find((id) => !known.has(id));
    if (unknown) throw new RpcError('invalid_input', `Line ${unknown} is not in that hunk of ${file.path}`);
    chosen = new Set(request.lineIds.filter((id) => changed.has(id)));
    if (chosen.size === 0) throw new RpcError('invalid_input', 'Select at least one added or removed line');
  }

  const direction = action === 'stage' ? 'forward' : 'reverse';
  const patch = buildHunkPatch(file, hunk, chosen, direction);
  if (patch === null) throw new RpcError('invalid_input', 'Select at least one added or removed line');

  const target = action === 'revert' ? 'worktree' : 'index';
  const options = { target, reverse: direction === 'reverse' } as const;
  try {
    await applyPatch(root, patch, { ...options, check: true });
  } catch (err) {
    throw refusal(file.path, err);
  }
  const backupPath = action === 'revert' ? await backups.keep(root, [{ path: file.path, worktree: true }], `revert a hunk of ${file.path}`) : null;
  try {
    await applyPatch(root, patch, options);
  } catch (err) {
    throw refusal(file.path, err);
  }

  const what = chosen ? `${chosen.size} line${chosen.size === 1 ? '' : 's'}` : 'the hunk';
  const verb = action === 'stage' ? 'Staged' : action === 'unstage' ? 'Unstaged' : 'Reverted';
  return { message: `${verb} ${what} in ${file.path}`, files: await filesAfter(root, paths), backupPath };
}

/** Files whose hunks cannot be rebuilt as a text patch get a sentence instead. */
export function refuseUnpatchable(file: DiffFile): void {
  const why = file.binary
    ? 'is a binary file'
    : file.submodule
      ? 'is a submodule'
      : file.status === 'U'
        ? 'is in conflict'
        : file.status === 'T'
          ? 'changed type (file, symlink or submodule)'
          : file.tooLarge
            ? 'is too large to show'
            : file.lossyText
              ? 'is not UTF-8 text'
              : null;
  if (why) throw new RpcError('conflict', `${file.path} ${why}: stage, unstage or revert it as a whole file`);
}

/** git's refusal to apply becomes a sentence for the user; anything else stays what it was. */
function refusal(filePath: string, err: unknown): unknown {
  if (err instanceof GitError && err.kind === 'failed') {
    return new RpcError('conflict', `The change no longer applies to ${filePath}: ${err.message.replace(/^git apply failed: /, '')}`);
  }
  return err;
}
