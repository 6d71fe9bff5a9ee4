import { z } from 'zod';
import { event, method } from './define';
import { GitRevision } from './review';

export type ThreadStatus = 'idle' | 'running' | 'waitingForApproval' | 'paused' | 'done' | 'failed';

export interface Thread {
  id: string;
  workspaceId: string | null;
  title: string;
  status: ThreadStatus;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  /** Set when the thread runs in its own git worktree; null when it runs in the repository itself. */
  worktree: ThreadWorktree | null;
}

/** A git worktree (and branch) owned by one thread, so its edits never touch the user's checkout. */
export interface ThreadWorktree {
  threadId: string;
  /** The user's repository the worktree belongs to (its top-level folder). */
  repoRoot: string;
  /** Absolute path of the worktree, under the data dir. */
  path: string;
  /** The worktree's branch, e.g. `tandem/1a2b3c4d`. */
  branch: string;
  /** Full id of the commit the branch started from: the thread's changes are measured against it. */
  baseCommit: string;
  createdAt: number;
}

/** One entry of a thread's append-only item log (userMessage, agentMessage, commandExecution, …). */
export interface ThreadItem {
  id: string;
  threadId: string;
  turnId: string | null;
  seq: number;
  type: string;
  /** The item's completed body, as the agent recorded it. */
  data: unknown;
  createdAt: number;
}

/** One file a worktree thread changed, against its base. */
export interface WorktreeChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'typeChanged';
  /** The old path of a rename. */
  from: string | null;
}

/** What a worktree thread changed (committed on its branch and uncommitted), against its base. */
export interface WorktreeChanges {
  worktree: ThreadWorktree;
  files: WorktreeChangedFile[];
  /** True when exactly these changes were already applied to the user's checkout (nothing new since). */
  applied: boolean;
}

/** Why one file of a worktree's patch cannot go onto the user's checkout. */
export interface WorktreeConflict {
  path: string;
  reason: string;
}

export type WorktreeApplyResult =
  /** The changes are now uncommitted changes in the user's checkout. */
  | { status: 'applied'; files: string[] }
  | { status: 'nothing'; message: string }
  /** Nothing was changed in the user's checkout. */
  | { status: 'conflict'; message: string; conflicts: WorktreeConflict[] };

const Id = z.string().min(1).max(64);

/** Where a new thread works: the repository itself, or its own worktree and branch from HEAD or `base`. */
export const ThreadMode = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }).strict(),
  z.object({ mode: z.literal('worktree'), base: GitRevision.optional() }).strict(),
]);
export type ThreadMode = z.infer<typeof ThreadMode>;

export const threadMethods = {
  'threads.list': method<Thread[]>()(z.object({ workspaceId: Id.nullable().optional(), includeArchived: z.boolean().optional() }).strict()),
  'threads.create': method<Thread>()(
    z.object({ workspaceId: Id.nullable().optional(), title: z.string().trim().min(1).max(200).optional(), mode: ThreadMode.optional() }).strict(),
  ),
  'threads.get': method<{ thread: Thread; items: ThreadItem[] }>()(z.object({ id: Id }).strict()),
  'threads.rename': method<Thread>()(z.object({ id: Id, title: z.string().trim().min(1, 'A title cannot be empty').max(200) }).strict()),
  /** Archiving a worktree thread also removes its worktree and branch (the UI warns about unapplied changes first). */
  'threads.archive': method<Thread>()(z.object({ id: Id, archived: z.boolean().default(true) }).strict()),
  /** What a worktree thread changed against its base. */
  'threads.worktree.changes': method<WorktreeChanges>()(z.object({ id: Id }).strict()),
  /** Brings a worktree thread's changes to the user's checkout as uncommitted changes, or reports conflicts and changes nothing. */
  'threads.worktree.apply': method<WorktreeApplyResult>()(z.object({ id: Id }).strict()),
  /** Resets the thread's worktree (and branch) to its base; the thread stays. */
  'threads.worktree.discard': method<WorktreeChanges>()(z.object({ id: Id }).strict()),
};

export const threadEvents = {
  'threads.changed': event<Thread>(),
};
