/** Short messages about things that happened away from where the user is looking (a failed action). */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface ToastAction {
  label: string;
  run(): void | Promise<void>;
}

export interface Toast {
  id: number;
  tone: 'info' | 'error';
  message: string;
  /** One follow-up, such as Undo. */
  action?: ToastAction;
}

export interface ToastsState {
  toasts: Toast[];
  show(tone: Toast['tone'], message: string, action?: ToastAction): void;
  dismiss(id: number): void;
}

export type ToastsStore = StoreApi<ToastsState>;

/** At most this many on screen; older ones give way. */
const MAX_TOASTS = 3;

export function createToastsStore(): ToastsStore {
  let nextId = 1;
  return createStore<ToastsState>()((set, get) => ({
    toasts: [],
    show(tone, message, action) {
      // The same message twice in a row is one toast, not a stack.
      if (get().toasts.some((t) => t.message === message)) return;
      set({ toasts: [...get().toasts, { id: nextId++, tone, message, ...(action ? { action } : {}) }].slice(-MAX_TOASTS) });
    },
    dismiss(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
  }));
}
