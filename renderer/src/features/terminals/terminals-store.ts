/**
 * The terminal panel's state for one window: the terminals the core reports, how they are arranged in
 * tabs and splits, and the live xterm sessions (which outlive the panel being hidden, so output keeps
 * flowing and nothing is re-fetched when it comes back). Fed by `terminal.*` events.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TerminalInfo } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { LoadStatus } from '../../stores/load-state';
import type { KeyValueStorage } from '../../stores/ui-store';
import { addPane, addTab, EMPTY_LAYOUT, focusPane, parseLayout, reconcile, removeTerminal, selectTab, type PanelLayout } from './layout';
import type { SavedView } from './stream-stitcher';
import type { TerminalSession } from './terminal-session';

const LAYOUT_KEY = 'tandem.terminals.layout.v1';
const VIEW_KEY_PREFIX = 'tandem.terminals.view.v1.';

export interface TerminalsState {
  status: LoadStatus;
  /** The last thing that went wrong, in words for the user (cleared by the next success). */
  error: string | null;
  byId: Record<string, TerminalInfo>;
  layout: PanelLayout;
  /** Why terminals were lost, until the user dismisses it. */
  lostNotice: string | null;
  load(): Promise<void>;
  /** A new terminal in a new tab, or beside `besideId` (a split). */
  createTerminal(options?: { besideId?: string | null; owner?: 'user' | 'agent'; label?: string }): Promise<TerminalInfo | null>;
  closeTerminal(id: string): Promise<void>;
  selectTab(tabId: string): void;
  focusPane(terminalId: string): void;
  dismissNotice(): void;
}

export type TerminalsStore = StoreApi<TerminalsState>;

export interface TerminalsFeature {
  store: TerminalsStore;
  /** The xterm session of a terminal, made on first use by `create`. */
  session(id: string, create: () => TerminalSession): TerminalSession;
  existingSession(id: string): TerminalSession | undefined;
  /** What a session saved before the page was reloaded (read once). */
  takeSavedView(id: string): SavedView | null;
  /** Saves every session's view for a reload. */
  saveViews(): void;
  stop(): void;
}

export function createTerminalsFeature(client: TandemClient, storage: KeyValueStorage | null): TerminalsFeature {
  const sessions = new Map<string, TerminalSession>();

  const readLayout = (): PanelLayout => {
    try {
      return parseLayout(JSON.parse(storage?.getItem(LAYOUT_KEY) ?? 'null')) ?? EMPTY_LAYOUT;
    } catch {
      return EMPTY_LAYOUT;
    }
  };

  const store = createStore<TerminalsState>()((set, get) => {
    const setLayout = (layout: PanelLayout) => {
      set({ layout });
      try {
        storage?.setItem(LAYOUT_KEY, JSON.stringify(layout));
      } catch {
        // Storage full or unavailable: the layout just is not remembered.
      }
    };
    return {
      status: 'idle',
      error: null,
      byId: {},
      layout: readLayout(),
      lostNotice: null,
      async load() {
        if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const list = await client.invoke('terminal.list', {});
          set({ status: 'ready', error: null, byId: Object.fromEntries(list.map((t) => [t.id, t])) });
          setLayout(reconcile(get().layout, list.map((t) => t.id)));
          for (const [id, session] of sessions) {
            if (!get().byId[id]) dropSession(id);
            // After a reconnect, events sent while offline were missed.
            else void session.resync();
          }
        } catch (err) {
          set({ status: 'error', error: describeError(err) });
        }
      },
      async createTerminal(options = {}) {
        try {
          const info = await client.invoke('terminal.create', {
            owner: options.owner ?? 'user',
            ...(options.label ? { label: options.label } : {}),
          });
          set({ byId: { ...get().byId, [info.id]: info }, error: null });
          // Its `terminal.created` event may have come first and given it a background tab of its own.
          const layout = removeTerminal(get().layout, info.id);
          setLayout(options.besideId ? addPane(layout, options.besideId, info.id) : addTab(layout, info.id));
          return info;
        } catch (err) {
          set({ error: describeError(err) });
          return null;
        }
      },
      async closeTerminal(id) {
        forget(id);
        try {
          await client.invoke('terminal.close', { id });
        } catch (err) {
          set({ error: describeError(err) });
        }
      },
      selectTab(tabId) {
        setLayout(selectTab(get().layout, tabId));
      },
      focusPane(terminalId) {
        const layout = get().layout;
        if (layout.activePane !== terminalId) setLayout(focusPane(layout, terminalId));
      },
      dismissNotice() {
        set({ lostNotice: null });
      },
    };

    function forget(id: string) {
      const { [id]: _gone, ...rest } = get().byId;
      set({ byId: rest });
      setLayout(removeTerminal(get().layout, id));
      dropSession(id);
    }
  });

  function dropSession(id: string) {
    sessions.get(id)?.dispose();
    sessions.delete(id);
    try {
      sessionStorage?.removeItem?.(VIEW_KEY_PREFIX + id);
    } catch {
      // Nothing saved.
    }
  }

  const receive = (info: TerminalInfo) => {
    const state = store.getState();
    store.setState({ byId: { ...state.byId, [info.id]: info } });
    // A terminal someone else opened (another window, the agent) gets its own tab, in the background.
    if (!state.layout.tabs.some((t) => t.panes.includes(info.id))) {
      const layout = addTab(state.layout, info.id, false);
      store.setState({ layout });
      try {
        storage?.setItem(LAYOUT_KEY, JSON.stringify(layout));
      } catch {
        // Not remembered.
      }
    }
  };

  const offs = [
    client.on('terminal.created', receive),
    client.on('terminal.changed', (info) => {
      if (store.getState().byId[info.id]) receive(info);
    }),
    client.on('terminal.closed', ({ id }) => {
      const state = store.getState();
      if (!state.byId[id]) return;
      const { [id]: _gone, ...rest } = state.byId;
      store.setState({ byId: rest, layout: removeTerminal(state.layout, id) });
      dropSession(id);
    }),
    client.on('terminal.lost', ({ reason }) => store.setState({ lostNotice: reason })),
    client.on('terminal.data', (event) => sessions.get(event.id)?.receive(event)),
  ];
  let wasOpen = client.connection().status === 'open';
  offs.push(
    client.onConnection((state) => {
      const open = state.status === 'open';
      if (open && !wasOpen) void store.getState().load();
      wasOpen = open;
    }),
  );
  if (wasOpen) void store.getState().load();

  return {
    store,
    session(id, create) {
      let session = sessions.get(id);
      if (!session) {
        session = create();
        sessions.set(id, session);
      }
      return session;
    },
    existingSession: (id) => sessions.get(id),
    takeSavedView(id) {
      try {
        const raw = sessionStorage.getItem(VIEW_KEY_PREFIX + id);
        sessionStorage.removeItem(VIEW_KEY_PREFIX + id);
        const parsed = JSON.parse(raw ?? 'null') as Partial<SavedView> | null;
        return parsed && typeof parsed.data === 'string' && typeof parsed.end === 'number' ? { data: parsed.data, end: parsed.end } : null;
      } catch {
        return null;
      }
    },
    saveViews() {
      for (const [id, session] of sessions) {
        const view = session.saveView();
        try {
          if (view) sessionStorage.setItem(VIEW_KEY_PREFIX + id, JSON.stringify(view));
        } catch {
          // Quota: this terminal restores from the core's snapshot alone.
        }
      }
    },
    stop() {
      for (const off of offs) off();
      for (const session of sessions.values()) session.dispose();
      sessions.clear();
    },
  };
}
