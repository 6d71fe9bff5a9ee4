/** User preferences (theme, font size, onboarding). Changes apply at once and roll back if the core refuses. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Settings } from '../../../shared/contract';
import type { TandemClient } from '../api/client';
import { describeError } from '../api/describe-error';
import type { LoadStatus } from './load-state';

export interface SettingsState {
  status: LoadStatus;
  error: string | null;
  settings: Settings | null;
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<void>;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(client: TandemClient): { store: SettingsStore; stop(): void } {
  const store = createStore<SettingsState>()((set, get) => ({
    status: 'idle',
    error: null,
    settings: null,
    async load() {
      if (!get().settings) set({ status: 'loading' });
      try {
        set({ status: 'ready', error: null, settings: await client.invoke('settings.get', {}) });
      } catch (err) {
        set({ status: 'error', error: describeError(err) });
      }
    },
    async update(patch) {
      const before = get().settings;
      if (before) set({ settings: { ...before, ...patch } });
      try {
        set({ settings: await client.invoke('settings.update', patch) });
      } catch (err) {
        set({ settings: before });
        throw err;
      }
    },
  }));
  const off = client.on('settings.changed', (settings) => store.setState({ settings }));
  return { store, stop: off };
}
