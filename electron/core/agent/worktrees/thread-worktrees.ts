/**
 * One git worktree per thread: `<dataDir>/worktrees/<threadId>` on branch `tandem/<short id>`, started
 * from HEAD or a chosen base. The record (which thread, which repository, which base) lives in the
 * store, so a restarted Tandem still knows where each thread works and what its changes are measured
 * against. This class is the one owner of those folders and branches: it makes them and removes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ThreadWorktree } from '../../../../shared/contract';
import { GitError } from '../../git/run-git';
import { repoRoot as findRepoRoot, resolveCommit } from '../../git/rev-parse';
import { addWorktree, removeWorktree } from '../../git/worktree';
import type { Store } from '../../store';

export interface CreateThreadWorktreeInput {
  /** The owner: a thread id, or any id of the same shape (a background draft). Used in the path. */
  threadId: string;
  /** Any folder inside the user's repository. */
  repoRoot: string;
  /** Branch, tag or commit to start from; HEAD when absent. */
  base?: string;
}

/** Thread ids are UUIDs; anything else could escape the worktrees folder or make an odd branch name. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const SHORT_ID_LENGTH = 8;

export class ThreadWorktrees {
  /** Creations in flight, so two calls for one thread cannot race each other into git. */
  private readonly pending = new Map<string, Promise<ThreadWorktree>>();

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
  ) {}

  /** Folder that holds every thread's worktree. */
  get root(): string {
    return path.join(this.dataDir, 'worktrees');
  }

  get(threadId: string): ThreadWorktree | null {
    return this.store.threadWorktrees.get(threadId);
  }

  list(): ThreadWorktree[] {
    return this.store.threadWorktrees.list();
  }

  create(input: CreateThreadWorktreeInput): Promise<ThreadWorktree> {
    const inFlight = this.pending.get(input.threadId);
    if (inFlight) return Promise.reject(new GitError('failed', `A worktree for ${input.threadId} is already being created`));
    const work = this.createNow(input).finally(() => this.pending.delete(input.threadId));
    this.pending.set(input.threadId, work);
    return work;
  }

  private async createNow(input: CreateThreadWorktreeInput): Promise<ThreadWorktree> {
    if (!SAFE_ID.test(input.threadId)) throw new GitError('failed', `Not a usable thread id for a worktree: ${JSON.stringify(input.threadId)}`);
    if (this.get(input.threadId)) throw new GitError('failed', `Thread ${input.threadId} already has a worktree`);
    const repo = await findRepoRoot(input.repoRoot);
    // Resolved here (with --end-of-options) so no user-typed name reaches git in an argument position.
    const baseId = await resolveCommit(repo, input.base ?? 'HEAD');
    fs.mkdirSync(this.root, { recursive: true, mode: 0o700 });
    const worktreePath = path.join(fs.realpathSync(this.root), input.threadId);
    if (fs.existsSync(worktreePath)) {
      throw new GitError('failed', `${worktreePath} already exists; remove it or archive the thread that used it`);
    }
    const branch = await this.freeBranchName(repo, input.threadId);
    const baseCommit = await addWorktree(repo, worktreePath, { branch, base: baseId });
    const record: ThreadWorktree = { threadId: input.threadId, repoRoot: repo, path: worktreePath, branch, baseCommit, createdAt: Date.now() };
    try {
      this.store.threadWorktrees.insert(record);
    } catch (err) {
      await removeWorktree(repo, worktreePath, { deleteBranch: branch }).catch(() => {});
      throw err;
    }
    return record;
  }

  /**
   * Removes the thread's worktree folder (with any uncommitted work: the caller decided) and its branch,
   * then forgets the record. A repository or folder that is already gone is not an error.
   */
  async remove(threadId: string): Promise<void> {
    const wt = this.get(threadId);
    if (!wt) return;
    try {
      await removeWorktree(wt.repoRoot, wt.path, { deleteBranch: wt.branch });
    } catch (err) {
      if (!(err instanceof GitError) || (err.kind !== 'missing_folder' && err.kind !== 'not_a_repository')) throw err;
    }
    // git leaves the folder when it did not know it as a worktree (e.g. the repository moved).
    fs.rmSync(wt.path, { recursive: true, force: true });
    this.store.threadWorktrees.delete(threadId);
  }

  /** `tandem/<first 8 of the id>`, or the whole id in the rare case the short one is taken. */
  private async freeBranchName(repo: string, threadId: string): Promise<string> {
    const short = `tandem/${threadId.slice(0, SHORT_ID_LENGTH)}`;
    const taken = await resolveCommit(repo, `refs/heads/${short}`).then(
      () => true,
      () => false,
    );
    return taken ? `tandem/${threadId}` : short;
  }
}
