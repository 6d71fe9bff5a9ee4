/** The transport's connection state, for the "disconnected — reconnecting" banner. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TandemClient } from '../api/client';
import type { ConnectionState } from '../api/transport';

export interface ConnectionStoreState {
  state: ConnectionState;
  retryNow(): void;
}

export type ConnectionStore = StoreApi<ConnectionStoreState>;

export function createConnectionStore(client: TandemClient): { store: ConnectionStore; stop(): void } {
  const store = createStore<ConnectionStoreState>()(() => ({
    state: client.connection(),
    retryNow: () => client.retryNow(),
  }));
  const off = client.onConnection((state) => store.setState({ state }));
  return { store, stop: off };
}
