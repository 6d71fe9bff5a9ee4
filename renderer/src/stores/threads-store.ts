/**
 * Threads and, for the threads the user opened, their items. `threads.changed` carries one thread; an
 * open thread whose `updatedAt` moved is re-read so its items stay current.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Thread, ThreadItem, ThreadMode } from '../../../shared/contract';
import type { TandemClient } from '../api/client';
import { describeError } from '../api/describe-error';
import type { LoadStatus } from './load-state';

export interface ThreadDetail {
  status: LoadStatus;
  error: string | null;
  items: ThreadItem[];
}

export interface ThreadsState {
  status: LoadStatus;
  error: string | null;
  byId: Record<string, Thread>;
  details: Record<string, ThreadDetail>;
  load(): Promise<void>;
  /** Loads (or reloads) one thread with its items. */
  open(id: string): Promise<void>;
  /** `mode` worktree gives the thread its own git worktree and branch (see docs/agent.md). */
  create(workspaceId: string | null, title?: string, mode?: ThreadMode): Promise<Thread>;
  rename(id: string, title: string): Promise<void>;
  archive(id: string, archived?: boolean): Promise<void>;
  /** Takes a thread the core reported (an event or a call's answer). */
  receive(thread: Thread): void;
}

export type ThreadsStore = StoreApi<ThreadsState>;

/** Live threads, newest activity first. */
export function sortThreads(byId: Record<string, Thread>): Thread[] {
  return Object.values(byId)
    .filter((t) => !t.archived)
    .sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt);
}

export function createThreadsStore(client: TandemClient): { store: ThreadsStore; stop(): void } {
  const store = createStore<ThreadsState>()((set, get) => ({
    status: 'idle',
    error: null,
    byId: {},
    details: {},
    async load() {
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const list = await client.invoke('threads.list', {});
        set({ status: 'ready', error: null, byId: Object.fromEntries(list.map((t) => [t.id, t])) });
        // Re-read open threads too: after a reconnect their items may have moved on.
        for (const id of Object.keys(get().details)) void get().open(id);
      } catch (err) {
        set({ status: 'error', error: describeError(err) });
      }
    },
    async open(id) {
      const prev = get().details[id];
      set({ details: { ...get().details, [id]: { status: prev?.status === 'ready' ? 'ready' : 'loading', error: null, items: prev?.items ?? [] } } });
      try {
        const { thread, items } = await client.invoke('threads.get', { id });
        set({ byId: { ...get().byId, [id]: thread }, details: { ...get().details, [id]: { status: 'ready', error: null, items } } });
      } catch (err) {
        set({ details: { ...get().details, [id]: { status: 'error', error: describeError(err), items: prev?.items ?? [] } } });
      }
    },
    async create(workspaceId, title, mode) {
      const thread = await client.invoke('threads.create', { workspaceId, ...(title ? { title } : {}), ...(mode ? { mode } : {}) });
      get().receive(thread);
      return thread;
    },
    async rename(id, title) {
      get().receive(await client.invoke('threads.rename', { id, title }));
    },
    async archive(id, archived = true) {
      get().receive(await client.invoke('threads.archive', { id, archived }));
    },
    receive(thread) {
      const before = get().byId[thread.id];
      set({ byId: { ...get().byId, [thread.id]: thread } });
      if (before && before.updatedAt !== thread.updatedAt && get().details[thread.id]) void get().open(thread.id);
    },
  }));
  const off = client.on('threads.changed', (thread) => store.getState().receive(thread));
  return { store, stop: off };
}
