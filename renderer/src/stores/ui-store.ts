/**
 * State of the main window's frame that belongs to this device, not to the core: which panels are
 * open and how big, which thread is selected, which dialog is up. Layout and selection survive reloads
 * through a small key-value storage (localStorage in the page).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type PanelId = 'sidebar' | 'review' | 'bottom';

export const PANEL_LIMITS: Record<PanelId, { min: number; max: number; initial: number }> = {
  sidebar: { min: 200, max: 480, initial: 264 },
  review: { min: 300, max: 960, initial: 400 },
  bottom: { min: 120, max: 800, initial: 240 },
};

export type SettingsSection = 'model' | 'mcp' | 'appearance' | 'hotkey' | 'suggestions' | 'privacy' | 'about';

export type Dialog =
  | { kind: 'settings'; section: SettingsSection }
  | { kind: 'palette' }
  | { kind: 'quickAsk' }
  /** Creating a thread with its own git worktree (asks where its branch starts). */
  | { kind: 'newWorktreeThread'; workspaceId: string | null }
  | null;

/** Places a command can send the keyboard focus to. */
export type FocusTarget = 'sidebar' | 'conversation' | 'composer' | 'review' | 'bottom';

export interface PanelState {
  open: boolean;
  size: number;
}

export interface UiState {
  panels: Record<PanelId, PanelState>;
  selectedThreadId: string | null;
  dialog: Dialog;
  /** The sidebar's "Add folder" field is showing. */
  addingFolder: boolean;
  /** The thread whose title is being edited in place. */
  renamingThreadId: string | null;
  /**
   * A pending request to move focus. The target takes it (and clears it) when it is rendered — at once,
   * or right after mounting when the same action also opened it (a new thread focuses its message box).
   */
  focusRequest: { target: FocusTarget; seq: number; at: number } | null;
  togglePanel(id: PanelId): void;
  setPanelOpen(id: PanelId, open: boolean): void;
  resizePanel(id: PanelId, size: number): void;
  selectThread(id: string | null): void;
  openDialog(dialog: Exclude<Dialog, null>): void;
  closeDialog(): void;
  setAddingFolder(adding: boolean): void;
  setRenaming(threadId: string | null): void;
  requestFocus(target: FocusTarget): void;
  /** Clears the request once its target took focus. */
  consumeFocus(seq: number): void;
}

export type UiStore = StoreApi<UiState>;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const STORAGE_KEY = 'tandem.ui.v1';

interface Persisted {
  panels: Record<PanelId, PanelState>;
  selectedThreadId: string | null;
}

export function clampPanelSize(id: PanelId, size: number): number {
  const { min, max } = PANEL_LIMITS[id];
  return Math.round(Math.min(max, Math.max(min, size)));
}

function initialPanels(): Record<PanelId, PanelState> {
  return {
    sidebar: { open: true, size: PANEL_LIMITS.sidebar.initial },
    review: { open: true, size: PANEL_LIMITS.review.initial },
    bottom: { open: true, size: PANEL_LIMITS.bottom.initial },
  };
}

function read(storage: KeyValueStorage | null): Persisted {
  const fallback: Persisted = { panels: initialPanels(), selectedThreadId: null };
  if (!storage) return fallback;
  try {
    const raw = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Partial<Persisted> | null;
    if (!raw || typeof raw !== 'object') return fallback;
    const panels = initialPanels();
    for (const id of Object.keys(panels) as PanelId[]) {
      const p = raw.panels?.[id];
      if (p && typeof p.open === 'boolean' && typeof p.size === 'number') panels[id] = { open: p.open, size: clampPanelSize(id, p.size) };
    }
    return { panels, selectedThreadId: typeof raw.selectedThreadId === 'string' ? raw.selectedThreadId : null };
  } catch {
    return fallback; // A damaged entry only costs the saved layout.
  }
}

export function createUiStore(storage: KeyValueStorage | null): UiStore {
  const saved = read(storage);
  const store = createStore<UiState>()((set, get) => ({
    panels: saved.panels,
    selectedThreadId: saved.selectedThreadId,
    dialog: null,
    addingFolder: false,
    renamingThreadId: null,
    focusRequest: null,
    togglePanel(id) {
      get().setPanelOpen(id, !get().panels[id].open);
    },
    setPanelOpen(id, open) {
      set({ panels: { ...get().panels, [id]: { ...get().panels[id], open } } });
    },
    resizePanel(id, size) {
      set({ panels: { ...get().panels, [id]: { ...get().panels[id], size: clampPanelSize(id, size) } } });
    },
    selectThread(id) {
      set({ selectedThreadId: id });
    },
    openDialog(dialog) {
      set({ dialog });
    },
    closeDialog() {
      set({ dialog: null });
    },
    setAddingFolder(adding) {
      set({ addingFolder: adding });
    },
    setRenaming(threadId) {
      set({ renamingThreadId: threadId });
    },
    requestFocus(target) {
      set({ focusRequest: { target, seq: (get().focusRequest?.seq ?? 0) + 1, at: Date.now() } });
    },
    consumeFocus(seq) {
      if (get().focusRequest?.seq === seq) set({ focusRequest: null });
    },
  }));
  if (storage) {
    store.subscribe((state, prev) => {
      if (state.panels === prev.panels && state.selectedThreadId === prev.selectedThreadId) return;
      try {
        storage.setItem(STORAGE_KEY, JSON.stringify({ panels: state.panels, selectedThreadId: state.selectedThreadId } satisfies Persisted));
      } catch {
        // Storage full or denied: the layout just won't persist.
      }
    });
  }
  return store;
}
