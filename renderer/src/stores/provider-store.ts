/**
 * The model provider as the core reports it (never the key itself), plus the local servers found on
 * this machine. "Ready" means a request could be made: an OpenAI key, or a compatible server's URL.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionTestResult, LocalServer, MethodInput, ProviderConfig } from '../../../shared/contract';
import type { TandemClient } from '../api/client';
import { describeError } from '../api/describe-error';
import type { LoadStatus } from './load-state';

export type ProviderDraft = MethodInput<'provider.update'>;

export interface ProviderState {
  status: LoadStatus;
  error: string | null;
  config: ProviderConfig | null;
  local: { status: LoadStatus; servers: LocalServer[] };
  load(): Promise<void>;
  update(draft: ProviderDraft): Promise<ProviderConfig>;
  test(draft: ProviderDraft): Promise<ConnectionTestResult>;
  detectLocal(): Promise<LocalServer[]>;
}

export type ProviderStore = StoreApi<ProviderState>;

export function isProviderReady(config: ProviderConfig | null): boolean {
  if (!config || !config.model) return false;
  return config.kind === 'openai' ? config.hasKey : config.baseUrl !== null;
}

export function createProviderStore(client: TandemClient): { store: ProviderStore; stop(): void } {
  const store = createStore<ProviderState>()((set, get) => ({
    status: 'idle',
    error: null,
    config: null,
    local: { status: 'idle', servers: [] },
    async load() {
      if (!get().config) set({ status: 'loading' });
      try {
        set({ status: 'ready', error: null, config: await client.invoke('provider.get', {}) });
      } catch (err) {
        set({ status: 'error', error: describeError(err) });
      }
    },
    async update(draft) {
      const config = await client.invoke('provider.update', draft);
      set({ config });
      return config;
    },
    test: (draft) => client.invoke('provider.test', draft),
    async detectLocal() {
      set({ local: { status: 'loading', servers: get().local.servers } });
      try {
        const servers = await client.invoke('provider.detectLocal', {});
        set({ local: { status: 'ready', servers } });
        return servers;
      } catch {
        // Detection is a convenience: when it fails, Settings simply offers nothing.
        set({ local: { status: 'error', servers: [] } });
        return [];
      }
    },
  }));
  const off = client.on('provider.changed', (config) => store.setState({ config }));
  return { store, stop: off };
}
