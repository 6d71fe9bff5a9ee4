/** App-wide facts from the core: version, mode, data dir, the global pause and the hotkey's status. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, HotkeyStatus } from '../../../shared/contract';
import type { TandemClient } from '../api/client';
import { describeError } from '../api/describe-error';
import type { LoadStatus } from './load-state';

export interface AppState {
  status: LoadStatus;
  error: string | null;
  info: AppInfo | null;
  paused: boolean;
  hotkey: HotkeyStatus | null;
  load(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  /** Registers a new global hotkey; resolves to the shell's verdict (which may be a failure to show). */
  setHotkey(accelerator: string): Promise<HotkeyStatus>;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(client: TandemClient): { store: AppStore; stop(): void } {
  const store = createStore<AppState>()((set, get) => ({
    status: 'idle',
    error: null,
    info: null,
    paused: false,
    hotkey: null,
    async load() {
      set({ status: get().info ? get().status : 'loading' });
      try {
        const info = await client.invoke('app.info', {});
        set({ status: 'ready', error: null, info, paused: info.paused, hotkey: info.hotkey });
      } catch (err) {
        set({ status: 'error', error: describeError(err) });
      }
    },
    async setPaused(paused) {
      const before = get().paused;
      set({ paused });
      try {
        const result = await client.invoke('app.setPaused', { paused });
        set({ paused: result.paused });
      } catch (err) {
        set({ paused: before });
        throw err;
      }
    },
    async setHotkey(accelerator) {
      const hotkey = await client.invoke('hotkey.set', { accelerator });
      set({ hotkey });
      return hotkey;
    },
  }));
  const offs = [
    client.on('app.paused', ({ paused }) => store.setState({ paused })),
    client.on('hotkey.changed', (hotkey) => store.setState({ hotkey })),
  ];
  return { store, stop: () => offs.forEach((off) => off()) };
}
