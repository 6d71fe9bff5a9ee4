/** Threads: create, list, rename, archive, and read back with their items. The agent adds turns later. */
import { RpcError, type Thread } from '../../../shared/contract';
import type { WorktreeThreadsService } from '../agent/worktrees/worktree-threads-service';
import { newId } from '../store/ids';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';

export class ThreadsService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    /** Makes and removes the worktrees of threads created in worktree mode. */
    private readonly worktrees: Pick<WorktreeThreadsService, 'prepare' | 'onArchive'>,
  ) {}

  private require(id: string): Thread {
    const thread = this.store.threads.get(id);
    if (!thread) throw new RpcError('not_found', `No thread with id ${id}`);
    return thread;
  }

  private changed(thread: Thread | undefined): Thread {
    if (!thread) throw new RpcError('not_found', 'The thread was removed');
    this.events.emit('threads.changed', thread);
    return thread;
  }

  handlers(): Pick<Handlers, 'threads.list' | 'threads.create' | 'threads.get' | 'threads.rename' | 'threads.archive'> {
    return {
      'threads.list': ({ workspaceId, includeArchived }) => this.store.threads.list({ workspaceId, includeArchived }),
      'threads.create': async ({ workspaceId, title, mode }) => {
        if (workspaceId && !this.store.workspaces.get(workspaceId)) throw new RpcError('not_found', `No workspace with id ${workspaceId}`);
        const id = newId();
        // The worktree first: if git refuses, no thread is left behind.
        await this.worktrees.prepare(id, workspaceId ?? null, mode);
        return this.changed(this.store.threads.create({ id, workspaceId: workspaceId ?? null, title: title ?? 'New thread' }));
      },
      'threads.get': ({ id }) => ({ thread: this.require(id), items: this.store.items.list(id) }),
      'threads.rename': ({ id, title }) => {
        this.require(id);
        return this.changed(this.store.threads.update(id, { title }));
      },
      'threads.archive': async ({ id, archived }) => {
        const thread = this.require(id);
        // An archived worktree thread keeps no worktree: its folder and branch are removed.
        if (archived) await this.worktrees.onArchive(thread);
        return this.changed(this.store.threads.update(id, { archived }));
      },
    };
  }
}
