/**
 * All stores of one window, created together around one client. Domain stores (re)load whenever the
 * connection opens — at start and after every reconnect, since events sent while offline were missed.
 */
import type { TandemClient } from '../api/client';
import { createAgentStore, type AgentStore } from './agent-store';
import { createAppStore, type AppStore } from './app-store';
import { createConnectionStore, type ConnectionStore } from './connection-store';
import { createProviderStore, type ProviderStore } from './provider-store';
import { createSettingsStore, type SettingsStore } from './settings-store';
import { createThreadsStore, type ThreadsStore } from './threads-store';
import { createToastsStore, type ToastsStore } from './toasts-store';
import { createUiStore, type KeyValueStorage, type UiStore } from './ui-store';
import { createWorkspacesStore, type WorkspacesStore } from './workspaces-store';

export type Domain = 'app' | 'settings' | 'provider' | 'workspaces' | 'threads';

export interface Stores {
  client: TandemClient;
  app: AppStore;
  settings: SettingsStore;
  provider: ProviderStore;
  workspaces: WorkspacesStore;
  threads: ThreadsStore;
  agent: AgentStore;
  connection: ConnectionStore;
  ui: UiStore;
  toasts: ToastsStore;
  dispose(): void;
}

export interface CreateStoresOptions {
  /** Which domains this window loads; a small window (overlay) skips what it never shows. */
  domains?: readonly Domain[];
  storage?: KeyValueStorage | null;
}

const ALL_DOMAINS: readonly Domain[] = ['app', 'settings', 'provider', 'workspaces', 'threads'];

export function createStores(client: TandemClient, options: CreateStoresOptions = {}): Stores {
  const app = createAppStore(client);
  const settings = createSettingsStore(client);
  const provider = createProviderStore(client);
  const workspaces = createWorkspacesStore(client);
  const threads = createThreadsStore(client);
  const agent = createAgentStore(client);
  const connection = createConnectionStore(client);
  const domains = options.domains ?? ALL_DOMAINS;
  const loaders: Record<Domain, () => Promise<void>> = {
    app: () => app.store.getState().load(),
    settings: () => settings.store.getState().load(),
    provider: () => provider.store.getState().load(),
    workspaces: () => workspaces.store.getState().load(),
    threads: () => threads.store.getState().load(),
  };
  const loadAll = () => {
    for (const d of domains) void loaders[d]();
  };
  let wasOpen = false;
  const offConnection = client.onConnection((state) => {
    const isOpen = state.status === 'open';
    if (isOpen && !wasOpen) loadAll();
    wasOpen = isOpen;
  });
  if (client.connection().status === 'open') {
    wasOpen = true;
    loadAll();
  }
  const stops = [app, settings, provider, workspaces, threads, agent, connection].map((s) => s.stop);
  return {
    client,
    app: app.store,
    settings: settings.store,
    provider: provider.store,
    workspaces: workspaces.store,
    threads: threads.store,
    agent: agent.store,
    connection: connection.store,
    ui: createUiStore(options.storage ?? null),
    toasts: createToastsStore(),
    dispose() {
      offConnection();
      for (const stop of stops) stop();
    },
  };
}
