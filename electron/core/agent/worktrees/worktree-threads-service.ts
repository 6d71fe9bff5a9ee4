/**
 * The contract side of worktree threads: making a thread's worktree when the thread is created in
 * worktree mode, listing its changes, applying them to the user's checkout, discarding them, and
 * removing the worktree when the thread is archived. ThreadWorktrees does the git; this decides when.
 */
import { RpcError, type Thread, type ThreadMode, type ThreadWorktree, type WorktreeApplyResult, type WorktreeChanges } from '../../../../shared/contract';
import { GitError } from '../../git/run-git';
import type { Store } from '../../store';
import type { Handlers } from '../../transport/router';
import type { ThreadWorktrees } from './thread-worktrees';
import { applyWorktreePatch, discardWorktreeChanges, readWorktreePatch } from './worktree-patch';

export interface WorktreeThreadsServiceOptions {
  store: Store;
  worktrees: ThreadWorktrees;
  /** Whether a turn of the thread is running now (its worktree must not be reset or removed under it). */
  isRunning: (threadId: string) => boolean;
}

export class WorktreeThreadsService {
  /** One git operation at a time per thread: an apply and a discard must not interleave. */
  private readonly busy = new Set<string>();

  constructor(private readonly options: WorktreeThreadsServiceOptions) {}

  /**
   * Gives a new thread its worktree. Called by threads.create before the thread row exists, so a failed
   * `git worktree add` leaves no half-made thread behind.
   */
  async prepare(threadId: string, workspaceId: string | null, mode: ThreadMode | undefined): Promise<ThreadWorktree | null> {
    if (!mode || mode.mode === 'local') return null;
    const workspace = workspaceId ? this.options.store.workspaces.get(workspaceId) : undefined;
    if (!workspace) throw new RpcError('invalid_input', 'A worktree thread needs a project folder: create it inside a workspace.');
    if (!workspace.isGit) throw new RpcError('invalid_input', `${workspace.name} is not a git repository, so a thread cannot get its own worktree there. Create a Local thread instead.`);
    try {
      return await this.options.worktrees.create({ threadId, repoRoot: workspace.path, base: mode.base });
    } catch (error) {
      throw asRpcError(error, 'The worktree could not be created');
    }
  }

  /** Removes an archived thread's worktree and branch. Refused while a turn runs there. */
  async onArchive(thread: Thread): Promise<void> {
    if (!thread.worktree) return;
    if (this.options.isRunning(thread.id)) throw new RpcError('conflict', 'A turn is running in this thread: stop it before archiving, so its worktree can be removed.');
    await this.exclusive(thread.id, async () => {
      try {
        await this.options.worktrees.remove(thread.id);
      } catch (error) {
        throw asRpcError(error, 'The worktree could not be removed');
      }
    });
  }

  async changes(threadId: string): Promise<WorktreeChanges> {
    const wt = this.requireWorktree(threadId);
    try {
      const read = await readWorktreePatch(wt);
      return { worktree: wt, files: read.files, applied: read.files.length > 0 && this.options.store.threadWorktrees.appliedTree(threadId) === read.tree };
    } catch (error) {
      throw asRpcError(error, 'The worktree could not be read');
    }
  }

  async apply(threadId: string): Promise<WorktreeApplyResult> {
    const wt = this.requireWorktree(threadId);
    return this.exclusive(threadId, async () => {
      try {
        const read = await readWorktreePatch(wt);
        const result = await applyWorktreePatch(wt, read);
        if (result.status === 'applied') this.options.store.threadWorktrees.setAppliedTree(threadId, read.tree);
        return result;
      } catch (error) {
        throw asRpcError(error, 'The changes could not be applied');
      }
    });
  }

  async discard(threadId: string): Promise<WorktreeChanges> {
    const wt = this.requireWorktree(threadId);
    if (this.options.isRunning(threadId)) throw new RpcError('conflict', 'A turn is running in this thread: stop it before discarding its changes.');
    await this.exclusive(threadId, async () => {
      try {
        await discardWorktreeChanges(wt);
        this.options.store.threadWorktrees.setAppliedTree(threadId, null);
      } catch (error) {
        throw asRpcError(error, 'The changes could not be discarded');
      }
    });
    return { worktree: wt, files: [], applied: false };
  }

  handlers(): Pick<Handlers, 'threads.worktree.changes' | 'threads.worktree.apply' | 'threads.worktree.discard'> {
    return {
      'threads.worktree.changes': ({ id }) => this.changes(id),
      'threads.worktree.apply': ({ id }) => this.apply(id),
      'threads.worktree.discard': ({ id }) => this.discard(id),
    };
  }

  private requireWorktree(threadId: string): ThreadWorktree {
    if (!this.options.store.threads.get(threadId)) throw new RpcError('not_found', `No thread with id ${threadId}`);
    const wt = this.options.worktrees.get(threadId);
    if (!wt) throw new RpcError('invalid_input', 'This thread works in the repository itself (Local), not in a worktree.');
    return wt;
  }

  private async exclusive<T>(threadId: string, work: () => Promise<T>): Promise<T> {
    if (this.busy.has(threadId)) throw new RpcError('conflict', "Another change to this thread's worktree is in progress; try again in a moment.");
    this.busy.add(threadId);
    try {
      return await work();
    } finally {
      this.busy.delete(threadId);
    }
  }
}

function asRpcError(error: unknown, what: string): Error {
  if (error instanceof RpcError) return error;
  if (error instanceof GitError) {
    const userFixable = ['unknown_revision', 'missing_folder', 'not_a_repository', 'no_commits', 'unsafe_repository'].includes(error.kind);
    const code = userFixable ? 'invalid_input' : error.kind === 'failed' ? 'conflict' : 'internal';
    return new RpcError(code, `${what}: ${error.message}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
