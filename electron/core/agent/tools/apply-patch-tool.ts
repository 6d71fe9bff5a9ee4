/**
 * `apply_patch`: file edits in Codex's patch format, through the engine in ../apply-patch. Paths inside
 * the writable roots are written at once; a patch reaching outside them asks the user first (or is
 * refused where nobody can approve). The result is a fileChange item with a diff per file.
 */
import path from 'node:path';
import { z } from 'zod';
import type { FileChangeEntry, FileChangeItem } from '../../../../shared/contract';
import { applyPatch, parsePatch, type FileChange } from '../apply-patch';
import { newItemId } from '../items';
import { defineTool, type ToolContext } from './registry';
import { askWhileWaiting, denialReason } from './permissions';

export const applyPatchTool = defineTool({
  name: 'apply_patch',
  description:
    'Edit files with a patch. The input starts with "*** Begin Patch" and ends with "*** End Patch"; between them, ' +
    '"*** Add File: PATH" (every following line starts with +), "*** Delete File: PATH", or "*** Update File: PATH" ' +
    '(optionally followed by "*** Move to: NEW_PATH") with hunks that start with "@@" (optionally "@@ class or function name") ' +
    'and lines prefixed " " (context, about 3 lines above and below each change), "-" (removed) or "+" (added). ' +
    'Paths are relative to the working directory. This is the only way to edit files.',
  args: z.object({
    input: z.string().min(1).max(5_000_000).describe('The whole patch, from *** Begin Patch to *** End Patch.'),
  }),
  async run(args, ctx) {
    const item: FileChangeItem = {
      type: 'fileChange',
      id: newItemId(),
      call: ctx.call,
      step: ctx.step,
      cwd: ctx.cwd,
      status: 'inProgress',
      changes: [],
      reason: null,
    };
    ctx.items.start(item);

    try {
      parsePatch(args.input);
    } catch (error) {
      return finish(ctx, item, 'failed', [], (error as Error).message);
    }

    const verdict = await ctx.permissions.checkPatch(args.input, ctx.cwd);
    if (verdict.kind === 'forbid') return finish(ctx, item, 'declined', [], verdict.reason);

    let approved: string[] = [];
    if (verdict.kind === 'ask') {
      const answer = await askWhileWaiting(ctx, {
        threadId: ctx.threadId,
        turnId: ctx.turnId,
        itemId: item.id,
        kind: 'fileChange',
        reason: verdict.reason,
        justification: null,
        command: null,
        cwd: ctx.cwd,
        paths: verdict.paths,
        rulePrefix: null,
      });
      if (answer.decision === 'cancelled') return finish(ctx, item, 'interrupted', [], 'The turn was stopped before the patch was approved.');
      if (answer.decision === 'deny') return finish(ctx, item, 'declined', [], denialReason(answer, 'this patch', 'declined the patch'));
      approved = verdict.paths;
    }

    // The write check runs again as the patch is applied: a path that changed since (a symlink swapped
    // in) is judged by where it lands now.
    const result = await applyPatch(args.input, { cwd: ctx.cwd, canWrite: ctx.permissions.patchWriter(approved) });
    if (result.status === 'applied') return finish(ctx, item, 'completed', result.changes, null);
    if (result.status === 'failed') return finish(ctx, item, 'failed', result.changes, result.error.message);
    return finish(ctx, item, 'declined', [], `The patch would write paths that were not approved: ${result.paths.join(', ')}.`);
  },
});

function finish(ctx: ToolContext, item: FileChangeItem, status: FileChangeItem['status'], changes: FileChange[], reason: string | null): FileChangeItem {
  item.status = status;
  item.changes = changes.map(toEntry);
  item.reason = reason;
  ctx.items.complete(item);
  return item;
}

function toEntry(change: FileChange): FileChangeEntry {
  return {
    kind: change.kind,
    path: change.path,
    newPath: change.newPath ?? null,
    diff: change.diff,
    additions: change.additions,
    deletions: change.deletions,
  };
}

/** What the model reads back: Codex's summary on success, the reason otherwise. */
export function fileChangeOutput(item: FileChangeItem): string {
  const rel = (p: string) => path.relative(item.cwd, p) || p;
  const list = [
    ...item.changes.filter((c) => c.kind === 'add').map((c) => `A ${rel(c.path)}`),
    ...item.changes.filter((c) => c.kind === 'update' || c.kind === 'move').map((c) => `M ${rel(c.newPath ?? c.path)}`),
    ...item.changes.filter((c) => c.kind === 'delete').map((c) => `D ${rel(c.path)}`),
  ];
  switch (item.status) {
    case 'completed':
      return ['Success. Updated the following files:', ...list].join('\n');
    case 'failed':
      return [
        `apply_patch failed: ${item.reason ?? 'unknown error'}`,
        ...(list.length ? ['These files were changed before the failure (those changes stay):', ...list] : []),
      ].join('\n');
    case 'declined':
      return `apply_patch was not applied: ${item.reason ?? 'declined'}`;
    case 'interrupted':
      return 'apply_patch was interrupted before it was applied.';
    case 'inProgress':
      return 'apply_patch did not finish.';
  }
}
