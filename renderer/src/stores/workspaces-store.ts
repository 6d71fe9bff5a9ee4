/** The folders (usually git repos) the user opened. The core sends the whole list on every change. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Workspace } from '../../../shared/contract';
import type { TandemClient } from '../api/client';
import { describeError } from '../api/describe-error';
import type { LoadStatus } from './load-state';

export interface WorkspacesState {
  status: LoadStatus;
  error: string | null;
  list: Workspace[];
  load(): Promise<void>;
  /** Adds a folder by path; throws the core's error (e.g. "No folder at …") for the form to show. */
  add(path: string): Promise<Workspace>;
  remove(id: string): Promise<void>;
}

export type WorkspacesStore = StoreApi<WorkspacesState>;

function upsert(list: Workspace[], ws: Workspace): Workspace[] {
  return list.some((w) => w.id === ws.id) ? list.map((w) => (w.id === ws.id ? ws : w)) : [...list, ws];
}

export function createWorkspacesStore(client: TandemClient): { store: WorkspacesStore; stop(): void } {
  const store = createStore<WorkspacesState>()((set, get) => ({
    status: 'idle',
    error: null,
    list: [],
    async load() {
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        set({ status: 'ready', error: null, list: await client.invoke('workspaces.list', {}) });
      } catch (err) {
        set({ status: 'error', error: describeError(err) });
      }
    },
    async add(path) {
      const ws = await client.invoke('workspaces.add', { path });
      // The changed event usually arrives first; this keeps the list right if it does not.
      set({ list: upsert(get().list, ws) });
      return ws;
    },
    async remove(id) {
      const { removed } = await client.invoke('workspaces.remove', { id });
      if (removed) set({ list: get().list.filter((w) => w.id !== id) });
    },
  }));
  const off = client.on('workspaces.changed', (list) => store.setState({ list }));
  return { store, stop: off };
}
